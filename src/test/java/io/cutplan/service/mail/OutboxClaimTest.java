package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.NotificationKind;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.NewNotification;
import io.cutplan.store.NotificationOutboxDao;
import io.cutplan.store.OutboxMessage;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The claim protocol itself, on real PostgreSQL, with no dispatcher running: SKIP LOCKED, leases, tokens. */
@ExtendWith(TestDatabase.class)
class OutboxClaimTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private final Database db;
    private UUID iteration;

    OutboxClaimTest(Database db) {
        this.db = db;
    }

    @BeforeEach
    void clean() {
        db.transactor().inTransaction(c -> io.cutplan.store.Jdbc.update(c, "DELETE FROM notification_contents"));
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("T");
        fx.user("u", Role.NORMAL, team);
        Fixtures.Plan plan = fx.plan("Claims");
        plan.step("TRT-1", "One", team);
        iteration = plan.iteration("C1");
    }

    private void queue(int n) {
        db.transactor().inTransaction(c -> {
            for (int i = 0; i < n; i++) {
                insert(c, Ids.newId(), "r" + i + "@example.com");
            }
            return null;
        });
    }

    private boolean insert(Connection c, UUID eventId, String to) throws java.sql.SQLException {
        return NotificationOutboxDao.queue(c, new NewNotification(eventId, iteration, null, NotificationKind.STEP_READY, false,
                "s", "<p>h</p>", "t"), List.of(new NewNotification.To(to, null))) == 1;
    }

    private List<OutboxMessage> claim(UUID token, String node, Duration lease, int limit, int maxAttempts) {
        return db.transactor().inTransaction(c -> NotificationOutboxDao.claim(c, token, node, lease, limit, maxAttempts));
    }

    private java.util.Optional<OutboxMessage> markSent(UUID id, UUID token) {
        return db.transactor().inTransaction(c -> NotificationOutboxDao.markSent(c, id, token));
    }

    private List<OutboxMessage> failAbandoned(int maxAttempts, int limit) {
        return db.transactor().inTransaction(c -> NotificationOutboxDao.failAbandoned(c, maxAttempts, limit));
    }

    @Test
    void concurrentClaimsSkipEachOthersRowsAndNeverOverlap() throws Exception {
        queue(10);
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            List<OutboxMessage> first = NotificationOutboxDao.claim(a, UUID.randomUUID(), "node-a", LONG, 4, 8);
            // a has not committed: its rows are locked, and b neither waits for them nor gets them
            List<OutboxMessage> second = NotificationOutboxDao.claim(b, UUID.randomUUID(), "node-b", LONG, 10, 8);
            a.commit();
            b.commit();
            assertThat(first).hasSize(4);
            assertThat(second).hasSize(6);
            Set<UUID> ids = new HashSet<>();
            first.forEach(m -> ids.add(m.id()));
            second.forEach(m -> ids.add(m.id()));
            assertThat(ids).hasSize(10);
        }
        assertThat(claim(UUID.randomUUID(), "node-c", LONG, 10, 8))
                .as("claimed rows with live leases are nobody else's").isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCanNoLongerRecordAnOutcome() {
        queue(1);
        UUID crashed = UUID.randomUUID();
        assertThat(claim(crashed, "crashed", Duration.ofMillis(300), 5, 8))
                .hasSize(1);
        UUID rescuer = UUID.randomUUID();
        AtomicReference<List<OutboxMessage>> taken = new AtomicReference<>(List.of());
        Outbox.await(() -> {
            taken.set(claim(rescuer, "rescuer", LONG, 5, 8));
            return !taken.get().isEmpty();
        }, Duration.ofSeconds(10), "the lease to expire");
        OutboxMessage m = taken.get().get(0);
        assertThat(m.attempts()).isEqualTo(2);
        assertThat(m.claimedBy()).isEqualTo("rescuer");
        assertThat(markSent(m.id(), crashed)).isEmpty();
        assertThat(markSent(m.id(), rescuer))
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(NotificationStatus.SENT));
    }

    @Test
    void aClaimAbandonedOnItsLastAttemptEndsFailed() {
        queue(1);
        assertThat(claim(UUID.randomUUID(), "doomed",
                Duration.ofMillis(100), 5, 1)).hasSize(1);
        AtomicReference<List<OutboxMessage>> failed = new AtomicReference<>(List.of());
        Outbox.await(() -> {
            assertThat(claim(UUID.randomUUID(), "other", LONG, 5, 1))
                    .as("no attempt left").isEmpty();
            failed.set(failAbandoned(1, 10));
            return !failed.get().isEmpty();
        }, Duration.ofSeconds(10), "the abandoned claim to be given up");
        assertThat(failed.get().get(0).status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.get().get(0).lastError()).contains("doomed").contains("never completed");
    }

    @Test
    void oneMessagePerEventAndRecipientWhateverTheCase() {
        UUID event = Ids.newId();
        boolean first = db.transactor().inTransaction(c -> insert(c, event, "Pilot@Example.com"));
        boolean again = db.transactor().inTransaction(c -> insert(c, event, "pilot@example.com"));
        boolean other = db.transactor().inTransaction(c -> insert(c, Ids.newId(), "pilot@example.com"));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(other).isTrue();
    }

    @Test
    void retriesWaitForTheirBackoff() {
        queue(1);
        UUID token = UUID.randomUUID();
        OutboxMessage m = claim(token, "n", LONG, 1, 8).get(0);
        db.transactor().inTransaction(c -> NotificationOutboxDao.markRetry(c, m.id(), token, Duration.ofMinutes(1), "down"));
        assertThat(claim(UUID.randomUUID(), "n", LONG, 1, 8)).isEmpty();
    }
}
