package io.cutplan.service.mail;

import io.cutplan.domain.NotificationKind;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.store.OutboxMessage;
import java.time.Instant;
import java.util.UUID;

/**
 * One outbox message for administrators. The bodies are included only when asked for one message
 * ({@code GET /notifications/{id}}); the HTML body is the message's own markup, to be shown sandboxed or as text.
 */
public record NotificationView(UUID id, UUID eventId, UUID iterationId, UUID stepInstanceId, NotificationKind kind,
                               String recipient, UUID recipientUserId, boolean testMode, String subject,
                               NotificationStatus status, int attempts, int maxAttempts, Instant nextAttemptAt,
                               String claimedBy, Instant claimedUntil, String lastError, Instant createdAt,
                               Instant updatedAt, Instant sentAt, Instant failedAt, String htmlBody, String textBody) {

    static NotificationView of(OutboxMessage m, int maxAttempts, boolean withBodies) {
        return new NotificationView(m.id(), m.eventId(), m.iterationId(), m.stepInstanceId(), m.kind(), m.recipient(),
                m.recipientUserId(), m.testMode(), m.subject(), m.status(), m.attempts(), maxAttempts,
                m.status() == NotificationStatus.PENDING ? m.nextAttemptAt() : null, m.claimedBy(), m.claimedUntil(),
                m.lastError(), m.createdAt(), m.updatedAt(), m.sentAt(), m.failedAt(),
                withBodies ? m.htmlBody() : null, withBodies ? m.textBody() : null);
    }
}
