package io.cutplan.service.mail;

import io.cutplan.domain.NotificationMode;

/**
 * An iteration's notification settings, as read and written by {@code /iterations/{id}/notification-settings}.
 * On PUT, {@code mode} and {@code notifyComments} are required; {@code testAddress} is required for TEST and kept
 * (when given) for the other modes. {@code timeZone}: the IANA zone the iteration's e-mails show their times in;
 * null (or left out) means the host's zone, which {@code hostTimeZone} names (read only: ignored on PUT).
 */
public record NotificationSettings(NotificationMode mode, String testAddress, Boolean notifyComments, String timeZone,
                                   String hostTimeZone) {

    public NotificationSettings(NotificationMode mode, String testAddress, Boolean notifyComments) {
        this(mode, testAddress, notifyComments, null, null);
    }
}
