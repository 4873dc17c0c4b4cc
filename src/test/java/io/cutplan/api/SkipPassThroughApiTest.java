package io.cutplan.api;

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
import org.junit.jupiter.api.Test;

/**
 * Issue 17, "a skip passes through, it does not jump ahead", over real HTTP: a skipped step releases its successors
 * only once the steps feeding it are finished, through chains of skips and joins; reopen and restore send READY
 * steps back by the same rule; the step panel says what a step waits for ({@code waitingFor}).
 */
class SkipPassThroughApiTest {
    private final TestHost host = TestHost.get();
    private final Database db = host.database();
    private final Fixtures fx = Fixtures.in(db);
    private final UUID ops = fx.team("OPS");
    private final Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
    private final Fixtures.TestUser opsUser = fx.user("opsuser", Role.NORMAL, ops);
    private final Fixtures.Plan plan = fx.plan("Skips");

    private UUID iteration;

    private Api.Response move(Fixtures.TestUser u, UUID step, String to, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("expectedVersion", db.transactor().readOnly(c -> Jdbc.one(c,
                "SELECT version FROM step_instances WHERE iteration_id = ? AND step_id = ?", rs -> rs.getInt(1), iteration, step))
                .orElseThrow());
        if (reason != null) {
            body.put("reason", reason);
        }
        Api.Response r = host.as(u.username()).post("/iterations/" + iteration + "/steps/" + plan.stepInstance(iteration, step)
                + "/transitions", body);
        assertThat(r.status()).as("%s -> %s: %s", step, to, r).isEqualTo(200);
        return r;
    }

    private Api.Response finish(UUID step) {
        move(opsUser, step, "IN_PROGRESS", null);
        return move(opsUser, step, "DONE", null);
    }

    private Api.Response skip(UUID step) {
        return move(pilot, step, "SKIPPED", "Not needed this time");
    }

    private String status(UUID step) {
        return plan.stepStatus(iteration, step);
    }

    private JsonNode detail(UUID step) {
        return host.as(opsUser.username()).get("/iterations/" + iteration + "/steps/" + plan.stepInstance(iteration, step)).json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The automatic status changes a change answered with: "CODE:FROM>TO". */
    private static List<String> automatic(Api.Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().path("events")) {
            JsonNode d = e.path("details");
            if (e.path("type").asText().equals("STEP_STATUS_CHANGED") && d.path("automatic").asBoolean()) {
                out.add(d.path("stepCode").asText() + ":" + d.path("from").asText() + ">" + d.path("to").asText());
            }
        }
        return out;
    }

    @Test
    void aSkippedJoinReleasesTheGateOnlyWhenEveryStepFeedingItIsDone() {
        // A, B -> S (consolidation, skipped) -> G (gate) <- C
        UUID a = plan.step("TRT-1", "Extract", ops);
        UUID b = plan.step("TRT-2", "Transform", ops);
        UUID c = plan.step("TRT-3", "Load", ops);
        UUID s = plan.step("CHK-4", "Consolidate", ops);
        UUID g = plan.step("IGO-5", "IT go/no-go", ops, 15, true);
        plan.dependency(a, s);
        plan.dependency(b, s);
        plan.dependency(s, g);
        plan.dependency(c, g);
        iteration = plan.iteration("SKIP1");
        finish(c);
        assertThat(status(g)).isEqualTo("PENDING");
        JsonNode before = detail(g);
        assertThat(texts(before.path("waitingFor"))).containsExactly("CHK-4");
        assertThat(before.path("waitingForCount").asInt()).isEqualTo(1);

        Api.Response skipped = skip(s);
        assertThat(automatic(skipped)).as("the skip releases nothing while A and B are open").isEmpty();
        assertThat(status(g)).isEqualTo("PENDING");
        assertThat(texts(detail(g).path("waitingFor"))).containsExactly("TRT-1", "TRT-2");
        assertThat(detail(g).path("waitingForCount").asInt()).isEqualTo(2);
        assertThat(texts(detail(s).path("waitingFor"))).as("what the skip's release waits for").containsExactly("TRT-1", "TRT-2");

        assertThat(automatic(finish(a))).isEmpty();
        assertThat(status(g)).isEqualTo("PENDING");
        assertThat(texts(detail(g).path("waitingFor"))).containsExactly("TRT-2");

        Api.Response last = finish(b);
        assertThat(automatic(last)).as("released in the same change as the last feeding step").containsExactly("IGO-5:PENDING>READY");
        assertThat(status(g)).isEqualTo("READY");
        assertThat(status(s)).isEqualTo("SKIPPED");
        assertThat(texts(detail(g).path("waitingFor"))).isEmpty();
        assertThat(detail(g).path("waitingForCount").asInt()).isZero();
        assertThat(texts(detail(s).path("waitingFor"))).isEmpty();
    }

    @Test
    void aChainOfSkipsPassesTheReleaseThroughAndAReopenTakesItBack() {
        // A -> S1 -> S2 -> S3 -> T
        UUID a = plan.step("PRE-1", "Freeze", ops);
        UUID s1 = plan.step("TRT-2", "One", ops);
        UUID s2 = plan.step("TRT-3", "Two", ops);
        UUID s3 = plan.step("TRT-4", "Three", ops);
        UUID t = plan.step("CHK-5", "Check", ops);
        plan.dependency(a, s1);
        plan.dependency(s1, s2);
        plan.dependency(s2, s3);
        plan.dependency(s3, t);
        iteration = plan.iteration("SKIP2");
        skip(s1);
        skip(s2);
        Api.Response third = skip(s3);
        assertThat(automatic(third)).isEmpty();
        assertThat(status(t)).isEqualTo("PENDING");
        assertThat(texts(detail(t).path("waitingFor"))).containsExactly("PRE-1");

        Api.Response done = finish(a);
        assertThat(automatic(done)).containsExactly("CHK-5:PENDING>READY");
        assertThat(status(t)).isEqualTo("READY");

        // Reopening A takes the release back through the three skips, and finishing it again gives it back.
        Api.Response reopen = move(pilot, a, "IN_PROGRESS", "Freeze incomplete");
        assertThat(automatic(reopen)).containsExactly("CHK-5:READY>PENDING");
        assertThat(status(t)).isEqualTo("PENDING");
        assertThat(automatic(move(opsUser, a, "DONE", null))).containsExactly("CHK-5:PENDING>READY");

        // T held from READY goes back too when a skip in the chain is restored; the restored step is READY itself.
        move(opsUser, t, "ON_HOLD", null);
        Api.Response restore = move(pilot, s2, "PENDING", "Needed after all");
        assertThat(automatic(restore)).containsExactly("CHK-5:ON_HOLD>PENDING", "TRT-3:PENDING>READY");
        assertThat(status(s2)).isEqualTo("READY");
        assertThat(texts(detail(t).path("waitingFor"))).containsExactly("TRT-3");
        Api.Response s2Done = finish(s2);
        assertThat(automatic(s2Done)).containsExactly("CHK-5:PENDING>READY");
    }

    @Test
    void aStartedSuccessorIsLeftAloneAndACancelledStepHoldsUntilAPilotSkipsPastIt() {
        // A -> X (cancelled) -> J <- B ; J -> K
        UUID a = plan.step("PRE-1", "Prepare", ops);
        UUID x = plan.step("TRT-2", "Optional copy", ops);
        UUID b = plan.step("TRT-3", "Copy", ops);
        UUID j = plan.step("GON-4", "Go", ops, 15, true);
        UUID k = plan.step("CHK-5", "Check", ops);
        plan.dependency(a, x);
        plan.dependency(x, j);
        plan.dependency(b, j);
        plan.dependency(j, k);
        iteration = plan.iteration("SKIP3");
        move(pilot, x, "CANCELLED", "Out of scope tonight");
        finish(b);
        finish(a);
        assertThat(status(j)).as("a cancelled predecessor does not release").isEqualTo("PENDING");
        assertThat(texts(detail(j).path("waitingFor"))).containsExactly("TRT-2");
        // The pilot skips the join: the cancelled step's feed (A) is done, so the skip passes the release to K.
        Api.Response skipJ = skip(j);
        assertThat(automatic(skipJ)).containsExactly("CHK-5:PENDING>READY");
        move(opsUser, k, "IN_PROGRESS", null);
        // Reopening A puts work back behind the cancelled step and the skip; K has started and stays.
        Api.Response reopen = move(pilot, a, "IN_PROGRESS", "Redo");
        assertThat(automatic(reopen)).isEmpty();
        assertThat(status(k)).isEqualTo("IN_PROGRESS");
        assertThat(texts(detail(j).path("waitingFor"))).as("the skipped join now waits for A again").containsExactly("PRE-1");
    }
}
