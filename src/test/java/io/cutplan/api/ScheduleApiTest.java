package io.cutplan.api;

import static io.cutplan.api.ScheduleTestData.entries;
import static io.cutplan.api.ScheduleTestData.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.Role;
import io.cutplan.service.ScheduleService;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET, PUT and copy of /iterations/{id}/schedule over real HTTP on the shared test host. */
class ScheduleApiTest {
    private static final Instant W0 = Instant.parse("2027-06-01T18:00:00Z");
    private static final Instant W1 = Instant.parse("2027-06-03T06:00:00Z");

    private final Database db = TestHost.get().database();
    private final ScheduleTestData data = new ScheduleTestData(db);
    private Fixtures fx;
    private Fixtures.Plan plan;
    private UUID a1;
    private UUID b1;
    private UUID b2;
    private UUID outOfScope;
    private UUID stepA1;
    private UUID stepB1;
    private UUID stepB1b;
    private UUID stepB2;
    private UUID iteration;
    private Api admin;
    private Api pilot;
    private Api normal;

    @BeforeEach
    void plan() {
        fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        plan = fx.plan("Schedules");
        UUID phaseB = plan.phase("Phase B");
        b1 = plan.chapter("B one");
        stepB1 = plan.step("TRT-1", "B1 first", team);
        stepB1b = plan.step("TRT-2", "B1 second", team);
        b2 = plan.chapter("B two");
        stepB2 = plan.step("TRT-3", "B2", team);
        UUID phaseA = plan.phase("Phase A");
        a1 = plan.chapter("A one");
        stepA1 = plan.step("TRT-4", "A1", team);
        outOfScope = plan.chapter("A out of scope");
        UUID outStep = plan.step("TRT-5", "Not in scope", team);
        // Plan order differs from insertion order: Phase A first, and in Phase B chapter "B two" before "B one".
        db.transactor().inTransaction(c -> {
            Jdbc.update(c, "UPDATE macro_phases SET position = 7 WHERE id = ?", phaseB);
            Jdbc.update(c, "UPDATE macro_phases SET position = 3 WHERE id = ?", phaseA);
            Jdbc.update(c, "UPDATE chapters SET position = 9 WHERE id = ?", b1);
            return null;
        });
        iteration = plan.iteration("DR1", Set.of(stepB1, stepB1b, stepB2, stepA1));
        data.window(iteration, W0, W1);
        admin = TestHost.get().as(fx.user("admin", Role.ADMIN).username());
        pilot = TestHost.get().as(fx.user("pilot", Role.PILOT).username());
        normal = TestHost.get().as(fx.user("normal", Role.NORMAL, team).username());
        assertThat(outStep).isNotNull();
    }

    private String path() {
        return "/iterations/" + iteration + "/schedule";
    }

    private static List<String> names(JsonNode schedule) {
        List<String> out = new ArrayList<>();
        schedule.path("chapters").forEach(c -> out.add(c.path("chapterName").asText()));
        return out;
    }

    @Test
    void listsEveryChapterWithInScopeStepsInPlanOrderWithExplicitNullsWhenUnplanned() {
        Api.Response r = normal.get(path());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        // "A out of scope" has steps, none in scope; "Chapter 1" (of phase "Preparation") has no steps at all.
        assertThat(names(s)).containsExactly("A one", "B two", "B one");
        assertThat(s.path("windowStart").asText()).isEqualTo(W0.toString());
        assertThat(s.path("windowEnd").asText()).isEqualTo(W1.toString());
        assertThat(s.path("changeVersion").asLong()).isEqualTo(1);
        assertThat(s.path("scheduleVersion").asLong()).isZero();
        assertThat(s.path("canEdit").asBoolean()).isFalse();
        JsonNode bOne = s.path("chapters").get(2);
        assertThat(bOne.path("chapterId").asText()).isEqualTo(b1.toString());
        assertThat(bOne.path("macroPhaseName").asText()).isEqualTo("Phase B");
        assertThat(bOne.path("stepCount").asInt()).isEqualTo(2);
        assertThat(bOne.path("estimatedMinutes").asLong()).isEqualTo(60);
        assertThat(bOne.has("plannedStart")).isTrue();
        assertThat(bOne.path("plannedStart").isNull()).isTrue();
        assertThat(bOne.path("plannedEnd").isNull()).isTrue();
        assertThat(bOne.path("actualStart").isNull()).isTrue();
        assertThat(bOne.path("state").asText()).isEqualTo("NOT_STARTED");
        assertThat(pilot.get(path()).json().path("canEdit").asBoolean()).isTrue();
    }

    @Test
    void putSetsSlotsStampsThemWithTheChangeVersionAndRecordsOneEvent() {
        Instant s1 = Instant.parse("2027-06-01T18:00:00Z");
        Instant e1 = Instant.parse("2027-06-01T20:30:00Z");
        Api.Response r = pilot.put(path(), entries(entry(a1, "2027-06-01T20:00:00+02:00", e1),
                entry(b1, "2027-06-02T10:00:00Z", "2027-06-02T11:15:00Z")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.path("changeVersion").asLong()).isEqualTo(2);
        assertThat(s.path("scheduleVersion").asLong()).isEqualTo(2);
        JsonNode aOne = s.path("chapters").get(0);
        assertThat(aOne.path("plannedStart").asText()).isEqualTo(s1.toString());
        assertThat(aOne.path("plannedEnd").asText()).isEqualTo(e1.toString());
        assertThat(aOne.path("plannedMinutes").asLong()).isEqualTo(150);
        assertThat(aOne.path("changedInVersion").asLong()).isEqualTo(2);
        assertThat(s.path("chapters").get(2).path("plannedMinutes").asLong()).isEqualTo(75);
        assertThat(s.path("chapters").get(1).path("plannedStart").isNull()).isTrue();

        assertThat(data.scalar("SELECT count(*) FROM chapter_schedules WHERE iteration_id = ? AND changed_in_version = 2",
                iteration)).isEqualTo(2);
        assertThat(data.scalar("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'SCHEDULE_CHANGED' "
                + "AND change_version = 2 AND (details->>'chapters')::int = 2 AND details->>'source' = 'edit'", iteration))
                .isEqualTo(1);
        assertThat(normal.get(path()).json().path("chapters").get(0).path("plannedStart").asText()).isEqualTo(s1.toString());

        // Sending the same plan again changes nothing and commits nothing.
        String before = data.state(iteration);
        Api.Response again = admin.put(path(), entries(entry(a1, s1, e1)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void bothTimesNullRemovesAChaptersPlan() {
        assertThat(pilot.put(path(), entries(entry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z"))).status()).isEqualTo(200);
        Api.Response r = pilot.put(path(), entries(entry(a1, null, null)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("chapters").get(0).path("plannedStart").isNull()).isTrue();
        assertThat(data.scalar("SELECT count(*) FROM chapter_schedules WHERE iteration_id = ?", iteration)).isZero();
        assertThat(data.scalar("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'SCHEDULE_CHANGED' "
                + "AND (details->>'cleared')::int = 1", iteration)).isEqualTo(1);
    }

    @Test
    void invalidInputIsRefusedWith400NamingTheFieldAndChangesNothing() {
        assertThat(pilot.put(path(), entries(entry(b2, "2027-06-02T00:00:00Z", "2027-06-02T01:00:00Z"))).status()).isEqualTo(200);
        Fixtures.Plan other = Fixtures.in(db).plan("Other");
        UUID foreign = other.chapter("Foreign");
        Map<String, Object> ok = entry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z");
        Map<String, Object> unknownField = new LinkedHashMap<>(entry(b1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z"));
        unknownField.put("colour", "red");
        Map<String, Object> badId = new LinkedHashMap<>(entry(b1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z"));
        badId.put("chapterId", "not-a-uuid");
        Map<String, Object> numericTime = new LinkedHashMap<>(entry(b1, "2027-06-01T19:00:00Z", null));
        numericTime.put("plannedEnd", 1_800_000_000);

        record Case(Object body, int status, String field, String code) {
        }
        List<Case> cases = List.of(
                new Case(entries(ok, entry(b1, "2027-06-01T20:00:00Z", "2027-06-01T19:00:00Z")), 400, "entries[1].plannedEnd", "invalid_input"),
                new Case(entries(ok, entry(b1, "2027-06-01T20:00:00Z", "2027-06-01T20:00:00Z")), 400, "entries[1].plannedEnd", "invalid_input"),
                new Case(entries(ok, entry(b1, "2027-06-01T17:59:00Z", "2027-06-01T19:00:00Z")), 400, "entries[1].plannedStart", "invalid_input"),
                new Case(entries(ok, entry(b1, "2027-06-03T05:00:00Z", "2027-06-03T06:01:00Z")), 400, "entries[1].plannedEnd", "invalid_input"),
                new Case(entries(ok, entry(UUID.randomUUID(), "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")), 400, "entries[1].chapterId", "unknown_chapter"),
                new Case(entries(ok, entry(foreign, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")), 400, "entries[1].chapterId", "chapter_not_in_plan"),
                new Case(entries(ok, entry(plan.currentChapter(), "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")), 400, "entries[1].chapterId", null),
                new Case(entries(ok, entry(b1, "2027-06-01 19:00", "2027-06-01T20:00:00Z")), 400, "entries[1].plannedStart", "invalid_input"),
                new Case(entries(ok, entry(b1, "2027-06-01T19:00:00", "2027-06-01T20:00:00Z")), 400, "entries[1].plannedStart", "invalid_input"),
                new Case(entries(ok, numericTime), 400, "entries[1].plannedEnd", null),
                new Case(entries(ok, badId), 400, "entries[1].chapterId", null),
                new Case(entries(ok, unknownField), 400, "entries[1].colour", "unknown_field"),
                new Case(entries(ok, ok), 400, "entries[1].chapterId", "invalid_input"),
                new Case(Map.of("entries", List.of()), 400, "entries", "invalid_input"),
                new Case(Map.of(), 400, "entries", "invalid_input"),
                new Case("[]", 400, null, "invalid_value"),
                new Case("{\"entries\": [", 400, null, null));
        String before = data.state(iteration);
        for (Case c : cases) {
            Api.Response r = pilot.put(path(), c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            JsonNode err = r.json();
            if (c.field() != null) {
                assertThat(err.path("field").asText()).as(c + " -> " + r).isEqualTo(c.field());
            }
            if (c.code() != null) {
                assertThat(err.path("error").asText()).as(c + " -> " + r).isEqualTo(c.code());
            }
            assertThat(err.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("SQL");
            assertThat(data.state(iteration)).as("database unchanged after " + c).isEqualTo(before);
        }
        // A chapter of the plan whose steps are all out of scope cannot be planned in this iteration.
        Api.Response outside = pilot.put(path(), entries(entry(outOfScope, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().path("error").asText()).isEqualTo("chapter_not_in_scope");
        assertThat(outside.json().path("field").asText()).isEqualTo("entries[0].chapterId");
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void onlyPilotsAndAdminsChangeSchedulesAndOnlyWithTheXsrfHeader() {
        UUID source = plan.iteration("DR0");
        data.window(source, W0, W1);
        data.plan(source, a1, W0, W0.plusSeconds(3600));
        String before = data.state(iteration);
        Map<String, Object> body = entries(entry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z"));

        Api.Response put = normal.put(path(), body);
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.json().path("error").asText()).isEqualTo("forbidden");
        Api.Response copy = normal.post(path() + "/copy", Map.of("fromIterationId", source.toString()));
        assertThat(copy.status()).isEqualTo(403);
        Api.Response noXsrf = pilot.withoutXsrfHeader().put(path(), body);
        assertThat(noXsrf.status()).isEqualTo(403);
        assertThat(noXsrf.json().path("error").asText()).isEqualTo("xsrf_check_failed");
        assertThat(admin.anonymous().put(path(), body).status()).isEqualTo(401);
        assertThat(data.state(iteration)).isEqualTo(before);

        assertThat(normal.get(path()).status()).isEqualTo(200);
        assertThat(normal.get("/schedule/export?iteration=" + iteration).status()).isEqualTo(200);
        assertThat(admin.put(path(), body).status()).isEqualTo(200);
        assertThat(pilot.put(path(), body).status()).isEqualTo(200);
    }

    @Test
    void aUserCutplanDoesNotKnowMayReadButNotWrite() {
        ScheduleService service = TestHost.get().host().services().schedules();
        Caller ghost = Caller.unknown("ghost");
        assertThat(service.view(ghost, iteration).chapters()).hasSize(3);
        assertThat(service.mayEdit(ghost)).isFalse();
        String before = data.state(iteration);
        assertThatThrownBy(() -> service.update(ghost, iteration, new ScheduleService.Update(List.of(
                new io.cutplan.domain.schedule.ScheduleRules.RawEntry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")), null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThatThrownBy(() -> service.copy(ghost, iteration, new ScheduleService.CopyRequest(UUID.randomUUID(), 0, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void aStaleScheduleVersionIsAConflict() {
        long v = pilot.get(path()).json().path("scheduleVersion").asLong();
        Map<String, Object> first = new LinkedHashMap<>(entries(entry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")));
        first.put("expectedScheduleVersion", v);
        assertThat(pilot.put(path(), first).status()).isEqualTo(200);
        String before = data.state(iteration);
        Map<String, Object> second = new LinkedHashMap<>(entries(entry(b1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z")));
        second.put("expectedScheduleVersion", v);
        Api.Response r = admin.put(path(), second);
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().path("field").asText()).isEqualTo("expectedScheduleVersion");
        assertThat(r.json().path("details").path("scheduleVersion").asLong()).isEqualTo(2);
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void actualTimesComeFromTheStepInstancesAndTheEndOnlyOnceAllAreFinished() {
        pilot.put(path(), entries(entry(b1, "2027-06-01T20:00:00Z", "2027-06-01T21:00:00Z")));
        UUID first = plan.stepInstance(iteration, stepB1);
        UUID second = plan.stepInstance(iteration, stepB1b);
        data.stepRan(first, "DONE", Instant.parse("2027-06-01T20:05:00Z"), Instant.parse("2027-06-01T20:40:00Z"));
        data.stepRan(second, "IN_PROGRESS", Instant.parse("2027-06-01T20:40:00Z"), null);
        JsonNode running = normal.get(path()).json().path("chapters").get(2);
        assertThat(running.path("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(running.path("actualStart").asText()).isEqualTo("2027-06-01T20:05:00Z");
        assertThat(running.path("actualEnd").isNull()).isTrue();
        assertThat(running.path("startVarianceMinutes").asLong()).isEqualTo(5);
        assertThat(running.path("varianceMinutes").isNull()).isTrue();

        data.stepRan(second, "SKIPPED", Instant.parse("2027-06-01T20:40:00Z"), Instant.parse("2027-06-01T21:17:00Z"));
        JsonNode done = normal.get(path()).json().path("chapters").get(2);
        assertThat(done.path("state").asText()).isEqualTo("FINISHED");
        assertThat(done.path("actualEnd").asText()).isEqualTo("2027-06-01T21:17:00Z");
        assertThat(done.path("actualMinutes").asLong()).isEqualTo(72);
        assertThat(done.path("varianceMinutes").asLong()).isEqualTo(17);
        assertThat(done.path("late").asBoolean()).isFalse();
    }

    @Test
    void copyTakesAnotherIterationsScheduleShiftedByAnOffset() {
        UUID source = plan.iteration("DR0");
        Instant s0 = Instant.parse("2027-05-01T18:00:00Z");
        data.window(source, s0, s0.plusSeconds(36 * 3600));
        data.plan(source, a1, s0, s0.plusSeconds(90 * 60));
        data.plan(source, b1, s0.plusSeconds(120 * 60), s0.plusSeconds(200 * 60));
        pilot.put(path(), entries(entry(b2, "2027-06-02T00:00:00Z", "2027-06-02T01:00:00Z")));  // replaced by the copy
        long offset = java.time.Duration.between(s0, W0).toMinutes() + 30;

        Api.Response r = pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", offset));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("copied").asInt()).isEqualTo(2);
        assertThat(body.path("offsetMinutes").asLong()).isEqualTo(offset);
        JsonNode chapters = body.path("schedule").path("chapters");
        assertThat(chapters.get(0).path("plannedStart").asText()).isEqualTo(W0.plusSeconds(30 * 60).toString());
        assertThat(chapters.get(0).path("plannedEnd").asText()).isEqualTo(W0.plusSeconds(120 * 60).toString());
        assertThat(chapters.get(2).path("plannedStart").asText()).isEqualTo(W0.plusSeconds(150 * 60).toString());
        assertThat(chapters.get(1).path("plannedStart").isNull()).as("b2 was not planned in the source").isTrue();
        assertThat(data.scalar("SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'SCHEDULE_CHANGED' "
                + "AND details->>'source' = 'copy' AND (details->>'offsetMinutes')::bigint = ?", iteration, offset)).isEqualTo(1);
        assertThat(data.scalar("SELECT count(*) FROM chapter_schedules WHERE iteration_id = ?", source)).isEqualTo(2);

        Api.Response aligned = admin.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "alignToWindowStart", true));
        assertThat(aligned.status()).as(aligned.toString()).isEqualTo(200);
        assertThat(aligned.json().path("schedule").path("chapters").get(0).path("plannedStart").asText()).isEqualTo(W0.toString());
    }

    @Test
    void copyIsRefusedWhenTheResultLeavesTheWindowOrTheSourceDoesNotFit() {
        UUID source = plan.iteration("DR0");
        data.window(source, W0, W1);
        data.plan(source, a1, W0, W0.plusSeconds(3600));
        data.plan(source, b1, W1.minusSeconds(3600), W1);
        pilot.put(path(), entries(entry(b2, "2027-06-02T00:00:00Z", "2027-06-02T01:00:00Z")));
        String before = data.state(iteration);

        Api.Response late = pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", 1));
        assertThat(late.status()).as(late.toString()).isEqualTo(422);
        assertThat(late.json().path("error").asText()).isEqualTo("schedule_outside_window");
        assertThat(late.json().path("message").asText()).contains(b1.toString()).contains("B one").contains("outside");
        assertThat(late.json().path("details").path("chapterId").asText()).isEqualTo(b1.toString());

        Fixtures.Plan otherPlan = Fixtures.in(db).plan("Other");
        otherPlan.step("TRT-1", "x", null);
        UUID foreign = otherPlan.iteration("X1");
        Api.Response different = pilot.post(path() + "/copy", Map.of("fromIterationId", foreign.toString()));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().path("error").asText()).isEqualTo("different_plan");
        Api.Response missing = pilot.post(path() + "/copy", Map.of("fromIterationId", UUID.randomUUID().toString()));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("field").asText()).isEqualTo("fromIterationId");
        Api.Response self = pilot.post(path() + "/copy", Map.of("fromIterationId", iteration.toString()));
        assertThat(self.status()).isEqualTo(400);
        Api.Response both = pilot.post(path() + "/copy", Map.of("fromIterationId", source.toString(), "offsetMinutes", 0,
                "alignToWindowStart", true));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("field").asText()).isEqualTo("offsetMinutes");
        Api.Response none = pilot.post(path() + "/copy", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("field").asText()).isEqualTo("fromIterationId");
        assertThat(data.state(iteration)).isEqualTo(before);
    }

    @Test
    void concurrentEditorsTakeTurnsAndEachChangeGetsItsOwnVersion() throws Exception {
        List<UUID> chapters = List.of(a1, b1, b2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Instant start = W0.plusSeconds(3600L * (i + 1));
                UUID chapter = chapters.get(i);
                Api who = i == 1 ? admin : pilot;
                results.add(pool.submit(() -> who.put(path(), entries(entry(chapter, start, start.plusSeconds(1800))))));
            }
            for (var f : results) {
                assertThat(f.get().status()).as(f.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.scalar("SELECT change_version FROM iterations WHERE id = ?", iteration)).isEqualTo(4);
        assertThat(data.scalar("SELECT count(DISTINCT changed_in_version) FROM chapter_schedules WHERE iteration_id = ?",
                iteration)).isEqualTo(3);
        assertThat(data.scalar("SELECT count(DISTINCT change_version) FROM event_log WHERE iteration_id = ? "
                + "AND event_type = 'SCHEDULE_CHANGED'", iteration)).isEqualTo(3);
        assertThat(normal.get(path()).json().path("scheduleVersion").asLong()).isEqualTo(4);
    }

    @Test
    void unknownAndMalformedIterationIds() {
        Api.Response missing = normal.get("/iterations/" + UUID.randomUUID() + "/schedule");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
        Api.Response bad = normal.get("/iterations/nope/schedule");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("id");
        assertThat(pilot.put("/iterations/" + UUID.randomUUID() + "/schedule",
                entries(entry(a1, "2027-06-01T19:00:00Z", "2027-06-01T20:00:00Z"))).status()).isEqualTo(404);
    }
}
