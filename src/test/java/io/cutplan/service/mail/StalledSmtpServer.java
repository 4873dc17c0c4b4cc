package io.cutplan.service.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A "mail server" that accepts connections and never says a word: the worst kind of slow. */
final class StalledSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final Thread acceptor;

    StalledSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                    firstConnection.countDown();
                } catch (IOException e) {
                    return;
                }
            }
        }, "stalled-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    boolean awaitConnection(long seconds) throws InterruptedException {
        return firstConnection.await(seconds, TimeUnit.SECONDS);
    }

    /** Connections accepted and still held open (none is ever answered). */
    int heldConnections() {
        return (int) held.stream().filter(s -> !s.isClosed()).count();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
