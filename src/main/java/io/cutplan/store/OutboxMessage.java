package io.cutplan.store;

import io.cutplan.domain.NotificationKind;
import io.cutplan.domain.NotificationStatus;
import java.time.Instant;
import java.util.UUID;

/** One {@code notification_outbox} row. */
public record OutboxMessage(
        UUID id,
        UUID eventId,
        UUID iterationId,
        UUID stepInstanceId,
        NotificationKind kind,
        String recipient,
        UUID recipientUserId,
        boolean testMode,
        String subject,
        String htmlBody,
        String textBody,
        NotificationStatus status,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant sentAt,
        Instant failedAt) {
}
