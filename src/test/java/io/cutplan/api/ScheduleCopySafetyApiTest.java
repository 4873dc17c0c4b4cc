package io.cutplan.api;

import static io.cutplan.api.ScheduleTestData.entries;
import static io.cutplan.api.ScheduleTestData.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Safer schedule copies (issue 17, Deliver 6) over real HTTP: the preview names the target and what the copy
 * overwrites and writes nothing; the copy needs a chosen source; the last copy can be undone exactly, once, and not
 * after a later edit; only pilots and admins preview, copy or undo.
 */
class ScheduleCopySafetyApiTest {
    private static final Instant W0 = Instant.parse("2027-06-01T18:00:00Z");
    private static final Instant W1 = Instant.parse("2027-06-03T06:00:00Z");
    private static final Instant S0 = Instant.parse("2027-05-01T18:00:00Z");

    private final Database db = TestHost.get().database();
    private final ScheduleTestData data = new ScheduleTestData(db);
    private UUID a1;
    private UUID b1;
    private UUID b2;
    private UUID iteration;
    private UUID source;
    private Api admin;
    private Api pilot;
    private Api normal;

    @BeforeEach
    void plan() {
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        Fixtures.Plan plan = fx.plan("Copy safety");
        plan.phase("Phase A");
        a1 = plan.chapter("A one");
        UUID stepA1 = plan.step("TRT-1", "A1", team);
        b1 = plan.chapter("B one");
        UUID stepB1 = plan.step("TRT-2", "B1", team);
        b2 = plan.chapter("B two");
        UUID stepB2 = plan.step("TRT-3", "B2", team);
        iteration = plan.iteration("DR2", Set.of(stepA1, stepB1, stepB2));
        data.window(iteration, W0, W1);
        source = plan.iteration("DR1", Set.of(stepA1, stepB1, stepB2));
        data.window(source, S0, S0.plus(Duration.ofHours(36)));
        data.plan(source, a1, S0, S0.plus(Duration.ofMinutes(90)));
        data.plan(source, b1, S0.plus(Duration.ofMinutes(120)), S0.plus(Duration.ofMinutes(200)));
        admin = TestHost.get().as(fx.user("admin", Role.ADMIN).username());
        pilot = TestHost.get().as(fx.user("pilot", Role.PILOT).username());
        normal = TestHost.get().as(fx.user("normal", Role.NORMAL, team).username());
    }

    private String path() {
        return "/iterations/" + iteration + "/schedule";
    }

    private long offset() {
        return Duration.between(S0, W0).toMinutes() + 60;
    }

    private String preview(long offsetMinutes) {
        return path() + "/copy-preview?fromIterationId=" + source + "&offsetMinutes=" + offsetMinutes;
    }

    /** The target's planned slots (chapter, start, end), without version stamps. */
    private List<String> slots() {
        return db.transactor().readOnly(c -> Jdbc.list(c, "SELECT chapter_id || '@' || planned_start || '-' || planned_end "
                + "FROM chapter_schedules WHERE iteration_id = ? ORDER BY chapter_id", rs -> rs.getString(1), iteration));
    }

    /** The target's own plan before any copy: b1 and b2 planned by hand, a1 not planned. */
    private void planByHand() {
        Api.Response put = pilot.put(path(), entries(entry(b1, "2027-06-02T00:00:00Z", "2027-06-02T01:00:00Z"),
                entry(b2, "2027-06-02T02:00:00Z", "2027-06-02T03:00:00Z")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    @Test
    void thePreviewNamesTheTargetAndCountsTheChaptersItOverwritesAndWritesNothing() {
        planByHand();
        String before = data.state(iteration);
        Api.Response r = pilot.get(preview(offset()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.path("iterationId").asText()).isEqualTo(iteration.toString());
        assertThat(p.path("iterationCode").asText()).isEqualTo("DR2");
        assertThat(p.path("fromIterationCode").asText()).isEqualTo("DR1");
        assertThat(p.path("offsetMinutes").asLong()).isEqualTo(offset());
        assertThat(p.path("copies").asInt()).as("a1 and b1 are planned in the source").isEqualTo(2);
        // b1 is moved, b2 is cleared (not planned in the source); a1 had no plan, so nothing of it is overwritten.
        assertThat(p.path("overwrites").asInt()).isEqualTo(2);
        List<String> overwritten = new ArrayList<>();
        p.path("overwritten").forEach(o -> overwritten.add(o.path("chapterName").asText() + ":" + o.path("plannedStart").asText()
                + "->" + (o.path("newPlannedStart").isMissingNode() || o.path("newPlannedStart").isNull() ? "cleared"
                : o.path("newPlannedStart").asText())));
        assertThat(overwritten).containsExactlyInAnyOrder(
                "B one:2027-06-02T00:00:00Z->" + W0.plus(Duration.ofMinutes(180)),
                "B two:2027-06-02T02:00:00Z->cleared");
        assertThat(p.path("scheduleVersion").asLong()).isEqualTo(pilot.get(path()).json().path("scheduleVersion").asLong());
        assertThat(p.path("replacesUndo").asBoolean()).isFalse();
        assertThat(data.state(iteration)).as("a preview writes nothing").isEqualTo(before);

        // An empty target: the copy overwrites nothing.
        pilot.put(path(), entries(entry(b1, null, null), entry(b2, null, null)));
        JsonNode empty = pilot.get(preview(offset())).json();
        assertThat(empty.path("overwrites").asInt()).isZero();
        assertThat(empty.path("copies").asInt()).isEqualTo(2);

        // Same refusals as the copy itself.
        Api.Response late = pilot.get(path() + "/copy-preview?fromIterationId=" + source + "&offsetMinutes=" + (offset() + 100_000));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("error").asText()).isEqualTo("schedule_outside_window");
    }

    @Test
    void withoutAChosenSourceBothPreviewAndCopyAre400NamingFromIterationId() {
        planByHand();
        String before = data.state(iteration);
        for (Api.Response r : List.of(pilot.get(path() + "/copy-preview"), pilot.get(path() + "/copy-preview?fromIterationId="),
                pilot.post(path() + "/copy", Map.of()), pilot.post(path() + "/copy", Map.of("offsetMinutes", 0)))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().path("field").asText()).isEqualTo("fromIterationId");
            assertThat(r.json().path("message").asText()).contains("fromIterationId");
        }
        Api.Response bad = pilot.get(path() + "/copy-preview?fromIterationId=CUTOVER");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("fromIterationId");
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void undoRestoresTheScheduleBeforeTheCopyExactlyAndOnlyOnce() {
        planByHand();
        List<String> handMade = slots();
        Api.Response copy = pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset()));
        assertThat(copy.status()).as(copy.toString()).isEqualTo(200);
        assertThat(slots()).isNotEqualTo(handMade);
        JsonNode last = copy.json().path("schedule").path("lastCopy");
        assertThat(last.path("fromIterationCode").asText()).isEqualTo("DR1");
        assertThat(last.path("undoable").asBoolean()).isTrue();
        assertThat(normal.get(path()).json().path("lastCopy").path("undoable").asBoolean()).isTrue();
        assertThat(data.scalar("SELECT count(*) FROM schedule_copy_snapshot_slots WHERE iteration_id = ?", iteration)).isEqualTo(2);

        Api.Response undo = admin.post(path() + "/copy-undo", Map.of());
        assertThat(undo.status()).as(undo.toString()).isEqualTo(200);
        assertThat(undo.json().path("restored").asInt()).isEqualTo(2);
        assertThat(undo.json().path("cleared").asInt()).as("a1 was not planned before the copy").isEqualTo(1);
        assertThat(undo.json().path("schedule").path("lastCopy").isNull()).isTrue();
        assertThat(slots()).as("exactly the schedule before the copy").isEqualTo(handMade);
        long version = undo.json().path("schedule").path("changeVersion").asLong();
        assertThat(data.scalar("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'SCHEDULE_CHANGED' "
                + "AND details->>'source' = 'copy-undo' AND change_version = ? AND details->>'fromIterationCode' = 'DR1'",
                iteration, version)).isEqualTo(1);

        String afterUndo = data.state(iteration);
        Api.Response twice = pilot.post(path() + "/copy-undo", Map.of());
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().path("error").asText()).isEqualTo("nothing_to_undo");
        assertThat(data.state(iteration)).isEqualTo(afterUndo);
    }

    @Test
    void undoOfACopyIntoAnEmptyScheduleLeavesItEmptyAndNoCopyIsNothingToUndo() {
        Api.Response none = pilot.post(path() + "/copy-undo", Map.of());
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.json().path("error").asText()).isEqualTo("nothing_to_undo");
        assertThat(pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset())).status())
                .isEqualTo(200);
        assertThat(slots()).hasSize(2);
        assertThat(pilot.post(path() + "/copy-undo", Map.of()).status()).isEqualTo(200);
        assertThat(slots()).isEmpty();
    }

    @Test
    void anEditAfterTheCopyMakesUndoA409AndChangesNothing() {
        planByHand();
        assertThat(pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset())).status())
                .isEqualTo(200);
        assertThat(pilot.put(path(), entries(entry(b2, "2027-06-02T04:00:00Z", "2027-06-02T05:00:00Z"))).status()).isEqualTo(200);
        assertThat(normal.get(path()).json().path("lastCopy").path("undoable").asBoolean()).isFalse();
        String before = data.state(iteration);
        Api.Response undo = pilot.post(path() + "/copy-undo", Map.of());
        assertThat(undo.status()).as(undo.toString()).isEqualTo(409);
        assertThat(undo.json().path("error").asText()).isEqualTo("schedule_changed_since_copy");
        assertThat(undo.json().path("message").asText()).contains("DR1").contains("lose");
        assertThat(data.state(iteration)).isEqualTo(before);

        // A second copy replaces the snapshot: its undo restores the edited schedule, not the hand-made one.
        List<String> edited = slots();
        assertThat(pilot.get(preview(offset())).json().path("replacesUndo").asBoolean()).isTrue();
        assertThat(pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset() + 30)).status())
                .isEqualTo(200);
        assertThat(pilot.post(path() + "/copy-undo", Map.of()).status()).isEqualTo(200);
        assertThat(slots()).isEqualTo(edited);
    }

    @Test
    void aCopyConfirmedForAnOlderScheduleVersionIsAConflict() {
        long v = pilot.get(preview(offset())).json().path("scheduleVersion").asLong();
        planByHand();
        String before = data.state(iteration);
        Api.Response r = pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset(),
                "expectedScheduleVersion", v));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().path("field").asText()).isEqualTo("expectedScheduleVersion");
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void onlyPilotsAndAdminsPreviewCopyAndUndoAndWritesNeedTheXsrfHeader() {
        assertThat(pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset())).status())
                .isEqualTo(200);
        String before = data.state(iteration);
        Api.Response p = normal.get(preview(offset()));
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.json().path("error").asText()).isEqualTo("forbidden");
        assertThat(normal.post(path() + "/copy-undo", Map.of()).status()).isEqualTo(403);
        assertThat(pilot.withoutXsrfHeader().post(path() + "/copy-undo", Map.of()).json().path("error").asText())
                .isEqualTo("xsrf_check_failed");
        assertThat(admin.anonymous().post(path() + "/copy-undo", Map.of()).status()).isEqualTo(401);
        assertThat(admin.anonymous().get(preview(offset())).status()).isEqualTo(401);
        assertThat(data.state(iteration)).isEqualTo(before);
        assertThat(admin.get(preview(offset())).status()).isEqualTo(200);
        assertThat(pilot.post("/iterations/" + UUID.randomUUID() + "/schedule/copy-undo", Map.of()).status()).isEqualTo(404);
        assertThat(admin.post(path() + "/copy-undo", Map.of()).status()).isEqualTo(200);
    }
}
