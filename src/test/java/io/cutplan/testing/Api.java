package io.cutplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.api.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small real-HTTP client for tests: Basic auth, the XSRF header on writes, JSON bodies. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;
    private final boolean xsrfHeader;

    public Api(String base, String username, String password) {
        this(base, username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)), true);
    }

    private Api(String base, String authorization, boolean xsrfHeader) {
        this.base = base;
        this.authorization = authorization;
        this.xsrfHeader = xsrfHeader;
    }

    /** The same user, but mutating requests leave out {@code X-Atlassian-Token}. */
    public Api withoutXsrfHeader() {
        return new Api(base, authorization, false);
    }

    /** The Authorization header this client sends (for tests that build raw requests). */
    public String authorizationHeader() {
        return authorization;
    }

    /** No credentials at all. */
    public Api anonymous() {
        return new Api(base, null, xsrfHeader);
    }

    public Response get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    public Response post(String path, Object body, String... headers) {
        return send(builder(path, headers).POST(body(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body, String... headers) {
        return send(builder(path, headers).PUT(body(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path, String... headers) {
        return send(builder(path, headers).DELETE());
    }

    /** Any method with a raw body, for hostile-input tests. */
    public Response raw(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = builder(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (xsrfHeader) {
            b.header("X-Atlassian-Token", "no-check");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            String json = body instanceof String s ? s : JsonMapper.get().writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed as JSON on demand. */
    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JsonMapper.get().readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON (" + raw.statusCode() + "): " + raw.body(), e);
            }
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
