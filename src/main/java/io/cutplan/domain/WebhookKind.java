package io.cutplan.domain;

/**
 * What a webhook delivery reports. A webhook subscribes to any of them except {@link #TEST}, which only the
 * administrator's "send a test" produces. Stored and sent by name ({@code X-Cutplan-Event}).
 */
public enum WebhookKind {
    STEP_FAILED,
    STEP_ON_HOLD,
    /** A go/no-go step became DONE. */
    GO_NO_GO_DONE,
    /** A pilot let a go/no-go pass with work still open. */
    GATE_OVERRIDDEN,
    ITERATION_STARTED,
    ITERATION_COMPLETED,
    /** A status update to the iteration's stakeholders (posted by a pilot, or the automatic summary). */
    BROADCAST,
    TEST;

    public boolean subscribable() {
        return this != TEST;
    }
}
