package io.cutplan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;

/**
 * The load generator's HTTP client: java.net.http over keep-alive connections, Basic auth, the XSRF header on
 * writes, and the {@link ServerTimer#LABEL} header so the server times the same requests. Java 17 has no
 * virtual threads, so concurrency comes from a bounded pool owned by the caller.
 */
public final class BenchClient {
    private final HttpClient http;
    private final String base;

    public record Result(int status, int bytes, long nanos, String etag, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public BenchClient(String base, ExecutorService executor) {
        this.base = base;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Result get(String auth, String path, String label, String... headers) {
        HttpRequest.Builder b = request(auth, path, label, headers).GET();
        return send(b.build());
    }

    public Result post(String auth, String path, String label, String json) {
        HttpRequest.Builder b = request(auth, path, label).header("X-Atlassian-Token", "no-check")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    private HttpRequest.Builder request(String auth, String path, String label, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth);
        if (label != null) {
            b.header(ServerTimer.LABEL, label);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Result send(HttpRequest request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - t0;
            return new Result(r.statusCode(), r.body().length, nanos, r.headers().firstValue("ETag").orElse(null), r.body());
        } catch (IOException e) {
            return new Result(-1, 0, System.nanoTime() - t0, null, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-2, 0, System.nanoTime() - t0, null, new byte[0]);
        }
    }
}
