package io.cutplan.bench;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.host.standalone.PasswordHasher;
import io.cutplan.store.Jdbc;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code -Dbench=review} (issue 14): the review of the realistic demo's DR1 (1,200 steps, finished) after its event
 * log has been topped up to {@code -Dbench.reviewEvents=30000} events, in server time (target: under 100 ms). The
 * added events are the mix a night writes (status moves, task ticks, control results, comments) plus hold/release
 * pairs, which the review must read and pair; the rest it must skip. Reported beside the dashboard snapshot of the
 * same iteration, as a ratio.
 */
final class ReviewBench {
    private ReviewBench() {
    }

    static String report(BenchWorld world) {
        var db = world.server.database();
        DemoSummary demo = DemoRunbooks.load(db, "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        UUID dr1 = demo.iteration("DR1");
        int target = Integer.getInteger("bench.reviewEvents", 30_000);
        int runs = Integer.getInteger("bench.reviewRuns", 60);
        long before = count(world, dr1);
        long add = Math.max(0, target - before);
        db.transactor().inTransaction(c -> Jdbc.update(c, """
                WITH s AS (SELECT si.id, s.code, row_number() OVER (ORDER BY si.id) - 1 AS n, count(*) OVER () AS total,
                                  coalesce(si.started_at, i.planned_start) AS at0
                             FROM step_instances si JOIN steps s ON s.id = si.step_id JOIN iterations i ON i.id = si.iteration_id
                            WHERE si.iteration_id = ?),
                     g AS (SELECT k FROM generate_series(0, ? - 1) AS k)
                INSERT INTO event_log (id, occurred_at, event_type, actor_name, iteration_id, step_instance_id, change_version, details)
                SELECT gen_random_uuid(), s.at0 + make_interval(secs => k % 3600),
                       CASE WHEN k % 20 < 10 THEN 'STEP_STATUS_CHANGED' WHEN k % 20 < 15 THEN 'TASK_COMPLETED'
                            WHEN k % 20 < 17 THEN 'CONTROL_STATUS_CHANGED' WHEN k % 20 < 18 THEN 'COMMENT_ADDED'
                            ELSE 'STEP_STATUS_CHANGED' END,
                       'bench', ?, s.id, (SELECT change_version FROM iterations WHERE id = ?) + 1 + k,
                       CASE WHEN k % 20 < 10 THEN jsonb_build_object('stepCode', s.code, 'from', 'READY', 'to', 'IN_PROGRESS')
                            WHEN k % 20 < 15 THEN jsonb_build_object('stepCode', s.code, 'taskTitle', 'Tick ' || k)
                            WHEN k % 20 < 17 THEN jsonb_build_object('controlCode', 'BENCH', 'from', 'PENDING', 'to', 'PASSED')
                            WHEN k % 20 < 18 THEN jsonb_build_object('stepCode', s.code, 'excerpt', 'Noted')
                            WHEN k % 20 = 18 THEN jsonb_build_object('stepCode', s.code, 'from', 'READY', 'to', 'ON_HOLD', 'reason', 'Bench hold')
                            ELSE jsonb_build_object('stepCode', s.code, 'from', 'ON_HOLD', 'to', 'READY') END
                  FROM g JOIN s ON s.n = (k / 2) % s.total""", dr1, add, dr1, dr1));
        db.transactor().inTransaction(c -> Jdbc.update(c, "ANALYZE event_log"));
        long events = count(world, dr1);
        String auth = BenchClient.basic("viewer", "viewer");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%n## Review (issue 14): realistic demo DR1, %d steps, %d events in its log (%d added)%n%n"
                        + "| request | n | client p50 ms | server p50 ms | server p99 ms | server CPU mean ms | bytes |%n|---|---|---|---|---|---|---|%n",
                steps(world, dr1), events, add));
        double review = measure(world, sb, "review JSON", "/iterations/" + dr1 + "/review", auth, runs);
        measure(world, sb, "review HTML", "/iterations/" + dr1 + "/review?format=html&tz=Europe/Zurich", auth, runs / 2);
        measure(world, sb, "review CSV", "/iterations/" + dr1 + "/review?format=csv&tz=Europe/Zurich", auth, runs / 2);
        double snapshot = measure(world, sb, "dashboard snapshot (reference)", "/iterations/" + dr1 + "/dashboard", auth, runs / 2);
        sb.append(String.format(Locale.ROOT, "%nReview JSON server p50 / dashboard snapshot server p50: x%.2f. Target: review under 100 ms server time.%n",
                review / snapshot));
        return sb.toString();
    }

    private static double measure(BenchWorld world, StringBuilder sb, String name, String path, String auth, int n) {
        String label = "review-" + name;
        for (int i = 0; i < 5; i++) {
            world.client.get(auth, path, null);
        }
        world.timer.reset(label);
        Samples client = new Samples();
        Samples bytes = new Samples();
        for (int i = 0; i < n; i++) {
            BenchClient.Result r = world.client.get(auth, path, label);
            if (r.status() != 200) {
                throw new IllegalStateException(name + ": " + r.status() + " " + r.text());
            }
            client.add(r.nanos());
            bytes.add(r.bytes());
        }
        ServerTimer.Series s = world.timer.series(label);
        sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.0f |%n", name, n, Samples.ms(client.percentile(50)),
                Samples.ms(s.wall().percentile(50)), Samples.ms(s.wall().percentile(99)), Samples.ms(s.cpu().mean()), bytes.mean()));
        return s.wall().percentile(50);
    }

    private static long count(BenchWorld world, UUID iteration) {
        return world.server.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM event_log WHERE iteration_id = ?",
                rs -> rs.getLong(1), iteration)).orElseThrow();
    }

    private static int steps(BenchWorld world, UUID iteration) {
        return world.server.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM step_instances WHERE iteration_id = ?",
                rs -> rs.getInt(1), iteration)).orElseThrow();
    }
}
