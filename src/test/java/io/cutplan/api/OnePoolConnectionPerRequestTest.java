package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request resolves its caller and runs its use case on ONE pooled connection (api.Callers ->
 * CallerService.as -> Transactor.onOneConnection). Counted through Hikari's own metrics hook, which the pool calls
 * on every checkout; its own host, so no other test's traffic is counted. Before the shared connection, every
 * request below took two checkouts (the caller lookup, then the use case).
 */
class OnePoolConnectionPerRequestTest {
    private static StandaloneHost host;
    private static Fixtures fx;
    private static final AtomicInteger requestCheckouts = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of()), config);
        ((HikariDataSource) host.database().dataSource()).setMetricsTrackerFactory(new CountingTrackers());
        fx = Fixtures.in(host.database());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /**
     * Counts checkouts on HTTP threads only: the mail dispatcher polls the outbox, and the broadcast scheduler looks
     * for hourly summaries, on their own threads meanwhile.
     */
    private static final class CountingTrackers implements MetricsTrackerFactory {
        @Override
        public IMetricsTracker create(String poolName, PoolStats poolStats) {
            return new IMetricsTracker() {
                @Override
                public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                    String thread = Thread.currentThread().getName();
                    if (!thread.startsWith("cutplan-mail") && !thread.startsWith("cutplan-broadcast") && !thread.equals("main")) {
                        requestCheckouts.incrementAndGet();
                    }
                }
            };
        }
    }

    private static int checkoutsOf(Supplier<Api.Response> request, int expectedStatus) {
        requestCheckouts.set(0);
        Api.Response r = request.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(expectedStatus);
        return requestCheckouts.get();
    }

    @Test
    void readsAndWritesEachCheckOutOneConnection() {
        UUID ops = fx.team("OPS");
        Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT, ops);
        Fixtures.TestUser admin = fx.user("admin", Role.ADMIN);
        Fixtures.Plan plan = fx.plan("Checkouts");
        UUID step = plan.step("PRE-1", "Freeze changes", ops);
        UUID iteration = plan.iteration("RUN1");
        UUID stepInstance = plan.stepInstance(iteration, step);
        Api asPilot = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pilot.username(), Fixtures.PASSWORD);
        Api asAdmin = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", admin.username(), Fixtures.PASSWORD);
        // The login filter checks an unseen password once (its own checkout), then remembers it: warm both up.
        assertThat(asPilot.get("/iterations/" + iteration).status()).isEqualTo(200);
        assertThat(asAdmin.get("/plans").status()).isEqualTo(200);

        assertThat(checkoutsOf(() -> asPilot.get("/iterations/" + iteration + "/dashboard"), 200))
                .as("dashboard snapshot").isEqualTo(1);
        int version = host.database().transactor().readOnly(c -> Jdbc.one(c,
                "SELECT version FROM step_instances WHERE id = ?", rs -> rs.getInt(1), stepInstance)).orElseThrow();
        assertThat(checkoutsOf(() -> asPilot.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", version)), 200)).as("step transition (a write)").isEqualTo(1);
        assertThat(checkoutsOf(() -> asAdmin.get("/plans/" + plan.id), 200)).as("authoring read").isEqualTo(1);
        assertThat(checkoutsOf(() -> asAdmin.post("/teams", Map.of("code", "DBA", "name", "Databases")), 201))
                .as("authoring write").isEqualTo(1);
        assertThat(checkoutsOf(() -> asPilot.get("/iterations/" + iteration + "/notification-settings"), 200))
                .as("notification settings").isEqualTo(1);
        assertThat(checkoutsOf(() -> asPilot.get("/iterations/" + iteration + "/schedule"), 200))
                .as("schedule").isEqualTo(1);
        // A malformed id is refused before any database work.
        assertThat(checkoutsOf(() -> asPilot.get("/iterations/not-a-uuid/dashboard"), 400)).as("malformed id").isZero();
    }
}
