package io.cutplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Latency of the dashboard reads for one iteration, next to their floors, measured one request at a time (so
 * latency, not queueing): the full snapshot, an idle poll answered 304 by ETag, an idle delta, a small delta
 * (right after one status change, polled as the page does: since its version, with its ETag), the forecast (200
 * and 304), the same data read by plain SQL from PostgreSQL, and a trivial JAX-RS endpoint on the same server.
 */
public final class DashboardBench {
    /** The snapshot's data in one plain query: what the dashboard shows per step, no aggregation in Java. */
    static final String SNAPSHOT_SQL = """
            SELECT si.id, si.step_id, s.code, s.title, s.step_type, s.chapter_id, ch.macro_phase_id, t.id AS team_id,
                   t.code AS team_code, t.name AS team_name, si.status, si.held_from, s.planned_duration_minutes,
                   s.go_no_go, si.ready_at, si.started_at, si.finished_at, si.version, si.changed_in_version,
                   si.gate_overridden, pr.ids AS predecessors, tc.done, tc.total
              FROM step_instances si JOIN steps s ON s.id = si.step_id JOIN chapters ch ON ch.id = s.chapter_id
              LEFT JOIN teams t ON t.id = s.owner_team_id
              LEFT JOIN (SELECT d.successor_step_id, array_agg(p.id) AS ids FROM step_dependencies d
                           JOIN step_instances p ON p.step_id = d.predecessor_step_id AND p.iteration_id = ?
                          GROUP BY d.successor_step_id) pr ON pr.successor_step_id = si.step_id
              LEFT JOIN (SELECT step_instance_id, count(*) FILTER (WHERE status = 'DONE') AS done, count(*) AS total
                           FROM task_instances WHERE iteration_id = ? GROUP BY step_instance_id) tc ON tc.step_instance_id = si.id
             WHERE si.iteration_id = ?""";
    static final String IDLE_SQL = "SELECT change_version FROM iterations WHERE id = ?";

    public record Row(String size, String series, int n, double clientP50, double clientP99, double serverP50,
                      double serverP99, double serverCpu, double jvmCpu, double pgCpu, double bytes, int errors) {
    }

    private final BenchWorld world;
    private final List<Row> rows = new ArrayList<>();

    public DashboardBench(BenchWorld world) {
        this.world = world;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Measures every series on one generated (or demo) runbook. */
    public void run(String size, UUID iteration, String viewer, String pilot, String viewerPassword, String pilotPassword, int snapshots)
            throws Exception {
        String viewerAuth = BenchClient.basic(viewer, viewerPassword);
        String pilotAuth = BenchClient.basic(pilot, pilotPassword);
        String dash = "/iterations/" + iteration + "/dashboard";
        BenchClient c = world.client;

        // Warm up the JIT, the pool and PostgreSQL's caches on every path measured below.
        for (int i = 0; i < Math.max(20, snapshots / 2); i++) {
            c.get(viewerAuth, dash, null);
        }
        for (int i = 0; i < 500; i++) {
            c.get(viewerAuth, "/bench/floor", null);
        }
        BenchClient.Result snap = c.get(viewerAuth, dash, null);
        JsonNode snapJson = BenchWorld.json(snap);
        long version = snapJson.path("version").asLong();
        String etag = snap.etag();
        for (int i = 0; i < 500; i++) {
            c.get(viewerAuth, dash, null, "If-None-Match", etag);
            c.get(viewerAuth, dash + "?since=" + version, null);
        }
        sqlSnapshot(iteration, Math.max(20, snapshots / 2), "warm");
        Steps steps = new Steps();
        steps.load(snapJson);

        measure(size, "floor: trivial JAX-RS GET", "floor", 2000, l -> c.get(viewerAuth, "/bench/floor", l));
        measureSql(size, "floor: SQL, iteration version", 2000, iteration, IDLE_SQL, null);
        // The ETag moves when a late flag flips with the clock: like the page, keep the newest one.
        String[] dashTag = {etag};
        measure(size, "idle poll: 304 (If-None-Match)", "idle304", 2000, l -> {
            BenchClient.Result r = c.get(viewerAuth, dash, l, "If-None-Match", dashTag[0]);
            if (r.status() == 200 && r.etag() != null) {
                dashTag[0] = r.etag();
            }
            return r;
        });
        final long v = version;
        measure(size, "idle poll: empty delta (?since=current)", "idleDelta", 2000, l -> c.get(viewerAuth, dash + "?since=" + v, l));
        measureSql(size, "floor: SQL, full snapshot rows", snapshots, iteration, SNAPSHOT_SQL, null);
        measure(size, "snapshot (full dashboard)", "snapshot", snapshots, l -> c.get(viewerAuth, dash, l));
        String forecast = "/iterations/" + iteration + "/forecast";
        for (int i = 0; i < Math.max(20, snapshots / 2); i++) {
            c.get(viewerAuth, forecast, null);
        }
        // The forecast's ETag moves every 30 s with the clock: like the page, keep the newest one.
        String[] forecastTag = {c.get(viewerAuth, forecast, null).etag()};
        measure(size, "forecast: GET /forecast (plan, shared, <= 30 s old)", "forecast", snapshots, l -> c.get(viewerAuth, forecast, l));
        measure(size, "forecast: 304 (If-None-Match)", "forecast304", 2000, l -> {
            BenchClient.Result r = c.get(viewerAuth, forecast, l, "If-None-Match", forecastTag[0]);
            if (r.status() == 200 && r.etag() != null) {
                forecastTag[0] = r.etag();
            }
            return r;
        });
        smallDeltas(size, iteration, viewerAuth, pilotAuth, steps, 200);
    }

    /** Each round: one status change (not measured), then the delta since the version before it (measured). */
    private void smallDeltas(String size, UUID iteration, String viewerAuth, String pilotAuth, Steps steps, int n) throws Exception {
        BenchClient c = world.client;
        String dash = "/iterations/" + iteration + "/dashboard";
        Samples client = new Samples();
        Samples bytes = new Samples();
        Samples sqlClient = new Samples();
        String label = label("smallDelta", size);
        world.timer.reset(label);
        int errors = 0;
        BenchClient.Result start = c.get(viewerAuth, dash + "?since=0", null);
        long version = BenchWorld.json(start).path("version").asLong();
        String etag = start.etag();
        long cpuJvm = 0;
        long cpuPg = 0;
        try (Connection conn = world.server.database().dataSource().getConnection()) {
            conn.setAutoCommit(true);
            for (int i = 0; i < n; i++) {
                Steps.Move m = steps.next();
                if (m == null) {
                    break;
                }
                BenchClient.Result w = c.post(pilotAuth, "/iterations/" + iteration + "/steps/" + m.step() + "/transitions", null, Steps.body(m));
                if (w.status() != 200) {
                    errors++;
                    steps.release(m.step());
                    continue;
                }
                steps.applyChange(BenchWorld.json(w));
                CpuMeter.Reading before = world.cpu.read();
                // As the page polls: since its version, with its ETag (late flags flipped since then are added).
                BenchClient.Result r = c.get(viewerAuth, dash + "?since=" + version, label, "If-None-Match", etag);
                CpuMeter.Reading used = world.cpu.read().minus(before);
                cpuJvm += used.jvmNanos();
                cpuPg += used.postgresNanos();
                if (r.status() != 200) {
                    errors++;
                } else {
                    client.add(r.nanos());
                    bytes.add(r.bytes());
                    // The floor of this delta: the changed steps' rows by plain SQL.
                    long t0 = System.nanoTime();
                    readAll(conn, SNAPSHOT_SQL + " AND si.changed_in_version > ?", iteration, version);
                    sqlClient.add(System.nanoTime() - t0);
                }
                version = BenchWorld.version(r);
                etag = r.etag();
            }
        }
        ServerTimer.Series s = world.timer.series(label);
        int count = Math.max(1, client.count());
        rows.add(new Row(size, "small delta (after 1 status change)", client.count(), client.percentile(50), client.percentile(99),
                s.wall().percentile(50), s.wall().percentile(99), s.cpu().mean(), cpuJvm / (double) count, cpuPg / (double) count,
                bytes.mean(), errors));
        rows.add(new Row(size, "floor: SQL, changed steps' rows", sqlClient.count(), sqlClient.percentile(50), sqlClient.percentile(99),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0));
    }

    private static String label(String series, String size) {
        return series + "-" + size;
    }

    private void measure(String size, String series, String key, int n, Function<String, BenchClient.Result> request) {
        Samples client = new Samples();
        Samples bytes = new Samples();
        String label = label(key, size);
        world.timer.reset(label);
        int errors = 0;
        CpuMeter.Reading before = world.cpu.read();
        for (int i = 0; i < n; i++) {
            BenchClient.Result r = request.apply(label);
            if (r.status() != 200 && r.status() != 304) {
                errors++;
                continue;
            }
            client.add(r.nanos());
            bytes.add(r.bytes());
        }
        CpuMeter.Reading used = world.cpu.read().minus(before);
        ServerTimer.Series s = world.timer.series(label);
        rows.add(new Row(size, series, client.count(), client.percentile(50), client.percentile(99), s.wall().percentile(50),
                s.wall().percentile(99), s.cpu().mean(), used.jvmNanos() / (double) n, used.postgresNanos() / (double) n,
                bytes.mean(), errors));
    }

    private void measureSql(String size, String series, int n, UUID iteration, String sql, Long since) throws Exception {
        Samples client = new Samples();
        CpuMeter.Reading before = world.cpu.read();
        try (Connection conn = world.server.database().dataSource().getConnection()) {
            conn.setAutoCommit(true);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                readAll(conn, sql, iteration, since);
                client.add(System.nanoTime() - t0);
            }
        }
        CpuMeter.Reading used = world.cpu.read().minus(before);
        rows.add(new Row(size, series, n, client.percentile(50), client.percentile(99), Double.NaN, Double.NaN, Double.NaN,
                used.jvmNanos() / (double) n, used.postgresNanos() / (double) n, Double.NaN, 0));
    }

    private void sqlSnapshot(UUID iteration, int n, String unused) throws Exception {
        try (Connection conn = world.server.database().dataSource().getConnection()) {
            conn.setAutoCommit(true);
            for (int i = 0; i < n; i++) {
                readAll(conn, SNAPSHOT_SQL, iteration, null);
                readAll(conn, IDLE_SQL, iteration, null);
            }
        }
    }

    /** Runs the query and reads every column of every row as the driver decodes it. */
    static int readAll(Connection conn, String sql, UUID iteration, Long since) throws Exception {
        int marks = (int) sql.chars().filter(ch -> ch == '?').count();
        Object[] params = new Object[marks];
        for (int i = 0; i < marks; i++) {
            params[i] = iteration;
        }
        if (since != null) {
            params[marks - 1] = since;
        }
        try (PreparedStatement ps = Jdbc.prepare(conn, sql, params); ResultSet rs = ps.executeQuery()) {
            int cols = rs.getMetaData().getColumnCount();
            int rows = 0;
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
            return rows;
        }
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| steps | series | n | client p50 ms | client p99 ms | server p50 ms | server p99 ms | server-thread CPU ms/req "
                + "| JVM CPU ms/req (incl. client) | PostgreSQL CPU ms/req | bytes/resp | errors |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", r.size(), r.series(), r.n(),
                    Samples.ms(r.clientP50()), Samples.ms(r.clientP99()), nan(r.serverP50()), nan(r.serverP99()), nan(r.serverCpu()),
                    nan(r.jvmCpu()), nan(r.pgCpu()), Double.isNaN(r.bytes()) ? "-" : String.format(Locale.ROOT, "%.0f", r.bytes()), r.errors()));
        }
        return sb.toString();
    }

    private static String nan(double nanos) {
        return Double.isNaN(nanos) ? "-" : Samples.ms(nanos);
    }
}
