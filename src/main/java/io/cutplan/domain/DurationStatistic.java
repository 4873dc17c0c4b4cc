package io.cutplan.domain;

import java.util.Arrays;
import java.util.Collection;

/**
 * How many observed durations of one step become one figure: the forecast's learned basis and the duration
 * calibration use this one implementation, so "learned" means the same thing everywhere.
 *
 * <p>Percentiles interpolate linearly between the two nearest observations (position {@code p * (n - 1)} in
 * the sorted samples), the way PostgreSQL's {@code percentile_cont} does: the median of 40 and 60 is 50.
 */
public enum DurationStatistic {
    MEDIAN(0.5),
    P80(0.8);

    private final double fraction;

    DurationStatistic(double fraction) {
        this.fraction = fraction;
    }

    /** The statistic of {@code seconds} (each a non-negative duration), in seconds; the collection must not be empty. */
    public double ofSeconds(Collection<Long> seconds) {
        if (seconds.isEmpty()) {
            throw new IllegalArgumentException("no durations");
        }
        long[] sorted = seconds.stream().mapToLong(Long::longValue).sorted().toArray();
        double position = fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double weight = position - below;
        return sorted[below] + weight * (sorted[above] - sorted[below]);
    }

    /** {@link #ofSeconds} in whole minutes, half a minute rounded up; capped at {@link Integer#MAX_VALUE}. */
    public int minutesOf(Collection<Long> seconds) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(ofSeconds(seconds) / 60.0));
    }

    /** Spread of the samples: largest minus smallest, in seconds (0 for one sample). */
    public static long rangeSeconds(Collection<Long> seconds) {
        long[] s = seconds.stream().mapToLong(Long::longValue).toArray();
        return s.length == 0 ? 0 : Arrays.stream(s).max().getAsLong() - Arrays.stream(s).min().getAsLong();
    }
}
