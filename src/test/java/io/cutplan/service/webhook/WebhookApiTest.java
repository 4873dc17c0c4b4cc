package io.cutplan.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoints over real HTTP on a standalone host started with --webhooks-allow-http-loopback, delivering to
 * a real receiver: a real step transition through the API reaches it signed; the secret is shown once and never again.
 */
class WebhookApiTest {
    static DbConfig config;
    static StandaloneHost host;
    static WebhookReceiver receiver;
    static Api admin;
    static Api pilot;
    static Fixtures.Plan plan;
    static UUID step;
    static UUID iteration;

    @BeforeAll
    static void world() throws Exception {
        config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0", "--webhooks-allow-http-loopback"}, Map.of()),
                config);
        receiver = new WebhookReceiver().start();
        Fixtures fx = Fixtures.in(host.database());
        UUID ops = fx.team("OPS");
        String base = "http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0";
        admin = new Api(base, fx.user("admin", Role.ADMIN).username(), Fixtures.PASSWORD);
        pilot = new Api(base, fx.user("pilot", Role.PILOT).username(), Fixtures.PASSWORD);
        plan = fx.plan("Hooks");
        step = plan.step("TRT-1", "Rebuild <indexes> & stats", ops);
        iteration = plan.iteration("H1");
    }

    @AfterAll
    static void stop() {
        receiver.close();
        host.close();
        PostgresServer.get().drop(config);
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void createShowsTheSecretOnceThenATransitionAndATestArriveSigned() throws Exception {
        Api.Response created = admin.post("/webhooks", body("iterationId", iteration.toString(), "name", "Bridge",
                "url", receiver.url("/api-hook?token=abc"), "eventKinds", List.of("STEP_FAILED", "ITERATION_STARTED")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).endsWith("/webhooks/" + id);
        assertThat(created.json().path("format").asText()).isEqualTo("generic");

        Api.Response one = admin.get("/webhooks/" + id);
        Api.Response all = admin.get("/webhooks?iterationId=" + iteration);
        Api.Response byMigration = admin.get("/webhooks?migrationId=" + plan.migration());
        for (Api.Response r : List.of(one, all, byMigration)) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        }
        assertThat(all.json().path("allowHttpLoopback").asBoolean()).isTrue();
        assertThat(all.json().path("webhooks")).hasSize(1);
        assertThat(byMigration.json().path("webhooks")).hasSize(1);

        // A real transition through the API: READY -> IN_PROGRESS (starts the iteration) -> FAILED with a reason.
        UUID si = plan.stepInstance(iteration, step);
        move(si, "IN_PROGRESS", null);
        move(si, "FAILED", "ORA-01652: unable to extend temp segment");
        await(() -> receiver.received("/api-hook").size() >= 2, "the two deliveries");
        List<WebhookReceiver.Received> got = receiver.received("/api-hook");
        assertThat(got).extracting(WebhookReceiver.Received::event).containsExactly("ITERATION_STARTED", "STEP_FAILED");
        for (WebhookReceiver.Received r : got) {
            assertThat(r.signature()).isEqualTo(WebhookSigner.signature(secret, Long.parseLong(r.timestamp()), r.body()));
        }
        JsonNode failed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(got.get(1).body());
        assertThat(failed.path("reason").asText()).isEqualTo("ORA-01652: unable to extend temp segment");
        assertThat(failed.path("step").path("title").asText()).isEqualTo("Rebuild <indexes> & stats");
        assertThat(failed.path("iteration").path("code").asText()).isEqualTo("H1");
        assertThat(failed.path("actor").asText()).startsWith("pilot");

        Api.Response test = admin.post("/webhooks/" + id + "/test", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(202);
        String deliveryId = test.json().path("id").asText();
        await(() -> receiver.received("/api-hook").stream().anyMatch(r -> r.deliveryId().equals(deliveryId)), "the test delivery");
        Api.Response list = admin.get("/webhook-deliveries?webhookId=" + id + "&status=SENT");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("counts").path("SENT").asInt()).isEqualTo(3);
        assertThat(list.json().path("deliveries").findValuesAsText("kind")).containsExactly("TEST", "STEP_FAILED", "ITERATION_STARTED");
        Api.Response notFailed = admin.post("/webhook-deliveries/" + deliveryId + "/resend", null);
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.json().path("error").asText()).isEqualTo("not_resendable");

        // PUT: disable and rotate; the new secret shows once.
        Api.Response put = admin.put("/webhooks/" + id, body("url", receiver.url("/api-hook"), "eventKinds", List.of("BROADCAST"),
                "enabled", false, "rotateSecret", true));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        String rotated = put.json().path("secret").asText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(put.json().path("enabled").asBoolean()).isFalse();
        assertThat(put.json().path("name").asText()).isEqualTo("Bridge");
        assertThat(admin.get("/webhooks/" + id).body()).doesNotContain(rotated);
        Api.Response disabledTest = admin.post("/webhooks/" + id + "/test", null);
        assertThat(disabledTest.status()).isEqualTo(422);
        assertThat(disabledTest.json().path("error").asText()).isEqualTo("webhook_disabled");

        assertThat(admin.delete("/webhooks/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/webhooks/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/webhook-deliveries?webhookId=" + id).status()).isEqualTo(404);
    }

    private void move(UUID stepInstance, String to, String reason) {
        JsonNode detail = pilot.get("/iterations/" + iteration + "/steps/" + stepInstance).json();
        Map<String, Object> b = body("to", to, "expectedVersion", detail.path("step").path("version").asLong());
        if (reason != null) {
            b.put("reason", reason);
        }
        Api.Response r = pilot.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions", b);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void badInputGetsPreciseErrorsAndChangesNothing() {
        String url = receiver.url("/bad");
        Object[][] cases = {
                {body("iterationId", iteration.toString(), "url", "http://example.com/x", "eventKinds", List.of("BROADCAST")), 422, "webhook_url_not_https"},
                {body("iterationId", iteration.toString(), "url", "https://u:p@example.com/x", "eventKinds", List.of("BROADCAST")), 400, "webhook_url_invalid"},
                {body("iterationId", iteration.toString(), "url", url, "eventKinds", List.of("STEP_READY")), 400, "webhook_kind_unknown"},
                {body("iterationId", iteration.toString(), "url", url, "eventKinds", List.of("TEST")), 400, "webhook_kind_unknown"},
                {body("iterationId", iteration.toString(), "url", url, "eventKinds", List.of()), 400, "invalid_input"},
                {body("iterationId", iteration.toString(), "url", url, "eventKinds", List.of("BROADCAST"), "format", "discord"), 400, "webhook_format_unknown"},
                {body("url", url, "eventKinds", List.of("BROADCAST")), 400, "webhook_scope_required"},
                {body("iterationId", iteration.toString(), "migrationId", plan.migration().toString(), "url", url, "eventKinds", List.of("BROADCAST")), 400, "webhook_scope_required"},
                {body("iterationId", UUID.randomUUID().toString(), "url", url, "eventKinds", List.of("BROADCAST")), 404, "not_found"},
                {body("iterationId", iteration.toString(), "url", url, "eventKinds", List.of("BROADCAST"), "secret", "short"), 400, "invalid_input"},
        };
        for (Object[] c : cases) {
            Api.Response r = admin.post("/webhooks", c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r).isEqualTo(c[1]);
            assertThat(r.json().path("error").asText()).as(c[0].toString()).isEqualTo(c[2]);
        }
        assertThat(admin.get("/webhooks?iterationId=" + iteration).json().path("webhooks").findValuesAsText("url")).doesNotContain(url);
        assertThat(admin.get("/webhook-deliveries?status=LOST").status()).isEqualTo(400);
        assertThat(admin.get("/webhooks/not-a-uuid").status()).isEqualTo(400);
        assertThat(admin.post("/webhook-deliveries/" + UUID.randomUUID() + "/resend", null).status()).isEqualTo(404);
    }

    @Test
    void onlyAdministrators() {
        Api.Response created = admin.post("/webhooks", body("migrationId", plan.migration().toString(),
                "url", "https://hooks.example.com/x", "eventKinds", List.of("BROADCAST"), "format", "slack"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(pilot.get("/webhooks").status()).isEqualTo(403);
        assertThat(pilot.get("/webhooks/" + id).status()).isEqualTo(403);
        assertThat(pilot.post("/webhooks/" + id + "/test", null).status()).isEqualTo(403);
        assertThat(pilot.get("/webhook-deliveries").status()).isEqualTo(403);
        assertThat(pilot.delete("/webhooks/" + id).status()).isEqualTo(403);
        assertThat(admin.withoutXsrfHeader().delete("/webhooks/" + id).status()).isIn(400, 403, 415);
        assertThat(admin.get("/webhooks/" + id).status()).isEqualTo(200);
        assertThat(admin.delete("/webhooks/" + id).status()).isEqualTo(204);
    }

    @Test
    void withoutTheHostSettingHttpToLoopbackIsRefused() {
        TestHost shared = TestHost.get();
        Fixtures fx = Fixtures.in(shared.database());
        Api sharedAdmin = shared.as(fx.user("admin", Role.ADMIN).username());
        Fixtures.Plan p = fx.plan("NoLoopback");
        p.step("TRT-1", "x", fx.team("OPS"));
        UUID it = p.iteration("NL1");
        assertThat(sharedAdmin.get("/webhooks").json().path("allowHttpLoopback").asBoolean()).isFalse();
        Api.Response r = sharedAdmin.post("/webhooks", body("iterationId", it.toString(), "url", receiver.url("/x"),
                "eventKinds", List.of("BROADCAST")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").asText()).isEqualTo("webhook_url_not_https");
        assertThat(r.json().path("message").asText()).contains("--webhooks-allow-http-loopback");
    }
}
