package io.cutplan.domain;

/** What an {@code event_log} row records. Stored by name; add new kinds at the end of their group. */
public enum EventType {
    // Runbook execution
    STEP_STATUS_CHANGED,
    STEP_GATE_OVERRIDDEN,
    TASK_COMPLETED,
    TASK_REOPENED,
    CONTROL_STATUS_CHANGED,
    COMMENT_ADDED,
    // Planning
    ITERATION_CREATED,
    ITERATION_UPDATED,
    SCHEDULE_CHANGED,
    /** A PLANNED iteration took its plan's current content (POST /iterations/{id}/refresh). */
    ITERATION_REFRESHED,
    // Notifications
    NOTIFICATION_SENT,
    NOTIFICATION_FAILED,
    // Authoring
    PLAN_CHANGED,
    PLAN_IMPORTED,
    // Administration: teams, users and migrations changed (iteration_id null)
    DIRECTORY_CHANGED,
    // Review: a lesson (review note) on an iteration or one of its steps set, changed or cleared
    REVIEW_NOTE_CHANGED,
    // Comms: a pilot's status update to the iteration's stakeholders, or the automatic hourly summary
    // (details: text, nextUpdateAt (ISO instant or absent), automatic). Mailed to the iteration's stakeholder list
    // and delivered to its webhooks.
    BROADCAST_POSTED
}
