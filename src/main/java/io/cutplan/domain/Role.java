package io.cutplan.domain;

/** What a user may do. ADMIN edits canonical plans; PILOT runs the cutover; NORMAL executes their teams' steps. */
public enum Role {
    ADMIN,
    PILOT,
    NORMAL
}
