package io.cutplan.domain;

/** Why a notification email is sent; stored in {@code notification_outbox.kind}. */
public enum NotificationKind {
    STEP_READY,
    STEP_FAILED,
    STEP_ON_HOLD,
    GO_NO_GO_DONE,
    CONTROL_FAILED,
    COMMENT_ADDED,
    /** A broadcast (BROADCAST_POSTED) to the iteration's stakeholder list. */
    BROADCAST
}
