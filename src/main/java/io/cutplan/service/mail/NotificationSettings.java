package io.cutplan.service.mail;

import io.cutplan.domain.NotificationMode;

/**
 * An iteration's notification settings, as read and written by {@code /iterations/{id}/notification-settings}.
 * On PUT, {@code mode} and {@code notifyComments} are required; {@code testAddress} is required for TEST and kept
 * (when given) for the other modes.
 */
public record NotificationSettings(NotificationMode mode, String testAddress, Boolean notifyComments) {
}
