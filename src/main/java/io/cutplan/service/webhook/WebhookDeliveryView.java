package io.cutplan.service.webhook;

import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.WebhookKind;
import io.cutplan.store.WebhookDeliveryDao.Delivery;
import java.time.Instant;
import java.util.UUID;

/** One webhook delivery for administrators ({@code lastError} never quotes a URL's query string). */
public record WebhookDeliveryView(UUID id, UUID webhookId, UUID iterationId, UUID eventId, WebhookKind kind,
                                  NotificationStatus status, int attempts, int maxAttempts, Instant nextAttemptAt,
                                  String lastError, Integer lastStatusCode, Instant createdAt, Instant updatedAt,
                                  Instant sentAt, Instant failedAt) {

    static WebhookDeliveryView of(Delivery d, int maxAttempts) {
        return new WebhookDeliveryView(d.id(), d.webhookId(), d.iterationId(), d.eventId(), d.kind(), d.status(),
                d.attempts(), maxAttempts, d.status() == NotificationStatus.PENDING ? d.nextAttemptAt() : null, d.lastError(),
                d.lastStatusCode(), d.createdAt(), d.updatedAt(), d.sentAt(), d.failedAt());
    }
}
