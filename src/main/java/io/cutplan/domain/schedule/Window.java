package io.cutplan.domain.schedule;

import java.time.Instant;

/** A half-open-free time window [start, end]: an iteration's planned window or a chapter's planned slot. */
public record Window(Instant start, Instant end) {

    /** Whether the interval [from, to] lies inside this window (touching the edges is inside). */
    public boolean encloses(Instant from, Instant to) {
        return !from.isBefore(start) && !to.isAfter(end);
    }
}
