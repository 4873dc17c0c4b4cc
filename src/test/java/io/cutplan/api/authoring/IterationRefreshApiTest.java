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

/**
 * Plan changes reach PLANNED iterations through a previewed refresh, and never a started one: over real HTTP against
 * real PostgreSQL, with the plan edited through the authoring API after two iterations were instantiated.
 */
class IterationRefreshApiTest {
    private static Database db;
    private static Fixtures fx;
    private static Api admin;
    private static Api pilot;
    private static Api viewer;
    private static UUID ops;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        fx = Fixtures.in(db);
        ops = fx.team("RFOPS");
        admin = host.as(fx.user("rfadmin", Role.ADMIN).username());
        pilot = host.as(fx.user("rfpilot", Role.PILOT, ops).username());
        viewer = host.as(fx.user("rfviewer", Role.NORMAL).username());
    }

    /** The plan, its rows, and two iterations of it: one PLANNED, one started. */
    private record World(Fixtures.Plan plan, UUID pre, UUID trt, UUID taskA, UUID taskB, UUID planned, UUID started) {
        String planPath() {
            return "/plans/" + plan.id;
        }
    }

    private static World world(String name) {
        Fixtures.Plan plan = Fixtures.in(db).plan(name); // one plan per Fixtures
        UUID pre = plan.step("PRE-1", "Prepare", ops);
        UUID trt = plan.step("TRT-2", "Old title", ops);
        plan.dependency(pre, trt);
        UUID taskA = plan.task(pre, "Stop jobs", ops);
        UUID taskB = plan.task(trt, "Copy data", ops);
        UUID ctl = plan.control("CTL-1", "Jobs stopped", true);
        plan.link(taskA, ctl);
        UUID planned = plan.iteration("P1");
        UUID started = plan.iteration("S1");
        UUID preInStarted = plan.stepInstance(started, pre);
        Api.Response moved = pilot.post("/iterations/" + started + "/steps/" + preInStarted + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", 1, "reason", "go"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(pilot.get("/iterations/" + started).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        return new World(plan, pre, trt, taskA, taskB, planned, started);
    }

    /** The edits of the scenario, all through the authoring API: what a plan author does between two rehearsals. */
    private static void editPlan(World w) {
        String p = w.planPath();
        UUID chapter = w.plan().currentChapter();
        Api.Response chk = admin.post(p + "/steps", Map.of("chapterId", chapter.toString(), "code", "CHK-3", "title", "Check",
                "ownerTeamId", ops.toString(), "plannedDurationMinutes", 20));
        assertThat(chk.status()).as(chk.toString()).isEqualTo(201);
        String chkId = chk.json().path("id").asText();
        ok(admin.post(p + "/dependencies", Map.of("predecessorStepId", w.trt().toString(), "successorStepId", chkId)), 201);
        ok(admin.put(p + "/steps/" + w.pre(), stepBody(chapter, "PRE-1", "Prepare", 45)), 200);
        ok(admin.put(p + "/steps/" + w.trt(), stepBody(chapter, "TRT-2", "New title", 30)), 200);
        ok(admin.delete(p + "/tasks/" + w.taskB()), 204);
        Api.Response ctl = admin.post(p + "/controls", Map.of("code", "CTL-2", "title", "Backup taken", "critical", true));
        assertThat(ctl.status()).as(ctl.toString()).isEqualTo(201);
        ok(admin.put(p + "/tasks/" + w.taskA() + "/controls/" + ctl.json().path("id").asText(), ""), 200);
    }

    private static Map<String, Object> stepBody(UUID chapter, String code, String title, int minutes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chapterId", chapter.toString());
        m.put("code", code);
        m.put("title", title);
        m.put("ownerTeamId", ops.toString());
        m.put("plannedDurationMinutes", minutes);
        return m;
    }

    private static void ok(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    @Test
    void aPlannedIterationTakesExactlyThePreviewedChangesAndAStartedOneKeepsWhatItStartedWith() {
        World w = world("Refresh");
        JsonNode before = pilot.get("/iterations/" + w.planned() + "/refresh-preview").json();
        assertThat(before.path("upToDate").asBoolean()).as(before.toString()).isTrue();
        assertThat(before.path("refreshable").asBoolean()).isTrue();

        editPlan(w);
        // The edit alone changes no iteration: both dashboards still show the plan as it was.
        assertOldContent(w.planned(), w);
        assertOldContent(w.started(), w);

        Api.Response previewResponse = pilot.get("/iterations/" + w.planned() + "/refresh-preview");
        assertThat(previewResponse.status()).as(previewResponse.toString()).isEqualTo(200);
        JsonNode preview = previewResponse.json();
        assertThat(preview.path("refreshable").asBoolean()).isTrue();
        assertThat(preview.path("status").asText()).isEqualTo("PLANNED");
        assertThat(preview.path("upToDate").asBoolean()).isFalse();
        assertThat(lines(preview.path("steps"))).containsExactly(
                "ADDED CHK-3 Check",
                "CHANGED PRE-1 Prepare durationMinutes: 30 -> 45",
                "CHANGED TRT-2 New title title: Old title -> New title");
        assertThat(lines(preview.path("tasks"))).containsExactly(
                "CHANGED PRE-1 Stop jobs controls: CTL-1 -> CTL-1, CTL-2",
                "REMOVED TRT-2 Copy data");
        assertThat(lines(preview.path("controls"))).containsExactly("ADDED CTL-2 Backup taken");
        assertThat(lines(preview.path("dependencies"))).containsExactly("ADDED TRT-2 -> CHK-3");
        assertThat(preview.path("chapters").size()).isZero();
        assertThat(preview.path("counts").path("steps").path("added").asInt()).isEqualTo(1);
        assertThat(preview.path("counts").path("steps").path("changed").asInt()).isEqualTo(2);
        assertThat(preview.path("counts").path("tasks").path("removed").asInt()).isEqualTo(1);
        long revision = preview.path("planRevision").asLong();
        assertThat(revision).isGreaterThan(preview.path("baselineRevision").asLong());

        // The started iteration's preview says it cannot be refreshed, and lists how far it is from the plan.
        JsonNode startedPreview = pilot.get("/iterations/" + w.started() + "/refresh-preview").json();
        assertThat(startedPreview.path("refreshable").asBoolean()).isFalse();
        assertThat(startedPreview.path("reason").asText()).isEqualTo("iteration_started");
        assertThat(startedPreview.path("steps").size()).isEqualTo(3);

        long versionBefore = pilot.get("/iterations/" + w.planned()).json().path("version").asLong();
        Api.Response refreshed = pilot.post("/iterations/" + w.planned() + "/refresh", Map.of("planRevision", revision));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().path("planRevision").asLong()).isEqualTo(revision);
        assertThat(refreshed.json().path("version").asLong()).isGreaterThan(versionBefore);
        assertThat(pilot.get("/iterations/" + w.planned()).json().path("version").asLong())
                .isEqualTo(refreshed.json().path("version").asLong());

        // The PLANNED iteration's dashboard shows the plan as it is now.
        JsonNode planned = pilot.get("/iterations/" + w.planned() + "/dashboard").json();
        Map<String, JsonNode> steps = byCode(planned);
        assertThat(steps.keySet()).containsExactly("PRE-1", "TRT-2", "CHK-3");
        assertThat(steps.get("PRE-1").path("plannedMinutes").asInt()).isEqualTo(45);
        assertThat(steps.get("TRT-2").path("title").asText()).isEqualTo("New title");
        assertThat(steps.get("TRT-2").path("tasksTotal").asInt()).isZero();
        assertThat(steps.get("CHK-3").path("status").asText()).isEqualTo("PENDING");
        assertThat(steps.get("CHK-3").path("predecessorIds").get(0).asText()).isEqualTo(steps.get("TRT-2").path("id").asText());
        assertThat(steps.get("PRE-1").path("status").asText()).isEqualTo("READY");
        JsonNode panel = pilot.get("/iterations/" + w.planned() + "/steps/" + steps.get("PRE-1").path("id").asText()).json();
        assertThat(panel.toString()).contains("CTL-2").contains("Backup taken");
        assertThat(steps.get("PRE-1").path("openCriticalControls").asInt()).isEqualTo(2);

        // The started one is unchanged: old title, old duration, no new step, its task still there.
        assertOldContent(w.started(), w);

        // One audit event naming the revision and the counts.
        List<Map<String, Object>> events = db.transactor().readOnly(c -> Jdbc.list(c,
                "SELECT details->>'planRevision' AS rev, details->'counts'->'steps'->>'added' AS added, change_version "
                        + "FROM event_log WHERE iteration_id = ? AND event_type = 'ITERATION_REFRESHED'",
                rs -> Map.<String, Object>of("rev", rs.getString("rev"), "added", rs.getString("added"),
                        "version", rs.getLong("change_version")), w.planned()));
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("rev", String.valueOf(revision)).containsEntry("added", "1")
                .containsEntry("version", refreshed.json().path("version").asLong());

        JsonNode after = pilot.get("/iterations/" + w.planned() + "/refresh-preview").json();
        assertThat(after.path("upToDate").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.path("baselineRevision").asLong()).isEqualTo(revision);
    }

    private static void assertOldContent(UUID iteration, World w) {
        Map<String, JsonNode> steps = byCode(pilot.get("/iterations/" + iteration + "/dashboard").json());
        assertThat(steps.keySet()).containsExactly("PRE-1", "TRT-2");
        assertThat(steps.get("PRE-1").path("plannedMinutes").asInt()).isEqualTo(30);
        assertThat(steps.get("TRT-2").path("title").asText()).isEqualTo("Old title");
        assertThat(steps.get("TRT-2").path("tasksTotal").asInt()).isEqualTo(1);
        assertThat(steps.get("PRE-1").path("openCriticalControls").asInt()).isEqualTo(1);
    }

    @Test
    void refusalsChangeNothing() {
        World w = world("Refusals");
        editPlan(w);
        long revision = pilot.get("/iterations/" + w.planned() + "/refresh-preview").json().path("planRevision").asLong();

        JsonNode started = refused(409, () -> pilot.post("/iterations/" + w.started() + "/refresh", Map.of("planRevision", revision)));
        assertThat(started.path("error").asText()).isEqualTo("iteration_started");
        JsonNode stale = refused(409, () -> pilot.post("/iterations/" + w.planned() + "/refresh", Map.of("planRevision", revision - 1)));
        assertThat(stale.path("error").asText()).isEqualTo("plan_changed");
        assertThat(stale.path("field").asText()).isEqualTo("planRevision");
        refused(403, () -> viewer.post("/iterations/" + w.planned() + "/refresh", Map.of("planRevision", revision)));
        refused(403, () -> viewer.get("/iterations/" + w.planned() + "/refresh-preview"));
        refused(404, () -> pilot.post("/iterations/" + UUID.randomUUID() + "/refresh", Map.of("planRevision", revision)));
        refused(404, () -> pilot.get("/iterations/" + UUID.randomUUID() + "/refresh-preview"));
        JsonNode badId = refused(400, () -> pilot.get("/iterations/not-a-uuid/refresh-preview"));
        assertThat(badId.path("field").asText()).isEqualTo("id");
        JsonNode missing = refused(400, () -> pilot.post("/iterations/" + w.planned() + "/refresh", Map.of()));
        assertThat(missing.path("field").asText()).isEqualTo("planRevision");

        // The plan moves after the preview: the previewed revision is refused, the new one accepted.
        ok(admin.put(w.planPath() + "/steps/" + w.pre(), stepBody(w.plan().currentChapter(), "PRE-1", "Prepare again", 45)), 200);
        JsonNode moved = refused(409, () -> pilot.post("/iterations/" + w.planned() + "/refresh", Map.of("planRevision", revision)));
        assertThat(moved.path("details").path("planRevision").asLong()).isEqualTo(revision + 1);
        ok(admin.post("/iterations/" + w.planned() + "/refresh", Map.of("planRevision", revision + 1)), 200);
        assertThat(byCode(pilot.get("/iterations/" + w.planned() + "/dashboard").json()).get("PRE-1").path("title").asText())
                .isEqualTo("Prepare again");
    }

    @Test
    void aRemovedStepLeavesTheRefreshedIterationAndAStepOutsideAPartialScopeStaysOut() {
        Fixtures.Plan plan = Fixtures.in(db).plan("Scope");
        UUID a = plan.step("PRE-1", "First", ops);
        UUID b = plan.step("TRT-2", "Second", ops);
        plan.dependency(a, b);
        UUID whole = plan.iteration("W1");
        UUID partial = plan.iteration("Q1", java.util.Set.of(b));
        ok(admin.delete("/plans/" + plan.id + "/steps/" + a), 204);
        Api.Response added = admin.post("/plans/" + plan.id + "/steps", Map.of("chapterId", plan.currentChapter().toString(),
                "code", "CHK-3", "title", "Third", "ownerTeamId", ops.toString(), "plannedDurationMinutes", 10));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        for (UUID it : List.of(whole, partial)) {
            long rev = pilot.get("/iterations/" + it + "/refresh-preview").json().path("planRevision").asLong();
            ok(pilot.post("/iterations/" + it + "/refresh", Map.of("planRevision", rev)), 200);
        }
        Map<String, JsonNode> w = byCode(pilot.get("/iterations/" + whole + "/dashboard").json());
        assertThat(w.keySet()).containsExactly("TRT-2", "CHK-3");
        // Its predecessor is gone, so the second step is READY now.
        assertThat(w.get("TRT-2").path("status").asText()).isEqualTo("READY");
        assertThat(byCode(pilot.get("/iterations/" + partial + "/dashboard").json()).keySet()).containsExactly("TRT-2");
    }

    private static Map<String, JsonNode> byCode(JsonNode dashboard) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        dashboard.path("steps").forEach(s -> out.put(s.path("code").asText(), s));
        return out;
    }

    private static List<String> lines(JsonNode changes) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : changes) {
            StringBuilder b = new StringBuilder(c.path("change").asText() + " " + c.path("code").asText() + " "
                    + c.path("title").asText(""));
            for (JsonNode f : c.path("fields")) {
                b.append(" ").append(f.path("field").asText()).append(": ").append(f.path("before").asText())
                        .append(" -> ").append(f.path("after").asText());
            }
            out.add(b.toString().strip());
        }
        return out;
    }

    private static JsonNode refused(int status, Supplier<Api.Response> request) {
        String before = DbSnapshot.take(db);
        Api.Response r = request.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(DbSnapshot.take(db)).as("a refused request changes nothing").isEqualTo(before);
        return r.json();
    }
}
