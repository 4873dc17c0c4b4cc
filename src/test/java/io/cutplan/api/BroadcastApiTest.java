package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Broadcasts and their settings over real HTTP on the shared standalone host: validation, permissions, the event. */
class BroadcastApiTest {
    static Database db;
    static Api admin;
    static Api pilot;
    static Api normal;
    static Api stranger;
    static String pilotName;
    static Fixtures.Plan plan;
    static UUID step;

    @BeforeAll
    static void world() {
        TestHost host = TestHost.get();
        db = host.database();
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        admin = host.as(fx.user("admin", Role.ADMIN).username());
        Fixtures.TestUser p = fx.user("pilot", Role.PILOT);
        pilotName = p.username();
        pilot = host.as(p.username());
        normal = host.as(fx.user("normal", Role.NORMAL, team).username());
        stranger = host.as("nobody-" + UUID.randomUUID()).anonymous();
        plan = fx.plan("Broadcast");
        step = plan.step("TRT-1", "Stop the batch", team);
    }

    private static String settings(UUID it) {
        return "/iterations/" + it + "/broadcast-settings";
    }

    private static String broadcasts(UUID it) {
        return "/iterations/" + it + "/broadcasts";
    }

    private static Map<String, Object> settingsBody(List<String> stakeholders, Boolean hourly) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stakeholders", stakeholders);
        m.put("hourlySummary", hourly);
        return m;
    }

    private static Map<String, Object> post(String text, String next) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        if (next != null) {
            m.put("nextUpdateAt", next);
        }
        return m;
    }

    private static long broadcastEvents(UUID it) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM event_log WHERE iteration_id = ? "
                + "AND event_type = 'BROADCAST_POSTED'", rs -> rs.getLong(1), it)).orElseThrow();
    }

    private static String storedSettings(UUID it) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT array_to_string(stakeholders, ',') || '|' || hourly_summary "
                + "FROM iteration_broadcast_settings WHERE iteration_id = ?", rs -> rs.getString(1), it)).orElse("none");
    }

    @Test
    void settingsDefaultToNoStakeholdersAndNoSummaryAndOnlyPilotsSeeTheAddresses() {
        UUID it = plan.iteration("S1");
        JsonNode initial = pilot.get(settings(it)).json();
        assertThat(initial.get("stakeholders").size()).isZero();
        assertThat(initial.get("stakeholderCount").asInt()).isZero();
        assertThat(initial.get("hourlySummary").asBoolean()).isFalse();

        Api.Response put = pilot.put(settings(it), settingsBody(List.of("cio@bank.example", " ops@bank.example ", "CIO@bank.example"), true));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("stakeholders")).extracting(JsonNode::asText).containsExactly("cio@bank.example", "ops@bank.example");
        assertThat(put.json().get("hourlySummary").asBoolean()).isTrue();
        assertThat(storedSettings(it)).isEqualTo("cio@bank.example,ops@bank.example|true");

        JsonNode asAdmin = admin.get(settings(it)).json();
        assertThat(asAdmin.get("stakeholders").size()).isEqualTo(2);
        // Readers see how many, never who (the addresses are personal data).
        Api.Response asReader = normal.get(settings(it));
        assertThat(asReader.status()).isEqualTo(200);
        assertThat(asReader.json().get("stakeholderCount").asInt()).isEqualTo(2);
        assertThat(asReader.json().has("stakeholders")).isFalse();
        assertThat(asReader.body()).doesNotContain("cio@bank.example");
        assertThat(stranger.get(settings(it)).status()).isEqualTo(401);
        // The audit event names the count, not the addresses.
        Api.Response ev = pilot.get("/iterations/" + it + "/events?type=ITERATION_UPDATED");
        JsonNode events = ev.json().get("events");
        assertThat(events).as(ev.toString()).isNotNull();
        assertThat(events.toString()).contains("\"stakeholderCount\":2").doesNotContain("cio@bank.example");

        assertThat(normal.put(settings(it), settingsBody(List.of(), false)).status()).isEqualTo(403);
        assertThat(admin.put(settings(it), settingsBody(List.of(), false)).status()).isEqualTo(200);
        assertThat(storedSettings(it)).isEqualTo("|false");
    }

    @Test
    void aBadStakeholderIsRefusedByItsIndexAndNothingChanges() {
        UUID it = plan.iteration("S2");
        assertThat(pilot.put(settings(it), settingsBody(List.of("a@bank.example"), false)).status()).isEqualTo(200);
        for (String bad : new String[] {"not-an-address", "two@bank.example, three@bank.example", "x@bank.example\r\nBcc: v@evil.example",
                "", "   ", "<a@bank.example>"}) {
            List<String> list = new ArrayList<>(List.of("ok@bank.example", bad));
            Api.Response r = pilot.put(settings(it), settingsBody(list, true));
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("stakeholders[1]");
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            many.add("s" + i + "@bank.example");
        }
        Api.Response tooMany = pilot.put(settings(it), settingsBody(many, true));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("field").asText()).isEqualTo("stakeholders");
        assertThat(pilot.put(settings(it), settingsBody(many.subList(0, 200), false)).status()).isEqualTo(200);
        assertThat(pilot.put(settings(it), settingsBody(null, true)).json().get("field").asText()).isEqualTo("stakeholders");
        assertThat(pilot.put(settings(it), settingsBody(List.of(), null)).json().get("field").asText()).isEqualTo("hourlySummary");
        assertThat(storedSettings(it)).startsWith("s0@bank.example,").endsWith("|false");
    }

    @Test
    void onlyPilotsAndAdminsPostAndTheTextIsChecked() {
        UUID it = plan.iteration("P1");
        Api.Response asReader = normal.post(broadcasts(it), post("Hello", null));
        assertThat(asReader.status()).isEqualTo(403);
        assertThat(stranger.post(broadcasts(it), post("Hello", null)).status()).isEqualTo(401);
        assertThat(pilot.withoutXsrfHeader().post(broadcasts(it), post("Hello", null)).status()).isEqualTo(403);
        for (String bad : new String[] {"", " \u00A0\u200B ", "Evil \u202Egnp.exe", "x".repeat(2001)}) {
            Api.Response r = pilot.post(broadcasts(it), post(bad, null));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("text");
        }
        Map<String, Object> noText = new LinkedHashMap<>();
        noText.put("nextUpdateAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        assertThat(pilot.post(broadcasts(it), noText).json().get("field").asText()).isEqualTo("text");
        Api.Response malformed = pilot.post(broadcasts(it), post("Hello", "tomorrow at noon"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("nextUpdateAt");
        Api.Response past = pilot.post(broadcasts(it), post("Hello", Instant.now().minus(1, ChronoUnit.MINUTES).toString()));
        assertThat(past.status()).as(past.toString()).isEqualTo(422);
        assertThat(past.json().get("error").asText()).isEqualTo("next_update_in_past");
        assertThat(past.json().get("field").asText()).isEqualTo("nextUpdateAt");
        Api.Response far = pilot.post(broadcasts(it), post("Hello", Instant.now().plus(40, ChronoUnit.DAYS).toString()));
        assertThat(far.status()).isEqualTo(422);
        assertThat(broadcastEvents(it)).isZero();
        // Exactly the limit is fine, with its invisible ends stripped.
        assertThat(pilot.post(broadcasts(it), post("\u200B" + "y".repeat(2000) + " ", null)).status()).isEqualTo(201);
        assertThat(broadcastEvents(it)).isEqualTo(1);
    }

    @Test
    void aBroadcastIsAnEventListedNewestFirstAndInTheDashboard() {
        UUID it = plan.iteration("B1");
        JsonNode before = pilot.get("/iterations/" + it + "/dashboard").json();
        assertThat(before.has("latestBroadcast")).isFalse();
        long v0 = before.get("version").asLong();

        Instant next = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response first = pilot.post(broadcasts(it), post("Database migration started; next update at 02:00.", next.toString()));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode b1 = first.json();
        assertThat(b1.get("text").asText()).isEqualTo("Database migration started; next update at 02:00.");
        assertThat(b1.get("postedBy").asText()).isEqualTo(pilotName);
        assertThat(Instant.parse(b1.get("nextUpdateAt").asText())).isEqualTo(next);
        assertThat(b1.get("automatic").asBoolean()).isFalse();
        assertThat(b1.get("postedAt").asText()).isNotEmpty();

        // The event log carries it with text, nextUpdateAt and automatic=false.
        JsonNode events = normal.get("/iterations/" + it + "/events?type=BROADCAST_POSTED").json().get("events");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).at("/details/text").asText()).isEqualTo("Database migration started; next update at 02:00.");
        assertThat(Instant.parse(events.get(0).at("/details/nextUpdateAt").asText())).isEqualTo(next);
        assertThat(events.get(0).at("/details/automatic").asBoolean()).isFalse();
        assertThat(events.get(0).get("actorName").asText()).isEqualTo(pilotName);

        // The delta since the page's version carries the new broadcast; the snapshot has it as the latest.
        JsonNode delta = normal.get("/iterations/" + it + "/dashboard?since=" + v0).json();
        assertThat(delta.get("kind").asText()).isEqualTo("delta");
        assertThat(delta.at("/latestBroadcast/text").asText()).isEqualTo("Database migration started; next update at 02:00.");
        assertThat(delta.at("/latestBroadcast/postedBy").asText()).isEqualTo(pilotName);

        Api.Response second = admin.post(broadcasts(it), post("All good, no next update planned.", null));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().has("nextUpdateAt")).isFalse();
        Api.Response snap = normal.get("/iterations/" + it + "/dashboard");
        assertThat(snap.status()).as(snap.toString()).isEqualTo(200);
        JsonNode snapshot = snap.json();
        assertThat(snapshot.at("/latestBroadcast/text").asText()).isEqualTo("All good, no next update planned.");
        assertThat(snapshot.at("/latestBroadcast/automatic").asBoolean()).isFalse();
        // An unrelated change later: the delta leaves the client's broadcast as it is.
        long v2 = snapshot.get("version").asLong();
        assertThat(pilot.post("/iterations/" + it + "/steps/" + plan.stepInstance(it, step) + "/comments",
                Map.of("body", "Looking good")).status()).isEqualTo(201);
        JsonNode after = normal.get("/iterations/" + it + "/dashboard?since=" + v2).json();
        assertThat(after.get("kind").asText()).isEqualTo("delta");
        assertThat(after.get("version").asLong()).isGreaterThan(v2);
        assertThat(after.has("latestBroadcast")).isFalse();
        // The ETag moves with the broadcast's version.
        Api.Response tagged = normal.get("/iterations/" + it + "/dashboard");
        String etag = tagged.header("ETag");
        assertThat(normal.get("/iterations/" + it + "/dashboard", "If-None-Match", etag).status()).isEqualTo(304);
        pilot.post(broadcasts(it), post("Third", null));
        Api.Response moved = normal.get("/iterations/" + it + "/dashboard", "If-None-Match", etag);
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().at("/latestBroadcast/text").asText()).isEqualTo("Third");

        JsonNode list = normal.get(broadcasts(it)).json();
        assertThat(list.get("broadcasts")).extracting(n -> n.get("text").asText())
                .containsExactly("Third", "All good, no next update planned.", "Database migration started; next update at 02:00.");
        assertThat(list.get("hasMore").asBoolean()).isFalse();
        JsonNode page1 = normal.get(broadcasts(it) + "?limit=2").json();
        assertThat(page1.get("broadcasts").size()).isEqualTo(2);
        assertThat(page1.get("hasMore").asBoolean()).isTrue();
        JsonNode page2 = normal.get(broadcasts(it) + "?limit=2&beforeVersion=" + page1.get("nextBeforeVersion").asLong()).json();
        assertThat(page2.get("broadcasts")).extracting(n -> n.get("text").asText())
                .containsExactly("Database migration started; next update at 02:00.");
        assertThat(normal.get(broadcasts(it) + "?limit=0").status()).isEqualTo(400);
        assertThat(normal.get(broadcasts(it) + "?limit=x").json().get("field").asText()).isEqualTo("limit");
        assertThat(normal.get(broadcasts(UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(pilot.post(broadcasts(UUID.randomUUID()), post("x", null)).status()).isEqualTo(404);
    }
}
