package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dashboard snapshot, delta, ETag / 304, step detail, audit paging and the iteration list over real HTTP. */
class RunbookDashboardApiTest {

    @Test
    void snapshotCarriesEveryStepAggregatesAndTheCallersRights() {
        RunbookScenario s = new RunbookScenario();
        Api.Response r = s.as(s.opsUser).get(s.base() + "/dashboard");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).startsWith("W/\"v1-");
        JsonNode d = r.json();
        assertThat(d.path("kind").asText()).isEqualTo("snapshot");
        assertThat(d.path("version").asLong()).isEqualTo(1);
        assertThat(d.path("iteration").path("status").asText()).isEqualTo("PLANNED");
        assertThat(d.path("iteration").path("type").asText()).isEqualTo("RUN");
        assertThat(d.path("counts").path("READY").asInt()).isEqualTo(2);
        assertThat(d.path("counts").path("PENDING").asInt()).isEqualTo(3);
        assertThat(d.path("counts").path("DONE").asInt()).isZero();
        assertThat(d.path("progress").path("total").asInt()).isEqualTo(5);
        // The header's figures come from the same per-version state as the counts, not from a count of its own.
        assertThat(d.path("iteration").path("progress").path("total").asInt()).isEqualTo(5);
        assertThat(d.path("iteration").path("progress").path("finished").asInt()).isZero();
        assertThat(d.path("macroPhases")).hasSize(1);
        assertThat(d.path("chapters")).hasSize(1);
        assertThat(d.path("chapters").get(0).path("progress").path("total").asInt()).isEqualTo(5);
        JsonNode steps = d.path("steps");
        assertThat(steps).hasSize(5);
        JsonNode a = steps.get(0);
        assertThat(a.path("code").asText()).isEqualTo("PRE-1");
        assertThat(a.path("id").asText()).isEqualTo(s.si(s.a).toString());
        assertThat(a.path("ownerTeam").path("name").asText()).isEqualTo("Team OPS");
        assertThat(a.path("allowedTransitions").toString()).contains("IN_PROGRESS").contains("ON_HOLD").doesNotContain("SKIPPED");
        assertThat(a.path("plannedEnd").asText()).isNotEmpty();
        JsonNode join = steps.get(3);
        assertThat(join.path("code").asText()).isEqualTo("GON-4");
        assertThat(join.path("predecessorIds")).hasSize(2);
        assertThat(join.path("goNoGo").asBoolean()).isTrue();
        JsonNode b = steps.get(1);
        assertThat(b.path("tasksTotal").asInt()).isEqualTo(2);
        assertThat(b.path("openCriticalControls").asInt()).isEqualTo(1);
        assertThat(d.path("caller").path("username").asText()).isEqualTo(s.opsUser.username());
        assertThat(d.path("caller").path("pilot").asBoolean()).isFalse();
        assertThat(d.path("caller").path("teamIds").toString()).contains(s.ops.toString());
        assertThat(d.path("events").get(0).path("type").asText()).isEqualTo("ITERATION_CREATED");

        JsonNode asPilot = s.dashboard(s.pilot);
        assertThat(asPilot.path("steps").get(0).path("allowedTransitions").toString()).contains("SKIPPED");
        assertThat(asPilot.path("caller").path("canOverrideGate").asBoolean()).isTrue();
    }

    @Test
    void deltaCarriesOnlyChangedStepsFreshAggregatesAndNewEvents() {
        RunbookScenario s = new RunbookScenario();
        Api api = s.as(s.viewer);
        Api.Response first = api.get(s.base() + "/dashboard");
        long v0 = first.json().path("version").asLong();
        String etag = first.header("ETag");

        // idle: 304 with the ETag, an empty delta without it
        Api.Response idle = api.get(s.base() + "/dashboard?since=" + v0, "If-None-Match", etag);
        assertThat(idle.status()).isEqualTo(304);
        assertThat(api.get(s.base() + "/dashboard", "If-None-Match", etag).status()).isEqualTo(304);
        JsonNode empty = api.get(s.base() + "/dashboard?since=" + v0).json();
        assertThat(empty.path("kind").asText()).isEqualTo("delta");
        assertThat(empty.path("changed").asBoolean()).isFalse();
        assertThat(empty.path("steps")).isEmpty();
        // another user's ETag never matches
        assertThat(s.as(s.pilot).get(s.base() + "/dashboard", "If-None-Match", etag).status()).isEqualTo(200);

        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        Api.Response changed = api.get(s.base() + "/dashboard?since=" + v0, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        JsonNode delta = changed.json();
        assertThat(delta.path("kind").asText()).isEqualTo("delta");
        assertThat(delta.path("version").asLong()).isEqualTo(v0 + 2);
        assertThat(codes(delta.path("steps"))).containsExactly("PRE-1", "TRT-2");
        assertThat(delta.path("counts").path("DONE").asInt()).isEqualTo(1);
        assertThat(delta.path("iteration").path("progress").path("finished").asInt()).isEqualTo(1);
        assertThat(delta.path("iteration").path("progress").path("total").asInt()).isEqualTo(5);
        assertThat(delta.path("counts").path("READY").asInt()).isEqualTo(2);
        assertThat(delta.path("events")).hasSize(4); // start, iteration started, done, B ready (automatic)
        assertThat(delta.path("iteration").path("status").asText()).isEqualTo("IN_PROGRESS");

        // a comment touches only its step
        s.as(s.viewer).post(s.base() + "/steps/" + s.si(s.c) + "/comments", Map.of("body", "Copy looks slow"));
        JsonNode afterComment = api.get(s.base() + "/dashboard?since=" + (v0 + 2)).json();
        assertThat(codes(afterComment.path("steps"))).containsExactly("TRT-3");
        assertThat(afterComment.path("steps").get(0).path("comments").asInt()).isEqualTo(1);
        assertThat(afterComment.path("events").get(0).path("type").asText()).isEqualTo("COMMENT_ADDED");

        // a since in the future gets a full snapshot that says why; a negative one is refused
        JsonNode ahead = api.get(s.base() + "/dashboard?since=999999").json();
        assertThat(ahead.path("kind").asText()).isEqualTo("snapshot");
        assertThat(ahead.path("reason").asText()).isEqualTo("since_ahead");
        assertThat(api.get(s.base() + "/dashboard?since=-1").status()).isEqualTo(400);
        assertThat(api.get(s.base() + "/dashboard?since=abc").status()).isEqualTo(400);
    }

    @Test
    void stepDetailShowsTasksControlsNeighboursCommentsAndEvents() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");
        s.as(s.dbaUser).post(s.base() + "/steps/" + s.si(s.b) + "/comments", Map.of("body", "<b>ready</b> when you are"));
        JsonNode d = s.as(s.dbaUser).get(s.base() + "/steps/" + s.si(s.b)).json();
        assertThat(d.path("step").path("code").asText()).isEqualTo("TRT-2");
        assertThat(d.path("step").path("status").asText()).isEqualTo("READY");
        assertThat(d.path("tasks")).hasSize(2);
        assertThat(d.path("tasks").get(0).path("canToggle").asBoolean()).isFalse(); // OPS task
        assertThat(d.path("tasks").get(1).path("canToggle").asBoolean()).isTrue();  // DBA task
        assertThat(d.path("tasks").get(0).path("controls").get(0).asText()).isEqualTo("CTL-1");
        assertThat(d.path("controls").get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(d.path("controls").get(0).path("critical").asBoolean()).isTrue();
        assertThat(d.path("gate").path("blocked").asBoolean()).isTrue();
        assertThat(d.path("gate").path("openTasks").asInt()).isEqualTo(2);
        assertThat(d.path("predecessors").get(0).path("status").asText()).isEqualTo("DONE");
        assertThat(d.path("successors").get(0).path("code").asText()).isEqualTo("GON-4");
        assertThat(d.path("comments").get(0).path("body").asText()).isEqualTo("<b>ready</b> when you are");
        assertThat(d.path("events")).isNotEmpty();
        assertThat(s.as(s.dbaUser).get(s.base() + "/steps/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void auditTrailPagesWithoutLosingOrRepeatingEventsAndFilters() {
        RunbookScenario s = new RunbookScenario();
        s.move(s.opsUser, s.a, "IN_PROGRESS");
        s.move(s.opsUser, s.a, "DONE");      // 2 events in one version
        s.move(s.opsUser, s.b, "IN_PROGRESS");
        s.as(s.viewer).post(s.base() + "/steps/" + s.si(s.b) + "/comments", Map.of("body", "hello"));
        long total = s.count("SELECT count(*) FROM event_log WHERE iteration_id = ?", s.iteration);
        List<String> seen = new ArrayList<>();
        String url = s.base() + "/events?limit=2";
        for (int guard = 0; guard < 20; guard++) {
            JsonNode page = s.as(s.viewer).get(url).json();
            page.path("events").forEach(e -> seen.add(e.path("id").asText()));
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
            url = s.base() + "/events?limit=2&afterVersion=" + page.path("nextAfterVersion").asLong()
                    + "&afterId=" + page.path("nextAfterId").asText();
        }
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();

        JsonNode comments = s.as(s.viewer).get(s.base() + "/events?type=COMMENT_ADDED").json();
        assertThat(comments.path("events")).hasSize(1);
        JsonNode byActor = s.as(s.viewer).get(s.base() + "/events?actor=" + s.opsUser.username()).json();
        assertThat(byActor.path("events")).hasSize(5); // incl. the automatic consequences of their moves
        JsonNode byStep = s.as(s.viewer).get(s.base() + "/events?step=" + s.si(s.b)).json();
        assertThat(byStep.path("events")).hasSize(3); // ready, started, comment
        assertThat(s.as(s.viewer).get(s.base() + "/events?type=NOPE").status()).isEqualTo(400);
        assertThat(s.as(s.viewer).get(s.base() + "/events?limit=0").status()).isEqualTo(400);
        assertThat(s.as(s.viewer).get(s.base() + "/events?step=xyz").status()).isEqualTo(400);
    }

    @Test
    void iterationsAreListedAndFiltered() {
        RunbookScenario s = new RunbookScenario();
        JsonNode list = s.as(s.viewer).get("/iterations?migration=" + s.plan.migration()).json().path("iterations");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("code").asText()).isEqualTo("RUN1");
        assertThat(list.get(0).path("progress").path("total").asInt()).isEqualTo(5);
        assertThat(s.as(s.viewer).get("/iterations?migration=" + s.plan.migration() + "&status=COMPLETED").json()
                .path("iterations")).isEmpty();
        assertThat(s.as(s.viewer).get("/iterations?status=BOGUS").status()).isEqualTo(400);
        assertThat(s.as(s.viewer).get("/iterations/" + java.util.UUID.randomUUID()).json().path("error").asText())
                .isEqualTo("not_found");
        assertThat(s.as(s.viewer).get("/iterations/not-a-uuid").status()).isEqualTo(400);
    }

    private static List<String> codes(JsonNode steps) {
        List<String> out = new ArrayList<>();
        steps.forEach(st -> out.add(st.path("code").asText()));
        return out;
    }

    @Test
    void aDeltaThatCannotBeExpressedAnswersASnapshotThatSaysWhy() {
        RunbookScenario s = new RunbookScenario();
        Api api = s.as(s.viewer);
        long v0 = api.get(s.base() + "/dashboard").json().path("version").asLong();
        // another part (the schedule) changed the iteration: planned times may all have moved
        s.db.transactor().inTransaction(c -> {
            io.cutplan.service.iteration.IterationChange change = io.cutplan.service.iteration.IterationChange.begin(c, s.iteration,
                    io.cutplan.domain.Caller.system(), List.of());
            return change.event(io.cutplan.domain.EventType.SCHEDULE_CHANGED).details(Map.of("chapters", 1)).record();
        });
        JsonNode afterSchedule = api.get(s.base() + "/dashboard?since=" + v0).json();
        assertThat(afterSchedule.path("kind").asText()).isEqualTo("snapshot");
        assertThat(afterSchedule.path("reason").asText()).isEqualTo("plan_or_schedule_changed");
        assertThat(afterSchedule.path("steps")).hasSize(5);

        // more than 500 events since the client's version: a snapshot is cheaper than the delta
        long v1 = afterSchedule.path("version").asLong();
        s.db.transactor().inTransaction(c -> {
            io.cutplan.service.iteration.IterationChange change = io.cutplan.service.iteration.IterationChange.begin(c, s.iteration,
                    io.cutplan.domain.Caller.system(), List.of());
            for (int i = 0; i < 501; i++) {
                change.event(io.cutplan.domain.EventType.COMMENT_ADDED).details(Map.of("excerpt", "bulk " + i)).record();
            }
            return null;
        });
        JsonNode bulk = api.get(s.base() + "/dashboard?since=" + v1).json();
        assertThat(bulk.path("kind").asText()).isEqualTo("snapshot");
        assertThat(bulk.path("reason").asText()).isEqualTo("too_many_changes");
        assertThat(bulk.path("version").asLong()).isEqualTo(v1 + 1);
    }

    @Test
    void waitingStepsExpectedToStartAfterTheirPlannedStartAreLate() {
        RunbookScenario s = new RunbookScenario();
        // the iteration was planned to start two days ago: waiting steps can only start now, after their planned start
        // (LATE_START), and planned times follow the chain
        s.db.transactor().inTransaction(c -> io.cutplan.store.Jdbc.update(c,
                "UPDATE iterations SET planned_start = now() - interval '2 days' WHERE id = ?", s.iteration));
        JsonNode steps = s.dashboard(s.viewer).path("steps");
        assertThat(steps.get(0).path("late").asBoolean()).isTrue();
        java.time.Instant aEnd = java.time.Instant.parse(steps.get(0).path("plannedEnd").asText());
        java.time.Instant bStart = java.time.Instant.parse(steps.get(1).path("plannedStart").asText());
        assertThat(bStart).isEqualTo(aEnd);
        // skipped steps are never late
        s.move(s.pilot, s.a, "SKIPPED", "n/a", false);
        assertThat(s.dashboard(s.viewer).path("steps").get(0).path("late").asBoolean()).isFalse();
    }
}
