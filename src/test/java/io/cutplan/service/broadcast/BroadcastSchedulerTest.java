package io.cutplan.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.service.AdjustableClock;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.runbook.BroadcastView;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The automatic hourly summary: two schedulers (two "nodes") on one database write each iteration's hour slot exactly
 * once, even racing; nothing without the setting (off by default) or for an iteration that is not IN_PROGRESS; the
 * summary states progress, the forecast end and what is FAILED or ON_HOLD. The schedulers read pinned clocks, so the
 * test moves through hours without waiting. Their slots are in 2031, away from the shared host's own scheduler.
 */
class BroadcastSchedulerTest {
    private static final Instant T0 = Instant.parse("2031-03-28T09:05:00Z");

    static Database db;
    static CutplanServices services;
    static Api pilot;
    static Fixtures fx;
    static UUID ops;
    static final AdjustableClock clockA = new AdjustableClock();
    static final AdjustableClock clockB = new AdjustableClock();
    static BroadcastScheduler nodeA;
    static BroadcastScheduler nodeB;

    @BeforeAll
    static void world() {
        TestHost host = TestHost.get();
        db = host.database();
        services = host.host().services();
        fx = Fixtures.in(db);
        ops = fx.team("OPS");
        pilot = host.as(fx.user("pilot", Role.PILOT).username());
        nodeA = new BroadcastScheduler(db, services.listeners(), services.runbookQueries(), clockA, ZoneOffset.UTC, "node-a");
        nodeB = new BroadcastScheduler(db, services.listeners(), services.runbookQueries(), clockB, ZoneOffset.UTC, "node-b");
        clockA.pin(T0);
        clockB.pin(T0);
    }

    /** Every iteration these tests switched the summary on for, switched off again after them. */
    static final List<UUID> created = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        // The shared host's own scheduler (system clock) must not write summaries for them while later tests run.
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iteration_broadcast_settings SET hourly_summary = false "
                + "WHERE iteration_id = ANY (?)", (Object) created.toArray(UUID[]::new)));
    }

    private record World(UUID iteration, Fixtures.Plan plan, UUID first, UUID second, UUID third) {
    }

    private static World running(String name, boolean hourly) {
        Fixtures.Plan plan = Fixtures.in(db).plan(name);
        UUID first = plan.step("SUM-1", "Rebuild the ledger indexes", ops);
        UUID second = plan.step("SUM-2", "Restart the batch", ops);
        UUID third = plan.step("SUM-3", "Reconcile the balances", ops);
        UUID it = plan.iteration("H1");
        created.add(it);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET status = 'IN_PROGRESS' WHERE id = ?", it));
        if (hourly) {
            setHourly(it, true);
        }
        return new World(it, plan, first, second, third);
    }

    private static void setHourly(UUID it, boolean on) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stakeholders", List.of());
        body.put("hourlySummary", on);
        assertThat(pilot.put("/iterations/" + it + "/broadcast-settings", body).status()).isEqualTo(200);
    }

    /** The summaries of one iteration written for the scheduler slots of 2031 (the shared host's own runs are in real time). */
    private static List<Map<String, String>> summaries(UUID it) {
        return db.transactor().readOnly(c -> Jdbc.list(c, "SELECT details->>'slot' AS slot, details->>'text' AS text, "
                        + "details->>'automatic' AS automatic, actor_name, details->>'nextUpdateAt' AS next "
                        + "FROM event_log WHERE iteration_id = ? AND event_type = 'BROADCAST_POSTED' AND details->>'slot' LIKE '2031-%' "
                        + "ORDER BY change_version",
                rs -> Map.of("slot", rs.getString("slot"), "text", rs.getString("text"), "automatic", rs.getString("automatic"),
                        "actor", rs.getString("actor_name"), "next", rs.getString("next")), it));
    }

    private static void move(World w, UUID step, String to, String reason) {
        UUID instance = w.plan().stepInstance(w.iteration(), step);
        JsonNode detail = pilot.get("/iterations/" + w.iteration() + "/steps/" + instance).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("expectedVersion", detail.path("step").path("version").asLong());
        if (reason != null) {
            body.put("reason", reason);
        }
        Api.Response r = pilot.post("/iterations/" + w.iteration() + "/steps/" + instance + "/transitions", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void twoNodesRacingWriteEachSlotExactlyOnce() throws Exception {
        World w = running("Race", true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int hour = 0; hour < 3; hour++) {
                Instant at = T0.plusSeconds(3600L * hour);
                clockA.pin(at);
                clockB.pin(at.plusSeconds(1200));   // a node whose clock is 20 min ahead, still in the same hour
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<BroadcastView>>> runs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    BroadcastScheduler s = i % 2 == 0 ? nodeA : nodeB;
                    runs.add(pool.submit(() -> {
                        go.await();
                        return s.runOnce();
                    }));
                }
                go.countDown();
                int mine = 0;
                for (Future<List<BroadcastView>> f : runs) {
                    mine += (int) f.get().stream().filter(b -> b.text().startsWith("Hourly summary")).count();
                }
                List<Map<String, String>> written = summaries(w.iteration());
                assertThat(written).hasSize(hour + 1);
                // Other iterations' summaries may be written by the same passes; of this one, exactly one per slot.
                assertThat(mine).isGreaterThanOrEqualTo(1);
                // Passes later in the same slot write nothing more.
                nodeA.runOnce();
                nodeB.runOnce();
                assertThat(summaries(w.iteration())).hasSize(hour + 1);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, String>> all = summaries(w.iteration());
        assertThat(all).extracting(m -> m.get("slot"))
                .containsExactly("2031-03-28T09:00:00Z", "2031-03-28T10:00:00Z", "2031-03-28T11:00:00Z");
        assertThat(all).allSatisfy(m -> {
            assertThat(m.get("automatic")).isEqualTo("true");
            assertThat(m.get("actor")).isEqualTo("system");
        });
        // The next update announced is the next slot.
        assertThat(all.get(0).get("next")).isEqualTo("2031-03-28T10:00:00Z");
        int slots = db.transactor().readOnly(c -> io.cutplan.store.BroadcastDao.slotCount(c, w.iteration()));
        assertThat(slots).isEqualTo(3);
    }

    @Test
    void offByDefaultAndOnlyForRunningIterations() {
        World noSetting = running("Default", false);
        World planned = running("Planned", true);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET status = 'PLANNED' WHERE id = ?", planned.iteration()));
        World completed = running("Completed", true);
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET status = 'COMPLETED' WHERE id = ?", completed.iteration()));
        World switchedOff = running("SwitchedOff", true);
        setHourly(switchedOff.iteration(), false);
        World control = running("Control", true);
        Instant at = Instant.parse("2031-05-01T14:10:00Z");
        clockA.pin(at);
        nodeA.runOnce();
        assertThat(summaries(noSetting.iteration())).isEmpty();
        assertThat(summaries(planned.iteration())).isEmpty();
        assertThat(summaries(completed.iteration())).isEmpty();
        assertThat(summaries(switchedOff.iteration())).isEmpty();
        assertThat(summaries(control.iteration())).hasSize(1);
        JsonNode settings = pilot.get("/iterations/" + noSetting.iteration() + "/broadcast-settings").json();
        assertThat(settings.get("hourlySummary").asBoolean()).isFalse();
    }

    @Test
    void theSummaryStatesProgressForecastAndWhatIsFailedOrOnHold() {
        World w = running("Content", true);
        move(w, w.first(), "IN_PROGRESS", null);
        move(w, w.first(), "FAILED", "ORA-01652");
        move(w, w.second(), "ON_HOLD", "Waiting for the bank");
        move(w, w.third(), "IN_PROGRESS", null);
        move(w, w.third(), "DONE", null);
        clockA.pin(Instant.parse("2031-06-01T08:59:59Z"));
        List<BroadcastView> written = nodeA.runOnce().stream().filter(b -> b.text().contains("SUM-")).toList();
        assertThat(written).hasSize(1);
        BroadcastView b = written.get(0);
        assertThat(b.automatic()).isTrue();
        assertThat(b.nextUpdateAt()).isEqualTo(Instant.parse("2031-06-01T09:00:00Z"));
        assertThat(b.text()).startsWith("Hourly summary: 1 of 3 steps finished (33%).")
                .contains("Failed (1): SUM-1 Rebuild the ledger indexes.")
                .contains("On hold (1): SUM-2 Restart the batch.");
        Map<String, Object> details = db.transactor().readOnly(c -> io.cutplan.store.BroadcastDao.latest(c, w.iteration()))
                .orElseThrow().details();
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) details.get("summary");
        assertThat(summary).containsEntry("finished", 1).containsEntry("total", 3)
                .containsEntry("failed", List.of("SUM-1")).containsEntry("onHold", List.of("SUM-2"));
        assertThat(summary).containsKey("forecastEnd");
        assertThat(b.text()).contains("Forecast end: " + io.cutplan.service.mail.MailTimes.in(ZoneOffset.UTC)
                .format(Instant.parse(summary.get("forecastEnd").toString())) + ".");
        // It is the iteration's latest broadcast on the dashboard, like a pilot's.
        JsonNode dash = pilot.get("/iterations/" + w.iteration() + "/dashboard").json();
        assertThat(dash.at("/latestBroadcast/automatic").asBoolean()).isTrue();
        assertThat(dash.at("/latestBroadcast/text").asText()).isEqualTo(b.text());
    }
}
