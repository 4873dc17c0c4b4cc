package io.cutplan.service.spi;

import java.time.Duration;

/**
 * How outgoing webhooks are sent. {@code allowHttpLoopback} lets a webhook use plain {@code http} to a loopback
 * address (tests, a local relay); every other URL must be {@code https}. Standalone:
 * {@code --webhooks-allow-http-loopback}; Confluence (or any host): system property
 * {@code cutplan.webhooks.allowHttpLoopback=true}. {@code dispatch} tunes the background dispatcher as for mail; its
 * lease must exceed {@code batchSize} times ({@code connectTimeout} + {@code requestTimeout}).
 */
public record WebhookSettings(boolean allowHttpLoopback, DispatcherSettings dispatch, Duration connectTimeout,
                              Duration requestTimeout) {
    public static final String ALLOW_HTTP_LOOPBACK_PROPERTY = "cutplan.webhooks.allowHttpLoopback";

    public WebhookSettings {
        if (dispatch == null || connectTimeout == null || requestTimeout == null || connectTimeout.isNegative()
                || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("webhook settings need a dispatcher and positive timeouts");
        }
    }

    /** https only (unless the system property allows loopback http); 5 s to connect, 10 s for the answer. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Boolean.getBoolean(ALLOW_HTTP_LOOPBACK_PROPERTY), DispatcherSettings.defaults(),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    public WebhookSettings withAllowHttpLoopback(boolean allow) {
        return new WebhookSettings(allow, dispatch, connectTimeout, requestTimeout);
    }

    public WebhookSettings withDispatch(DispatcherSettings d) {
        return new WebhookSettings(allowHttpLoopback, d, connectTimeout, requestTimeout);
    }

    public WebhookSettings withTimeouts(Duration connect, Duration request) {
        return new WebhookSettings(allowHttpLoopback, dispatch, connect, request);
    }
}
