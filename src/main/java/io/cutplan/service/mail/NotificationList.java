package io.cutplan.service.mail;

import io.cutplan.domain.NotificationStatus;
import java.util.List;
import java.util.Map;

/** {@code GET /notifications}: the transport's state, counts per status, and the newest matching messages. */
public record NotificationList(TransportState transport, Map<NotificationStatus, Long> counts,
                               List<NotificationView> messages) {

    /** Whether mail can leave at all; {@code description} is secret-free and, when unconfigured, says why. */
    public record TransportState(boolean configured, String description) {
    }
}
