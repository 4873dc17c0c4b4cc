package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what, per role, enforced by the API (not only the page). */
class RunbookPermissionsApiTest {

    @Test
    void stepMovesPerRole() {
        RunbookScenario s = new RunbookScenario();
        // normal user outside the owner team
        Api.Response outsider = s.move(s.dbaUser, s.a, "IN_PROGRESS");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.json().path("error").asText()).isEqualTo("forbidden");
        assertThat(outsider.json().path("message").asText()).contains("team");
        assertThat(s.move(s.viewer, s.a, "IN_PROGRESS").status()).isEqualTo(403);
        assertThat(s.status(s.a)).isEqualTo("READY");
        // owner team member, pilot, admin
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.pilot, s.c, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.admin, s.c, "ON_HOLD").status()).isEqualTo(200);
        assertThat(s.move(s.admin, s.k, "SKIPPED", "Not this run", false).status()).isEqualTo(200);
    }

    @Test
    void aUserCutplanDoesNotKnowReadsButNeverWrites() {
        RunbookScenario s = new RunbookScenario();
        Fixtures.TestUser ghost = s.fx.user("ghost", Role.NORMAL);
        // still has a login, but is no longer an active Cutplan user
        s.db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE users SET active = false WHERE id = ?", ghost.id()));
        Api api = s.host.as(ghost.username());
        // BasicAuth refuses inactive users outright; the read-only path is exercised through the service below
        assertThat(api.get(s.base() + "/dashboard").status()).isEqualTo(401);

        io.cutplan.service.runbook.RunbookService runbook = s.host.host().services().runbook();
        io.cutplan.domain.Caller unknown = s.host.host().services().callers().resolve(java.util.Optional.of("nobody-here"));
        assertThat(unknown.known()).isFalse();
        var queries = s.host.host().services().runbookQueries();
        var d = queries.dashboard(unknown, s.iteration, null);
        assertThat(d.steps()).hasSize(5);
        assertThat(d.steps().get(0).allowedTransitions()).isEmpty();
        assertThat(d.caller().canComment()).isFalse();
        long before = s.iterationVersion();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runbook.addComment(unknown, s.iteration, s.si(s.a), "hi"))
                .isInstanceOf(io.cutplan.domain.DomainException.class).hasMessageContaining("may only read");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runbook.transition(unknown, s.iteration, s.si(s.a),
                new io.cutplan.service.runbook.TransitionCommand(io.cutplan.domain.StepStatus.IN_PROGRESS, 1, null, false)))
                .isInstanceOf(io.cutplan.domain.DomainException.class)
                .matches(e -> ((io.cutplan.domain.DomainException) e).kind() == io.cutplan.domain.ErrorKind.FORBIDDEN);
        assertThat(s.iterationVersion()).isEqualTo(before);
    }

    @Test
    void tasksAreTickedByTheirAssignedTeamTheNomineeOrPilots() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        // t1 belongs to OPS, t2 to DBA
        assertThat(s.tick(s.dbaUser, s.t1, true).status()).isEqualTo(403);
        assertThat(s.tick(s.viewer, s.t1, true).status()).isEqualTo(403);
        assertThat(s.tick(s.opsUser, s.t2, true).status()).isEqualTo(403);
        assertThat(s.tick(s.opsUser, s.t1, true).status()).isEqualTo(200);
        assertThat(s.tick(s.pilot, s.t2, true).status()).isEqualTo(200);
        Api.Response reopen = s.tick(s.dbaUser, s.t2, false);
        assertThat(reopen.status()).isEqualTo(200);
        assertThat(reopen.json().path("task").path("status").asText()).isEqualTo("OPEN");
        assertThat(s.count("SELECT count(*) FROM task_instances WHERE iteration_id = ? AND status = 'DONE' "
                + "AND completed_by IS NOT NULL AND completed_at IS NOT NULL", s.iteration)).isEqualTo(1);
        assertThat(s.count("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'TASK_REOPENED' "
                + "AND details->>'taskTitle' = 'Confirm stop'", s.iteration)).isEqualTo(1);
    }

    @Test
    void nominatedUserMayTickATaskOfAnotherTeam() {
        RunbookScenario s = new RunbookScenario();
        Fixtures.TestUser nominee = s.fx.user("nominee", Role.NORMAL);
        java.util.UUID task = s.plan.task(s.c, "Named task", s.ops, nominee.id());
        java.util.UUID it = s.plan.iteration("RUN2");
        java.util.UUID ti = s.plan.taskInstance(it, task);
        Api.Response r = s.host.as(nominee.username()).post("/iterations/" + it + "/tasks/" + ti + "/completion",
                Map.of("done", true, "expectedVersion", 1));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void controlsAreSetByInvolvedTeamsOrPilotsAndEveryKnownUserComments() {
        RunbookScenario s = new RunbookScenario();
        assertThat(s.control(s.viewer, "PASSED").status()).isEqualTo(403);
        assertThat(s.control(s.dbaUser, "PASSED").status()).isEqualTo(403);
        Api.Response ok = s.control(s.opsUser, "FAILED");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("control").path("status").asText()).isEqualTo("FAILED");
        assertThat(ok.json().path("events").get(0).path("details").path("critical").asBoolean()).isTrue();
        assertThat(ok.json().path("events").get(0).path("details").path("from").asText()).isEqualTo("PENDING");
        assertThat(s.control(s.pilot, "PASSED").status()).isEqualTo(200);
        assertThat(s.count("SELECT count(*) FROM control_iteration_status WHERE iteration_id = ? AND status = 'PASSED' "
                + "AND set_by = ? AND note = 'checked'", s.iteration, s.pilot.id())).isEqualTo(1);

        Api.Response comment = s.as(s.viewer).post(s.base() + "/steps/" + s.si(s.a) + "/comments", Map.of("body", "  Watching  "));
        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.json().path("comment").path("body").asText()).isEqualTo("Watching");
        assertThat(comment.json().path("events").get(0).path("details").path("excerpt").asText()).isEqualTo("Watching");
    }

    @Test
    void theResourceAnswersAnUnknownUser403WithAJsonReason() {
        // The standalone host's login only admits Cutplan users; in Confluence any licensed user reaches the resource.
        // Drive the resource as Confluence would, with a host adapter naming a user the users table does not know.
        RunbookScenario s = new RunbookScenario();
        var services = s.host.host().services();
        CallerSource confluenceLike = sc -> java.util.Optional.of("licensed-but-unknown");
        StepResource resource = new StepResource(services.runbook(), services.runbookQueries(), services.callers(), confluenceLike);
        long before = s.iterationVersion();
        try {
            resource.transition(null, s.iteration.toString(), s.si(s.a).toString(),
                    new RunbookBodies.Transition(io.cutplan.domain.StepStatus.IN_PROGRESS, 1, null, null));
            org.assertj.core.api.Assertions.fail("an unknown user moved a step");
        } catch (io.cutplan.domain.DomainException e) {
            jakarta.ws.rs.core.Response r = new DomainExceptionMapper().toResponse(e);
            assertThat(r.getStatus()).isEqualTo(403);
            ErrorBody body = (ErrorBody) r.getEntity();
            assertThat(body.error()).isEqualTo("forbidden");
            assertThat(body.message()).contains("licensed-but-unknown").contains("may only read");
        }
        // and reads work for them, offering no action
        var detail = resource.get(null, s.iteration.toString(), s.si(s.a).toString());
        assertThat(detail.step().allowedTransitions()).isEmpty();
        assertThat(detail.caller().known()).isFalse();
        assertThat(s.iterationVersion()).isEqualTo(before);
    }
}
