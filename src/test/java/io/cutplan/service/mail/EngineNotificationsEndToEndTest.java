package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole path, nothing simulated: pilots move steps over HTTP, the engine makes the successor READY in the same
 * transaction, the outbox row commits with it, the dispatcher delivers to a real SMTP server.
 */
class EngineNotificationsEndToEndTest {

    @Test
    void transitionsOverHttpNotifyExactlyTheRightPeople() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        try (SmtpTestServer smtp = new SmtpTestServer().start()) {
            StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--mail-poll-ms", "50"},
                    Map.of("CUTPLAN_SMTP_HOST", "127.0.0.1", "CUTPLAN_SMTP_PORT", String.valueOf(smtp.port())));
            try (StandaloneHost host = StandaloneHost.start(options, config)) {
                Fixtures fx = Fixtures.in(host.database());
                UUID ops = fx.team("OPS");
                UUID app = fx.team("APP");
                Fixtures.TestUser opsMember = fx.user("opsmember", Role.NORMAL, ops);
                Fixtures.TestUser appMember = fx.user("appmember", Role.NORMAL, app);
                Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
                fx.user("bystander", Role.NORMAL);
                Fixtures.Plan plan = fx.plan("End to end");
                UUID first = plan.step("PRE-1", "Freeze <changes> & deploys", ops);
                UUID second = plan.step("TRT-2", "Switch the payment gateway", ops);
                plan.impacts(second, app);
                plan.dependency(first, second);
                UUID it = plan.iteration("E2E");
                host.database().transactor().inTransaction(c ->
                        Jdbc.update(c, "UPDATE iterations SET notification_mode = 'ON' WHERE id = ?", it));

                Api api = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pilot.username(), Fixtures.PASSWORD);
                UUID firstInstance = plan.stepInstance(it, first);
                UUID secondInstance = plan.stepInstance(it, second);
                move(api, it, firstInstance, "IN_PROGRESS");
                move(api, it, firstInstance, "DONE");   // TRT-2 becomes READY automatically: its owner team hears
                move(api, it, secondInstance, "IN_PROGRESS");
                move(api, it, secondInstance, "FAILED"); // owner team, impacted team and pilots hear

                Outbox.awaitSettled(host.database(), it);
                Map<String, Set<String>> bySubject = smtp.received().stream().collect(Collectors.groupingBy(
                        EngineNotificationsEndToEndTest::subject, Collectors.mapping(NotificationDeliveryTest::to,
                                Collectors.toCollection(TreeSet::new))));

                assertThat(bySubject).hasSize(2);
                assertThat(bySubject).hasEntrySatisfying(subjectContaining(bySubject, "TRT-2", "READY"),
                        to -> assertThat(to).containsExactly(email(opsMember)));
                assertThat(bySubject).hasEntrySatisfying(subjectContaining(bySubject, "TRT-2", "FAILED"),
                        to -> assertThat(to).containsExactlyInAnyOrder(email(opsMember), email(appMember), email(pilot)));
                assertThat(smtp.received()).hasSize(4);
            }
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    private static void move(Api api, UUID iteration, UUID stepInstance, String to) {
        JsonNode detail = api.get("/iterations/" + iteration + "/steps/" + stepInstance).json();
        long version = detail.path("step").path("version").asLong();
        Api.Response r = api.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions",
                Map.of("to", to, "expectedVersion", version));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static String subject(MimeMessage m) {
        return NotificationDeliveryTest.subject(m);
    }

    private static String subjectContaining(Map<String, Set<String>> bySubject, String code, String status) {
        return bySubject.keySet().stream().filter(s -> s.contains(code) && s.contains(status)).findFirst()
                .orElseThrow(() -> new AssertionError("No mail about " + code + " " + status + " in " + bySubject.keySet()));
    }

    private static String email(Fixtures.TestUser user) {
        return user.username() + "@example.com";
    }
}
