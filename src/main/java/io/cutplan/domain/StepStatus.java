package io.cutplan.domain;

/** The lifecycle of one step in one iteration. */
public enum StepStatus {
    PENDING,
    READY,
    IN_PROGRESS,
    DONE,
    FAILED,
    ON_HOLD,
    SKIPPED,
    CANCELLED
    // When successors may proceed is Readiness: DONE, or SKIPPED once its own predecessors are (a skip passes through).
}
