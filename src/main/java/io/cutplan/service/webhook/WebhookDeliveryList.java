package io.cutplan.service.webhook;

import io.cutplan.domain.NotificationStatus;
import java.util.List;
import java.util.Map;

/** {@code GET /webhook-deliveries}: counts by status (of the webhook when one is asked for) and the newest deliveries. */
public record WebhookDeliveryList(Map<NotificationStatus, Long> counts, List<WebhookDeliveryView> deliveries) {
}
