package io.cutplan.domain;

/** The life of one outbox message: waiting (or retrying), claimed by a dispatcher, delivered, given up. */
public enum NotificationStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED
}
