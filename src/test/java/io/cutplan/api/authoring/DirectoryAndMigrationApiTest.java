package io.cutplan.api.authoring;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teams, users, migrations and iteration administration over real HTTP. */
class DirectoryAndMigrationApiTest {
    private static Database db;
    private static Fixtures fx;
    private static Api admin;
    private static Api pilot;
    private static String suffix;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        fx = Fixtures.in(db);
        Fixtures.TestUser a = fx.user("diradmin", Role.ADMIN);
        suffix = a.username().substring("diradmin".length());
        admin = host.as(a.username());
        pilot = host.as(fx.user("dirpilot", Role.PILOT).username());
    }

    private static JsonNode refused(int status, Supplier<Api.Response> request) {
        String before = DbSnapshot.take(db);
        Api.Response r = request.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(DbSnapshot.take(db)).as("database unchanged after " + r).isEqualTo(before);
        return body;
    }

    @Test
    void teamsRoundTripAndATeamInUseStays() {
        Api.Response created = admin.post("/teams", Map.of("code", "NET" + suffix, "name", "Network", "email", "net@example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(pilot.get("/teams/" + id).json().path("name").asText()).isEqualTo("Network");
        Api.Response updated = admin.put("/teams/" + id, Map.of("code", "NET" + suffix, "name", "Networks"));
        assertThat(updated.json().path("name").asText()).isEqualTo("Networks");
        assertThat(updated.json().has("email")).isFalse();
        assertThat(pilot.get("/teams?limit=1000").json().path("items").findValuesAsText("code")).contains("NET" + suffix);

        assertThat(refused(409, () -> admin.post("/teams", Map.of("code", "NET" + suffix, "name", "Again"))).path("field").asText())
                .isEqualTo("code");
        assertThat(refused(400, () -> admin.post("/teams", Map.of("code", "X" + suffix, "name", "Bad", "email", "no-at-sign")))
                .path("field").asText()).isEqualTo("email");
        refused(403, () -> pilot.post("/teams", Map.of("code", "P" + suffix, "name", "Pilot's")));
        refused(403, () -> pilot.delete("/teams/" + id));

        Fixtures.Plan plan = Fixtures.in(db).plan("Uses a team");
        plan.step("TRT-1", "Owned", UUID.fromString(id));
        JsonNode inUse = refused(409, () -> admin.delete("/teams/" + id));
        assertThat(inUse.path("error").asText()).isEqualTo("in_use");
        assertThat(inUse.path("details").path("ownedSteps").asInt()).isEqualTo(1);

        String spare = admin.post("/teams", Map.of("code", "SPARE" + suffix, "name", "Spare")).json().path("id").asText();
        assertThat(admin.delete("/teams/" + spare).status()).isEqualTo(204);
        refused(404, () -> admin.get("/teams/" + spare));
    }

    @Test
    void usersRoundTripWithMemberships() {
        UUID ops = fx.team("UOPS");
        UUID dba = fx.team("UDBA");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "jdoe" + suffix);
        body.put("displayName", "Jane Doe");
        body.put("email", "jane@example.com");
        body.put("role", "NORMAL");
        body.put("teamIds", List.of(ops.toString()));
        Api.Response created = admin.post("/users", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("active").asBoolean()).isTrue();
        assertThat(created.json().path("teamIds").get(0).asText()).isEqualTo(ops.toString());

        assertThat(admin.put("/users/" + id + "/teams/" + dba, "").json().path("teamIds").size()).isEqualTo(2);
        assertThat(pilot.get("/users?teamId=" + dba).json().path("items").findValuesAsText("username")).containsExactly("jdoe" + suffix);
        assertThat(admin.delete("/users/" + id + "/teams/" + ops).json().path("teamIds").size()).isEqualTo(1);
        refused(404, () -> admin.delete("/users/" + id + "/teams/" + ops));

        body.put("role", "PILOT");
        body.put("active", false);
        body.remove("teamIds");
        Api.Response updated = admin.put("/users/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("role").asText()).isEqualTo("PILOT");
        assertThat(updated.json().path("active").asBoolean()).isFalse();
        assertThat(updated.json().path("teamIds").size()).as("teamIds left out keeps memberships").isEqualTo(1);

        body.put("role", "OVERLORD");
        assertThat(refused(400, () -> admin.put("/users/" + id, body)).path("field").asText()).isEqualTo("role");
        body.put("role", "NORMAL");
        body.put("username", "diradmin" + suffix);
        assertThat(refused(409, () -> admin.put("/users/" + id, body)).path("field").asText()).isEqualTo("username");
        refused(403, () -> pilot.post("/users", Map.of("username", "x" + suffix, "displayName", "X", "role", "ADMIN")));

        // A user nominated for a task keeps existing (deactivate instead); one nobody refers to can go.
        Fixtures.Plan plan = Fixtures.in(db).plan("Nominates");
        plan.task(plan.step("TRT-1", "s", ops), "t", ops, UUID.fromString(id));
        assertThat(refused(409, () -> admin.delete("/users/" + id)).path("details").path("nominatedTasks").asInt()).isEqualTo(1);
        String temp = admin.post("/users", Map.of("username", "temp" + suffix, "displayName", "Temp", "role", "NORMAL"))
                .json().path("id").asText();
        assertThat(admin.delete("/users/" + temp).status()).isEqualTo(204);
        refused(404, () -> admin.get("/users/" + temp));
    }

    @Test
    void migrationsAndIterationsAreAdministered() {
        UUID team = fx.team("MIG");
        Fixtures.Plan plan = Fixtures.in(db).plan("Iterated");
        UUID a = plan.step("PRE-1", "First", team);
        UUID b = plan.step("TRT-2", "Second", team);
        plan.step("CHK-3", "Left out", team);
        plan.dependency(a, b);

        Api.Response m = admin.post("/migrations", Map.of("code", "MIG" + suffix, "name", "Core move", "description", "2027"));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);
        String mid = m.json().path("id").asText();
        String base = "/migrations/" + mid;
        assertThat(admin.put(base, Map.of("code", "MIG" + suffix, "name", "Core banking move")).json().path("name").asText())
                .isEqualTo("Core banking move");
        assertThat(refused(409, () -> admin.post("/migrations", Map.of("code", "MIG" + suffix, "name", "x"))).path("field").asText())
                .isEqualTo("code");

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        Map<String, Object> it = new LinkedHashMap<>();
        it.put("planId", plan.id.toString());
        it.put("code", "RUN1");
        it.put("name", "First rehearsal");
        it.put("type", "RUN");
        it.put("plannedStart", start.toString());
        it.put("plannedEnd", start.plus(60, ChronoUnit.HOURS).toString());
        it.put("scope", List.of(a.toString(), b.toString()));
        refused(403, () -> pilot.post(base + "/iterations", it));
        Api.Response created = admin.post(base + "/iterations", it);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String iid = created.json().path("id").asText();
        assertThat(created.json().path("scopedSteps").asInt()).isEqualTo(2);
        assertThat(created.json().path("status").asText()).isEqualTo("PLANNED");
        long version = created.json().path("changeVersion").asLong();
        assertThat(plan.stepStatus(UUID.fromString(iid), a)).isEqualTo("READY");
        assertThat(plan.stepStatus(UUID.fromString(iid), b)).isEqualTo("PENDING");

        assertThat(refused(409, () -> admin.post(base + "/iterations", it)).path("field").asText()).isEqualTo("code");
        Map<String, Object> badScope = new LinkedHashMap<>(it);
        badScope.put("code", "RUN2");
        badScope.put("scope", List.of(UUID.randomUUID().toString()));
        assertThat(refused(400, () -> admin.post(base + "/iterations", badScope)).path("field").asText()).isEqualTo("scope");
        Map<String, Object> badWindow = new LinkedHashMap<>(it);
        badWindow.put("code", "RUN2");
        badWindow.put("plannedEnd", start.minusSeconds(60).toString());
        assertThat(refused(400, () -> admin.post(base + "/iterations", badWindow)).path("field").asText()).isEqualTo("plannedEnd");

        Map<String, Object> update = new LinkedHashMap<>();
        update.put("name", "Rehearsal one");
        update.put("plannedStart", start.toString());
        update.put("plannedEnd", start.plus(48, ChronoUnit.HOURS).toString());
        update.put("status", "IN_PROGRESS");
        Api.Response started = admin.put(base + "/iterations/" + iid, update);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(started.json().path("changeVersion").asLong()).as("pollers see the change").isEqualTo(version + 1);
        String changed = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT details->'changes'->'status'->>'to' FROM event_log "
                + "WHERE iteration_id = ? AND event_type = 'ITERATION_UPDATED'", rs -> rs.getString(1), UUID.fromString(iid))).orElseThrow();
        assertThat(changed).isEqualTo("IN_PROGRESS");

        update.put("status", "PLANNED");
        assertThat(refused(422, () -> admin.put(base + "/iterations/" + iid, update)).path("error").asText())
                .isEqualTo("invalid_transition");
        assertThat(refused(422, () -> admin.delete(base + "/iterations/" + iid)).path("error").asText())
                .isEqualTo("iteration_not_deletable");
        assertThat(refused(409, () -> admin.delete(base)).path("error").asText()).isEqualTo("in_use");
        refused(404, () -> admin.get("/migrations/" + UUID.randomUUID() + "/iterations/" + iid));

        assertThat(pilot.get(base + "/iterations").json().path("items").findValuesAsText("code")).containsExactly("RUN1");
        update.put("status", "CANCELLED");
        assertThat(admin.put(base + "/iterations/" + iid, update).json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(admin.delete(base + "/iterations/" + iid).status()).isEqualTo(204);
        refused(404, () -> admin.get(base + "/iterations/" + iid));
        assertThat(db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM step_instances WHERE iteration_id = ?",
                rs -> rs.getInt(1), UUID.fromString(iid))).orElseThrow()).isZero();
        assertThat(admin.delete(base).status()).isEqualTo(204);
    }
}
