package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes gate overrides over real HTTP on PostgreSQL (issue 17, Deliver 2): with the plan setting on, one pilot
 * alone cannot complete a blocked step by override; a different pilot's confirmation completes it; the same pilot
 * is refused; a rejection clears the request; both pilots are in the log; without the setting nothing changed.
 */
class FourEyesOverrideApiTest {

    /** B in progress with both tasks open and CTL-1 not passed: its gate is blocked. */
    private static RunbookScenario blockedGate(boolean fourEyes) {
        RunbookScenario s = new RunbookScenario();
        if (fourEyes) {
            setFourEyes(s, true);
        }
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "DONE").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.b, "IN_PROGRESS").status()).isEqualTo(200);
        return s;
    }

    private static void setFourEyes(RunbookScenario s, boolean on) {
        Api admin = s.as(s.admin);
        JsonNode plan = admin.get("/plans/" + s.plan.id).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", plan.path("code").asText());
        body.put("name", plan.path("name").asText());
        body.put("fourEyesOverride", on);
        Api.Response r = admin.put("/plans/" + s.plan.id, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("fourEyesOverride").asBoolean()).isEqualTo(on);
    }

    private static Api.Response confirm(RunbookScenario s, Fixtures.TestUser u) {
        return s.as(u).post(s.base() + "/steps/" + s.si(s.b) + "/override-confirmation", Map.of());
    }

    private static Api.Response reject(RunbookScenario s, Fixtures.TestUser u, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        return s.as(u).post(s.base() + "/steps/" + s.si(s.b) + "/override-rejection", body);
    }

    private static JsonNode detail(RunbookScenario s, Fixtures.TestUser u) {
        return s.as(u).get(s.base() + "/steps/" + s.si(s.b)).json();
    }

    @Test
    void theSettingIsOffByDefaultAndRoundTripsThroughThePlanApi() {
        RunbookScenario s = new RunbookScenario();
        assertThat(s.as(s.admin).get("/plans/" + s.plan.id).json().path("fourEyesOverride").asBoolean()).isFalse();
        setFourEyes(s, true);
        assertThat(s.as(s.viewer).get("/plans/" + s.plan.id).json().path("fourEyesOverride").asBoolean()).isTrue();
        // an update that leaves the field out keeps it
        JsonNode plan = s.as(s.admin).get("/plans/" + s.plan.id).json();
        Api.Response r = s.as(s.admin).put("/plans/" + s.plan.id, Map.of("code", plan.path("code").asText(),
                "name", "Renamed"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("fourEyesOverride").asBoolean()).isTrue();
        assertThat(detail(s, s.pilot).path("fourEyesOverride").asBoolean()).isTrue();
        // only administrators change it
        assertThat(s.as(s.pilot).put("/plans/" + s.plan.id, Map.of("code", plan.path("code").asText(), "name", "X",
                "fourEyesOverride", false)).status()).isEqualTo(403);
    }

    @Test
    void onePilotAloneCannotCompleteTheStepAndASecondPilotsConfirmationDoes() {
        RunbookScenario s = blockedGate(true);
        Api.Response req = s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true);
        assertThat(req.status()).as(req.toString()).isEqualTo(202);
        assertThat(req.json().path("steps").get(0).path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(req.json().path("steps").get(0).path("gateOverridden").asBoolean()).isFalse();
        JsonNode pending = req.json().path("pendingOverride");
        assertThat(pending.path("requestedBy").path("id").asText()).isEqualTo(s.pilot.id().toString());
        assertThat(pending.path("reason").asText()).isEqualTo("Reconciled by hand");
        assertThat(pending.path("requestedAt").asText()).isNotEmpty();
        assertThat(pending.path("open").path("openTasks").asInt()).isEqualTo(2);
        assertThat(pending.path("open").path("unpassedControls").toString()).contains("CTL-1");
        assertThat(req.json().path("events").get(0).path("type").asText()).isEqualTo("GATE_OVERRIDE_REQUESTED");
        assertThat(s.status(s.b)).isEqualTo("IN_PROGRESS");
        assertThat(s.status(s.j)).isEqualTo("PENDING");

        // the page shows who asked, when, why and what is still open
        JsonNode d = detail(s, s.pilot2);
        assertThat(d.path("pendingOverride").path("requestedBy").path("name").asText()).isNotEmpty();
        assertThat(d.path("pendingOverride").path("open").path("openTasks").asInt()).isEqualTo(2);
        s.tick(s.opsUser, s.t1, true);
        assertThat(detail(s, s.pilot2).path("pendingOverride").path("open").path("openTasks").asInt()).isEqualTo(1);

        // the same pilot: overriding again or confirming is refused, naming the rule; the step stays IN_PROGRESS
        Api.Response again = s.move(s.pilot, s.b, "DONE", "Still reconciled", true);
        assertThat(again.status()).as(again.toString()).isEqualTo(422);
        assertThat(again.json().path("error").asText()).isEqualTo("four_eyes_required");
        assertThat(again.json().path("message").asText()).contains("four-eyes");
        Api.Response self = confirm(s, s.pilot);
        assertThat(self.status()).as(self.toString()).isEqualTo(422);
        assertThat(self.json().path("error").asText()).isEqualTo("four_eyes_same_pilot");
        // a second pilot may not bypass the request with a plain override either
        Api.Response bypass = s.move(s.pilot2, s.b, "DONE", "My own reason", true);
        assertThat(bypass.status()).as(bypass.toString()).isEqualTo(422);
        assertThat(bypass.json().path("error").asText()).isEqualTo("four_eyes_required");
        // non-pilots are refused as for overrides
        assertThat(confirm(s, s.opsUser).status()).isEqualTo(403);
        assertThat(reject(s, s.opsUser, "no").status()).isEqualTo(403);
        assertThat(s.status(s.b)).isEqualTo("IN_PROGRESS");
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_GATE_OVERRIDDEN'",
                s.iteration)).isZero();

        Api.Response ok = confirm(s, s.pilot2);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("steps").get(0).path("status").asText()).isEqualTo("DONE");
        assertThat(ok.json().path("steps").get(0).path("gateOverridden").asBoolean()).isTrue();
        JsonNode overridden = ok.json().path("events").get(0);
        assertThat(overridden.path("type").asText()).isEqualTo("STEP_GATE_OVERRIDDEN");
        assertThat(overridden.path("details").path("requestedBy").path("id").asText()).isEqualTo(s.pilot.id().toString());
        assertThat(overridden.path("details").path("confirmedBy").path("id").asText()).isEqualTo(s.pilot2.id().toString());
        assertThat(overridden.path("details").path("reason").asText()).isEqualTo("Reconciled by hand");
        assertThat(s.status(s.b)).isEqualTo("DONE");
        // both events in the log, in order
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'GATE_OVERRIDE_REQUESTED' "
                + "AND actor_id = ?", s.iteration, s.pilot.id())).isEqualTo(1);
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_GATE_OVERRIDDEN' "
                + "AND actor_id = ?", s.iteration, s.pilot2.id())).isEqualTo(1);
        assertThat(detail(s, s.pilot).path("pendingOverride").isMissingNode()).isTrue();
        // nothing left to confirm
        Api.Response late = confirm(s, s.admin);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("error").asText()).isEqualTo("no_override_pending");
    }

    @Test
    void aRejectionClearsTheRequestAndAnotherRequestMayFollow() {
        RunbookScenario s = blockedGate(true);
        assertThat(s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true).status()).isEqualTo(202);
        Api.Response noReason = reject(s, s.pilot2, null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        Api.Response r = reject(s, s.pilot2, "Balances must match first");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode e = r.json().path("events").get(0);
        assertThat(e.path("type").asText()).isEqualTo("GATE_OVERRIDE_REJECTED");
        assertThat(e.path("details").path("reason").asText()).isEqualTo("Balances must match first");
        assertThat(e.path("details").path("requestReason").asText()).isEqualTo("Reconciled by hand");
        assertThat(e.path("details").path("withdrawn").asBoolean()).isFalse();
        assertThat(s.status(s.b)).isEqualTo("IN_PROGRESS");
        assertThat(detail(s, s.pilot).path("pendingOverride").isMissingNode()).isTrue();
        assertThat(confirm(s, s.pilot2).json().path("error").asText()).isEqualTo("no_override_pending");
        // a new request, then the requester withdraws it
        assertThat(s.move(s.pilot2, s.b, "DONE", "Second try", true).status()).isEqualTo(202);
        Api.Response w = reject(s, s.pilot2, "Asked too early");
        assertThat(w.json().path("events").get(0).path("details").path("withdrawn").asBoolean()).isTrue();
        assertThat(s.count("SELECT count(*) FROM gate_overrides WHERE iteration_id = ? AND status = 'REJECTED'", s.iteration))
                .isEqualTo(2);
    }

    @Test
    void withoutTheSettingOnePilotsOverrideCompletesTheStepAsBefore() {
        RunbookScenario s = blockedGate(false);
        Api.Response override = s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true);
        assertThat(override.status()).as(override.toString()).isEqualTo(200);
        assertThat(override.json().path("pendingOverride").isMissingNode()).isTrue();
        assertThat(override.json().path("steps").get(0).path("status").asText()).isEqualTo("DONE");
        assertThat(override.json().path("events").get(0).path("type").asText()).isEqualTo("STEP_GATE_OVERRIDDEN");
        assertThat(override.json().path("events").get(0).path("details").has("confirmedBy")).isFalse();
        assertThat(s.count("SELECT count(*) FROM gate_overrides WHERE iteration_id = ?", s.iteration)).isZero();
        assertThat(detail(s, s.pilot).path("fourEyesOverride").asBoolean()).isFalse();
    }

    @Test
    void aStepThatMovesOnOtherwiseClearsItsRequest() {
        RunbookScenario s = blockedGate(true);
        assertThat(s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true).status()).isEqualTo(202);
        assertThat(s.move(s.opsUser, s.b, "ON_HOLD").status()).isEqualTo(200);
        assertThat(s.count("SELECT count(*) FROM gate_overrides WHERE iteration_id = ? AND status = 'CLEARED'", s.iteration))
                .isEqualTo(1);
        assertThat(confirm(s, s.pilot2).json().path("error").asText()).isEqualTo("no_override_pending");
    }

    @Test
    void twoConfirmationsAtOnceCompleteTheStepOnce() throws Exception {
        RunbookScenario s = blockedGate(true);
        Fixtures.TestUser pilot3 = s.fx.user("pilot3", Role.PILOT);
        assertThat(s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true).status()).isEqualTo(202);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (Fixtures.TestUser u : List.of(s.pilot2, pilot3, s.admin, s.pilot2)) {
                Callable<Api.Response> call = () -> {
                    go.await();
                    return confirm(s, u);
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            int ok = 0;
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(422);
                    assertThat(r.json().path("error").asText()).isEqualTo("no_override_pending");
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_GATE_OVERRIDDEN'",
                s.iteration)).isEqualTo(1);
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_STATUS_CHANGED' "
                + "AND details->>'stepCode' = 'TRT-2' AND details->>'to' = 'DONE'", s.iteration)).isEqualTo(1);
        assertThat(s.status(s.b)).isEqualTo("DONE");
    }
}
