package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import io.cutplan.testing.TinySmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The broadcast e-mail over the whole path: a pilot keeps the stakeholder list and posts over HTTP; the dispatcher
 * delivers through a real SMTP server (TinySmtpServer); every stakeholder receives one copy, escaped in HTML, with the
 * iteration, the text, who posted it, when and the next update in the iteration's zone with the UTC offset. The
 * iteration's notification mode is OFF (the default): broadcasts go regardless; TEST mode still redirects them.
 */
class BroadcastMailTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final String HOSTILE = "Cutover paused <script>alert('x')</script> & <b>bold</b>\r\nBcc: victim@evil.example";

    @Test
    void stakeholdersReceiveTheBroadcastEscapedWithLocalTimesWhateverTheStepMailMode() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        try (TinySmtpServer smtp = new TinySmtpServer(null)) {
            StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--mail-poll-ms", "50"},
                    Map.of("CUTPLAN_SMTP_HOST", "127.0.0.1", "CUTPLAN_SMTP_PORT", String.valueOf(smtp.port())));
            try (StandaloneHost host = StandaloneHost.start(options, config)) {
                Fixtures fx = Fixtures.in(host.database());
                UUID ops = fx.team("OPS");
                Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
                fx.user("member", Role.NORMAL, ops);
                Fixtures.Plan plan = fx.plan("Broadcasts");
                plan.step("TRT-1", "Rebuild the ledger indexes", ops);
                UUID it = plan.iteration("DR1");
                Api api = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pilot.username(), Fixtures.PASSWORD);
                Map<String, Object> notify = new LinkedHashMap<>();
                notify.put("mode", "OFF");
                notify.put("notifyComments", false);
                notify.put("timeZone", "Europe/Zurich");
                assertThat(api.put("/iterations/" + it + "/notification-settings", notify).status()).isEqualTo(200);
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("stakeholders", List.of("cio@bank.example", "Ops.Lead@bank.example"));
                settings.put("hourlySummary", false);
                assertThat(api.put("/iterations/" + it + "/broadcast-settings", settings).status()).isEqualTo(200);

                Instant next = Instant.now().plus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
                Map<String, Object> post = new LinkedHashMap<>();
                post.put("text", HOSTILE);
                post.put("nextUpdateAt", next.toString());
                Api.Response posted = api.post("/iterations/" + it + "/broadcasts", post);
                assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
                Instant postedAt = Instant.parse(posted.json().get("postedAt").asText());

                Outbox.awaitSettled(host.database(), it);
                List<MimeMessage> mail = parse(smtp.messages());
                assertThat(mail).hasSize(2);
                assertThat(mail.stream().map(BroadcastMailTest::to)).containsExactlyInAnyOrder("cio@bank.example", "Ops.Lead@bank.example");
                assertThat(Outbox.count(host.database(), "SELECT count(*) FROM notification_outbox WHERE iteration_id = ? "
                        + "AND kind = 'BROADCAST' AND status = 'SENT'", it)).isEqualTo(2);
                MimeMessage m = mail.get(0);
                assertThat(m.getSubject()).startsWith("[Cutplan] DR1 · status update: Cutover paused <script>")
                        .doesNotContain("\n").doesNotContain("\r");
                assertThat(m.getHeader("Bcc")).isNull();
                String[] body = NotificationDeliveryTest.parts(m);
                String text = body[0].replace("\r\n", "\n");
                assertThat(text).contains("Iteration DR1 · Iteration DR1")
                        .contains("Cutover paused <script>alert('x')</script> & <b>bold</b>\nBcc: victim@evil.example")
                        .contains("Posted by: " + pilot.username())
                        .contains("Posted at: " + zurich(postedAt))
                        .contains("Next update: " + zurich(next))
                        .contains("stakeholder list").contains("Times are in Europe/Zurich");
                assertThat(body[1]).doesNotContain("<script>").doesNotContain("<b>bold")
                        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
                assertThat(Jsoup.parse(body[1]).select("script, b")).isEmpty();
                assertThat(Jsoup.parse(body[1]).text()).contains("Posted by " + pilot.username())
                        .contains(zurich(postedAt)).contains(zurich(next));
                assertThat(smtp.log().stream().filter(l -> l.contains("RCPT")).toList().toString()).doesNotContain("victim@evil.example");

                // Test mode: the one copy goes to the test address, naming who would have received it.
                notify.put("mode", "TEST");
                notify.put("testAddress", "rehearsal@bank.example");
                assertThat(api.put("/iterations/" + it + "/notification-settings", notify).status()).isEqualTo(200);
                post.put("text", "Second update");
                post.remove("nextUpdateAt");
                assertThat(api.post("/iterations/" + it + "/broadcasts", post).status()).isEqualTo(201);
                Outbox.await(() -> smtp.messages().size() == 3, Duration.ofSeconds(20), "the test-mode copy");
                Outbox.awaitSettled(host.database(), it);
                MimeMessage redirected = parse(smtp.messages()).get(2);
                assertThat(to(redirected)).isEqualTo("rehearsal@bank.example");
                String redirectedText = NotificationDeliveryTest.parts(redirected)[0];
                assertThat(redirectedText).contains("Second update").contains("Next update: not announced")
                        .contains("cio@bank.example").contains("Ops.Lead@bank.example");
                assertThat(smtp.messages()).hasSize(3);
            }
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    static List<MimeMessage> parse(List<String> data) {
        Session session = Session.getInstance(new Properties());
        return data.stream().map(d -> {
            try {
                return new MimeMessage(session, new ByteArrayInputStream(d.getBytes(StandardCharsets.UTF_8)));
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The expected form, written out independently of MailTimes: local time, CET/CEST and the offset. */
    private static String zurich(Instant t) {
        ZonedDateTime z = t.atZone(ZURICH);
        boolean summer = ZURICH.getRules().isDaylightSavings(t);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(z)
                + (summer ? " CEST (UTC+02:00)" : " CET (UTC+01:00)");
    }
}
