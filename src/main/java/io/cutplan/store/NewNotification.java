package io.cutplan.store;

import io.cutplan.domain.NotificationKind;
import java.util.UUID;

/** One event's rendered message, to be queued for one or more recipients. */
public record NewNotification(
        UUID eventId,
        UUID iterationId,
        UUID stepInstanceId,
        NotificationKind kind,
        boolean testMode,
        String subject,
        String htmlBody,
        String textBody) {

    /** Who one copy goes to; {@code userId} is null for the test address. */
    public record To(String address, UUID userId) {
    }
}
