package io.cutplan.service.mail;

import io.cutplan.service.spi.DispatcherSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Caller;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notification endpoints over real HTTP on the shared standalone host (which has no SMTP server configured). */
class NotificationApiTest {
    static Database db;
    static Api admin;
    static Api pilot;
    static Api normal;
    static Api stranger;
    static Caller adminCaller;
    static Fixtures.Plan plan;
    static UUID step;

    @BeforeAll
    static void world() {
        TestHost host = TestHost.get();
        db = host.database();
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        Fixtures.TestUser a = fx.user("admin", Role.ADMIN);
        adminCaller = new Caller(a.id(), a.username(), "Admin", Role.ADMIN, Set.of());
        admin = host.as(a.username());
        pilot = host.as(fx.user("pilot", Role.PILOT).username());
        normal = host.as(fx.user("normal", Role.NORMAL, team).username());
        fx.user("member", Role.NORMAL, team);
        stranger = host.as("nobody-" + UUID.randomUUID()).anonymous();
        plan = fx.plan("Api");
        step = plan.step("TRT-1", "Stop the batch", team);
    }

    private static String settings(UUID iteration) {
        return "/iterations/" + iteration + "/notification-settings";
    }

    private static Map<String, Object> body(String mode, String address, Boolean comments) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("mode", mode);
        if (address != null) {
            m.put("testAddress", address);
        }
        if (comments != null) {
            m.put("notifyComments", comments);
        }
        return m;
    }

    private static String modeOf(UUID iteration) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT notification_mode || '|' || coalesce(notification_test_address, '-') "
                + "|| '|' || notify_comments FROM iterations WHERE id = ?", rs -> rs.getString(1), iteration)).orElseThrow();
    }

    @Test
    void pilotsReadAndChangeSettingsOthersMayNot() {
        UUID it = plan.iteration("S1");
        Api.Response get = pilot.get(settings(it));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("mode").asText()).isEqualTo("OFF");
        assertThat(get.json().get("notifyComments").asBoolean()).isTrue();
        assertThat(admin.get(settings(it)).status()).isEqualTo(200);
        assertThat(normal.get(settings(it)).status()).isEqualTo(403);
        assertThat(stranger.get(settings(it)).status()).isEqualTo(401);
        assertThat(pilot.get(settings(UUID.randomUUID())).status()).isEqualTo(404);
        // A malformed id is a 400 naming the parameter, as on every resource; a well-formed unknown one is the 404 above.
        Api.Response malformed = pilot.get("/iterations/not-a-uuid/notification-settings");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("field").asText()).isEqualTo("id");

        Api.Response put = pilot.put(settings(it), body("TEST", "rehearsal@bank.example", false));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(pilot.get(settings(it)).json().get("testAddress").asText()).isEqualTo("rehearsal@bank.example");
        assertThat(modeOf(it)).isEqualTo("TEST|rehearsal@bank.example|false");
        assertThat(Outbox.count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'ITERATION_UPDATED' "
                + "AND details->>'notificationMode' = 'TEST'", it)).isEqualTo(1);

        assertThat(normal.put(settings(it), body("ON", null, true)).status()).isEqualTo(403);
        assertThat(pilot.withoutXsrfHeader().put(settings(it), body("ON", null, true)).status()).isEqualTo(403);
        assertThat(admin.put(settings(it), body("ON", null, true)).status()).isEqualTo(200);
        assertThat(modeOf(it)).isEqualTo("ON|-|true");
    }

    @Test
    void badSettingsAre400NamingTheFieldAndChangeNothing() {
        UUID it = plan.iteration("S2");
        String before = modeOf(it);
        assertField(pilot.put(settings(it), body("TEST", null, true)), "testAddress");
        assertField(pilot.put(settings(it), body("TEST", "a@b.example, c@d.example", true)), "testAddress");
        assertField(pilot.put(settings(it), body("TEST", "x@y.example\r\nBcc: z@evil.example", true)), "testAddress");
        assertField(pilot.put(settings(it), body("ON", "not an address", true)), "testAddress");
        assertField(pilot.put(settings(it), body("LOUD", null, true)), "mode");
        assertField(pilot.put(settings(it), body(null, null, true)), "mode");
        assertField(pilot.put(settings(it), body("ON", null, null)), "notifyComments");
        assertField(pilot.put(settings(it), "{\"mode\":\"ON\",\"notifyComments\":true,\"cc\":\"x@y.example\"}"), "cc");
        assertField(pilot.put(settings(it), "{\"mode\":\"ON\",\"notifyComments\":\"yes\"}"), "notifyComments");
        assertThat(modeOf(it)).isEqualTo(before);
    }

    private static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo(field);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void adminsSeeQueuedAndFailedMessagesAndResendThem() {
        UUID it = plan.iteration("S3");
        assertThat(pilot.put(settings(it), body("ON", null, true)).status()).isEqualTo(200);
        RunbookEvents events = new RunbookEvents(db, TestHost.get().host().services().listeners(), adminCaller);
        events.step(it, plan.stepInstance(it, step), StepStatus.READY);
        String list = "/notifications?iteration=" + it;

        // The test host has no SMTP server: messages stay PENDING and the listing says why.
        Api.Response queued = admin.get(list);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        assertThat(queued.json().at("/transport/configured").asBoolean()).isFalse();
        assertThat(queued.json().at("/transport/description").asText()).contains("No SMTP server");
        assertThat(queued.json().at("/counts/PENDING").asLong()).isEqualTo(2);
        assertThat(queued.json().get("messages")).hasSize(2).allSatisfy(m -> {
            assertThat(m.get("status").asText()).isEqualTo("PENDING");
            assertThat(m.get("kind").asText()).isEqualTo("STEP_READY");
            assertThat(m.has("htmlBody")).isFalse();
        });

        assertThat(pilot.get(list).status()).isEqualTo(403);
        assertThat(normal.get(list).status()).isEqualTo(403);
        assertThat(stranger.get(list).status()).isEqualTo(401);
        assertThat(admin.get("/notifications?status=LOST").json().get("field").asText()).isEqualTo("status");
        assertThat(admin.get("/notifications?iteration=xyz").json().get("field").asText()).isEqualTo("iteration");
        assertThat(admin.get("/notifications?limit=0").json().get("field").asText()).isEqualTo("limit");

        SmtpTestServer smtp = new SmtpTestServer();   // down for now
        DispatcherSettings twoTries = Outbox.fast().withMaxAttempts(2).withBackoff(Duration.ofMillis(20), Duration.ofMillis(40));
        try (MailDispatcher dispatcher = MailDispatcher.start(db, Outbox.smtp(smtp.port()), twoTries, "api-test")) {
            Outbox.awaitSettled(db, it);
            JsonNode failed = admin.get("/notifications?status=FAILED&iteration=" + it).json();
            assertThat(failed.get("messages")).hasSize(2).allSatisfy(m -> {
                assertThat(m.get("status").asText()).isEqualTo("FAILED");
                assertThat(m.get("attempts").asInt()).isEqualTo(2);
                assertThat(m.get("lastError").asText()).contains(String.valueOf(smtp.port()));
                assertThat(m.get("failedAt").asText()).isNotEmpty();
            });
            String id = failed.get("messages").get(0).get("id").asText();
            Api.Response one = admin.get("/notifications/" + id);
            assertThat(one.json().get("htmlBody").asText()).contains("Stop the batch");
            assertThat(one.json().get("textBody").asText()).contains("Stop the batch");
            assertThat(pilot.get("/notifications/" + id).status()).isEqualTo(403);

            smtp.start();
            assertThat(pilot.post("/notifications/" + id + "/resend", "{}").status()).isEqualTo(403);
            assertThat(admin.withoutXsrfHeader().post("/notifications/" + id + "/resend", "{}").status()).isEqualTo(403);
            assertThat(admin.post("/notifications/" + UUID.randomUUID() + "/resend", "{}").status()).isEqualTo(404);
            Api.Response resent = admin.post("/notifications/" + id + "/resend", "{}");
            assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
            assertThat(resent.json().get("status").asText()).isEqualTo("PENDING");
            Outbox.awaitSettled(db, it);
            assertThat(admin.get("/notifications/" + id).json().get("status").asText()).isEqualTo("SENT");
            assertThat(smtp.received()).hasSize(1);
            Api.Response again = admin.post("/notifications/" + id + "/resend", "{}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("not_resendable");
            JsonNode counts = admin.get(list).json().get("counts");
            assertThat(counts.get("SENT").asLong()).isEqualTo(1);
            assertThat(counts.get("FAILED").asLong()).isEqualTo(1);
        } finally {
            smtp.close();
        }
    }
}
