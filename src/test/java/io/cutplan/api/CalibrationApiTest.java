package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.domain.schedule.CsvReader;
import io.cutplan.host.standalone.PasswordHasher;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The comparison across iterations, the duration proposals and their apply, over HTTP on the realistic demo
 * (four completed rehearsals, DR2 running), every figure checked against the raw step times read from the database
 * here, independently of the server's history reader.
 */
class CalibrationApiTest {
    private static final TestHost HOST = TestHost.get();
    private static final Database DB = HOST.database();
    private static DemoSummary demo;

    @BeforeAll
    static void loadDemo() {
        demo = DemoRunbooks.load(DB, "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
    }

    private record Raw(UUID stepId, UUID iterationId, String status, Instant startedAt, Instant finishedAt) {
    }

    private static List<UUID> completedIterations() {
        return DB.transactor().readOnly(c -> Jdbc.list(c, "SELECT id FROM iterations WHERE migration_id = ? AND status = 'COMPLETED' "
                + "ORDER BY planned_start, code", rs -> Jdbc.uuid(rs, "id"), demo.migrationId()));
    }

    private static List<Raw> raw(UUID stepId) {
        return DB.transactor().readOnly(c -> Jdbc.list(c, """
                SELECT si.step_id, si.iteration_id, si.status, si.started_at, si.finished_at FROM step_instances si
                  JOIN iterations i ON i.id = si.iteration_id WHERE si.step_id = ? AND i.migration_id = ?""",
                rs -> new Raw(Jdbc.uuid(rs, "step_id"), Jdbc.uuid(rs, "iteration_id"), rs.getString("status"),
                        Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at")), stepId, demo.migrationId()));
    }

    private static Map<UUID, Integer> planMinutes() {
        Map<UUID, Integer> out = new HashMap<>();
        DB.transactor().readOnly(c -> Jdbc.list(c, "SELECT id, planned_duration_minutes FROM steps WHERE plan_id = ?",
                rs -> out.put(Jdbc.uuid(rs, "id"), rs.getInt("planned_duration_minutes")), demo.planId()));
        return out;
    }

    private static long planRevision() {
        return DB.transactor().readOnly(c -> Jdbc.one(c, "SELECT revision FROM plans WHERE id = ?", rs -> rs.getLong(1),
                demo.planId())).orElseThrow();
    }

    private static long planEvents() {
        return DB.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM event_log WHERE event_type = 'PLAN_CHANGED' "
                + "AND details ->> 'planId' = ?", rs -> rs.getLong(1), demo.planId().toString())).orElseThrow();
    }

    // ------------------------------------------------------------------ comparison

    @Test
    void theComparisonListsEveryCompletedIterationAndEachStepsActualDurationIsItsFinishMinusStart() {
        Api viewer = DemoApi.as("viewer");
        Api.Response r = viewer.get("/migrations/" + demo.migrationId() + "/comparison");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        List<UUID> completed = completedIterations();
        assertThat(completed).hasSize(4);
        List<UUID> columns = new ArrayList<>();
        body.path("iterations").forEach(i -> columns.add(UUID.fromString(i.path("id").asText())));
        assertThat(columns).isEqualTo(completed);
        assertThat(body.path("chapters").size()).isEqualTo(66);
        assertThat(body.path("steps").size()).isGreaterThan(1000);
        assertThat(body.path("mostVariable").size()).isEqualTo(10);
        assertThat(body.path("trend").path("direction").asText()).isIn("faster", "slower", "steady");

        Random random = new Random(14);
        List<JsonNode> steps = new ArrayList<>();
        body.path("steps").forEach(steps::add);
        for (int n = 0; n < 8; n++) {
            JsonNode step = steps.get(random.nextInt(steps.size()));
            UUID stepId = UUID.fromString(step.path("stepId").asText());
            Map<UUID, Raw> byIteration = new HashMap<>();
            raw(stepId).forEach(x -> byIteration.put(x.iterationId(), x));
            for (int k = 0; k < completed.size(); k++) {
                JsonNode cell = step.path("cells").get(k);
                assertThat(cell.path("iterationId").asText()).isEqualTo(completed.get(k).toString());
                Raw x = byIteration.get(completed.get(k));
                if (x == null) {
                    assertThat(cell.path("status").asText()).isEqualTo("NOT_IN_SCOPE");
                    continue;
                }
                assertThat(cell.path("status").asText()).isEqualTo(x.status());
                if (x.status().equals("DONE")) {
                    long seconds = Duration.between(x.startedAt(), x.finishedAt()).getSeconds();
                    assertThat(cell.path("actualSeconds").asLong()).as("%s in %s", step.path("code").asText(), k).isEqualTo(seconds);
                } else {
                    assertThat(cell.path("actualSeconds").isNull()).isTrue();
                }
            }
        }
        // The iteration's actual duration: first actual start to last actual end, from the raw rows.
        JsonNode first = body.path("iterations").get(0);
        Instant[] span = DB.transactor().readOnly(c -> Jdbc.one(c, "SELECT min(started_at) AS s, max(finished_at) AS e "
                + "FROM step_instances WHERE iteration_id = ?", rs -> new Instant[] {Jdbc.instant(rs, "s"), Jdbc.instant(rs, "e")},
                completed.get(0))).orElseThrow();
        assertThat(first.path("actualSeconds").asLong()).isEqualTo(Duration.between(span[0], span[1]).getSeconds());
    }

    @Test
    void chosenIterationsComeInTheOrderGivenAndForeignOrBadOnesAreRefused() {
        Api viewer = DemoApi.as("viewer");
        UUID dr2 = demo.iteration("DR2");
        UUID run1 = demo.iteration("RUN1");
        Api.Response r = viewer.get("/migrations/" + demo.migrationId() + "/comparison?iterations=" + dr2 + "," + run1);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("iterations").get(0).path("code").asText()).isEqualTo("DR2");
        assertThat(r.json().path("iterations").get(1).path("code").asText()).isEqualTo("RUN1");

        UUID foreign = Fixtures.in(DB).plan("Foreign").iteration("F1");
        Api.Response other = viewer.get("/migrations/" + demo.migrationId() + "/comparison?iterations=" + run1 + "," + foreign);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("field").asText()).isEqualTo("iterations");
        Api.Response bad = viewer.get("/migrations/" + demo.migrationId() + "/comparison?iterations=" + run1 + ",nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("iterations");
        Api.Response twice = viewer.get("/migrations/" + demo.migrationId() + "/comparison?iterations=" + run1 + "," + run1);
        assertThat(twice.status()).isEqualTo(400);
        Api.Response format = viewer.get("/migrations/" + demo.migrationId() + "/comparison?format=xml");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().path("field").asText()).isEqualTo("format");
        assertThat(viewer.get("/migrations/" + UUID.randomUUID() + "/comparison").status()).isEqualTo(404);
        assertThat(viewer.get("/migrations/not-a-uuid/comparison").json().path("field").asText()).isEqualTo("migrationId");
    }

    @Test
    void theComparisonExportsAsASelfContainedHtmlDocumentAndAsCsv() {
        Api viewer = DemoApi.as("viewer");
        String base = "/migrations/" + demo.migrationId() + "/comparison";
        Api.Response html = viewer.get(base + "?format=html&tz=Europe/Zurich&download=true");
        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.header("Content-Disposition")).startsWith("attachment; filename=\"cutplan-comparison-")
                .endsWith(".html\"");
        Document doc = Jsoup.parse(html.body());
        assertThat(doc.select("script, link, img, [src], [href]")).isEmpty();
        assertThat(doc.select("table")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(doc.text()).contains("Europe/Zurich", "RUN1", "DR1");

        Api.Response csv = viewer.get(base + "?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).startsWith("inline");
        List<List<String>> rows = CsvReader.parse(csv.body());
        JsonNode json = viewer.get(base).json();
        // Header, the iteration total, one row per chapter and per step.
        assertThat(rows).hasSize(2 + json.path("chapters").size() + json.path("steps").size());
        assertThat(rows.get(0).subList(0, 6)).containsExactly("Level", "Chapter", "Step", "Title", "Team", "Planned (min)");
        assertThat(rows.get(0)).contains("RUN1 actual (min)", "DR1 actual (min)");
        assertThat(viewer.get(base + "?format=csv&download=maybe").status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ proposals

    /** The median (or 80th percentile) of a step's DONE durations over the completed iterations, from raw rows. */
    private static int expected(UUID stepId, double fraction) {
        List<UUID> completed = completedIterations();
        List<Long> seconds = new ArrayList<>();
        for (Raw x : raw(stepId)) {
            if (completed.contains(x.iterationId()) && x.status().equals("DONE") && x.startedAt() != null && x.finishedAt() != null) {
                seconds.add(Duration.between(x.startedAt(), x.finishedAt()).getSeconds());
            }
        }
        seconds.sort(null);
        double pos = fraction * (seconds.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(seconds.size() - 1, lo + 1);
        double value = seconds.get(lo) + (pos - lo) * (seconds.get(hi) - seconds.get(lo));
        return (int) Math.max(1, Math.round(value / 60.0));
    }

    @Test
    void aProposalsMedianIsTheMedianOfTheRawStepTimes() {
        Api viewer = DemoApi.as("viewer");
        Api.Response r = viewer.get("/plans/" + demo.planId() + "/duration-proposals");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("statistic").asText()).isEqualTo("median");
        assertThat(body.path("iterations").size()).isEqualTo(4);
        assertThat(body.path("proposals").size()).isGreaterThan(1000);
        Random random = new Random(7);
        for (int n = 0; n < 6; n++) {
            JsonNode p = body.path("proposals").get(random.nextInt(body.path("proposals").size()));
            UUID stepId = UUID.fromString(p.path("stepId").asText());
            assertThat(p.path("proposedMinutes").asInt()).as(p.path("code").asText()).isEqualTo(expected(stepId, 0.5));
            assertThat(p.path("runs").asInt()).isBetween(1, 4);
            assertThat(p.path("minMinutes").asDouble()).isLessThanOrEqualTo(p.path("maxMinutes").asDouble());
            assertThat(p.path("q1Minutes").asDouble()).isLessThanOrEqualTo(p.path("q3Minutes").asDouble());
        }
        JsonNode p80 = viewer.get("/plans/" + demo.planId() + "/duration-proposals?statistic=p80").json();
        JsonNode one = p80.path("proposals").get(3);
        assertThat(one.path("proposedMinutes").asInt()).isEqualTo(expected(UUID.fromString(one.path("stepId").asText()), 0.8));

        JsonNode onlyRun1 = viewer.get("/plans/" + demo.planId() + "/duration-proposals?iterations=" + demo.iteration("RUN1")).json();
        assertThat(onlyRun1.path("iterations").size()).isEqualTo(1);
        assertThat(onlyRun1.path("proposals").get(0).path("runs").asInt()).isEqualTo(1);

        assertThat(viewer.get("/plans/" + demo.planId() + "/duration-proposals?statistic=mean").json().path("field").asText())
                .isEqualTo("statistic");
        UUID foreign = Fixtures.in(DB).plan("Elsewhere").iteration("E1");
        assertThat(viewer.get("/plans/" + demo.planId() + "/duration-proposals?iterations=" + foreign).json().path("field").asText())
                .isEqualTo("iterations");
        assertThat(viewer.get("/plans/" + UUID.randomUUID() + "/duration-proposals").status()).isEqualTo(404);
    }

    @Test
    void applyingProposalsChangesExactlyTheChosenStepsInOneRevisionAndRefusesOthersWithoutTouchingTheDatabase() {
        Api admin = DemoApi.as("admin");
        JsonNode body = admin.get("/plans/" + demo.planId() + "/duration-proposals").json();
        List<JsonNode> changing = new ArrayList<>();
        body.path("proposals").forEach(p -> {
            if (p.path("changeMinutes").asInt() != 0 && changing.size() < 2) {
                changing.add(p);
            }
        });
        assertThat(changing).hasSize(2);
        long revision = body.path("revision").asLong();
        assertThat(revision).isEqualTo(planRevision());
        Map<UUID, Integer> before = planMinutes();
        long eventsBefore = planEvents();
        List<Map<String, Object>> choice = changing.stream().map(p -> Map.<String, Object>of("stepId", p.path("stepId").asText(),
                "minutes", p.path("proposedMinutes").asInt())).toList();

        // Refused: not an admin, a stale revision, bad input. Nothing changes.
        Api.Response pilot = DemoApi.as("pilot").post("/plans/" + demo.planId() + "/duration-proposals/apply",
                Map.of("revision", revision, "steps", choice));
        assertThat(pilot.status()).as(pilot.toString()).isEqualTo(403);
        Api.Response stale = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply",
                Map.of("revision", revision + 1, "steps", choice));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.json().path("field").asText()).isEqualTo("revision");
        Api.Response zero = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply",
                Map.of("revision", revision, "steps", List.of(choice.get(0), Map.of("stepId", choice.get(1).get("stepId"), "minutes", 0))));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("field").asText()).isEqualTo("steps[1].minutes");
        Api.Response unknown = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply",
                Map.of("revision", revision, "steps", List.of(Map.of("stepId", UUID.randomUUID().toString(), "minutes", 5))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("steps[0].stepId");
        Api.Response empty = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply", Map.of("revision", revision, "steps", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        Api.Response noRevision = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply", Map.of("steps", choice));
        assertThat(noRevision.json().path("field").asText()).isEqualTo("revision");
        assertThat(planMinutes()).isEqualTo(before);
        assertThat(planRevision()).isEqualTo(revision);
        assertThat(planEvents()).isEqualTo(eventsBefore);

        Api.Response ok = admin.post("/plans/" + demo.planId() + "/duration-proposals/apply", Map.of("revision", revision, "steps", choice));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("revision").asLong()).isEqualTo(revision + 1);
        assertThat(ok.json().path("applied").size()).isEqualTo(2);
        Map<UUID, Integer> after = planMinutes();
        Map<UUID, Integer> expectedAfter = new HashMap<>(before);
        for (JsonNode p : changing) {
            expectedAfter.put(UUID.fromString(p.path("stepId").asText()), p.path("proposedMinutes").asInt());
        }
        assertThat(after).isEqualTo(expectedAfter);
        assertThat(planRevision()).isEqualTo(revision + 1);
        assertThat(planEvents()).isEqualTo(eventsBefore + 1);
        JsonNode event = DB.transactor().readOnly(c -> Jdbc.one(c, "SELECT details::text FROM event_log WHERE event_type = 'PLAN_CHANGED' "
                + "AND details ->> 'planId' = ? ORDER BY occurred_at DESC LIMIT 1", rs -> rs.getString(1), demo.planId().toString()))
                .map(text -> {
                    try {
                        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow();
        assertThat(event.path("entity").asText()).isEqualTo("durations");
        assertThat(event.path("revision").asLong()).isEqualTo(revision + 1);
        assertThat(event.path("changes").size()).isEqualTo(2);
        // The proposals now read the new plan minutes as current.
        JsonNode again = admin.get("/plans/" + demo.planId() + "/duration-proposals").json();
        assertThat(again.path("revision").asLong()).isEqualTo(revision + 1);
        again.path("proposals").forEach(p -> {
            if (p.path("stepId").asText().equals(changing.get(0).path("stepId").asText())) {
                assertThat(p.path("changeMinutes").asInt()).isZero();
            }
        });
    }

    // ------------------------------------------------------------------ probability

    @Test
    void theFinishProbabilityOfTheRunningIterationIsOrderedSharedAndKnowsEveryChapter() {
        Api viewer = DemoApi.as("viewer");
        UUID dr2 = demo.iteration("DR2");
        Api.Response r = viewer.get("/iterations/" + dr2 + "/forecast/probability");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.path("runs").asInt()).isEqualTo(10_000);
        Instant p50 = Instant.parse(p.path("p50").asText());
        Instant p80 = Instant.parse(p.path("p80").asText());
        Instant p95 = Instant.parse(p.path("p95").asText());
        assertThat(p50).isBeforeOrEqualTo(p80);
        assertThat(p80).isBeforeOrEqualTo(p95);
        assertThat(p.path("probabilityInWindow").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.path("percentInWindow").asInt()).isEqualTo((int) Math.round(p.path("probabilityInWindow").asDouble() * 100));
        assertThat(p.path("stepsWithHistory").asInt()).isGreaterThan(1000);
        assertThat(p.path("stepsWithSpread").asInt()).isGreaterThan(0);
        assertThat(p.path("chapters").size()).isEqualTo(66);
        // Shared: a second read (another user) within the minute is the same computation.
        JsonNode again = DemoApi.as("pilot").get("/iterations/" + dr2 + "/forecast/probability").json();
        assertThat(again.path("computedAt").asText()).isEqualTo(p.path("computedAt").asText());
        assertThat(again.path("p80").asText()).isEqualTo(p.path("p80").asText());

        // A completed iteration: every run is what happened.
        JsonNode dr1 = viewer.get("/iterations/" + demo.iteration("DR1") + "/forecast/probability").json();
        assertThat(dr1.path("finished").asBoolean()).isTrue();
        assertThat(dr1.path("p50").asText()).isEqualTo(dr1.path("p95").asText()).isEqualTo(dr1.path("forecastEnd").asText());
        assertThat(dr1.path("probabilityInWindow").asDouble()).isEqualTo(0.0);

        assertThat(viewer.get("/iterations/" + UUID.randomUUID() + "/forecast/probability").status()).isEqualTo(404);
        assertThat(viewer.get("/iterations/x/forecast/probability").json().path("field").asText()).isEqualTo("id");
    }
}
