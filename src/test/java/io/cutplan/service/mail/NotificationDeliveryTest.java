package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every notifying event sends exactly the expected messages to exactly the expected people, through a real
 * SMTP server, with events produced by real transactions through IterationChange.
 */
@ExtendWith(TestDatabase.class)
class NotificationDeliveryTest {
    private static final AtomicInteger ITERATIONS = new AtomicInteger();
    private static final String BASE_URL = "https://cutplan.example/app";

    static Database db;
    static SmtpTestServer smtp;
    static CutplanServices services;
    static RunbookEvents events;
    static Fixtures.Plan plan;
    static UUID trt1;
    static UUID gon2;
    static UUID trt3;
    static UUID ctl1;
    static String opsA;
    static String opsB;
    static String pilot1;
    static String pilot2;
    static String dba1;
    static String net1;
    static String nominee;

    @BeforeAll
    static void world(Database database) {
        db = database;
        smtp = new SmtpTestServer().start();
        services = new CutplanServices(db, new HostSettings(Outbox.smtp(smtp.port()), BASE_URL, Outbox.fast()));
        events = new RunbookEvents(db, services.listeners(), Caller.system());
        Fixtures fx = Fixtures.in(db);
        UUID ops = fx.team("OPS");
        UUID dba = fx.team("DBA");
        UUID net = fx.team("NET");
        opsA = email(fx.user("opsa", Role.NORMAL, ops));
        opsB = email(fx.user("opsb", Role.NORMAL, ops, dba));          // owner and impacted: one message
        pilot1 = email(fx.user("pilot1", Role.PILOT));
        pilot2 = email(fx.user("pilot2", Role.PILOT, ops));             // pilot and owner: one message
        dba1 = email(fx.user("dba1", Role.NORMAL, dba));
        net1 = email(fx.user("net1", Role.NORMAL, net));
        Fixtures.TestUser nom = fx.user("nominee", Role.NORMAL);
        nominee = email(nom);
        fx.user("admin", Role.ADMIN, ops);                               // counted as an OPS member below
        Fixtures.TestUser inactive = fx.user("gone", Role.PILOT, ops);   // inactive: never
        Fixtures.TestUser silent = fx.user("silent", Role.PILOT, ops);   // no address: never
        db.transactor().inTransaction(c -> {
            Jdbc.update(c, "UPDATE users SET active = false WHERE id = ?", inactive.id());
            Jdbc.update(c, "UPDATE users SET email = NULL WHERE id = ?", silent.id());
            // A name that looks like a pilot's address pattern must not matter: recipients come from roles and teams.
            Jdbc.update(c, "UPDATE users SET display_name = 'pilot-lookalike' WHERE id = ?", nom.id());
            return null;
        });
        plan = fx.plan("Notifications");
        trt1 = plan.step("TRT-1", "Stop the core banking batch", ops);
        gon2 = plan.step("GON-2", "Go / no-go for data copy", ops, 15, true);
        trt3 = plan.step("TRT-3", "Copy the data", ops);
        plan.impacts(trt1, dba);
        plan.impacts(gon2, dba);
        plan.impacts(gon2, net);
        UUID task = plan.task(trt1, "Stop jobs <all>", ops, nom.id());
        plan.task(trt1, "Confirm the stop", null);
        ctl1 = plan.control("CTL-1", "Batch queue is empty", true);
        plan.link(task, ctl1);
    }

    @AfterAll
    static void stop() {
        services.close();
        smtp.close();
    }

    private static String adminEmail() {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT email FROM users WHERE username LIKE 'admin\\_%' ESCAPE '\\' "
                + "AND role = 'ADMIN'", rs -> rs.getString(1))).orElseThrow();
    }

    private static String email(Fixtures.TestUser u) {
        return u.username() + "@example.com";
    }

    /** A fresh iteration of the plan with notifications ON; returns its id and code. */
    private static Iteration iteration(String mode) {
        String code = "N" + ITERATIONS.incrementAndGet();
        UUID id = plan.iteration(code);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET notification_mode = ?, "
                + "notification_test_address = ? WHERE id = ?", mode, "TEST".equals(mode) ? "rehearsal@cutplan.example" : null, id));
        return new Iteration(id, code);
    }

    private record Iteration(UUID id, String code) {
        UUID step(UUID canonical) {
            return plan.stepInstance(id, canonical);
        }
    }

    /** The messages this iteration produced, once its outbox has settled. */
    private static List<MimeMessage> mailOf(Iteration it) {
        Outbox.awaitSettled(db, it.id());
        return smtp.received().stream().filter(m -> subject(m).startsWith("[Cutplan] " + it.code() + " ·")).toList();
    }

    private static Set<String> recipients(List<MimeMessage> mail) {
        return mail.stream().map(NotificationDeliveryTest::to).collect(Collectors.toSet());
    }

    static String to(MimeMessage m) {
        try {
            Message.RecipientType type = Message.RecipientType.TO;
            assertThat(m.getRecipients(type)).hasSize(1);
            return ((InternetAddress) m.getRecipients(type)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** [plain text, html] of a multipart/alternative message. */
    static String[] parts(MimeMessage m) {
        try {
            assertThat(m.isMimeType("multipart/alternative")).isTrue();
            MimeMultipart mp = (MimeMultipart) m.getContent();
            assertThat(mp.getCount()).isEqualTo(2);
            assertThat(mp.getBodyPart(0).isMimeType("text/plain")).isTrue();
            assertThat(mp.getBodyPart(1).isMimeType("text/html")).isTrue();
            return new String[] {(String) mp.getBodyPart(0).getContent(), (String) mp.getBodyPart(1).getContent()};
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readyGoesToOwnerTeamMembersAndTaskNomineesOnce() {
        Iteration it = iteration("ON");
        events.step(it.id(), it.step(trt1), StepStatus.IN_PROGRESS);   // not notifying
        events.step(it.id(), it.step(trt1), StepStatus.READY);

        List<MimeMessage> mail = mailOf(it);
        assertThat(mail).hasSize(5);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(opsA, opsB, pilot2, nominee, adminEmail());
        assertThat(mail).allSatisfy(m -> assertThat(subject(m))
                .isEqualTo("[Cutplan] " + it.code() + " · TRT-1 is READY: Stop the core banking batch"));
    }

    @Test
    void failureAndHoldGoToOwnerImpactedTeamsAndPilots() {
        Iteration it = iteration("ON");
        events.step(it.id(), it.step(trt1), StepStatus.FAILED);
        List<MimeMessage> failed = mailOf(it);
        Set<String> expected = Set.of(opsA, opsB, pilot2, adminEmail(), dba1, pilot1);
        assertThat(failed).hasSize(expected.size());
        assertThat(recipients(failed)).isEqualTo(expected);
        assertThat(subject(failed.get(0))).contains("TRT-1 is FAILED");

        events.step(it.id(), it.step(trt1), StepStatus.READY);
        events.step(it.id(), it.step(trt1), StepStatus.ON_HOLD);
        List<MimeMessage> held = mailOf(it).stream().filter(m -> subject(m).contains("ON HOLD")).toList();
        assertThat(held).hasSize(expected.size());
        assertThat(recipients(held)).isEqualTo(expected);
    }

    @Test
    void goNoGoDoneGoesToPilotsAndImpactedTeamsButOrdinaryDoneToNobody() {
        Iteration it = iteration("ON");
        events.step(it.id(), it.step(trt3), StepStatus.DONE);
        events.step(it.id(), it.step(gon2), StepStatus.DONE);
        List<MimeMessage> mail = mailOf(it);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(pilot1, pilot2, opsB, dba1, net1);
        assertThat(mail).hasSize(5).allSatisfy(m -> assertThat(subject(m)).contains("go/no-go GON-2 is DONE"));
    }

    @Test
    void failedControlGoesToPilotsOnlyAndPassedToNobody() {
        Iteration it = iteration("ON");
        events.control(it.id(), ctl1, ControlStatus.PASSED, null);
        events.control(it.id(), ctl1, ControlStatus.FAILED, "12 jobs still queued");
        List<MimeMessage> mail = mailOf(it);
        assertThat(mail).hasSize(2);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(pilot1, pilot2);
        assertThat(subject(mail.get(0))).isEqualTo("[Cutplan] " + it.code() + " · control CTL-1 FAILED: Batch queue is empty");
        String[] body = parts(mail.get(0));
        assertThat(body[0]).contains("12 jobs still queued").contains("TRT-1");
        // The control's step is linked from the message.
        assertThat(body[1]).contains(BASE_URL + "/runbook?iteration=" + it.id() + "#step=" + it.step(trt1));
    }

    @Test
    void commentsGoToTheOwnerTeamUnlessSwitchedOff() {
        Iteration it = iteration("ON");
        events.comment(it.id(), it.step(trt1), "Batch is slow tonight,\nwatch it");
        List<MimeMessage> mail = mailOf(it);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(opsA, opsB, pilot2, adminEmail());
        assertThat(parts(mail.get(0))[0].replace("\r\n", "\n")).contains("Batch is slow tonight,\nwatch it");

        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET notify_comments = false WHERE id = ?", it.id()));
        events.comment(it.id(), it.step(trt1), "Nobody is told about this one");
        assertThat(mailOf(it)).hasSize(4);
        assertThat(Outbox.rows(db, it.id())).hasSize(4);
    }

    @Test
    void offModeQueuesNothingAndTestModeSendsEverythingToTheTestAddressOnly() {
        Iteration off = iteration("OFF");
        events.step(off.id(), off.step(trt1), StepStatus.FAILED);
        events.comment(off.id(), off.step(trt1), "quiet");
        assertThat(Outbox.rows(db, off.id())).isEmpty();

        Iteration test = iteration("TEST");
        events.step(test.id(), test.step(trt1), StepStatus.FAILED);
        events.control(test.id(), ctl1, ControlStatus.FAILED, null);
        List<MimeMessage> mail = mailOf(test);
        assertThat(mail).hasSize(2);
        assertThat(recipients(mail)).containsExactly("rehearsal@cutplan.example");
        String text = parts(mail.stream().filter(m -> subject(m).contains("TRT-1")).findFirst().orElseThrow())[0];
        assertThat(text).contains("Test mode").contains(pilot1).contains(dba1);
        assertThat(Outbox.rows(db, test.id())).allSatisfy(r -> {
            assertThat(r.testMode()).isTrue();
            assertThat(r.recipientUserId()).isNull();
        });
        assertThat(smtp.received().stream().filter(m -> subject(m).startsWith("[Cutplan] " + off.code() + " ·"))).isEmpty();
    }

    @Test
    void messageCarriesStepFactsTasksAndADirectLinkInHtmlAndPlainText() {
        Iteration it = iteration("ON");
        events.step(it.id(), it.step(trt1), StepStatus.IN_PROGRESS);
        events.step(it.id(), it.step(trt1), StepStatus.FAILED);
        MimeMessage m = mailOf(it).stream().filter(x -> to(x).equals(pilot1)).findFirst().orElseThrow();
        String[] body = parts(m);
        String link = BASE_URL + "/runbook?iteration=" + it.id() + "#step=" + it.step(trt1);
        Document html = Jsoup.parse(body[1]);
        assertThat(html.select("a[href]").attr("href")).isEqualTo(link);
        assertThat(html.text()).contains("Stop the core banking batch").contains("Team OPS").contains("FAILED")
                .contains("30 min").contains("started").contains("finished").contains("Stop jobs <all>")
                .contains("Confirm the stop").contains("Tasks (2)");
        assertThat(body[1]).contains("Stop jobs &lt;all&gt;");
        assertThat(body[0]).contains("Stop the core banking batch").contains("Stop jobs <all>").contains(link)
                .doesNotContain("<table");
        // Every send is in the audit log, without raising the iteration's version.
        long version = Outbox.count(db, "SELECT change_version FROM iterations WHERE id = ?", it.id());
        assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_SENT'",
                it.id())).isEqualTo(mailOf(it).size());
        assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_SENT' "
                + "AND change_version = ?", it.id(), version)).isEqualTo(mailOf(it).size());
        assertThat(version).isEqualTo(3);   // created, IN_PROGRESS, FAILED: the mails did not bump it
    }

    @Test
    void hostileTitleIsEscapedInHtmlAndCannotInjectAHeader() {
        UUID hostile = plan.step("TRT-66", "<script>alert(1)</script>\r\nBcc: victim@evil.example\r\nX-Evil: 1",
                db.transactor().readOnly(c -> Jdbc.one(c, "SELECT owner_team_id FROM steps WHERE id = ?",
                        rs -> Jdbc.uuid(rs, "owner_team_id"), trt1)).orElseThrow());
        Iteration it = iteration("ON");
        events.step(it.id(), it.step(hostile), StepStatus.FAILED);
        List<MimeMessage> mail = mailOf(it);
        assertThat(mail).hasSize(5);
        assertThat(recipients(mail)).containsExactlyInAnyOrder(opsA, opsB, pilot2, adminEmail(), pilot1);
        assertThat(smtp.received().stream().map(NotificationDeliveryTest::to)).doesNotContain("victim@evil.example");
        for (MimeMessage m : mail) {
            try {
                assertThat(m.getHeader("Bcc")).isNull();
                assertThat(m.getHeader("X-Evil")).isNull();
                assertThat(subject(m)).doesNotContain("\r").doesNotContain("\n")
                        .isEqualTo("[Cutplan] " + it.code() + " · TRT-66 is FAILED: <script>alert(1)</script> Bcc: "
                                + "victim@evil.example X-Evil: 1");
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
            String html = parts(m)[1];
            assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(Jsoup.parse(html).select("script")).isEmpty();
        }
    }

    @Test
    void rolledBackChangeQueuesNothing() {
        Iteration it = iteration("ON");
        try {
            db.transactor().inTransaction(c -> {
                io.cutplan.service.iteration.IterationChange change = io.cutplan.service.iteration.IterationChange.begin(c, it.id(), Caller.system(),
                        services.listeners());
                change.event(io.cutplan.domain.EventType.STEP_STATUS_CHANGED).step(it.step(trt1))
                        .details(java.util.Map.of("stepCode", "TRT-1", "from", "PENDING", "to", "FAILED",
                                "automatic", false, "override", false)).record();
                assertThat(Jdbc.one(c, "SELECT count(*) FROM notification_outbox WHERE iteration_id = ?", rs -> rs.getLong(1),
                        it.id()).orElseThrow()).isEqualTo(6);   // queued inside the transaction ...
                throw new IllegalStateException("the change fails after recording its event");
            });
        } catch (IllegalStateException expected) {
            // ... and gone with it
        }
        assertThat(Outbox.rows(db, it.id())).isEmpty();
    }

    @Test
    void aMessageThatCannotBeQueuedNeverBlocksTheChangeAndIsAudited() {
        Iteration it = iteration("ON");
        // An address the outbox refuses, written around the API's validation: queuing fails inside the change.
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET notification_mode = 'TEST', "
                + "notification_test_address = 'a,b@bank.example' WHERE id = ?", it.id()));
        events.step(it.id(), it.step(trt1), StepStatus.FAILED);
        assertThat(plan.stepStatus(it.id(), trt1)).isEqualTo("FAILED");
        assertThat(Outbox.rows(db, it.id())).isEmpty();
        assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'NOTIFICATION_FAILED' "
                + "AND details->>'stage' = 'queue'", it.id())).isEqualTo(1);
    }
}
