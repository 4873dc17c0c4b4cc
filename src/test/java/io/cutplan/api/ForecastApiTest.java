package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.service.AdjustableClock;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /iterations/{id}/forecast} over HTTP on a plan computed by hand, with the host's clock pinned to drive
 * the cutover through time (never a sleep): critical path, float, the forecast end and how it moves, ETags and
 * 304, errors, the learned basis, and the dashboard's late flags that follow the forecast, also when only the
 * clock moved.
 */
class ForecastApiTest {
    private final TestHost host = TestHost.get();
    private final Database db = host.database();
    private final AdjustableClock clock = host.host().services().clock();

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    /** A 30 -> B 60 -> C 30, and D 10 from A to C. */
    private final class HandPlan {
        final Fixtures fx = Fixtures.in(db);
        final UUID team = fx.team("FC");
        final Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
        final Api api = host.as(pilot.username());
        final Fixtures.Plan plan = fx.plan("Hand");
        final UUID a = plan.step("PRE-1", "A", team, 30, false);
        final UUID b = plan.step("TRT-2", "B", team, 60, false);
        final UUID c = plan.step("CHK-3", "C", team, 30, false);
        final UUID d = plan.step("TRT-4", "D", team, 10, false);

        HandPlan() {
            plan.dependency(a, b);
            plan.dependency(b, c);
            plan.dependency(a, d);
            plan.dependency(d, c);
        }

        UUID iteration(String code) {
            return plan.iteration(code);
        }

        Instant start(UUID iteration) {
            return db.transactor().readOnly(cn -> Jdbc.one(cn, "SELECT planned_start FROM iterations WHERE id = ?",
                    rs -> Jdbc.instant(rs, "planned_start"), iteration)).orElseThrow();
        }

        JsonNode forecast(UUID iteration, String query) {
            Api.Response r = api.get("/iterations/" + iteration + "/forecast" + query);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json();
        }

        void move(UUID iteration, UUID step, String to) {
            UUID si = plan.stepInstance(iteration, step);
            long version = api.get("/iterations/" + iteration + "/steps/" + si).json().path("step").path("version").asLong();
            Api.Response r = api.post("/iterations/" + iteration + "/steps/" + si + "/transitions",
                    Map.of("to", to, "expectedVersion", version));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }

        /**
         * Records when a step really ran, as one change would: the iteration's version rises and the row is stamped
         * with it (the engine's transitions take the database's clock, which is not the pinned one).
         */
        void ran(UUID iteration, UUID step, Instant started, Instant finished) {
            db.transactor().inTransaction(cn -> {
                long v = Jdbc.one(cn, "UPDATE iterations SET change_version = change_version + 1 WHERE id = ? RETURNING change_version",
                        rs -> rs.getLong(1), iteration).orElseThrow();
                return Jdbc.update(cn, "UPDATE step_instances SET started_at = ?, finished_at = ?, changed_in_version = ? "
                        + "WHERE iteration_id = ? AND step_id = ?", started, finished, v, iteration, step);
            });
        }

        String id(UUID iteration, UUID step) {
            return plan.stepInstance(iteration, step).toString();
        }
    }

    private static Map<String, JsonNode> steps(JsonNode forecast) {
        Map<String, JsonNode> out = new HashMap<>();
        forecast.path("steps").forEach(s -> out.put(s.path("id").asText(), s));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theHandComputedPlanAndTheEndMovingByExactlyTheOverrun() {
        HandPlan p = new HandPlan();
        UUID it = p.iteration("HAND1");
        Instant start = p.start(it);
        clock.pin(start);

        JsonNode f = p.forecast(it, "");
        assertThat(f.path("basis").asText()).isEqualTo("plan");
        assertThat(f.path("version").asLong()).isEqualTo(1);
        assertThat(Instant.parse(f.path("computedAt").asText())).isEqualTo(start);
        assertThat(texts(f.path("criticalPath"))).containsExactly(p.id(it, p.a), p.id(it, p.b), p.id(it, p.c));
        Map<String, JsonNode> steps = steps(f);
        assertThat(steps.get(p.id(it, p.d)).path("floatMinutes").asLong()).isEqualTo(50);
        assertThat(steps.get(p.id(it, p.d)).path("critical").asBoolean()).isFalse();
        assertThat(steps.get(p.id(it, p.b)).path("floatMinutes").asLong()).isZero();
        assertThat(steps.get(p.id(it, p.b)).path("critical").asBoolean()).isTrue();
        assertThat(steps.get(p.id(it, p.a)).has("lateness")).isFalse();
        JsonNode iteration = f.path("iteration");
        Instant end = Instant.parse(iteration.path("forecastEnd").asText());
        assertThat(end).isEqualTo(start.plus(Duration.ofMinutes(120)));
        assertThat(Instant.parse(iteration.path("plannedStart").asText())).isEqualTo(start);
        assertThat(Instant.parse(iteration.path("windowEnd").asText())).isEqualTo(start.plus(Duration.ofHours(60)));
        assertThat(iteration.path("varianceMinutes").asLong()).isZero();
        assertThat(iteration.path("finished").asBoolean()).isFalse();
        assertThat(f.path("stepsWithoutDuration").isArray()).isTrue();
        assertThat(f.path("stepsWithoutDuration")).isEmpty();
        assertThat(f.path("chapters")).hasSize(1);
        assertThat(f.path("chapters").get(0).path("critical").asBoolean()).isTrue();
        assertThat(f.path("macroPhases")).hasSize(1);

        // A runs from the start and finishes 20 minutes late.
        p.move(it, p.a, "IN_PROGRESS");
        p.move(it, p.a, "DONE");
        Instant finished = start.plus(Duration.ofMinutes(50));
        p.ran(it, p.a, start, finished);
        clock.pin(finished);
        JsonNode after = p.forecast(it, "");
        assertThat(Instant.parse(after.path("iteration").path("forecastEnd").asText())).isEqualTo(end.plus(Duration.ofMinutes(20)));
        assertThat(after.path("iteration").path("varianceMinutes").asLong()).isEqualTo(20);
        Map<String, JsonNode> later = steps(after);
        assertThat(later.get(p.id(it, p.a)).path("lateness").path("kind").asText()).isEqualTo("LATE_FINISH");
        assertThat(later.get(p.id(it, p.a)).path("lateness").path("minutes").asLong()).isEqualTo(20);
        assertThat(later.get(p.id(it, p.a)).has("floatMinutes")).isFalse();
        assertThat(Instant.parse(later.get(p.id(it, p.a)).path("forecastEnd").asText())).isEqualTo(finished);
        assertThat(texts(after.path("criticalPath"))).containsExactly(p.id(it, p.b), p.id(it, p.c));

        // The dashboard's header carries the same figures.
        JsonNode header = p.api.get("/iterations/" + it + "/dashboard").json().path("iteration");
        assertThat(header.path("forecastEnd").asText()).isEqualTo(after.path("iteration").path("forecastEnd").asText());
        assertThat(header.path("varianceMinutes").asLong()).isEqualTo(20);
    }

    @Test
    void etagAnswers304UntilTheVersionOrTheClockMovesTheForecast() {
        HandPlan p = new HandPlan();
        UUID it = p.iteration("TAG1");
        Instant start = p.start(it);
        clock.pin(start);
        String path = "/iterations/" + it + "/forecast";
        Api.Response first = p.api.get(path);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("W/\"");
        Api.Response again = p.api.get(path, "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        // Another user shares the same forecast and its ETag.
        Api viewer = host.as(p.fx.user("viewer", Role.NORMAL).username());
        assertThat(viewer.get(path, "If-None-Match", etag).status()).isEqualTo(304);
        // 29 s later the forecast is still fresh; at 30 s it is computed again and the ETag changes.
        clock.pin(start.plusSeconds(29));
        assertThat(p.api.get(path, "If-None-Match", etag).status()).isEqualTo(304);
        clock.pin(start.plusSeconds(30));
        Api.Response moved = p.api.get(path, "If-None-Match", etag);
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.header("ETag")).isNotEqualTo(etag);
        assertThat(Instant.parse(moved.json().path("computedAt").asText())).isEqualTo(start.plusSeconds(30));
        // A write changes the version, and so the forecast and its ETag.
        String fresh = moved.header("ETag");
        p.move(it, p.a, "IN_PROGRESS");
        Api.Response written = p.api.get(path, "If-None-Match", fresh);
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.json().path("version").asLong()).isEqualTo(2);
        // The learned basis has its own ETag.
        assertThat(p.api.get(path + "?basis=learned", "If-None-Match", written.header("ETag")).status()).isEqualTo(200);
    }

    @Test
    void unknownIterationIs404AndABadBasisOrIdIs400() {
        HandPlan p = new HandPlan();
        UUID it = p.iteration("ERR1");
        Api.Response unknown = p.api.get("/iterations/" + UUID.randomUUID() + "/forecast");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");
        for (String bad : List.of("PLAN", "median", "plan%20")) {
            Api.Response r = p.api.get("/iterations/" + it + "/forecast?basis=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("error").asText()).isEqualTo("invalid_input");
            assertThat(r.json().path("field").asText()).isEqualTo("basis");
        }
        Api.Response badId = p.api.get("/iterations/not-a-uuid/forecast");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("field").asText()).isEqualTo("id");
    }

    @Test
    void learnedBasisFallsBackToThePlanWithoutHistoryAndUsesTheMedianWithIt() {
        HandPlan p = new HandPlan();
        UUID first = p.iteration("LRN1");
        Instant start = p.start(first);
        clock.pin(start);
        JsonNode noHistory = p.forecast(first, "?basis=learned");
        assertThat(noHistory.path("basis").asText()).isEqualTo("learned");
        assertThat(noHistory.path("iteration").path("forecastEnd").asText())
                .isEqualTo(p.forecast(first, "?basis=plan").path("iteration").path("forecastEnd").asText());

        // Three completed iterations in which A took 40, 50 and 90 minutes: the median is 50 (the mean would be 60).
        int[] took = {40, 50, 90};
        for (int i = 0; i < took.length; i++) {
            UUID done = p.iteration("LRNH" + i);
            Instant s = start.minus(Duration.ofDays(7 * (i + 1)));
            int minutes = took[i];
            db.transactor().inTransaction(cn -> {
                Jdbc.update(cn, "UPDATE step_instances SET status = 'DONE', started_at = ?, finished_at = ? WHERE iteration_id = ? AND step_id = ?",
                        s, s.plus(Duration.ofMinutes(minutes)), done, p.a);
                return Jdbc.update(cn, "UPDATE iterations SET status = 'COMPLETED' WHERE id = ?", done);
            });
        }
        // An in-progress iteration's runs do not count: only completed iterations teach.
        UUID running = p.iteration("LRNX");
        db.transactor().inTransaction(cn -> Jdbc.update(cn,
                "UPDATE step_instances SET status = 'DONE', started_at = ?, finished_at = ? WHERE iteration_id = ? AND step_id = ?",
                start, start.plus(Duration.ofMinutes(500)), running, p.a));

        UUID next = p.iteration("LRN2");
        Instant nextStart = p.start(next);
        clock.pin(nextStart);
        JsonNode learned = p.forecast(next, "?basis=learned");
        // A 50 (learned), B 60 and C 30 (no history: the plan's).
        assertThat(Instant.parse(learned.path("iteration").path("forecastEnd").asText()))
                .isEqualTo(nextStart.plus(Duration.ofMinutes(140)));
        assertThat(Instant.parse(steps(learned).get(p.id(next, p.a)).path("forecastEnd").asText()))
                .isEqualTo(nextStart.plus(Duration.ofMinutes(50)));
        assertThat(Instant.parse(p.forecast(next, "").path("iteration").path("forecastEnd").asText()))
                .isEqualTo(nextStart.plus(Duration.ofMinutes(120)));
    }

    @Test
    void aRunningStepBecomesLateWithTheClockAloneAndTheNextDeltaCarriesIt() {
        HandPlan p = new HandPlan();
        UUID it = p.iteration("LATE1");
        Instant start = p.start(it);
        clock.pin(start);
        p.move(it, p.a, "IN_PROGRESS");
        p.ran(it, p.a, start, null);
        String dash = "/iterations/" + it + "/dashboard";
        Api.Response snap = p.api.get(dash);
        long version = snap.json().path("version").asLong();
        String etag = snap.header("ETag");
        String a = p.id(it, p.a);
        assertThat(lateOf(snap.json(), a)).isFalse();
        assertThat(p.api.get(dash + "?since=" + version, "If-None-Match", etag).status()).isEqualTo(304);

        // 45 minutes later, without any write, A runs 15 minutes past its 30 minute plan, and so B, D and C are
        // expected to start after their planned starts.
        clock.pin(start.plus(Duration.ofMinutes(45)));
        Api.Response delta = p.api.get(dash + "?since=" + version, "If-None-Match", etag);
        assertThat(delta.status()).isEqualTo(200);
        JsonNode d = delta.json();
        assertThat(d.path("kind").asText()).isEqualTo("delta");
        assertThat(d.path("version").asLong()).isEqualTo(version);
        assertThat(d.path("changed").asBoolean()).isTrue();
        List<String> all = List.of(a, p.id(it, p.b), p.id(it, p.c), p.id(it, p.d));
        // Nothing else changed on these steps: the delta names them, it does not send them whole.
        assertThat(texts(d.path("lateOn"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(d.path("lateOff").isMissingNode()).isTrue();
        assertThat(d.path("steps")).isEmpty();
        assertThat(d.path("chapters")).isEmpty();
        JsonNode lateness = steps(p.forecast(it, "")).get(a).path("lateness");
        assertThat(lateness.path("kind").asText()).isEqualTo("OVERRUNNING");
        assertThat(lateness.path("minutes").asLong()).isEqualTo(15);
        assertThat(steps(p.forecast(it, "")).get(p.id(it, p.b)).path("lateness").path("kind").asText()).isEqualTo("LATE_START");
        // With the new ETag the client holds every flag: 304 again, and an ETag of an unknown forecast gets the
        // whole late set.
        String newTag = delta.header("ETag");
        assertThat(newTag).isNotEqualTo(etag);
        assertThat(p.api.get(dash + "?since=" + version, "If-None-Match", newTag).status()).isEqualTo(304);
        String foreign = newTag.replaceAll("-l[0-9a-f]+\\.", "-l0.");
        JsonNode full = p.api.get(dash + "?since=" + version, "If-None-Match", foreign).json();
        assertThat(texts(full.path("lateStepIds"))).containsExactlyInAnyOrderElementsOf(all);

        // Back to the start (a clock set back): nothing runs late any more, and the delta turns the four flags off.
        clock.pin(start);
        JsonNode off = p.api.get(dash + "?since=" + version, "If-None-Match", newTag).json();
        assertThat(texts(off.path("lateOff"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(off.path("lateOn").isMissingNode()).isTrue();
        assertThat(off.path("steps")).isEmpty();
    }

    @Test
    void aOneStepDeltaCarriesOnlyTheChangedChapterAndItsMacroPhase() {
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("DLT");
        Api api = host.as(fx.user("pilot", Role.PILOT).username());
        Fixtures.Plan plan = fx.plan("Delta");
        List<UUID> firsts = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            plan.phase("Phase " + phase);
            for (int ch = 0; ch < 4; ch++) {
                plan.chapter("Chapter " + phase + "." + ch);
                UUID previous = null;
                for (int s = 0; s < 5; s++) {
                    UUID step = plan.step("TRT-" + (phase * 100 + ch * 10 + s), "Step", team, 30, false);
                    if (previous != null) {
                        plan.dependency(previous, step);
                    } else {
                        firsts.add(step);
                    }
                    previous = step;
                }
            }
        }
        UUID it = plan.iteration("DLT1");
        String dash = "/iterations/" + it + "/dashboard";
        JsonNode snap = api.get(dash).json();
        assertThat(snap.path("chapters").size()).isGreaterThanOrEqualTo(12);
        long version = snap.path("version").asLong();
        UUID moved = plan.stepInstance(it, firsts.get(5));
        long stepVersion = api.get("/iterations/" + it + "/steps/" + moved).json().path("step").path("version").asLong();
        assertThat(api.post("/iterations/" + it + "/steps/" + moved + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", stepVersion)).status()).isEqualTo(200);
        Api.Response r = api.get(dash + "?since=" + version);
        JsonNode d = r.json();
        String chapterId = d.path("steps").get(0).path("chapterId").asText();
        assertThat(d.path("steps")).hasSize(1);
        assertThat(d.path("chapters")).hasSize(1);
        assertThat(d.path("chapters").get(0).path("id").asText()).isEqualTo(chapterId);
        assertThat(d.path("chapters").get(0).path("counts").path("IN_PROGRESS").asInt()).isEqualTo(1);
        assertThat(d.path("macroPhases")).hasSize(1);
        assertThat(d.path("macroPhases").get(0).path("id").asText()).isEqualTo(d.path("chapters").get(0).path("macroPhaseId").asText());
        assertThat(d.path("counts").path("IN_PROGRESS").asInt()).isEqualTo(1);
        assertThat(d.path("progress").path("total").asInt()).isEqualTo(60);
        assertThat(d.path("iteration").has("forecastEnd")).isTrue();
        System.out.printf("one-step delta over 60 steps / 12 chapters: %d bytes (snapshot %d)%n", r.body().length(),
                api.get(dash).body().length());
    }

    private static boolean lateOf(JsonNode dashboard, String stepId) {
        for (JsonNode s : dashboard.path("steps")) {
            if (s.path("id").asText().equals(stepId)) {
                return s.path("late").asBoolean();
            }
        }
        throw new AssertionError("step " + stepId + " not in " + dashboard);
    }
}
