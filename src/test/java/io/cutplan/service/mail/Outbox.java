package io.cutplan.service.mail;

import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.host.standalone.SmtpMailTransport;
import io.cutplan.host.standalone.SmtpSettings;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.store.NotificationOutboxDao;
import io.cutplan.store.OutboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Test helpers around the outbox: reading rows, waiting with a deadline (never a fixed sleep). */
final class Outbox {
    private Outbox() {
    }

    /** Quick settings for tests: two threads polling every 25 ms, retries after 100 ms doubling to 1 s. */
    static DispatcherSettings fast() {
        return DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(25))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withLease(Duration.ofMinutes(1));
    }

    static SmtpMailTransport smtp(int port) {
        return new SmtpMailTransport(SmtpSettings.of("127.0.0.1", Optional.of(String.valueOf(port)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("cutplan@cutplan.example")));
    }

    static List<OutboxMessage> rows(Database db, UUID iterationId) {
        return db.transactor().readOnly(c -> NotificationOutboxDao.list(c, null, iterationId, 10_000));
    }

    static long count(Database db, String sql, Object... params) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), params).orElseThrow());
    }

    /** Waits until nothing of the iteration is PENDING or SENDING. */
    static void awaitSettled(Database db, UUID iterationId) {
        await(() -> count(db, "SELECT count(*) FROM notification_outbox WHERE iteration_id = ? AND status IN ('PENDING', 'SENDING')",
                iterationId) == 0, Duration.ofSeconds(20), "outbox of " + iterationId + " to settle");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
