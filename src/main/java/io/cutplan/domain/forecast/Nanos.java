package io.cutplan.domain.forecast;

import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch, so the passes compare and add plain {@code long}s. Exact for every
 * instant between the years 1678 and 2262; minutes are whole minutes truncated toward zero, as
 * {@link java.time.Duration#toMinutes()} does.
 */
final class Nanos {
    static final long PER_MINUTE = 60_000_000_000L;
    /** Stands for "no instant" in the arrays. */
    static final long NONE = Long.MIN_VALUE;

    private Nanos() {
    }

    static long of(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static long ofNullable(Instant t) {
        return t == null ? NONE : of(t);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static long minutes(int minutes) {
        return minutes * PER_MINUTE;
    }

    /** {@code to - from} in whole minutes, truncated toward zero. */
    static long minutesBetween(long from, long to) {
        return (to - from) / PER_MINUTE;
    }
}
