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
    /** Four-eyes: a pilot asked to override a step's gate (details: stepCode, reason, openTasks, unpassedControls). */
    GATE_OVERRIDE_REQUESTED,
    /**
     * Four-eyes: a pilot rejected (or its requester withdrew) a pending override request (details: stepCode, reason,
     * requestedBy {id, name}, requestReason, withdrawn). A confirmed request is a STEP_GATE_OVERRIDDEN with both pilots.
     */
    GATE_OVERRIDE_REJECTED,
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
