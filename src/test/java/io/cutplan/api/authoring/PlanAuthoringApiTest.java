package io.cutplan.api.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authoring of canonical plans over real HTTP against real PostgreSQL. */
class PlanAuthoringApiTest {
    private static Database db;
    private static Fixtures fx;
    private static Api admin;
    private static Api pilot;
    private static Api executor;
    private static UUID ops;
    private static UUID dba;
    private static int counter;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        fx = Fixtures.in(db);
        ops = fx.team("OPS");
        dba = fx.team("DBA");
        admin = host.as(fx.user("admin", Role.ADMIN).username());
        pilot = host.as(fx.user("pilot", Role.PILOT).username());
        executor = host.as(fx.user("exec", Role.NORMAL, ops).username());
    }

    /** A fresh plan with one macro-phase and one chapter, created over the API. */
    private record Skeleton(String planId, String phaseId, String chapterId) {
        String path() {
            return "/plans/" + planId;
        }
    }

    private static Skeleton skeleton() {
        String code = "P" + System.nanoTime() % 1_000_000_000 + "-" + (++counter);
        Api.Response plan = admin.post("/plans", Map.of("code", code, "name", "Plan " + code, "description", "Test plan"));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        String planId = plan.json().path("id").asText();
        Api.Response phase = admin.post("/plans/" + planId + "/macro-phases", Map.of("name", "Preparation"));
        assertThat(phase.status()).as(phase.toString()).isEqualTo(201);
        Api.Response chapter = admin.post("/plans/" + planId + "/chapters",
                Map.of("macroPhaseId", phase.json().path("id").asText(), "code", "CH1", "name", "Chapter one"));
        assertThat(chapter.status()).as(chapter.toString()).isEqualTo(201);
        return new Skeleton(planId, phase.json().path("id").asText(), chapter.json().path("id").asText());
    }

    private static Map<String, Object> step(Skeleton s, String code, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chapterId", s.chapterId());
        m.put("code", code);
        m.put("title", title);
        m.put("ownerTeamId", ops.toString());
        m.put("plannedDurationMinutes", 30);
        return m;
    }

    private static String createStep(Skeleton s, String code) {
        Api.Response r = admin.post(s.path() + "/steps", step(s, code, "Step " + code));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** Runs a request that must be refused and checks that nothing at all changed in the database. */
    private static JsonNode refused(int status, Supplier<Api.Response> request) {
        String before = DbSnapshot.take(db);
        Api.Response r = request.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.cutplan");
        assertThat(DbSnapshot.take(db)).as("database unchanged after " + r).isEqualTo(before);
        return body;
    }

    @Test
    void plansAndTheirStructureRoundTrip() {
        Skeleton s = skeleton();
        Api.Response got = admin.get(s.path());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("description").asText()).isEqualTo("Test plan");
        assertThat(got.json().path("counts").path("macroPhases").asInt()).isEqualTo(1);
        assertThat(got.json().path("counts").path("chapters").asInt()).isEqualTo(1);
        long revision = got.json().path("revision").asLong();
        assertThat(got.header("ETag")).isEqualTo("\"" + revision + "\"");

        Api.Response renamed = admin.put(s.path(), Map.of("code", got.json().path("code").asText(), "name", "Renamed"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.json().has("description")).as("PUT replaces: description left out is cleared").isFalse();
        assertThat(renamed.json().path("revision").asLong()).isEqualTo(revision + 1);

        Api.Response list = executor.get("/plans?limit=1000");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(list.json().path("items").findValuesAsText("id")).contains(s.planId());

        // A second macro-phase placed first moves the existing one to position 1.
        Api.Response first = admin.post(s.path() + "/macro-phases", Map.of("name", "Before everything", "position", 0));
        assertThat(first.status()).isEqualTo(201);
        JsonNode phases = admin.get(s.path() + "/macro-phases").json().path("items");
        assertThat(phases.findValuesAsText("name")).containsExactly("Before everything", "Preparation");
        assertThat(phases.findValuesAsText("position")).containsExactly("0", "1");

        // A chapter moved to the other phase.
        Api.Response moved = admin.put(s.path() + "/chapters/" + s.chapterId(),
                Map.of("macroPhaseId", first.json().path("id").asText(), "code", "CH1", "name", "Chapter one, moved"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("macroPhaseId").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(admin.get(s.path() + "/chapters?macroPhaseId=" + s.phaseId()).json().path("items").size()).isZero();

        // The empty phase can go; the non-empty one cannot.
        assertThat(admin.delete(s.path() + "/macro-phases/" + s.phaseId()).status()).isEqualTo(204);
        JsonNode notEmpty = refused(409, () -> admin.delete(s.path() + "/macro-phases/" + first.json().path("id").asText()));
        assertThat(notEmpty.path("error").asText()).isEqualTo("not_empty");
    }

    @Test
    void stepsTasksControlsAndLinksRoundTrip() {
        Skeleton s = skeleton();
        Map<String, Object> body = step(s, "trt-10", "Stop the batch");
        body.put("type", "TRT");
        body.put("description", "Line one\nline two");
        body.put("impactedTeamIds", List.of(dba.toString(), ops.toString()));
        body.put("goNoGo", true);
        Api.Response created = admin.post(s.path() + "/steps", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(s.path() + "/steps/" + created.json().path("id").asText());
        JsonNode step = created.json();
        assertThat(step.path("code").asText()).isEqualTo("TRT-10");
        assertThat(step.path("type").asText()).isEqualTo("TRT");
        assertThat(step.path("goNoGo").asBoolean()).isTrue();
        assertThat(step.path("impactedTeamIds").findValuesAsText("")).isEmpty();
        assertThat(step.path("impactedTeamIds").size()).isEqualTo(2);
        String stepId = step.path("id").asText();
        String other = createStep(s, "CHK-1");

        // Reorder: put CHK-1 first.
        Map<String, Object> update = step(s, "CHK-1", "Check first");
        update.put("position", 0);
        Api.Response reordered = admin.put(s.path() + "/steps/" + other, update);
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(reordered.json().path("position").asInt()).isZero();
        assertThat(admin.get(s.path() + "/steps/" + stepId).json().path("position").asInt()).isEqualTo(1);
        // impactedTeamIds left out of a PUT keeps the list.
        Map<String, Object> retitle = step(s, "TRT-10", "Stop every batch");
        Api.Response retitled = admin.put(s.path() + "/steps/" + stepId, retitle);
        assertThat(retitled.json().path("impactedTeamIds").size()).isEqualTo(2);
        assertThat(retitled.json().path("title").asText()).isEqualTo("Stop every batch");

        Api.Response steps = executor.get(s.path() + "/steps?chapterId=" + s.chapterId());
        assertThat(steps.json().path("items").findValuesAsText("code")).containsExactly("CHK-1", "TRT-10");

        Api.Response control = admin.post(s.path() + "/controls", Map.of("code", "CTL-1", "title", "Balances match", "critical", true));
        assertThat(control.status()).as(control.toString()).isEqualTo(201);
        String controlId = control.json().path("id").asText();

        Api.Response task = admin.post(s.path() + "/steps/" + stepId + "/tasks",
                Map.of("title", "Stop jobs", "assignedTeamId", ops.toString(), "controlIds", List.of(controlId)));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);
        String taskId = task.json().path("id").asText();
        assertThat(task.json().path("controlIds").get(0).asText()).isEqualTo(controlId);
        Api.Response second = admin.post(s.path() + "/steps/" + stepId + "/tasks", Map.of("title", "Confirm", "position", 0));
        assertThat(second.json().path("position").asInt()).isZero();
        assertThat(admin.get(s.path() + "/steps/" + stepId + "/tasks").json().path("items").findValuesAsText("title"))
                .containsExactly("Confirm", "Stop jobs");

        // Unlink, then link again through the link resource.
        assertThat(admin.delete(s.path() + "/tasks/" + taskId + "/controls/" + controlId).json().path("controlIds").size()).isZero();
        assertThat(admin.put(s.path() + "/tasks/" + taskId + "/controls/" + controlId, "").json().path("controlIds").size()).isEqualTo(1);
        assertThat(admin.get(s.path() + "/controls/" + controlId).json().path("taskIds").get(0).asText()).isEqualTo(taskId);

        // A task moves to another step.
        Api.Response movedTask = admin.put(s.path() + "/tasks/" + taskId, Map.of("stepId", other, "title", "Stop jobs"));
        assertThat(movedTask.status()).as(movedTask.toString()).isEqualTo(200);
        assertThat(movedTask.json().path("stepId").asText()).isEqualTo(other);
        assertThat(movedTask.json().path("controlIds").size()).as("controlIds left out keeps the links").isEqualTo(1);
        assertThat(admin.get(s.path() + "/steps/" + stepId + "/tasks").json().path("items").size()).isEqualTo(1);

        assertThat(admin.delete(s.path() + "/tasks/" + taskId).status()).isEqualTo(204);
        assertThat(admin.get(s.path() + "/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(admin.delete(s.path() + "/controls/" + controlId).status()).isEqualTo(204);
        assertThat(admin.delete(s.path() + "/steps/" + stepId).status()).isEqualTo(204);
        assertThat(admin.get(s.path() + "/steps").json().path("total").asInt()).isEqualTo(1);

        // Every change left an audit event with what changed.
        List<String> actions = db.transactor().readOnly(c -> Jdbc.list(c,
                "SELECT details->>'entity' || ':' || (details->>'action') FROM event_log WHERE event_type = 'PLAN_CHANGED' "
                        + "AND details->>'planId' = ? ORDER BY (details->>'revision')::bigint", rs -> rs.getString(1), s.planId()));
        assertThat(actions).contains("step:created", "step:updated", "task:created", "taskControl:deleted", "taskControl:created",
                "task:deleted", "control:deleted", "step:deleted");
        String change = db.transactor().readOnly(c -> Jdbc.one(c,
                "SELECT details->'changes'->'title'->>'to' FROM event_log WHERE event_type = 'PLAN_CHANGED' "
                        + "AND details->>'id' = ? AND details->>'action' = 'updated' AND details->'changes'->'title' IS NOT NULL",
                rs -> rs.getString(1), stepId)).orElseThrow();
        assertThat(change).isEqualTo("Stop every batch");
    }

    @Test
    void onlyAdministratorsWriteAndEveryoneReads() {
        Skeleton s = skeleton();
        String stepId = createStep(s, "TRT-1");
        for (Api who : List.of(pilot, executor)) {
            JsonNode body = refused(403, () -> who.post("/plans", Map.of("code", "NOPE", "name", "Nope")));
            assertThat(body.path("error").asText()).isEqualTo("forbidden");
            refused(403, () -> who.put(s.path() + "/steps/" + stepId, step(s, "TRT-1", "Hijacked")));
            refused(403, () -> who.delete(s.path() + "/steps/" + stepId));
            refused(403, () -> who.post(s.path() + "/controls", Map.of("code", "C", "title", "T")));
            assertThat(who.get(s.path() + "/steps/" + stepId).status()).isEqualTo(200);
        }
        // An administrator whose account was deactivated after logging in can neither read nor write any more, at
        // once, even though the login is remembered (issue 15, finding 7: before, a deactivated user kept reading).
        Fixtures.TestUser gone = fx.user("gone", Role.ADMIN);
        Api goneApi = TestHost.get().as(gone.username());
        assertThat(goneApi.get(s.path()).status()).isEqualTo(200);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE users SET active = false WHERE id = ?", gone.id()));
        JsonNode expired = refused(401, () -> goneApi.get(s.path()));
        assertThat(expired.path("error").asText()).isEqualTo("login_expired");
        JsonNode unknown = refused(401, () -> goneApi.post(s.path() + "/macro-phases", Map.of("name", "X")));
        assertThat(unknown.path("error").asText()).isIn("login_expired", "invalid_credentials");
        // The XSRF header is required of administrators too.
        JsonNode xsrf = refused(403, () -> admin.withoutXsrfHeader().delete(s.path() + "/steps/" + stepId));
        assertThat(xsrf.path("error").asText()).isEqualTo("xsrf_check_failed");
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndChangesNothing() {
        Skeleton s = skeleton();
        createStep(s, "TRT-1");
        record Case(String field, Map<String, Object> body) {
        }
        List<Case> cases = new ArrayList<>();
        Map<String, Object> b = step(s, "TRT 1", "x");
        cases.add(new Case("code", b));
        b = step(s, "TRT-2", "x");
        b.put("type", "CHK");
        cases.add(new Case("type", b));
        b = step(s, "TRT-2", " ");
        cases.add(new Case("title", b));
        b = step(s, "TRT-2", "x");
        b.put("plannedDurationMinutes", 0);
        cases.add(new Case("plannedDurationMinutes", b));
        b = step(s, "TRT-2", "x");
        b.remove("plannedDurationMinutes");
        cases.add(new Case("plannedDurationMinutes", b));
        b = step(s, "TRT-2", "x");
        b.put("ownerTeamId", UUID.randomUUID().toString());
        cases.add(new Case("ownerTeamId", b));
        b = step(s, "TRT-2", "x");
        b.put("chapterId", UUID.randomUUID().toString());
        cases.add(new Case("chapterId", b));
        b = step(s, "TRT-2", "x");
        b.put("impactedTeamIds", List.of(UUID.randomUUID().toString()));
        cases.add(new Case("impactedTeamIds", b));
        b = step(s, "TRT-2", "x");
        b.put("colour", "red");
        cases.add(new Case("colour", b));
        b = step(s, "TRT-2", "x");
        b.put("plannedDurationMinutes", "thirty");
        cases.add(new Case("plannedDurationMinutes", b));
        b = step(s, "TRT-2", "x");
        b.put("position", -1);
        cases.add(new Case("position", b));
        for (Case c : cases) {
            JsonNode error = refused(400, () -> admin.post(s.path() + "/steps", c.body()));
            assertThat(error.path("field").asText()).as(c.toString()).isEqualTo(c.field());
        }
        assertThat(refused(400, () -> admin.post("/plans", Map.of("code", "ok-code"))).path("field").asText()).isEqualTo("name");
        assertThat(refused(400, () -> admin.post("/plans", Map.of("code", "bad code", "name", "x"))).path("field").asText())
                .isEqualTo("code");
        assertThat(refused(400, () -> admin.raw("POST", "/plans", "application/json", "{not json".getBytes())).path("error").asText())
                .isEqualTo("malformed_json");
        assertThat(refused(400, () -> admin.get(s.path() + "/steps?limit=0")).path("field").asText()).isEqualTo("limit");
        JsonNode malformedId = refused(400, () -> admin.get("/plans/not-a-uuid"));
        assertThat(malformedId.path("error").asText()).isEqualTo("invalid_input");
        assertThat(malformedId.path("field").asText()).isEqualTo("planId");
        assertThat(refused(400, () -> admin.put(s.path(), Map.of("code", "X", "name", "Y"), "If-Match", "yesterday"))
                .path("field").asText()).isEqualTo("If-Match");
    }

    @Test
    void duplicatesAreA409NamingTheField() {
        Skeleton s = skeleton();
        createStep(s, "TRT-1");
        String second = createStep(s, "TRT-2");
        String planCode = admin.get(s.path()).json().path("code").asText();
        assertThat(refused(409, () -> admin.post(s.path() + "/steps", step(s, "trt-1", "Again"))).path("field").asText())
                .isEqualTo("code");
        assertThat(refused(409, () -> admin.put(s.path() + "/steps/" + second, step(s, "TRT-1", "Rename onto"))).path("error").asText())
                .isEqualTo("duplicate");
        assertThat(refused(409, () -> admin.post("/plans", Map.of("code", planCode, "name", "Copy"))).path("field").asText())
                .isEqualTo("code");
        assertThat(refused(409, () -> admin.post(s.path() + "/chapters",
                Map.of("macroPhaseId", s.phaseId(), "code", "CH1", "name", "Same code"))).path("field").asText()).isEqualTo("code");
        admin.post(s.path() + "/controls", Map.of("code", "CTL-9", "title", "x"));
        assertThat(refused(409, () -> admin.post(s.path() + "/controls", Map.of("code", "CTL-9", "title", "y"))).path("field").asText())
                .isEqualTo("code");
    }

    @Test
    void unknownIdsAre404() {
        Skeleton s = skeleton();
        String nobody = UUID.randomUUID().toString();
        refused(404, () -> admin.get("/plans/" + nobody));
        refused(404, () -> admin.put("/plans/" + nobody, Map.of("code", "ZZ", "name", "x")));
        refused(404, () -> admin.delete("/plans/" + nobody));
        refused(404, () -> admin.get(s.path() + "/steps/" + nobody));
        refused(404, () -> admin.put(s.path() + "/steps/" + nobody, step(s, "TRT-5", "x")));
        refused(404, () -> admin.delete(s.path() + "/steps/" + nobody));
        refused(404, () -> admin.get(s.path() + "/tasks/" + nobody));
        refused(404, () -> admin.post(s.path() + "/steps/" + nobody + "/tasks", Map.of("title", "x")));
        refused(404, () -> admin.get(s.path() + "/controls/" + nobody));
        refused(404, () -> admin.get(s.path() + "/chapters/" + nobody));
        refused(404, () -> admin.delete(s.path() + "/macro-phases/" + nobody));
        refused(404, () -> admin.delete(s.path() + "/dependencies/" + nobody + "/" + nobody));
        // A step of one plan is not found through another plan.
        String stepId = createStep(s, "TRT-1");
        Skeleton other = skeleton();
        refused(404, () -> admin.get(other.path() + "/steps/" + stepId));
    }

    @Test
    void aDependencyClosingACycleIsRefusedNamingTheCycle() {
        Skeleton s = skeleton();
        String a = createStep(s, "PRE-1");
        String b = createStep(s, "TRT-2");
        String c = createStep(s, "CHK-3");
        assertThat(admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", a, "successorStepId", b)).status()).isEqualTo(201);
        Api.Response bc = admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", b, "successorStepId", c));
        assertThat(bc.status()).isEqualTo(201);
        assertThat(bc.json().path("predecessorCode").asText()).isEqualTo("TRT-2");

        JsonNode cycle = refused(422, () -> admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", c, "successorStepId", a)));
        assertThat(cycle.path("error").asText()).isEqualTo("dependency_cycle");
        assertThat(cycle.path("details").path("cycle").findValuesAsText("")).isEmpty();
        List<String> path = new ArrayList<>();
        cycle.path("details").path("cycle").forEach(n -> path.add(n.asText()));
        assertThat(path).containsExactly("CHK-3", "PRE-1", "TRT-2", "CHK-3");
        assertThat(cycle.path("message").asText()).contains("CHK-3 -> PRE-1 -> TRT-2 -> CHK-3");

        assertThat(refused(400, () -> admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", a, "successorStepId", a)))
                .path("field").asText()).isEqualTo("successorStepId");
        assertThat(refused(409, () -> admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", a, "successorStepId", b)))
                .path("error").asText()).isEqualTo("duplicate");
        assertThat(refused(400, () -> admin.post(s.path() + "/dependencies",
                Map.of("predecessorStepId", a, "successorStepId", UUID.randomUUID().toString()))).path("field").asText())
                .isEqualTo("successorStepId");

        JsonNode deps = executor.get(s.path() + "/dependencies").json().path("items");
        assertThat(deps.size()).isEqualTo(2);
        assertThat(admin.get(s.path() + "/steps/" + b).json().path("predecessorIds").get(0).asText()).isEqualTo(a);
        assertThat(admin.delete(s.path() + "/dependencies/" + a + "/" + b).status()).isEqualTo(204);
        // With A -> B gone, C -> A no longer closes a cycle.
        assertThat(admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", c, "successorStepId", a)).status()).isEqualTo(201);
    }

    @Test
    void rowsAnIterationUsesCanBeDeletedBecauseTheIterationKeepsItsOwnCopy() {
        Fixtures.Plan plan = Fixtures.in(db).plan("In use");
        UUID step = plan.step("TRT-1", "Used", ops);
        UUID task = plan.task(step, "Used task", ops);
        UUID control = plan.control("CTL-1", "Used control", true);
        plan.link(task, control);
        UUID iteration = plan.iteration("RUN1");
        String p = "/plans/" + plan.id;
        JsonNode planInUse = refused(409, () -> admin.delete(p));
        assertThat(planInUse.path("error").asText()).isEqualTo("in_use");
        assertThat(planInUse.path("details").path("iterations").asInt()).isEqualTo(1);
        assertThat(refused(409, () -> admin.delete(p + "/chapters/" + plan.currentChapter())).path("error").asText())
                .isEqualTo("not_empty");
        // The iteration runs its baseline (docs/authoring.md, "Plan changes and iterations"): the plan's rows may go.
        assertThat(admin.delete(p + "/tasks/" + task).status()).isEqualTo(204);
        assertThat(admin.delete(p + "/controls/" + control).status()).isEqualTo(204);
        assertThat(admin.delete(p + "/steps/" + step).status()).isEqualTo(204);
        JsonNode steps = admin.get("/iterations/" + iteration + "/dashboard").json().path("steps");
        assertThat(steps.size()).isEqualTo(1);
        assertThat(steps.get(0).path("title").asText()).isEqualTo("Used");
        assertThat(steps.get(0).path("tasksTotal").asInt()).isEqualTo(1);
        assertThat(steps.get(0).path("openCriticalControls").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchRevisionIsRefusedAndACurrentOneAccepted() {
        Skeleton s = skeleton();
        String stepId = createStep(s, "TRT-1");
        long revision = admin.get(s.path()).json().path("revision").asLong();
        // Someone else edits the plan in between.
        assertThat(admin.post(s.path() + "/controls", Map.of("code", "CTL-1", "title", "x")).status()).isEqualTo(201);
        JsonNode stale = refused(409, () -> admin.put(s.path() + "/steps/" + stepId, step(s, "TRT-1", "Mine"),
                "If-Match", "\"" + revision + "\""));
        assertThat(stale.path("error").asText()).isEqualTo("stale_revision");
        assertThat(stale.path("details").path("revision").asLong()).isEqualTo(revision + 1);
        Api.Response ok = admin.put(s.path() + "/steps/" + stepId, step(s, "TRT-1", "Mine"), "If-Match", "\"" + (revision + 1) + "\"");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(admin.get(s.path()).json().path("revision").asLong()).isEqualTo(revision + 2);
    }

    /**
     * Two administrators add A -> B and B -> A at the same moment, for ten pairs of steps at once. Each write locks
     * the plan row, so for every pair exactly one wins and the other is told it would close a cycle.
     */
    @Test
    void concurrentDependenciesCannotCloseACycleTogether() throws Exception {
        Skeleton s = skeleton();
        int pairs = 10;
        List<String[]> steps = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            steps.add(new String[] {createStep(s, "A-" + i), createStep(s, "B-" + i)});
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2 * pairs);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        try {
            for (String[] pair : steps) {
                for (int direction = 0; direction < 2; direction++) {
                    String from = pair[direction];
                    String to = pair[1 - direction];
                    results.add(pool.submit(() -> {
                        go.await();
                        return admin.post(s.path() + "/dependencies", Map.of("predecessorStepId", from, "successorStepId", to))
                                .status();
                    }));
                }
            }
            go.countDown();
            for (int i = 0; i < pairs; i++) {
                List<Integer> pair = List.of(results.get(2 * i).get(), results.get(2 * i + 1).get());
                assertThat(pair).as("pair " + i).containsExactlyInAnyOrder(201, 422);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get(s.path() + "/dependencies").json().path("items").size()).isEqualTo(pairs);
    }
}
