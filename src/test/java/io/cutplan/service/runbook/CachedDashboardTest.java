package io.cutplan.service.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared per-version state never hides a change: neither a runbook change nor a refresh from the plan. */
class CachedDashboardTest {

    @Test
    void aRenamedStepShowsInTheNextSnapshotOnceTheIterationIsRefreshed() {
        TestHost host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        UUID team = fx.team("CACHE");
        Fixtures.Plan plan = fx.plan("Cached");
        UUID step = plan.step("TRT-1", "Old title", team);
        UUID iteration = plan.iteration("C1");
        Api viewer = host.as(fx.user("viewer", Role.NORMAL).username());
        String path = "/iterations/" + iteration + "/dashboard";

        assertThat(viewer.get(path).json().path("steps").get(0).path("title").asText()).isEqualTo("Old title");
        // What an administrator's edit does: the canonical row changes and the plan's revision rises.
        host.database().transactor().inTransaction(c -> {
            Jdbc.update(c, "UPDATE steps SET title = 'New title' WHERE id = ?", step);
            return Jdbc.update(c, "UPDATE plans SET revision = revision + 1 WHERE id = ?", plan.id);
        });
        // The iteration runs its own copy of the plan: the edit reaches it only through a refresh.
        assertThat(viewer.get(path).json().path("steps").get(0).path("title").asText()).isEqualTo("Old title");
        Api pilot = host.as(fx.user("pilot", Role.PILOT).username());
        assertThat(pilot.post("/iterations/" + iteration + "/refresh", java.util.Map.of("planRevision", 1)).status())
                .isEqualTo(200);
        assertThat(viewer.get(path).json().path("steps").get(0).path("title").asText()).isEqualTo("New title");
    }

    @Test
    void differentCallersShareTheStateButGetTheirOwnActions() {
        TestHost host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        UUID team = fx.team("OWN");
        Fixtures.Plan plan = fx.plan("Actions");
        plan.step("TRT-1", "Ready step", team);
        UUID iteration = plan.iteration("A1");
        String path = "/iterations/" + iteration + "/dashboard";

        var forMember = host.as(fx.user("member", Role.NORMAL, team).username()).get(path).json().path("steps").get(0);
        var forViewer = host.as(fx.user("viewer", Role.NORMAL).username()).get(path).json().path("steps").get(0);
        assertThat(forMember.path("version").asLong()).isEqualTo(forViewer.path("version").asLong());
        assertThat(forMember.path("allowedTransitions").toString()).contains("IN_PROGRESS");
        assertThat(forViewer.path("allowedTransitions").size()).isZero();
    }

    @Test
    void theAdvancedStateEqualsAStateBuiltFromScratch() throws Exception {
        TestHost host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        UUID team = fx.team("ADV");
        Fixtures.Plan plan = fx.plan("Advance");
        UUID a = plan.step("PRE-1", "First", team);
        UUID b = plan.step("TRT-2", "Second", team);
        plan.chapter("Chapter 2");
        UUID c = plan.step("CHK-3", "Third", team);
        plan.dependency(a, b);
        plan.dependency(b, c);
        UUID task = plan.task(b, "Tick me", team);
        UUID iteration = plan.iteration("ADV1");
        Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT, team);
        Api api = host.as(pilot.username());
        // One instant for both forecasts, so their late flags and header figures compare exactly.
        io.cutplan.service.AdjustableClock clock = host.host().services().clock();
        clock.pin(java.time.Instant.now());
        try {
        String path = "/iterations/" + iteration + "/dashboard";
        api.get(path); // the cache now holds the first version

        move(api, iteration, plan.stepInstance(iteration, a), "IN_PROGRESS");
        api.get(path);
        move(api, iteration, plan.stepInstance(iteration, a), "DONE"); // b becomes READY automatically
        UUID taskInstance = plan.taskInstance(iteration, task);
        assertThat(api.post("/iterations/" + iteration + "/tasks/" + taskInstance + "/completion",
                java.util.Map.of("done", true, "expectedVersion", 1)).status()).isEqualTo(200);
        assertThat(api.post("/iterations/" + iteration + "/steps/" + plan.stepInstance(iteration, b) + "/comments",
                java.util.Map.of("body", "On it")).status()).isEqualTo(201);

        var advanced = (com.fasterxml.jackson.databind.node.ObjectNode) api.get(path).json();
        var caller = host.host().services().callers().resolve(java.util.Optional.of(pilot.username()));
        var fresh = (com.fasterxml.jackson.databind.node.ObjectNode) io.cutplan.api.JsonMapper.get().valueToTree(
                new RunbookQueries(host.database(), clock).dashboard(caller, iteration, null));
        advanced.remove("serverTime");
        fresh.remove("serverTime");
        assertThat(differences("", advanced, fresh)).isEmpty();
        assertThat(advanced.path("counts").path("DONE").asInt()).isEqualTo(1);
        assertThat(advanced.path("counts").path("READY").asInt()).isEqualTo(1);
        } finally {
            clock.release();
        }
    }

    private static void move(Api api, UUID iteration, UUID stepInstance, String to) {
        long version = api.get("/iterations/" + iteration + "/steps/" + stepInstance).json().path("step").path("version").asLong();
        assertThat(api.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions",
                java.util.Map.of("to", to, "expectedVersion", version)).status()).isEqualTo(200);
    }

    /** Paths at which two JSON trees differ, for a readable failure. */
    private static java.util.List<String> differences(String at, com.fasterxml.jackson.databind.JsonNode a,
                                                      com.fasterxml.jackson.databind.JsonNode b) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                out.addAll(differences(at + "." + n, a.path(n), b.path(n)));
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                out.addAll(differences(at + "[" + i + "]", a.get(i), b.get(i)));
            }
        } else if (a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) != 0 : !a.equals(b)) {
            out.add(at + ": cached " + a + " vs fresh " + b);
        }
        return out;
    }
}
