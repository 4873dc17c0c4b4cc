package io.cutplan.domain;

/** A control's outcome in one iteration. */
public enum ControlStatus {
    PENDING,
    PASSED,
    FAILED
}
