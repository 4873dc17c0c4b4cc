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
    CANCELLED;

    /** Finished in the sense that successors may proceed. */
    public boolean releasesSuccessors() {
        return this == DONE || this == SKIPPED;
    }
}
