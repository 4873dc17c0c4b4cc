package io.cutplan.service.webhook;

import io.cutplan.domain.WebhookUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one delivery with the JDK's HTTP client: connect and request timeouts, redirects never followed (a 3xx is
 * a failure: a receiver that moved must be reconfigured, and following could send the signed body elsewhere).
 * The answer's body is not read. Errors never quote the URL's query string.
 */
public final class WebhookSender {
    /** The outcome: {@code ok} for a 2xx answer; otherwise the status (when one came) and a sanitised error. */
    public record Result(boolean ok, Integer status, String error) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;

    public WebhookSender(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    public Result post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "Cutplan-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream ignored = r.body()) {
                int s = r.statusCode();
                if (s >= 200 && s < 300) {
                    return new Result(true, s, null);
                }
                if (s >= 300 && s < 400) {
                    return new Result(false, s, "HTTP " + s + " redirect not followed (reconfigure the webhook with the new URL)");
                }
                return new Result(false, s, "HTTP " + s + " from the receiver");
            }
        } catch (HttpTimeoutException e) {
            return new Result(false, null, "Timed out (" + e.getClass().getSimpleName() + ") talking to " + WebhookUrls.redact(url));
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new Result(false, null, WebhookUrls.sanitise(e.getClass().getSimpleName() + m + " (" + WebhookUrls.redact(url) + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "Interrupted while sending (the host is stopping)");
        } catch (IllegalArgumentException e) {
            return new Result(false, null, WebhookUrls.sanitise("Invalid request: " + e.getMessage()));
        }
    }
}
