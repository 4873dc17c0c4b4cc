package io.cutplan.domain;

/** Who a notification is meant for; each resolves to people through team membership or roles, never names. */
public enum NotificationAudience {
    /** Members of the step's owner team. */
    OWNER_TEAM,
    /** Users nominated on the step's tasks. */
    TASK_NOMINEES,
    /** Members of the teams listed as impacted by the step. */
    IMPACTED_TEAMS,
    /** Every active user with the PILOT role. */
    PILOTS,
    /**
     * The iteration's stakeholder list (broadcasts only): plain addresses a pilot keeps per iteration, people who
     * need not be Cutplan users at all.
     */
    STAKEHOLDERS
}
