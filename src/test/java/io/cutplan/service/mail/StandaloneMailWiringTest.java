package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The standalone host wires CUTPLAN_SMTP_* into a working SMTP transport and a running dispatcher. */
class StandaloneMailWiringTest {

    @Test
    void smtpSettingsFromTheEnvironmentDeliverNotifications() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        try (SmtpTestServer smtp = new SmtpTestServer().start()) {
            StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--mail-poll-ms", "50"}, Map.of(
                    "CUTPLAN_SMTP_HOST", "127.0.0.1", "CUTPLAN_SMTP_PORT", String.valueOf(smtp.port()),
                    "CUTPLAN_SMTP_PASSWORD", "never-shown-secret",
                    "CUTPLAN_SMTP_FROM", "cutover@bank.example", "CUTPLAN_BASE_URL", "https://cutplan.bank.example"));
            try (StandaloneHost host = StandaloneHost.start(options, config)) {
                Fixtures fx = Fixtures.in(host.database());
                UUID team = fx.team("OPS");
                Fixtures.TestUser member = fx.user("member", Role.NORMAL, team);
                Fixtures.TestUser admin = fx.user("admin", Role.ADMIN);
                Fixtures.Plan plan = fx.plan("Wiring");
                UUID step = plan.step("TRT-1", "Wire it", team);
                UUID it = plan.iteration("W1");
                host.database().transactor().inTransaction(c ->
                        Jdbc.update(c, "UPDATE iterations SET notification_mode = 'ON' WHERE id = ?", it));
                new RunbookEvents(host.database(), host.services().listeners(), Caller.system())
                        .step(it, plan.stepInstance(it, step), StepStatus.READY);

                Outbox.awaitSettled(host.database(), it);
                assertThat(smtp.received()).hasSize(1);
                assertThat(NotificationDeliveryTest.to(smtp.received().get(0))).isEqualTo(member.username() + "@example.com");
                String html = NotificationDeliveryTest.parts(smtp.received().get(0))[1];
                assertThat(html).contains("https://cutplan.bank.example/runbook?iteration=" + it);

                HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0/notifications?iteration=" + it))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (admin.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(list.body()).contains("\"configured\":true").contains("SMTP 127.0.0.1:" + smtp.port())
                        .contains("\"SENT\"").doesNotContain("never-shown-secret");
            }
        } finally {
            PostgresServer.get().drop(config);
        }
    }
}
