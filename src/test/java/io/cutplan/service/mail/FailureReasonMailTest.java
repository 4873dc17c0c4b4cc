package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The FAILED and ON_HOLD e-mails over the whole path: a pilot sets the iteration's time zone and moves a step over
 * HTTP with a reason; the dispatcher delivers to a real SMTP server; the message carries the reason (escaped in HTML)
 * and its times in the iteration's zone with the UTC offset.
 */
class FailureReasonMailTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final String ORA = "ORA-01652: unable to extend temp segment";
    private static final String HOSTILE = "<script>alert('x')</script> & <b>bold</b>\r\nBcc: victim@evil.example";

    @Test
    void failedAndOnHoldMailsCarryTheReasonAndZurichTimesWithTheirOffset() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        try (SmtpTestServer smtp = new SmtpTestServer().start()) {
            StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--mail-poll-ms", "50"},
                    Map.of("CUTPLAN_SMTP_HOST", "127.0.0.1", "CUTPLAN_SMTP_PORT", String.valueOf(smtp.port())));
            try (StandaloneHost host = StandaloneHost.start(options, config)) {
                Fixtures fx = Fixtures.in(host.database());
                UUID ops = fx.team("OPS");
                Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
                Fixtures.Plan plan = fx.plan("Reasons");
                UUID db = plan.step("TRT-1", "Rebuild the ledger indexes", ops);
                UUID batch = plan.step("TRT-2", "Restart the batch", ops);
                UUID it = plan.iteration("R1");
                Api api = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pilot.username(), Fixtures.PASSWORD);
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("mode", "ON");
                settings.put("notifyComments", false);
                settings.put("timeZone", "Europe/Zurich");
                assertThat(api.put("/iterations/" + it + "/notification-settings", settings).status()).isEqualTo(200);

                UUID dbInstance = plan.stepInstance(it, db);
                UUID batchInstance = plan.stepInstance(it, batch);
                move(api, it, dbInstance, "IN_PROGRESS", null);
                JsonNode failed = move(api, it, dbInstance, "FAILED", ORA);
                move(api, it, batchInstance, "ON_HOLD", HOSTILE);

                // The reason is kept in the STEP_STATUS_CHANGED event and shown on the step detail.
                JsonNode detail = api.get("/iterations/" + it + "/steps/" + dbInstance).json();
                assertThat(detail.at("/statusReason/status").asText()).isEqualTo("FAILED");
                assertThat(detail.at("/statusReason/reason").asText()).isEqualTo(ORA);
                assertThat(detail.at("/statusReason/by/name").asText()).isEqualTo(pilot.username());
                assertThat(failed.path("events").findValuesAsText("reason")).contains(ORA);

                Outbox.awaitSettled(host.database(), it);
                List<MimeMessage> mail = smtp.received();
                MimeMessage failure = mail.stream().filter(m -> NotificationDeliveryTest.subject(m).contains("TRT-1 is FAILED"))
                        .findFirst().orElseThrow(() -> new AssertionError("No FAILED mail"));
                String[] body = NotificationDeliveryTest.parts(failure);
                body[0] = body[0].replace("\r\n", "\n");   // SMTP's line ends
                Instant started = Instant.parse(detail.at("/step/startedAt").asText());
                Instant finished = Instant.parse(detail.at("/step/finishedAt").asText());
                assertThat(body[0]).contains("Reason · " + pilot.username() + ":\n" + ORA)
                        .contains("started " + zurich(started)).contains("finished " + zurich(finished))
                        .contains("Times are in Europe/Zurich").doesNotContain(" UTC,");
                assertThat(Jsoup.parse(body[1]).text()).contains("Reason · " + pilot.username()).contains(ORA)
                        .contains("started " + zurich(started));

                MimeMessage hold = mail.stream().filter(m -> NotificationDeliveryTest.subject(m).contains("TRT-2 is ON HOLD"))
                        .findFirst().orElseThrow(() -> new AssertionError("No ON_HOLD mail"));
                String[] held = NotificationDeliveryTest.parts(hold);
                held[0] = held[0].replace("\r\n", "\n");
                assertThat(held[1]).doesNotContain("<script>").doesNotContain("<b>bold")
                        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
                assertThat(Jsoup.parse(held[1]).select("script, b")).isEmpty();
                assertThat(held[0]).contains("<script>alert('x')</script> & <b>bold</b>\nBcc: victim@evil.example");
                assertThat(hold.getHeader("Bcc")).isNull();
                assertThat(mail.stream().map(NotificationDeliveryTest::to)).doesNotContain("victim@evil.example");
            }
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    /** The expected form, written out independently of MailTimes: local time, CET/CEST and the offset. */
    private static String zurich(Instant t) {
        ZonedDateTime z = t.atZone(ZURICH);
        boolean summer = ZURICH.getRules().isDaylightSavings(t);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(z)
                + (summer ? " CEST (UTC+02:00)" : " CET (UTC+01:00)");
    }

    private static JsonNode move(Api api, UUID iteration, UUID stepInstance, String to, String reason) {
        JsonNode detail = api.get("/iterations/" + iteration + "/steps/" + stepInstance).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("expectedVersion", detail.path("step").path("version").asLong());
        if (reason != null) {
            body.put("reason", reason);
        }
        Api.Response r = api.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
