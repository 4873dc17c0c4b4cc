package io.cutplan.service.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver in the test JVM (JDK HttpServer on loopback). It answers per {@link #mode}: 204, a fixed
 * status, a redirect to {@code /moved} (which it also records when hit), or a stall (no answer until released).
 * {@link #stop()} and {@link #start()} take it down and bring it back on the same port (a real outage).
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(String path, String event, String deliveryId, String timestamp, String signature, String body) {
    }

    public enum Mode { OK, ERROR_500, REDIRECT, STALL }

    private final List<Received> received = new ArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile CountDownLatch stall = new CountDownLatch(1);
    private volatile int movedHits;
    private HttpServer server;
    private int port;

    public synchronized WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void mode(Mode m) {
        if (m == Mode.STALL) {
            stall = new CountDownLatch(1);
        } else {
            stall.countDown();
        }
        mode = m;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized List<Received> received(String pathPrefix) {
        return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    public int movedHits() {
        return movedHits;
    }

    private void handle(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = x.getRequestURI().getPath();
        if (path.startsWith("/moved")) {
            movedHits++;
            x.sendResponseHeaders(204, -1);
            x.close();
            return;
        }
        Mode m = mode;
        if (m == Mode.STALL) {
            try {
                stall.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
            return;
        }
        if (m == Mode.REDIRECT) {
            x.getResponseHeaders().add("Location", url("/moved" + path));
            x.sendResponseHeaders(302, -1);
            x.close();
            return;
        }
        if (m == Mode.ERROR_500) {
            x.sendResponseHeaders(500, -1);
            x.close();
            return;
        }
        synchronized (this) {
            received.add(new Received(path, x.getRequestHeaders().getFirst("X-Cutplan-Event"),
                    x.getRequestHeaders().getFirst("X-Cutplan-Delivery"), x.getRequestHeaders().getFirst("X-Cutplan-Timestamp"),
                    x.getRequestHeaders().getFirst("X-Cutplan-Signature"), body));
        }
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    public static Map<String, String> none() {
        return Map.of();
    }

    @Override
    public void close() {
        stall.countDown();
        stop();
    }
}
