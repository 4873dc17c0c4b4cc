package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.service.CutplanServices;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 loose end: the admin page allows a pool of one connection per node, so the plugin must start with one.
 * On an empty database (every migration runs) with pool size 1: the runtime reaches RUNNING, health is UP, and a
 * macro rendering and a write go through the single pooled connection. Before the fix, Flyway took its two
 * connections (its schema-history lock and the migration) from the pool and the start failed.
 */
class PoolOfOneTest {

    @Test
    void thePluginStartsMigratesAndServesWithAPoolOfOneConnection() throws Exception {
        DbConfig db = PostgresServer.get().createEmptyDatabase();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(new HostFakes.Settings());
        store.save(new PluginConfig(db.url(), db.user(), db.password(), 1, false, "Cutplan"));
        CutplanRuntime runtime = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        try {
            runtime.afterPropertiesSet();
            assertThat(runtime.status().state()).as(String.valueOf(runtime.status())).isEqualTo(RuntimeStatus.State.RUNNING);
            CutplanServices services = runtime.services().orElseThrow();
            assertThat(services.health().check().status()).isEqualTo("UP");
            Fixtures fx = Fixtures.in(services.database());
            Fixtures.Plan plan = fx.plan("One connection");
            plan.step("PRE-1", "Freeze", fx.team("OPS"));
            UUID iteration = plan.iteration("DR1");
            String pdf = new CutplanRunbookMacro(new HostFakes.PageBuilder(), runtime, new HostFakes.I18n(), new HostFakes.App(),
                    new ConfluenceCallerSource(new HostFakes.Users("one-pool-viewer", false), runtime))
                    .execute(Map.of("iteration", iteration.toString()), "", HostFakes.output("pdf"));
            assertThat(pdf).startsWith("<div class=\"cutplan-summary\"").contains("Progress: 0 of 1 steps done");
            // A restart (the admin page saving the settings) starts again with one connection.
            assertThat(runtime.restart().state()).isEqualTo(RuntimeStatus.State.RUNNING);
        } finally {
            runtime.destroy();
            PostgresServer.get().drop(db);
        }
    }
}
