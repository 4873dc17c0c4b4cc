package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.testing.Api;
import org.junit.jupiter.api.Test;

/** The step lifecycle over real HTTP: every rule, readiness across a join, skip, reopen, the gate and its override. */
class RunbookLifecycleApiTest {

    @Test
    void aJoinBecomesReadyInTheSameTransactionAsItsLastPredecessorFinishes() {
        RunbookScenario s = new RunbookScenario();
        assertThat(s.status(s.a)).isEqualTo("READY");
        assertThat(s.status(s.c)).isEqualTo("READY");
        assertThat(s.status(s.b)).isEqualTo("PENDING");

        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        Api.Response done = s.move(s.opsUser, s.a, "DONE");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        JsonNode steps = done.json().path("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).path("status").asText()).isEqualTo("DONE");
        assertThat(steps.get(1).path("code").asText()).isEqualTo("TRT-2");
        assertThat(steps.get(1).path("status").asText()).isEqualTo("READY");
        assertThat(s.status(s.b)).isEqualTo("READY");
        long v = done.json().path("version").asLong();
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND change_version = ? "
                + "AND event_type = 'STEP_STATUS_CHANGED' AND (details->>'automatic')::boolean", s.iteration, v)).isEqualTo(1);
        assertThat(s.count("SELECT count(*) FROM step_instances WHERE iteration_id = ? AND changed_in_version = ?", s.iteration, v))
                .isEqualTo(2);

        // B finishes (tasks + control first); the join J still waits for C.
        assertThat(s.move(s.opsUser, s.b, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.tick(s.opsUser, s.t1, true).status()).isEqualTo(200);
        assertThat(s.tick(s.dbaUser, s.t2, true).status()).isEqualTo(200);
        assertThat(s.control(s.opsUser, "PASSED").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.b, "DONE").status()).isEqualTo(200);
        assertThat(s.status(s.j)).isEqualTo("PENDING");

        // C is skipped by a pilot: skipped counts as finished, so J becomes READY now.
        Api.Response skip = s.move(s.pilot, s.c, "SKIPPED", "Data already copied", false);
        assertThat(skip.status()).as(skip.toString()).isEqualTo(200);
        assertThat(s.status(s.j)).isEqualTo("READY");
        assertThat(s.status(s.k)).isEqualTo("PENDING");
        JsonNode iteration = s.as(s.viewer).get(s.base()).json();
        assertThat(iteration.path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void everyManualRuleIsEnforced() {
        RunbookScenario s = new RunbookScenario();
        // PENDING -> READY is the server's job.
        Api.Response r = s.move(s.pilot, s.b, "READY");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").asText()).isEqualTo("transition_not_allowed");
        assertThat(r.json().path("details").path("allowed").toString()).contains("SKIPPED").contains("CANCELLED");
        // READY -> DONE skips IN_PROGRESS: refused.
        assertThat(s.move(s.opsUser, s.a, "DONE").status()).isEqualTo(422);
        // hold and release back to where it was
        assertThat(s.move(s.opsUser, s.a, "ON_HOLD").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(422); // held from READY
        assertThat(s.move(s.opsUser, s.a, "READY").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "ON_HOLD").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        // fail and retry
        assertThat(s.move(s.opsUser, s.a, "FAILED").status()).isEqualTo(200);
        assertThat(s.status(s.b)).isEqualTo("PENDING");
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "DONE").status()).isEqualTo(200);
        // only pilots skip or cancel, with a reason
        assertThat(s.move(s.opsUser, s.b, "SKIPPED", "why not", false).status()).isEqualTo(403);
        Api.Response noReason = s.move(s.pilot, s.b, "CANCELLED");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        assertThat(s.move(s.pilot, s.b, "CANCELLED", "Not needed", false).status()).isEqualTo(200);
        assertThat(s.status(s.j)).isEqualTo("PENDING"); // cancelled does not release successors
        // restore: back to PENDING, and at once READY because A is DONE
        Api.Response restore = s.move(s.pilot, s.b, "PENDING", "Needed after all", false);
        assertThat(restore.status()).as(restore.toString()).isEqualTo(200);
        assertThat(s.status(s.b)).isEqualTo("READY");
        // a step without owner team: pilots only
        assertThat(s.move(s.opsUser, s.k, "SKIPPED", "x", false).status()).isEqualTo(403);
        // DONE is final for non-pilots
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS", "redo", false).status()).isEqualTo(403);
        // timestamps
        assertThat(s.count("SELECT count(*) FROM step_instances WHERE iteration_id = ? AND step_id = ? AND started_at IS NOT NULL "
                + "AND finished_at IS NOT NULL AND ready_at IS NOT NULL", s.iteration, s.a)).isEqualTo(1);
    }

    @Test
    void reopeningADoneStepSendsNotYetStartedSuccessorsBackToPending() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        assertThat(s.status(s.b)).isEqualTo("READY");
        Api.Response reopen = s.move(s.pilot, s.a, "IN_PROGRESS", "Freeze incomplete", false);
        assertThat(reopen.status()).as(reopen.toString()).isEqualTo(200);
        assertThat(s.status(s.a)).isEqualTo("IN_PROGRESS");
        assertThat(s.status(s.b)).isEqualTo("PENDING");
        assertThat(s.count("SELECT count(*) FROM step_instances WHERE iteration_id = ? AND step_id = ? AND finished_at IS NULL",
                s.iteration, s.a)).isEqualTo(1);
        // a successor on hold from READY goes back too
        s.move(s.opsUser, s.a, "DONE");
        s.move(s.opsUser, s.b, "ON_HOLD");
        s.move(s.pilot, s.a, "IN_PROGRESS", "Again", false);
        assertThat(s.status(s.b)).isEqualTo("PENDING");
        // a started successor is left alone
        s.move(s.opsUser, s.a, "DONE");
        s.move(s.opsUser, s.b, "IN_PROGRESS");
        s.move(s.pilot, s.a, "IN_PROGRESS", "Third time", false);
        assertThat(s.status(s.b)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void theGateHoldsUntilTasksAreDoneAndCriticalControlsPassUnlessAPilotOverrides() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        s.move(s.opsUser, s.b, "IN_PROGRESS");
        Api.Response blocked = s.move(s.opsUser, s.b, "DONE");
        assertThat(blocked.status()).isEqualTo(422);
        assertThat(blocked.json().path("error").asText()).isEqualTo("gate_blocked");
        assertThat(blocked.json().path("details").path("openTasks").asInt()).isEqualTo(2);
        assertThat(blocked.json().path("details").path("unpassedControls").toString()).contains("CTL-1");

        s.tick(s.opsUser, s.t1, true);
        s.tick(s.dbaUser, s.t2, true);
        assertThat(s.control(s.opsUser, "FAILED").status()).isEqualTo(200);
        blocked = s.move(s.opsUser, s.b, "DONE");
        assertThat(blocked.status()).isEqualTo(422);
        assertThat(blocked.json().path("details").path("openTasks").asInt()).isZero();

        // a normal user may not override; a pilot must give a reason
        assertThat(s.move(s.opsUser, s.b, "DONE", "trust me", true).status()).isEqualTo(403);
        assertThat(s.move(s.pilot, s.b, "DONE", null, true).status()).isEqualTo(400);
        long eventsBefore = s.count("SELECT count(*) FROM event_log WHERE iteration_id = ?", s.iteration);
        Api.Response override = s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true);
        assertThat(override.status()).as(override.toString()).isEqualTo(200);
        assertThat(override.json().path("steps").get(0).path("gateOverridden").asBoolean()).isTrue();
        JsonNode events = override.json().path("events");
        assertThat(events.get(0).path("type").asText()).isEqualTo("STEP_GATE_OVERRIDDEN");
        assertThat(events.get(0).path("details").path("unpassedControls").toString()).contains("CTL-1");
        assertThat(events.get(1).path("details").path("override").asBoolean()).isTrue();
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ?", s.iteration)).isEqualTo(eventsBefore + 2);
    }

    @Test
    void theGatePassesOnItsOwnWhenEverythingIsGreen() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        s.move(s.opsUser, s.b, "IN_PROGRESS");
        s.tick(s.opsUser, s.t1, true);
        s.tick(s.dbaUser, s.t2, true);
        s.control(s.pilot, "PASSED");
        Api.Response done = s.move(s.opsUser, s.b, "DONE");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("steps").get(0).path("gateOverridden").asBoolean()).isFalse();
        // reopening a task of a DONE step is refused
        assertThat(s.tick(s.opsUser, s.t1, false).status()).isEqualTo(422);
    }

    @Test
    void theIterationCompletesWhenEveryStepIsFinishedAndReopensWithAStep() {
        RunbookScenario s = new RunbookScenario();
        assertThat(s.move(s.pilot, s.a, "SKIPPED", "Frozen already", false).status()).isEqualTo(200);
        assertThat(s.as(s.viewer).get(s.base()).json().path("status").asText()).isEqualTo("PLANNED"); // nothing started yet
        s.move(s.pilot, s.b, "SKIPPED", "n/a", false);
        s.move(s.pilot, s.c, "CANCELLED", "n/a", false);
        assertThat(s.status(s.j)).isEqualTo("PENDING"); // C cancelled: the join never becomes READY on its own
        s.move(s.pilot, s.j, "SKIPPED", "n/a", false);
        s.move(s.pilot, s.k, "IN_PROGRESS");
        assertThat(s.as(s.viewer).get(s.base()).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        Api.Response last = s.move(s.pilot, s.k, "DONE");
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.json().path("events").toString()).contains("ITERATION_UPDATED").contains("COMPLETED");
        assertThat(s.as(s.viewer).get(s.base()).json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(s.count("SELECT count(*) FROM plan_instances WHERE iteration_id = ? AND status = 'COMPLETED' "
                + "AND started_at IS NOT NULL AND finished_at IS NOT NULL", s.iteration)).isEqualTo(1);
        // a pilot reopens the last step: the iteration is running again
        assertThat(s.move(s.pilot, s.k, "IN_PROGRESS", "Check again", false).status()).isEqualTo(200);
        assertThat(s.as(s.viewer).get(s.base()).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aCancelledIterationRefusesExecutionButStillTakesComments() {
        RunbookScenario s = new RunbookScenario();
        s.db.transactor().inTransaction(c -> io.cutplan.store.Jdbc.update(c,
                "UPDATE iterations SET status = 'CANCELLED' WHERE id = ?", s.iteration));
        Api.Response r = s.move(s.pilot, s.a, "IN_PROGRESS");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").asText()).isEqualTo("iteration_cancelled");
        assertThat(s.control(s.pilot, "PASSED").status()).isEqualTo(422);
        assertThat(s.as(s.pilot).post(s.base() + "/steps/" + s.si(s.a) + "/comments",
                java.util.Map.of("body", "Rehearsal called off")).status()).isEqualTo(201);
    }
}
