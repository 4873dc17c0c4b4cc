package io.cutplan.service.spi;

import java.time.Duration;

/**
 * How the mail dispatcher works. {@code lease} must exceed the longest a batch can take to send
 * ({@code batchSize} times the transport's worst-case timeouts), or a slow send could be taken over and sent twice.
 */
public record DispatcherSettings(int threads, Duration pollInterval, int batchSize, Duration lease,
                                 Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public DispatcherSettings {
        require(threads >= 1 && threads <= 16, "threads must be 1 to 16");
        require(batchSize >= 1 && batchSize <= 100, "batchSize must be 1 to 100");
        require(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts must be 1 to 100");
        require(positive(pollInterval) && positive(lease) && positive(initialBackoff) && positive(maxBackoff),
                "durations must be positive");
        require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must be at least initialBackoff");
    }

    /** Two threads polling every two seconds; retries after 30 s, 1, 2, 4 … minutes (at most 30); FAILED after 8. */
    public static DispatcherSettings defaults() {
        return new DispatcherSettings(2, Duration.ofSeconds(2), 5, Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofMinutes(30), DEFAULT_MAX_ATTEMPTS);
    }

    public DispatcherSettings withMaxAttempts(int n) {
        return new DispatcherSettings(threads, pollInterval, batchSize, lease, initialBackoff, maxBackoff, n);
    }

    public DispatcherSettings withPollInterval(Duration d) {
        return new DispatcherSettings(threads, d, batchSize, lease, initialBackoff, maxBackoff, maxAttempts);
    }

    public DispatcherSettings withBackoff(Duration initial, Duration max) {
        return new DispatcherSettings(threads, pollInterval, batchSize, lease, initial, max, maxAttempts);
    }

    public DispatcherSettings withThreads(int n) {
        return new DispatcherSettings(n, pollInterval, batchSize, lease, initialBackoff, maxBackoff, maxAttempts);
    }

    public DispatcherSettings withLease(Duration d) {
        return new DispatcherSettings(threads, pollInterval, batchSize, d, initialBackoff, maxBackoff, maxAttempts);
    }

    public DispatcherSettings withBatchSize(int n) {
        return new DispatcherSettings(threads, pollInterval, n, lease, initialBackoff, maxBackoff, maxAttempts);
    }

    /** The wait before the next attempt after {@code attempts} failed ones: doubling from initialBackoff, capped. */
    public Duration backoffAfter(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
