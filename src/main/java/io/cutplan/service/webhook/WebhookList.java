package io.cutplan.service.webhook;

import java.util.List;

/** {@code GET /webhooks}: the webhooks, and whether this host lets them use http to a loopback address. */
public record WebhookList(boolean allowHttpLoopback, List<String> eventKinds, List<WebhookView> webhooks) {
}
