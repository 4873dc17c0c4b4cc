package io.cutplan.service.webhook;

import io.cutplan.domain.WebhookUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one delivery: connect and read timeouts, redirects never followed (a 3xx is a failure: a receiver that
 * moved must be reconfigured, and following could send the signed body elsewhere). The answer's body is not read.
 * Errors never quote the URL's query string.
 *
 * <p>{@code HttpURLConnection} rather than {@code java.net.http.HttpClient}: on Java 17 that client keeps a selector
 * thread per client that cannot be closed (it ends only once the client is garbage collected), so a plugin that is
 * disabled or updated in Confluence would leave a thread holding its class loader (FelixBundleTest caught it). Each
 * request says {@code Connection: close}, so no connection (and no keep-alive timer) outlives it.
 */
public final class WebhookSender {
    /** The outcome: {@code ok} for a 2xx answer; otherwise the status (when one came) and a sanitised error. */
    public record Result(boolean ok, Integer status, String error) {
    }

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public WebhookSender(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, requestTimeout.toMillis()));
    }

    public Result post(String url, Map<String, String> headers, String body) {
        HttpURLConnection http = null;
        try {
            URLConnection connection = URI.create(url).toURL().openConnection();
            if (!(connection instanceof HttpURLConnection h)) {
                return new Result(false, null, "Not an HTTP URL (" + WebhookUrls.redact(url) + ")");
            }
            http = h;
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            http.setConnectTimeout(connectTimeoutMillis);
            http.setReadTimeout(readTimeoutMillis);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.setFixedLengthStreamingMode(bytes.length);
            http.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            http.setRequestProperty("User-Agent", "Cutplan-Webhooks/1");
            http.setRequestProperty("Connection", "close");
            for (Map.Entry<String, String> e : headers.entrySet()) {
                http.setRequestProperty(e.getKey(), e.getValue());
            }
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int s = http.getResponseCode();
            try (InputStream ignored = s >= 400 ? http.getErrorStream() : http.getInputStream()) {
                // not read: the receiver's answer is not ours to keep
            } catch (IOException e) {
                // a body that cannot be opened changes nothing about the status
            }
            if (s >= 200 && s < 300) {
                return new Result(true, s, null);
            }
            if (s >= 300 && s < 400) {
                return new Result(false, s, "HTTP " + s + " redirect not followed (reconfigure the webhook with the new URL)");
            }
            return new Result(false, s, "HTTP " + s + " from the receiver");
        } catch (SocketTimeoutException e) {
            return new Result(false, null, "Timed out (" + e.getClass().getSimpleName() + ") talking to " + WebhookUrls.redact(url));
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new Result(false, null, WebhookUrls.sanitise(e.getClass().getSimpleName() + m + " (" + WebhookUrls.redact(url) + ")"));
        } catch (IllegalArgumentException e) {
            return new Result(false, null, WebhookUrls.sanitise("Invalid request: " + e.getMessage()));
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }
}
