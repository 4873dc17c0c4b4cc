package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.domain.Html;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.PasswordHasher;
import io.cutplan.testing.Api;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /iterations/{id}/review} on the realistic demo (DR1 finished late, DR2 running): its overrun equals
 * actual end - planned end computed here from the step times, it lists every chapter, and its delay chain is a chain
 * of dependencies whose recorded times meet end to end. The lessons' PUT and GET, with their event; the HTML and CSV
 * formats with hostile text; and the errors (400 naming the parameter, 403, 404).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiTest {
    private TestHost host;
    private UUID dr1;
    private UUID dr2;
    private final Api viewer = DemoApi.as("viewer");
    private final Api pilot = DemoApi.as("pilot");

    @BeforeAll
    void load() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        dr1 = demo.iteration("DR1");
        dr2 = demo.iteration("DR2");
    }

    private static boolean absent(JsonNode n) {
        return n.isNull() || n.isMissingNode();
    }

    private static Instant at(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : Instant.parse(n.asText());
    }

    @Test
    void dr1sReviewStatesItsOverrunListsEveryChapterAndItsDelayChainMeetsEndToEnd() {
        JsonNode dash = viewer.get("/iterations/" + dr1 + "/dashboard").json();
        // From the step times: the planned end is the latest planned end of any step, the actual end the latest finish.
        Instant windowEnd = at(dash.path("iteration").path("plannedEnd"));
        Instant plannedEnd = null;
        Instant actualEnd = null;
        Map<String, JsonNode> steps = new HashMap<>();
        for (JsonNode s : dash.path("steps")) {
            steps.put(s.path("id").asText(), s);
            Instant f = at(s.path("finishedAt"));
            if (f != null && (actualEnd == null || f.isAfter(actualEnd))) {
                actualEnd = f;
            }
            Instant p = at(s.path("plannedEnd"));
            if (plannedEnd == null || p.isAfter(plannedEnd)) {
                plannedEnd = p;
            }
        }
        long overrun = Duration.between(plannedEnd, actualEnd).toMinutes();

        Api.Response res = viewer.get("/iterations/" + dr1 + "/review");
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode r = res.json();
        assertThat(r.path("iteration").path("complete").asBoolean()).isTrue();
        assertThat(at(r.path("timing").path("actualEnd"))).isEqualTo(actualEnd);
        assertThat(at(r.path("timing").path("plannedEnd"))).isEqualTo(plannedEnd);
        assertThat(r.path("counts").path("overrunMinutes").asLong()).as("DR1 finished late").isEqualTo(overrun).isPositive();
        assertThat(r.path("timing").path("endVarianceMinutes").asLong()).isEqualTo(overrun);
        assertThat(r.path("counts").path("overWindowMinutes").asLong()).isEqualTo(Duration.between(windowEnd, actualEnd).toMinutes());
        assertThat(overrun).as("the rehearsal the issue describes: about 17 h over its plan").isGreaterThan(10 * 60);

        assertThat(r.path("chapters").size()).isEqualTo(66).isEqualTo(dash.path("chapters").size());
        Set<String> chapterIds = new HashSet<>();
        r.path("chapters").forEach(c -> chapterIds.add(c.path("id").asText()));
        dash.path("chapters").forEach(c -> assertThat(chapterIds).contains(c.path("id").asText()));
        assertThat(r.path("macroPhases").size()).isEqualTo(5);

        JsonNode chain = r.path("delayChain").path("links");
        assertThat(chain.size()).as("a chain of several steps").isGreaterThan(5);
        JsonNode last = chain.get(chain.size() - 1);
        assertThat(at(last.path("finishedAt"))).as("the chain ends with the last step to finish").isEqualTo(actualEnd);
        long added = 0;
        for (int i = 0; i < chain.size(); i++) {
            JsonNode link = chain.get(i);
            JsonNode step = steps.get(link.path("step").path("id").asText());
            assertThat(step).as("a step of DR1").isNotNull();
            assertThat(at(link.path("startedAt"))).isEqualTo(at(step.path("startedAt")));
            assertThat(at(link.path("finishedAt"))).isEqualTo(at(step.path("finishedAt")));
            added += link.path("delayMinutes").asLong();
            if (i == 0) {
                assertThat(absent(link.path("predecessorId"))).isTrue();
                continue;
            }
            JsonNode previous = chain.get(i - 1);
            String predId = previous.path("step").path("id").asText();
            List<String> preds = new java.util.ArrayList<>();
            step.path("predecessorIds").forEach(p -> preds.add(p.asText()));
            assertThat(preds).as("%s depends on %s", step.path("code").asText(), previous.path("step").path("code").asText())
                    .contains(predId);
            assertThat(link.path("predecessorId").asText()).isEqualTo(predId);
            Instant predFinished = at(steps.get(predId).path("finishedAt"));
            Instant ready = at(step.path("readyAt"));
            Instant started = at(step.path("startedAt"));
            assertThat(ready.equals(predFinished) || started.equals(predFinished))
                    .as("%s became ready (%s) or started (%s) when %s finished (%s)", step.path("code").asText(), ready, started,
                            previous.path("step").path("code").asText(), predFinished).isTrue();
            assertThat(started).isAfterOrEqualTo(predFinished);
            // No other predecessor finished later: this one determined the start.
            for (String p : preds) {
                assertThat(at(steps.get(p).path("finishedAt"))).isBeforeOrEqualTo(predFinished);
            }
        }
        long span = r.path("delayChain").path("spanMinutes").asLong();
        long planned = r.path("delayChain").path("plannedMinutes").asLong();
        assertThat(r.path("delayChain").path("delayMinutes").asLong()).isEqualTo(span - planned);
        assertThat(Math.abs(added - (span - planned))).as("the links add up to the chain's delay, up to rounding each to a minute")
                .isLessThanOrEqualTo(chain.size() / 4 + 2);
        // The chain runs from when its first step could start to the actual end.
        assertThat(span).isEqualTo(Math.round(Duration.between(at(chain.get(0).path("couldStartAt")), actualEnd).getSeconds() / 60.0));
        assertThat(r.path("topDelays").size()).isBetween(1, 10);
        long firstTop = r.path("topDelays").get(0).path("delayMinutes").asLong();
        chain.forEach(l -> assertThat(l.path("delayMinutes").asLong()).isLessThanOrEqualTo(firstTop));

        // The demo's failures: retried steps count their whole span and say so.
        assertThat(r.path("failures").size()).isEqualTo(4);
        for (JsonNode f : r.path("failures")) {
            assertThat(f.path("retries").asInt()).isEqualTo(1);
            assertThat(f.path("wholeSpan").asBoolean()).isTrue();
            JsonNode step = steps.get(f.path("step").path("id").asText());
            assertThat(f.path("spanMinutes").asLong())
                    .isEqualTo(Duration.between(at(step.path("startedAt")), at(step.path("finishedAt"))).toMinutes());
        }
        assertThat(r.path("failedControls").size()).as("the demo's check whose controls failed").isPositive();
        assertThat(r.path("comments").size()).isPositive();
        assertThat(r.path("teams").size()).isPositive();
        assertThat(r.path("steps").size()).isEqualTo(dash.path("steps").size());
        System.out.printf("DR1 review: overrun %d min (%d over the window), chain of %d steps adding %d min, top delay %s (%d min)%n", overrun,
                Duration.between(windowEnd, actualEnd).toMinutes(), chain.size(), added, r.path("topDelays").get(0).path("step").path("code").asText(), firstTop);
    }

    @Test
    void aRunningIterationsReviewIsSoFar() {
        JsonNode r = viewer.get("/iterations/" + dr2 + "/review").json();
        assertThat(r.path("iteration").path("complete").asBoolean()).isFalse();
        assertThat(absent(r.path("timing").path("actualEnd"))).as("nulls are left out").isTrue();
        assertThat(absent(r.path("counts").path("overrunMinutes"))).isTrue();
        assertThat(r.path("counts").path("running").asInt()).isPositive();
        assertThat(r.path("holds").size()).as("the demo holds one ready step").isPositive();
        assertThat(r.path("holds").get(0).path("ongoing").asBoolean()).isTrue();
        assertThat(r.path("delayChain").path("links").size()).isPositive();
    }

    @Test
    void lessonsRoundTripAndAreRecordedInTheEventLog() {
        JsonNode anyStep = viewer.get("/iterations/" + dr1 + "/review").json().path("steps").get(3).path("step");
        String stepId = anyStep.path("id").asText();
        Api.Response put = pilot.put("/iterations/" + dr1 + "/review/notes",
                Map.of("target", "iteration", "text", "  Book the vendor for the whole night.\nStart the freeze earlier.  "));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("iteration").path("text").asText()).isEqualTo("Book the vendor for the whole night.\nStart the freeze earlier.");
        put = pilot.put("/iterations/" + dr1 + "/review/notes", Map.of("target", "step", "stepInstanceId", stepId, "text", "Needs two DBAs"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        JsonNode notes = viewer.get("/iterations/" + dr1 + "/review/notes").json();
        assertThat(notes.path("iteration").path("text").asText()).startsWith("Book the vendor");
        assertThat(notes.path("iteration").path("author").asText()).isNotBlank();
        assertThat(notes.path("steps")).anySatisfy(n -> {
            assertThat(n.path("step").path("id").asText()).isEqualTo(stepId);
            assertThat(n.path("text").asText()).isEqualTo("Needs two DBAs");
        });
        JsonNode review = viewer.get("/iterations/" + dr1 + "/review").json();
        assertThat(review.path("lessons").path("iteration").path("text").asText()).startsWith("Book the vendor");
        assertThat(review.path("steps").get(3).path("note").asText()).isEqualTo("Needs two DBAs");

        JsonNode events = viewer.get("/iterations/" + dr1 + "/events?type=REVIEW_NOTE_CHANGED&limit=500").json().path("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("stepId").asText("")).isEqualTo(stepId);
            assertThat(e.path("details").path("text").asText()).isEqualTo("Needs two DBAs");
            assertThat(e.path("details").path("action").asText()).isEqualTo("set");
            assertThat(e.path("actorName").asText()).isEqualTo("pilot");
        });
        int before = events.size();
        // The same text again changes nothing and records nothing; a blank text clears the note.
        pilot.put("/iterations/" + dr1 + "/review/notes", Map.of("target", "step", "stepInstanceId", stepId, "text", "Needs two DBAs"));
        assertThat(viewer.get("/iterations/" + dr1 + "/events?type=REVIEW_NOTE_CHANGED&limit=500").json().path("events").size())
                .isEqualTo(before);
        put = pilot.put("/iterations/" + dr1 + "/review/notes", Map.of("target", "step", "stepInstanceId", stepId, "text", "   "));
        assertThat(put.json().path("steps")).noneSatisfy(n -> assertThat(n.path("step").path("id").asText()).isEqualTo(stepId));
        JsonNode after = viewer.get("/iterations/" + dr1 + "/events?type=REVIEW_NOTE_CHANGED&limit=500").json().path("events");
        assertThat(after.size()).isEqualTo(before + 1);
        assertThat(after.get(after.size() - 1).path("details").path("action").asText()).isEqualTo("cleared");
    }

    @Test
    void onlyPilotsWriteLessonsAndBadInputIsRefusedByName() {
        String path = "/iterations/" + dr1 + "/review/notes";
        Map<String, String> ok = Map.of("target", "iteration", "text", "x");
        Api.Response r = viewer.put(path, ok);
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(DemoApi.as("executor").put(path, ok).status()).isEqualTo(403);
        assertThat(pilot.withoutXsrfHeader().put(path, ok).status()).as("the XSRF rule of every write").isEqualTo(403);
        assertThat(pilot.anonymous().get("/iterations/" + dr1 + "/review").status()).isEqualTo(401);

        assertBad(pilot.put(path, Map.of("target", "chapter", "text", "x")), "target");
        assertBad(pilot.put(path, Map.of("target", "step", "stepInstanceId", "not-a-uuid", "text", "x")), "stepInstanceId");
        assertBad(pilot.put(path, Map.of("target", "step", "text", "x")), "stepInstanceId");
        assertBad(pilot.put(path, Map.of("target", "iteration")), "text");
        assertBad(pilot.put(path, Map.of("target", "iteration", "text", "y".repeat(4001))), "text");
        assertBad(pilot.put(path, Map.of("target", "iteration", "text", "bell\u0007")), "text");
        assertThat(pilot.put(path, Map.of("target", "iteration", "text", "x", "extra", 1)).status()).isEqualTo(400);
        assertThat(pilot.put(path, Map.of("target", "step", "stepInstanceId", UUID.randomUUID().toString(), "text", "x")).status())
                .isEqualTo(404);
        assertThat(pilot.put("/iterations/" + UUID.randomUUID() + "/review/notes", ok).status()).isEqualTo(404);

        assertThat(viewer.get("/iterations/" + UUID.randomUUID() + "/review").status()).isEqualTo(404);
        assertThat(viewer.get("/iterations/" + UUID.randomUUID() + "/review?format=html").status()).isEqualTo(404);
        assertBad(viewer.get("/iterations/nope/review"), "id");
        assertBad(viewer.get("/iterations/" + dr1 + "/review?format=xml"), "format");
        assertBad(viewer.get("/iterations/" + dr1 + "/review?format=csv&tz=Mars/Olympus"), "tz");
        assertBad(viewer.get("/iterations/" + dr1 + "/review?format=html&download=perhaps"), "download");
        assertBad(viewer.get("/iterations/" + dr1 + "/review?download=true"), "download");
    }

    private static void assertBad(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_input");
        assertThat(r.json().path("field").asText()).isEqualTo(field);
    }

    @Test
    void htmlAndCsvEscapeHostileTextAndDownloadUnderASafeName() {
        Fixtures f = Fixtures.in(host.database());
        UUID team = f.team("HOST");
        Fixtures.TestUser boss = f.user("reviewpilot", Role.PILOT, team);
        Fixtures.Plan plan = f.plan("Hostile review");
        plan.phase("Phase <b>1</b>");
        plan.chapter("=SUM(A1:A9) chapter");
        String title = "=HYPERLINK(\"http://evil.example\",\"x\") <img src=x onerror=alert(1)>";
        UUID first = plan.step("HOS-1", title, team);
        UUID second = plan.step("HOS-2", "Then this", team);
        plan.dependency(first, second);
        UUID iteration = plan.iteration("HOSTILE1");
        Api as = host.as(boss.username());
        UUID si = plan.stepInstance(iteration, first);
        move(as, iteration, si, "IN_PROGRESS");
        move(as, iteration, si, "DONE");
        String comment = "<script>alert('c')</script> & @SUM(1+1)";
        assertThat(as.post("/iterations/" + iteration + "/steps/" + si + "/comments", Map.of("body", comment)).status()).isEqualTo(201);
        assertThat(as.put("/iterations/" + iteration + "/review/notes",
                Map.of("target", "step", "stepInstanceId", si.toString(), "text", "-2+3 \"quoted\" <i>lesson</i>")).status()).isEqualTo(200);

        Api.Response html = as.get("/iterations/" + iteration + "/review?format=html&tz=Europe/Zurich");
        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.header("Content-Disposition")).startsWith("inline");
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains(Html.escape(title)).contains(Html.escape(comment))
                .contains(Html.escape("-2+3 \"quoted\" <i>lesson</i>")).contains("Phase &lt;b&gt;1&lt;/b&gt;")
                .doesNotContain("<img").doesNotContain("<script").doesNotContain("<i>").doesNotContain("<b>")
                .contains("times in Europe/Zurich");

        Api.Response csv = as.get("/iterations/" + iteration + "/review?format=csv&download=true&tz=UTC");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).matches("attachment; filename=\"cutplan-review-[A-Za-z0-9._-]+-HOSTILE1-\\d{8}\\.csv\"");
        String[] lines = csv.body().substring(1).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") <img src=x onerror=alert(1)>\"")
                .contains("\"'-2+3 \"\"quoted\"\" <i>lesson</i>\"").contains(",DONE,");
        assertThat(lines[2]).contains("HOS-2,Then this").contains(",READY,");
        Api.Response download = as.get("/iterations/" + iteration + "/review?format=html&download=true");
        assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=\"cutplan-review-").endsWith(".html\"");
    }

    private static void move(Api as, UUID iteration, UUID stepInstance, String to) {
        move(as, iteration, stepInstance, to, null, false);
    }

    private static void move(Api as, UUID iteration, UUID stepInstance, String to, String reason, boolean override) {
        int version = as.get("/iterations/" + iteration + "/steps/" + stepInstance).json().path("step").path("version").asInt();
        Map<String, Object> body = new HashMap<>(Map.of("to", to, "expectedVersion", version));
        if (reason != null) {
            body.put("reason", reason);
        }
        if (override) {
            body.put("override", true);
        }
        Api.Response r = as.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void whatTheEngineRecordedShowsInTheReview() {
        Fixtures f = Fixtures.in(host.database());
        UUID team = f.team("ENG");
        Fixtures.TestUser boss = f.user("enginepilot", Role.PILOT, team);
        Fixtures.Plan plan = f.plan("Engine review");
        plan.phase("Run");
        plan.chapter("Night");
        UUID load = plan.step("ENG-1", "Load the accounts", team);
        UUID spare = plan.step("ENG-2", "Optional warm-up", team);
        UUID waiting = plan.step("ENG-3", "Wait for the vendor", team);
        UUID gate = plan.step("IGO-1", "IT go / no-go", team, 15, true);
        UUID signoff = plan.task(gate, "Collect the sign-offs", team);
        UUID control = plan.control("CTL-ENG-1", "Balances reconciled", true);
        plan.link(signoff, control);
        plan.dependency(load, gate);
        UUID iteration = plan.iteration("ENGINE1");
        Api as = host.as(boss.username());
        UUID loadSi = plan.stepInstance(iteration, load);
        UUID spareSi = plan.stepInstance(iteration, spare);
        UUID waitingSi = plan.stepInstance(iteration, waiting);
        UUID gateSi = plan.stepInstance(iteration, gate);

        move(as, iteration, loadSi, "IN_PROGRESS");
        move(as, iteration, loadSi, "FAILED", "Rejects in the load report", false);
        move(as, iteration, loadSi, "IN_PROGRESS", "Retry after the fix", false);
        move(as, iteration, loadSi, "DONE");
        move(as, iteration, spareSi, "SKIPPED", "Not needed in a rehearsal", false);
        move(as, iteration, waitingSi, "ON_HOLD", "Waiting for the vendor's confirmation", false);
        move(as, iteration, waitingSi, "READY", "Vendor confirmed", false);
        assertThat(as.put("/iterations/" + iteration + "/controls/" + control,
                Map.of("status", "FAILED", "note", "Mismatch of 3 accounts")).status()).isEqualTo(200);
        move(as, iteration, gateSi, "IN_PROGRESS");
        move(as, iteration, gateSi, "DONE", "Business accepted the risk", true);

        JsonNode r = as.get("/iterations/" + iteration + "/review").json();
        assertThat(r.path("failures")).singleElement().satisfies(x -> {
            assertThat(x.path("step").path("code").asText()).isEqualTo("ENG-1");
            assertThat(x.path("retries").asInt()).isEqualTo(1);
            assertThat(x.path("wholeSpan").asBoolean()).isTrue();
            assertThat(x.path("failed").get(0).path("reason").asText()).isEqualTo("Rejects in the load report");
            assertThat(x.path("failed").get(0).path("actor").asText()).isEqualTo(boss.username());
        });
        assertThat(r.path("skipsAndCancels")).singleElement().satisfies(x -> {
            assertThat(x.path("step").path("code").asText()).isEqualTo("ENG-2");
            assertThat(x.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(x.path("reason").asText()).isEqualTo("Not needed in a rehearsal");
        });
        assertThat(r.path("holds")).singleElement().satisfies(x -> {
            assertThat(x.path("step").path("code").asText()).isEqualTo("ENG-3");
            assertThat(x.path("heldFrom").asText()).isEqualTo("READY");
            assertThat(x.path("reason").asText()).isEqualTo("Waiting for the vendor's confirmation");
            assertThat(x.path("ongoing").asBoolean()).isFalse();
            assertThat(at(x.path("releasedAt"))).isAfterOrEqualTo(at(x.path("heldAt")));
        });
        assertThat(r.path("overrides")).singleElement().satisfies(x -> {
            assertThat(x.path("step").path("code").asText()).isEqualTo("IGO-1");
            assertThat(x.path("reason").asText()).isEqualTo("Business accepted the risk");
            assertThat(x.path("actor").asText()).isEqualTo(boss.username());
            assertThat(x.path("openTasks").asInt()).isEqualTo(1);
            assertThat(x.path("unpassedControls").toString()).contains("CTL-ENG-1");
        });
        assertThat(r.path("failedControls")).singleElement().satisfies(x -> {
            assertThat(x.path("code").asText()).isEqualTo("CTL-ENG-1");
            assertThat(x.path("critical").asBoolean()).isTrue();
            assertThat(x.path("note").asText()).isEqualTo("Mismatch of 3 accounts");
            assertThat(x.path("step").path("code").asText()).isEqualTo("IGO-1");
        });
        assertThat(r.path("counts").path("failedSteps").asInt()).isEqualTo(1);
        assertThat(r.path("counts").path("overrides").asInt()).isEqualTo(1);
        assertThat(r.path("iteration").path("complete").asBoolean()).as("ENG-3 is still READY").isFalse();
        // The chain so far: the gate, which the load released.
        assertThat(r.path("delayChain").path("links").size()).isEqualTo(2);
        assertThat(r.path("delayChain").path("links").get(1).path("step").path("code").asText()).isEqualTo("IGO-1");
        assertThat(r.path("delayChain").path("links").get(0).path("wholeSpan").asBoolean()).isTrue();
    }
}
