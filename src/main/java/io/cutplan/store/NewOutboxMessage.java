package io.cutplan.store;

import io.cutplan.domain.NotificationKind;
import java.util.UUID;

/** A message to queue: one recipient of one event. */
public record NewOutboxMessage(
        UUID eventId,
        UUID iterationId,
        UUID stepInstanceId,
        NotificationKind kind,
        String recipient,
        UUID recipientUserId,
        boolean testMode,
        String subject,
        String htmlBody,
        String textBody) {
}
