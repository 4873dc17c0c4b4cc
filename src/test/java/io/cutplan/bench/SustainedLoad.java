package io.cutplan.bench;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cutover night in miniature: {@code viewers} dashboards, each loading a snapshot when it joins (joins
 * spread evenly over the first {@code rampSeconds}) and then polling for a delta every {@code pollSeconds} (with its
 * ETag, as the page does) and for the forecast every {@value #FORECAST_SECONDS} s, while pilots
 * make {@code changesPerSecond} status changes (READY to IN_PROGRESS to DONE along the chains), for
 * {@code seconds}. Latency is taken both from the moment a request was sent (service time) and from the
 * moment it was due (so a saturated client or server cannot hide its queue: no coordinated omission).
 */
public final class SustainedLoad {
    /** {@code steady}: the service times of requests sent once every viewer had joined (no snapshot storm). */
    public record Series(String name, Samples service, Samples fromDue, Samples bytes, AtomicInteger errors, Samples steady) {
        Series(String name) {
            this(name, new Samples(), new Samples(), new Samples(), new AtomicInteger(), new Samples());
        }
    }

    private final BenchWorld world;
    final Series snapshots = new Series("viewer joins: snapshot");
    final Series polls = new Series("viewer polls: delta ?since");
    final Series writes = new Series("status changes: POST transitions");
    final Series forecasts = new Series("viewer forecast polls: GET /forecast (If-None-Match)");
    /** How often each viewer asks for the forecast (the page's slower cadence). */
    static final int FORECAST_SECONDS = 30;
    final AtomicInteger conflicts = new AtomicInteger();
    final AtomicInteger nothingToMove = new AtomicInteger();
    final AtomicLong lastError = new AtomicLong();
    volatile String lastErrorText = "";
    private CpuMeter.Reading used;
    private int seconds;

    public SustainedLoad(BenchWorld world) {
        this.world = world;
    }

    public void run(UUID iteration, String viewer, String pilot, String viewerPassword, String pilotPassword, int viewers,
                    int pollSeconds, int changesPerSecond, int seconds, int rampSeconds) throws Exception {
        this.seconds = seconds;
        String viewerAuth = BenchClient.basic(viewer, viewerPassword);
        String pilotAuth = BenchClient.basic(pilot, pilotPassword);
        String dash = "/iterations/" + iteration + "/dashboard";
        BenchClient c = world.client;
        Steps steps = new Steps();
        steps.load(BenchWorld.json(c.get(viewerAuth, dash, null)));
        // Warm-up, not measured: the JIT and the pool on the three request kinds.
        for (int i = 0; i < 30; i++) {
            c.get(viewerAuth, dash, null);
            c.get(viewerAuth, dash + "?since=0", null);
            c.get(viewerAuth, "/iterations/" + iteration + "/forecast", null);
        }

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(96, r -> {
            Thread t = new Thread(r, "load-worker");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long steadyFrom = start + TimeUnit.SECONDS.toNanos(Math.max(pollSeconds, rampSeconds) + pollSeconds);
        CpuMeter.Reading before = world.cpu.read();
        long intervalNanos = TimeUnit.SECONDS.toNanos(pollSeconds);
        String forecastPath = "/iterations/" + iteration + "/forecast";
        long forecastInterval = TimeUnit.SECONDS.toNanos(FORECAST_SECONDS);
        for (int v = 0; v < viewers; v++) {
            long joinAt = start + TimeUnit.SECONDS.toNanos(Math.max(pollSeconds, rampSeconds)) * v / viewers;
            long[] version = {-1};
            String[] etag = {null};
            String[] forecastTag = {null};
            Runnable[] forecastPoll = new Runnable[1];
            long[] forecastDue = {joinAt};
            forecastPoll[0] = () -> workers.execute(() -> {
                long dueAt = forecastDue[0];
                if (dueAt >= end) {
                    return;
                }
                BenchClient.Result r = forecastTag[0] == null ? c.get(viewerAuth, forecastPath, "sustained-forecast")
                        : c.get(viewerAuth, forecastPath, "sustained-forecast", "If-None-Match", forecastTag[0]);
                if (r.status() == 200 || r.status() == 304) {
                    forecasts.service().add(r.nanos());
                    forecasts.fromDue().add(System.nanoTime() - dueAt);
                    forecasts.bytes().add(r.bytes());
                    if (dueAt >= steadyFrom) {
                        forecasts.steady().add(r.nanos());
                    }
                    if (r.etag() != null) {
                        forecastTag[0] = r.etag();
                    }
                } else {
                    error(forecasts, r);
                }
                forecastDue[0] = dueAt + forecastInterval;
                clock.schedule(forecastPoll[0], Math.max(0, forecastDue[0] - System.nanoTime()), TimeUnit.NANOSECONDS);
            });
            clock.schedule(forecastPoll[0], Math.max(0, joinAt - System.nanoTime()), TimeUnit.NANOSECONDS);
            Runnable[] poll = new Runnable[1];
            long[] due = {joinAt};
            poll[0] = () -> workers.execute(() -> {
                long dueAt = due[0];
                if (dueAt >= end) {
                    return;
                }
                boolean join = version[0] < 0;
                Series s = join ? snapshots : polls;
                // As the page polls: since its version, with its ETag (304 when nothing changed, late flips added).
                BenchClient.Result r = join ? c.get(viewerAuth, dash, "sustained-snapshot")
                        : c.get(viewerAuth, dash + "?since=" + version[0], "sustained-poll", "If-None-Match", etag[0]);
                long now = System.nanoTime();
                if (r.status() == 200 || (!join && r.status() == 304)) {
                    s.service().add(r.nanos());
                    s.fromDue().add(now - dueAt);
                    s.bytes().add(r.bytes());
                    if (dueAt >= steadyFrom) {
                        s.steady().add(r.nanos());
                    }
                    if (r.status() == 200) {
                        version[0] = BenchWorld.version(r);
                        etag[0] = r.etag();
                    }
                } else {
                    error(s, r);
                }
                due[0] = dueAt + intervalNanos;
                clock.schedule(poll[0], Math.max(0, due[0] - System.nanoTime()), TimeUnit.NANOSECONDS);
            });
            clock.schedule(poll[0], Math.max(0, joinAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        long writeInterval = TimeUnit.SECONDS.toNanos(1) / changesPerSecond;
        AtomicLong nextWrite = new AtomicLong(start);
        clock.scheduleAtFixedRate(() -> {
            long dueAt = nextWrite.getAndAdd(writeInterval);
            if (dueAt >= end) {
                return;
            }
            workers.execute(() -> {
                Steps.Move m = steps.next();
                if (m == null) {
                    nothingToMove.incrementAndGet();
                    return;
                }
                BenchClient.Result r = c.post(pilotAuth, "/iterations/" + iteration + "/steps/" + m.step() + "/transitions",
                        "sustained-write", Steps.body(m));
                if (r.status() == 200) {
                    writes.service().add(r.nanos());
                    writes.fromDue().add(System.nanoTime() - dueAt);
                    writes.bytes().add(r.bytes());
                    if (dueAt >= steadyFrom) {
                        writes.steady().add(r.nanos());
                    }
                    steps.applyChange(BenchWorld.json(r));
                } else {
                    if (r.status() == 409) {
                        conflicts.incrementAndGet();
                    }
                    error(writes, r);
                    steps.release(m.step());
                }
            });
        }, 0, writeInterval, TimeUnit.NANOSECONDS);

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
        clock.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        used = world.cpu.read().minus(before);
    }

    private void error(Series s, BenchClient.Result r) {
        s.errors().incrementAndGet();
        lastError.set(r.status());
        lastErrorText = r.status() + " " + (r.text().length() > 200 ? r.text().substring(0, 200) : r.text());
    }

    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("| requests | n | service p50 ms | service p99 ms | from-due p99 ms | max ms | server p50 ms | server p99 ms | bytes/resp | errors "
                + "| after every viewer joined: n, service p50 / p99 ms |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Series s : new Series[] {snapshots, polls, forecasts, writes}) {
            String label = s == snapshots ? "sustained-snapshot" : s == polls ? "sustained-poll"
                    : s == forecasts ? "sustained-forecast" : "sustained-write";
            ServerTimer.Series srv = world.timer.series(label);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %.0f | %d | %s |%n", s.name(), s.service().count(),
                    Samples.ms(s.service().percentile(50)), Samples.ms(s.service().percentile(99)), Samples.ms(s.fromDue().percentile(99)),
                    Samples.ms(s.service().max()), Samples.ms(srv.wall().percentile(50)), Samples.ms(srv.wall().percentile(99)),
                    s.bytes().mean(), s.errors().get(), s.steady().count() == 0 ? "-"
                            : s.steady().count() + ", " + Samples.ms(s.steady().percentile(50)) + " / " + Samples.ms(s.steady().percentile(99))));
        }
        double wall = used.wallNanos() / 1e9;
        sb.append(String.format(Locale.ROOT, "%nRun: %d s; JVM (server + load client) CPU %.2f cores on average; PostgreSQL CPU %.2f cores; "
                        + "409 conflicts %d; write slots with nothing to move %d; last error: %s%n",
                seconds, used.jvmNanos() / 1e9 / wall, used.postgresNanos() / 1e9 / wall, conflicts.get(), nothingToMove.get(),
                lastErrorText.isEmpty() ? "none" : lastErrorText));
        return sb.toString();
    }

    public int totalErrors() {
        return snapshots.errors().get() + polls.errors().get() + forecasts.errors().get() + writes.errors().get();
    }
}
