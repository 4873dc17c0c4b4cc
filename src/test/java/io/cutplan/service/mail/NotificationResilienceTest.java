package io.cutplan.service.mail;

import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.host.standalone.SmtpMailTransport;
import io.cutplan.host.standalone.SmtpSettings;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.store.OutboxMessage;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox under trouble: the mail server down, stalled, or failing for good; two dispatchers racing
 * over one database.
 */
@ExtendWith(TestDatabase.class)
class NotificationResilienceTest {
    private static final AtomicInteger ITERATIONS = new AtomicInteger();
    private static final int STEPS = 40;

    static Database db;
    static DbConfig config;
    static Fixtures.Plan plan;
    static List<UUID> steps = new ArrayList<>();
    static String member1;
    static String member2;
    static Caller admin;

    @BeforeAll
    static void world(Database database, DbConfig dbConfig) {
        db = database;
        config = dbConfig;
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        member1 = fx.user("m1", Role.NORMAL, team).username() + "@example.com";
        member2 = fx.user("m2", Role.NORMAL, team).username() + "@example.com";
        Fixtures.TestUser a = fx.user("admin", Role.ADMIN);
        admin = new Caller(a.id(), a.username(), "Admin", Role.ADMIN, Set.of());
        plan = fx.plan("Resilience");
        for (int i = 1; i <= STEPS; i++) {
            steps.add(plan.step("TRT-" + i, "Step number " + i, team));
        }
    }

    private static UUID iteration(String code) {
        UUID id = plan.iteration(code);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET notification_mode = 'ON' WHERE id = ?", id));
        return id;
    }

    private static String code() {
        return "R" + ITERATIONS.incrementAndGet();
    }

    private static void ready(RunbookEvents events, UUID iteration, int stepIndex) {
        events.step(iteration, plan.stepInstance(iteration, steps.get(stepIndex)), StepStatus.READY);
    }

    private static List<MimeMessage> received(SmtpTestServer smtp, String code) {
        return smtp.received().stream().filter(m -> NotificationDeliveryTest.subject(m).startsWith("[Cutplan] " + code + " ·")).toList();
    }

    @Test
    void smtpDownForAWhileLosesNothingAndDeliversAfterRecovery() {
        SmtpTestServer smtp = new SmtpTestServer();   // not started: the mail server is down
        DispatcherSettings settings = Outbox.fast().withMaxAttempts(50);
        try (CutplanServices services = new CutplanServices(db, new HostSettings(Outbox.smtp(smtp.port()), "http://x", settings))) {
            RunbookEvents events = new RunbookEvents(db, services.listeners(), admin);
            String code = code();
            UUID it = iteration(code);
            for (int i = 0; i < 3; i++) {
                ready(events, it, i);
            }
            Outbox.await(() -> {
                List<OutboxMessage> rows = Outbox.rows(db, it);
                return rows.size() == 6 && rows.stream().allMatch(r -> r.attempts() >= 2 && r.lastError() != null
                        && r.status() != NotificationStatus.SENT);
            }, Duration.ofSeconds(20), "every message to have been tried twice while the server is down");
            assertThat(Outbox.rows(db, it)).allSatisfy(r -> assertThat(r.lastError()).contains(String.valueOf(smtp.port())));

            smtp.start();
            Outbox.awaitSettled(db, it);
            List<MimeMessage> mail = received(smtp, code);
            assertThat(mail).hasSize(6);
            Set<String> pairs = new HashSet<>();
            mail.forEach(m -> pairs.add(NotificationDeliveryTest.subject(m) + "|" + NotificationDeliveryTest.to(m)));
            assertThat(pairs).hasSize(6);
            assertThat(Outbox.rows(db, it)).allSatisfy(r -> assertThat(r.status()).isEqualTo(NotificationStatus.SENT));
            assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_SENT'",
                    it)).isEqualTo(6);
        } finally {
            smtp.close();
        }
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverSendTheSameMessageTwice() {
        SmtpTestServer smtp = new SmtpTestServer().start();
        GatedTransport gateA = new GatedTransport(Outbox.smtp(smtp.port()));
        GatedTransport gateB = new GatedTransport(Outbox.smtp(smtp.port()));
        DispatcherSettings racing = Outbox.fast().withThreads(3).withBatchSize(2).withPollInterval(Duration.ofMillis(5));
        try (Database db2 = Database.open(config.withPoolSize(5));
             CutplanServices nodeA = new CutplanServices(db, new HostSettings(gateA, "http://a", racing));
             CutplanServices nodeB = new CutplanServices(db2, new HostSettings(gateB, "http://b", racing))) {
            RunbookEvents events = new RunbookEvents(db, nodeA.listeners(), admin);
            String code = code();
            UUID it = iteration(code);
            for (int i = 0; i < STEPS; i++) {
                ready(events, it, i);
            }
            assertThat(Outbox.rows(db, it)).hasSize(2 * STEPS);
            gateA.open();
            gateB.open();
            Outbox.awaitSettled(db, it);

            List<MimeMessage> mail = received(smtp, code);
            assertThat(mail).hasSize(2 * STEPS);
            Set<String> pairs = new HashSet<>();
            mail.forEach(m -> pairs.add(NotificationDeliveryTest.subject(m) + "|" + NotificationDeliveryTest.to(m)));
            assertThat(pairs).hasSize(2 * STEPS);
            List<OutboxMessage> rows = Outbox.rows(db, it);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(NotificationStatus.SENT);
                assertThat(r.attempts()).isEqualTo(1);   // claimed exactly once
            });
            // Both nodes took part in the race.
            assertThat(rows.stream().map(OutboxMessage::claimedBy).distinct().count()).isEqualTo(2);
            assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_SENT'",
                    it)).isEqualTo(2 * STEPS);
        } finally {
            smtp.close();
        }
    }

    @Test
    void aStatusChangeCommitsAtOnceWhileTheMailServerIsStalled() throws Exception {
        try (StalledSmtpServer stalled = new StalledSmtpServer()) {
            SmtpMailTransport transport = Outbox.smtp(stalled.port());   // 30 s read timeout
            try (CutplanServices services = new CutplanServices(db, new HostSettings(transport, "http://x",
                    Outbox.fast().withThreads(1).withBatchSize(1)))) {
                RunbookEvents events = new RunbookEvents(db, services.listeners(), admin);
                String code = code();
                UUID it = iteration(code);
                ready(events, it, 0);
                assertThat(stalled.awaitConnection(10)).as("the dispatcher is talking to the stalled server").isTrue();

                // While a dispatcher thread hangs on the server, further changes commit without waiting for it ...
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    ready(events, it, 1);
                    ready(events, it, 2);
                });
                assertThat(stalled.heldConnections()).as("the server has still not answered").isEqualTo(1);
                assertThat(Outbox.rows(db, it)).hasSize(6);
                // ... and the message being sent is not locked by anyone: its claim transaction committed before sending.
                OutboxMessage sending = Outbox.rows(db, it).stream().filter(r -> r.status() == NotificationStatus.SENDING)
                        .findFirst().orElseThrow();
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> db.transactor().inTransaction(c ->
                        Jdbc.one(c, "SELECT id FROM notification_outbox WHERE id = ? FOR UPDATE NOWAIT", rs -> 1, sending.id())));
                assertThat(sending.claimedUntil()).isAfter(sending.updatedAt());
                stalled.close();   // lets the hung send fail now, so stopping the dispatcher is quick
            }
        }
    }

    @Test
    void aStalledServerCannotHoldASendForEver() throws Exception {
        try (StalledSmtpServer stalled = new StalledSmtpServer()) {
            SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.of("127.0.0.1", Optional.of(String.valueOf(stalled.port())),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> transport.send(new OutgoingMail("a@example.com", "s", "<p>h</p>", "t")))
                            .isInstanceOf(MailDeliveryException.class).hasMessageContaining(String.valueOf(stalled.port())));
        }
    }

    /** Issue 15, finding 8: a 550 is FAILED after its one attempt, with the server's reason; a 450 is retried. */
    @Test
    void aPermanentRejectionFailsAtOnceAndATemporaryOneIsRetried() {
        try (io.cutplan.testing.TinySmtpServer server = new io.cutplan.testing.TinySmtpServer(null)) {
            server.answerRcpt("550 5.1.1 no such user here");
            DispatcherSettings settings = Outbox.fast().withMaxAttempts(8).withBackoff(Duration.ofMillis(20), Duration.ofMillis(50));
            try (CutplanServices services = new CutplanServices(db, new HostSettings(Outbox.smtp(server.port()), "http://x", settings))) {
                RunbookEvents events = new RunbookEvents(db, services.listeners(), admin);
                UUID it = iteration(code());
                ready(events, it, 0);
                Outbox.awaitSettled(db, it);
                assertThat(Outbox.rows(db, it)).hasSize(2).allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(NotificationStatus.FAILED);
                    assertThat(r.attempts()).as("no retries after a 550").isEqualTo(1);
                    assertThat(r.lastError()).contains("550").contains("no such user here");
                });
                assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_FAILED'",
                        it)).isEqualTo(2);

                server.answerRcpt("450 4.2.1 mailbox busy");
                UUID later = iteration(code());
                ready(events, later, 0);
                Outbox.await(() -> Outbox.rows(db, later).stream().allMatch(r -> r.attempts() >= 2
                        && r.status() != NotificationStatus.FAILED), Duration.ofSeconds(20), "a 450 to be retried");
                server.answerRcpt("250 2.1.5 ok");
                Outbox.awaitSettled(db, later);
                assertThat(Outbox.rows(db, later)).allSatisfy(r -> assertThat(r.status()).isEqualTo(NotificationStatus.SENT));
            }
        }
    }

    @Test
    void failsAfterMaxAttemptsThenResendDelivers() {
        SmtpTestServer smtp = new SmtpTestServer();   // down
        DispatcherSettings settings = Outbox.fast().withMaxAttempts(3).withBackoff(Duration.ofMillis(20), Duration.ofMillis(50));
        try (CutplanServices services = new CutplanServices(db, new HostSettings(Outbox.smtp(smtp.port()), "http://x", settings))) {
            RunbookEvents events = new RunbookEvents(db, services.listeners(), admin);
            String code = code();
            UUID it = iteration(code);
            ready(events, it, 0);
            Outbox.awaitSettled(db, it);
            List<OutboxMessage> failed = Outbox.rows(db, it);
            assertThat(failed).hasSize(2).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(NotificationStatus.FAILED);
                assertThat(r.attempts()).isEqualTo(3);
                assertThat(r.failedAt()).isNotNull();
                assertThat(r.lastError()).contains(String.valueOf(smtp.port()));
            });
            assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_FAILED'",
                    it)).isEqualTo(2);
            NotificationList listed = services.notifications().list(admin, NotificationStatus.FAILED, it, null);
            assertThat(listed.messages()).hasSize(2);
            assertThat(listed.counts().get(NotificationStatus.FAILED)).isEqualTo(2);

            smtp.start();
            OutboxMessage first = failed.get(0);
            NotificationView resent = services.notifications().resend(admin, first.id());
            assertThat(resent.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(resent.attempts()).isZero();
            Outbox.awaitSettled(db, it);
            assertThat(received(smtp, code)).hasSize(1).allSatisfy(m -> assertThat(NotificationDeliveryTest.to(m))
                    .isEqualTo(first.recipient()));
            assertThat(Outbox.rows(db, it).stream().filter(r -> r.status() == NotificationStatus.SENT)).hasSize(1);
            assertThatThrownBy(() -> services.notifications().resend(admin, first.id()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("not_resendable"));
        } finally {
            smtp.close();
        }
    }
}
