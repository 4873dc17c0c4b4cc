package io.cutplan.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the services read "now" from where time itself changes an answer (the forecast: a running step
 * overruns without any write). It is the system clock unless a host pins it: tests pin it to drive a cutover
 * through time without sleeping ({@link #pin}, then {@link #release}). One per {@link CutplanServices}.
 */
public final class AdjustableClock extends Clock {
    private volatile Instant pinned;

    /** From now on, {@link #instant()} answers {@code at} until pinned elsewhere or released. */
    public void pin(Instant at) {
        pinned = at;
    }

    /** Back to the system clock. */
    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Cutplan's clock is UTC only");
    }
}
