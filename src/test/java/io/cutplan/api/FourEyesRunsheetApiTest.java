package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The runsheet's mark of a waiting four-eyes override (issue 17, Deliver 2 follow-up): the dashboard's step record
 * carries {@code pendingOverrideBy} while a request waits for a second pilot, in the snapshot and in the delta, and
 * loses it once the request is confirmed or rejected (each of these raises the step's version, so the delta sends it).
 */
class FourEyesRunsheetApiTest {

    private static RunbookScenario blockedGateWithFourEyes() {
        RunbookScenario s = new RunbookScenario();
        Api admin = s.as(s.admin);
        JsonNode plan = admin.get("/plans/" + s.plan.id).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", plan.path("code").asText());
        body.put("name", plan.path("name").asText());
        body.put("fourEyesOverride", true);
        Api.Response r = admin.put("/plans/" + s.plan.id, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "IN_PROGRESS").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.a, "DONE").status()).isEqualTo(200);
        assertThat(s.move(s.opsUser, s.b, "IN_PROGRESS").status()).isEqualTo(200);
        return s;
    }

    private static JsonNode stepIn(JsonNode dashboard, UUID stepInstanceId) {
        for (JsonNode st : dashboard.path("steps")) {
            if (st.path("id").asText().equals(stepInstanceId.toString())) {
                return st;
            }
        }
        return null;
    }

    private static JsonNode get(RunbookScenario s, String query) {
        Api.Response r = s.as(s.pilot2).get(s.base() + "/dashboard" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void request(RunbookScenario s) {
        Api.Response req = s.move(s.pilot, s.b, "DONE", "Reconciled by hand", true);
        assertThat(req.status()).as(req.toString()).isEqualTo(202);
    }

    @Test
    void aRequestMarksTheStepInSnapshotAndDeltaAndAConfirmationClearsIt() {
        RunbookScenario s = blockedGateWithFourEyes();
        JsonNode before = get(s, "");
        long v0 = before.path("version").asLong();
        for (JsonNode st : before.path("steps")) {
            assertThat(st.has("pendingOverrideBy")).as(st.toString()).isFalse();
        }

        request(s);
        String name = s.as(s.pilot).get(s.base() + "/steps/" + s.si(s.b)).json()
                .path("pendingOverride").path("requestedBy").path("name").asText();
        assertThat(name).isNotEmpty();
        JsonNode delta = get(s, "?since=" + v0);
        assertThat(delta.path("kind").asText()).isEqualTo("delta");
        JsonNode inDelta = stepIn(delta, s.si(s.b));
        assertThat(inDelta).as("the requested step is in the delta").isNotNull();
        assertThat(inDelta.path("pendingOverrideBy").asText()).isEqualTo(name);
        assertThat(inDelta.path("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode snapshot = get(s, "");
        assertThat(stepIn(snapshot, s.si(s.b)).path("pendingOverrideBy").asText()).isEqualTo(name);
        // only that step is marked
        for (JsonNode st : snapshot.path("steps")) {
            if (!st.path("id").asText().equals(s.si(s.b).toString())) {
                assertThat(st.has("pendingOverrideBy")).as(st.toString()).isFalse();
            }
        }
        long v1 = snapshot.path("version").asLong();

        Api.Response ok = s.as(s.pilot2).post(s.base() + "/steps/" + s.si(s.b) + "/override-confirmation", Map.of());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode after = get(s, "?since=" + v1);
        assertThat(after.path("kind").asText()).isEqualTo("delta");
        JsonNode confirmed = stepIn(after, s.si(s.b));
        assertThat(confirmed).isNotNull();
        assertThat(confirmed.path("status").asText()).isEqualTo("DONE");
        assertThat(confirmed.has("pendingOverrideBy")).as(confirmed.toString()).isFalse();
        assertThat(stepIn(get(s, ""), s.si(s.b)).has("pendingOverrideBy")).isFalse();
    }

    @Test
    void aRejectionClearsTheMarkInDeltaAndSnapshot() {
        RunbookScenario s = blockedGateWithFourEyes();
        request(s);
        JsonNode snapshot = get(s, "");
        assertThat(stepIn(snapshot, s.si(s.b)).path("pendingOverrideBy").asText()).isNotEmpty();
        long v1 = snapshot.path("version").asLong();

        Api.Response no = s.as(s.pilot2).post(s.base() + "/steps/" + s.si(s.b) + "/override-rejection",
                Map.of("reason", "CTL-1 must pass first"));
        assertThat(no.status()).as(no.toString()).isEqualTo(200);
        JsonNode delta = get(s, "?since=" + v1);
        assertThat(delta.path("kind").asText()).isEqualTo("delta");
        JsonNode rejected = stepIn(delta, s.si(s.b));
        assertThat(rejected).as("the rejected request's step is in the delta").isNotNull();
        assertThat(rejected.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(rejected.has("pendingOverrideBy")).as(rejected.toString()).isFalse();
        assertThat(stepIn(get(s, ""), s.si(s.b)).has("pendingOverrideBy")).isFalse();

        // a new request marks it again (the delta after the rejection)
        long v2 = delta.path("version").asLong();
        request(s);
        assertThat(stepIn(get(s, "?since=" + v2), s.si(s.b)).path("pendingOverrideBy").asText()).isNotEmpty();
    }
}
