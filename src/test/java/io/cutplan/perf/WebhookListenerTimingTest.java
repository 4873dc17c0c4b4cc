package io.cutplan.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.EventType;
import io.cutplan.domain.Role;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.webhook.WebhookListener;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the webhook listener adds to a transition's transaction (docs/performance.md): the same STEP_STATUS_CHANGED
 * → FAILED event recorded with no listener, and with the webhook listener and three subscribed webhooks (three rows
 * rendered and written). Prints p50/p90; asserts only that the rows were written (no timed assertion).
 */
@ExtendWith(TestDatabase.class)
class WebhookListenerTimingTest {
    private static final int WARMUP = 100;
    private static final int RUNS = 400;

    @Test
    void measureTheListenersCost(Database db) {
        Fixtures fx = Fixtures.in(db);
        UUID ops = fx.team("OPS");
        Fixtures.TestUser a = fx.user("admin", Role.ADMIN);
        Caller admin = new Caller(a.id(), a.username(), "Admin", Role.ADMIN, Set.of());
        Fixtures.Plan plan = fx.plan("Timing");
        UUID step = plan.step("TRT-1", "Step", ops);
        UUID it = plan.iteration("T1");
        UUID si = plan.stepInstance(it, step);
        for (int i = 0; i < 3; i++) {
            int n = i;
            db.transactor().inTransaction(c -> Jdbc.update(c, "INSERT INTO webhooks (id, iteration_id, name, url, event_kinds, format, "
                    + "secret, enabled) VALUES (?, ?, ?, ?, ?::text[], ?, ?, false)", Ids.newId(), it, "h" + n,
                    "https://hooks.example.com/" + n, new String[] {"STEP_FAILED"}, n == 0 ? "GENERIC" : n == 1 ? "SLACK" : "TEAMS",
                    "0123456789abcdef0123"));
        }
        // Disabled while the baseline runs (no rows, but the same query), then enabled.
        double[] none = time(db, admin, it, si, List.of());
        double[] idle = time(db, admin, it, si, List.of(new WebhookListener()));
        db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE webhooks SET enabled = true WHERE iteration_id = ?", it));
        double[] three = time(db, admin, it, si, List.of(new WebhookListener()));
        long rows = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM webhook_deliveries WHERE iteration_id = ?",
                rs -> rs.getLong(1), it)).orElseThrow();
        assertThat(rows).isEqualTo(3L * (WARMUP + RUNS));
        System.out.printf("webhook listener timing (ms, p50/p90): no listener %.2f/%.2f; listener, no enabled webhook %.2f/%.2f; "
                        + "listener, 3 webhooks %.2f/%.2f; added p50 %.2f%n", none[0], none[1], idle[0], idle[1], three[0], three[1],
                three[0] - none[0]);
    }

    private static double[] time(Database db, Caller admin, UUID it, UUID si, List<EventListener> listeners) {
        double[] ms = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            db.transactor().inTransaction(c -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("stepCode", "TRT-1");
                d.put("from", "IN_PROGRESS");
                d.put("to", "FAILED");
                d.put("reason", "ORA-01652");
                return IterationChange.begin(c, it, admin, listeners).event(EventType.STEP_STATUS_CHANGED).step(si).details(d).record();
            });
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[RUNS * 9 / 10]};
    }
}
