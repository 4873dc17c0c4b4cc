package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.testing.Api;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Malformed, mistyped, oversized and cross-site requests: precise 4xx JSON, and the database unchanged. */
class RunbookHostileInputApiTest {

    private static void assertError(Api.Response r, int status, String error, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonNode body = r.json();
        if (error != null) {
            assertThat(body.path("error").asText()).as(r.toString()).isEqualTo(error);
        }
        if (field != null) {
            assertThat(body.path("field").asText()).as(r.toString()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badRequestsAreRefusedPreciselyAndChangeNothing() {
        RunbookScenario s = new RunbookScenario();
        Api api = s.as(s.pilot);
        String url = s.base() + "/steps/" + s.si(s.a) + "/transitions";
        long version = s.iterationVersion();
        long events = s.count("SELECT count(*) FROM event_log WHERE iteration_id = ?", s.iteration);
        byte[] malformed = "{\"to\": \"IN_PROGRESS\", ".getBytes(StandardCharsets.UTF_8);

        assertError(api.raw("POST", url, "application/json", malformed), 400, "malformed_json", null);
        assertError(api.post(url, "{\"to\": \"FLYING\", \"expectedVersion\": 1}"), 400, "invalid_value", "to");
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\", \"expectedVersion\": \"one\"}"), 400, "invalid_value", "expectedVersion");
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\", \"expectedVersion\": 1, \"sneaky\": true}"), 400, "unknown_field", "sneaky");
        assertError(api.post(url, "{\"expectedVersion\": 1}"), 400, "invalid_input", "to");
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\"}"), 400, "invalid_input", "expectedVersion");
        assertError(api.post(url, "[1, 2]"), 400, "invalid_value", null);
        assertError(api.post(url, "\"IN_PROGRESS\""), 400, "invalid_value", null);
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\", \"expectedVersion\": 1.5}"), 400, "invalid_value", "expectedVersion");
        assertError(api.post(url, "{\"to\": 3, \"expectedVersion\": 1}"), 400, "invalid_value", "to");
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\", \"expectedVersion\": 1} {}"), 400, null, null);
        assertError(api.raw("POST", url, "application/json", new byte[0]), 400, null, null);
        assertError(api.post(url, "{\"to\": \"IN_PROGRESS\", \"expectedVersion\": 1, \"override\": true}"), 400, "invalid_input", "override");
        assertError(api.post(url, "{\"to\": \"SKIPPED\", \"expectedVersion\": 1, \"reason\": \"" + "x".repeat(2001) + "\"}"),
                400, "invalid_input", "reason");
        byte[] huge = ("{\"to\": \"IN_PROGRESS\", \"expectedVersion\": 1, \"reason\": \"" + "x".repeat(1 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertError(api.raw("POST", url, "application/json", huge), 413, "payload_too_large", null);
        assertError(api.post(s.base() + "/steps/not-a-uuid/transitions", Map.of("to", "IN_PROGRESS", "expectedVersion", 1)),
                400, "invalid_input", "stepId");
        assertError(api.post("/iterations/123/steps/" + s.si(s.a) + "/transitions", Map.of("to", "IN_PROGRESS", "expectedVersion", 1)),
                400, "invalid_input", "id");
        assertError(api.post(s.base() + "/steps/" + UUID.randomUUID() + "/transitions", Map.of("to", "IN_PROGRESS", "expectedVersion", 1)),
                404, "not_found", null);
        assertError(api.post("/iterations/" + UUID.randomUUID() + "/steps/" + s.si(s.a) + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", 1)), 404, "not_found", null);
        // a step of another iteration is not found in this one
        UUID other = s.plan.iteration("RUN2");
        assertError(api.post("/iterations/" + other + "/steps/" + s.si(s.a) + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", 1)), 404, "not_found", null);
        // tasks, controls, comments
        assertError(api.post(s.base() + "/tasks/" + s.ti(s.t1) + "/completion", "{\"done\": \"yes\", \"expectedVersion\": 1}"),
                400, "invalid_value", "done");
        assertError(api.put(s.base() + "/controls/" + s.ctl, Map.of("status", "PENDING")), 400, "invalid_input", "status");
        assertError(api.put(s.base() + "/controls/" + s.ctl, Map.of("status", "MAYBE")), 400, "invalid_value", "status");
        assertError(api.put(s.base() + "/controls/" + UUID.randomUUID(), Map.of("status", "PASSED")), 404, "not_found", null);
        assertError(api.post(s.base() + "/steps/" + s.si(s.a) + "/comments", Map.of("body", "   ")), 400, "invalid_input", "body");
        assertError(api.post(s.base() + "/steps/" + s.si(s.a) + "/comments", Map.of("body", "x".repeat(8001))), 400, "invalid_input", "body");
        assertError(api.raw("POST", s.base() + "/steps/" + s.si(s.a) + "/comments", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", null);

        assertThat(s.iterationVersion()).isEqualTo(version);
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ?", s.iteration)).isEqualTo(events);
        assertThat(s.count("SELECT count(*) FROM comments WHERE iteration_id = ?", s.iteration)).isZero();
        assertThat(s.status(s.a)).isEqualTo("READY");
    }

    @Test
    void writesWithoutTheXsrfHeaderAreRefused() {
        RunbookScenario s = new RunbookScenario();
        Api noHeader = s.as(s.pilot).withoutXsrfHeader();
        assertError(noHeader.post(s.base() + "/steps/" + s.si(s.a) + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", 1)), 403, "xsrf_check_failed", "X-Atlassian-Token");
        assertError(noHeader.post(s.base() + "/steps/" + s.si(s.a) + "/comments", Map.of("body", "x")), 403, "xsrf_check_failed", null);
        assertError(noHeader.put(s.base() + "/controls/" + s.ctl, Map.of("status", "PASSED")), 403, "xsrf_check_failed", null);
        assertThat(noHeader.get(s.base() + "/dashboard").status()).isEqualTo(200);
        assertThat(s.status(s.a)).isEqualTo("READY");
        assertThat(s.iterationVersion()).isEqualTo(1);
    }

    @Test
    void aStaleVersionGets409WithTheCurrentStateAndTwoPilotsNeverBothWin() throws Exception {
        RunbookScenario s = new RunbookScenario();
        Map<String, Object> start = Map.of("to", "IN_PROGRESS", "expectedVersion", 1);
        String url = s.base() + "/steps/" + s.si(s.a) + "/transitions";
        assertThat(s.as(s.pilot).post(url, start).status()).isEqualTo(200);
        Api.Response stale = s.as(s.pilot2).post(url, Map.of("to", "ON_HOLD", "expectedVersion", 1));
        assertError(stale, 409, "stale_version", "expectedVersion");
        assertThat(stale.json().path("details").path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(stale.json().path("details").path("version").asInt()).isEqualTo(2);
        Api.Response staleTask = s.as(s.pilot).post(s.base() + "/tasks/" + s.ti(s.t1) + "/completion",
                Map.of("done", true, "expectedVersion", 7));
        assertError(staleTask, 409, "stale_version", "expectedVersion");
        assertThat(staleTask.json().path("details").path("status").asText()).isEqualTo("OPEN");

        // two pilots race on C with the same expected version: exactly one wins
        for (int round = 0; round < 5; round++) {
            int v = s.version(s.c);
            String from = s.status(s.c);
            String heldFrom = s.db.transactor().readOnly(cn -> io.cutplan.store.Jdbc.one(cn,
                    "SELECT held_from FROM step_instances WHERE iteration_id = ? AND step_id = ?", rs -> rs.getString(1),
                    s.iteration, s.c)).orElse(null);
            java.util.List<io.cutplan.domain.StepStatus> targets = new java.util.ArrayList<>(
                    io.cutplan.domain.StepTransitions.manualTargets(io.cutplan.domain.StepStatus.valueOf(from),
                            heldFrom == null ? null : io.cutplan.domain.StepStatus.valueOf(heldFrom)));
            // two different moves where the table allows two, else the same move twice: one wins, the other is stale
            String target1 = targets.get(0).name();
            String target2 = targets.get(targets.size() - 1).name();
            String curl = s.base() + "/steps/" + s.si(s.c) + "/transitions";
            var body1 = Map.<String, Object>of("to", target1, "expectedVersion", v, "reason", "race");
            var body2 = Map.<String, Object>of("to", target2, "expectedVersion", v, "reason", "race");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var latch = new java.util.concurrent.CountDownLatch(1);
            var f1 = pool.submit(() -> { latch.await(); return s.as(s.pilot).post(curl, body1).status(); });
            var f2 = pool.submit(() -> { latch.await(); return s.as(s.pilot2).post(curl, body2).status(); });
            latch.countDown();
            int r1 = f1.get();
            int r2 = f2.get();
            pool.shutdown();
            assertThat(java.util.List.of(r1, r2)).as("round " + round + " from " + from).containsExactlyInAnyOrder(200, 409);
            assertThat(s.version(s.c)).isGreaterThan(v); // +1, or +2 when a restore is followed by automatic readiness

        }
    }
}
