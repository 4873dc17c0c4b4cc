package io.cutplan.service.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared per-version state never hides a change: neither a runbook change nor a canonical edit mid-run. */
class CachedDashboardTest {

    @Test
    void aRenamedStepShowsInTheNextSnapshotBecauseThePlanRevisionMoved() {
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
}
