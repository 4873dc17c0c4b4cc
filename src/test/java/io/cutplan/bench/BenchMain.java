package io.cutplan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks and writes their report to {@code target/bench/}. Which ones: {@code -Dbench=dashboard}
 * (latency, floors and growth over 120, 1,200 and 10,000 steps, and the forecast), {@code sustained} (2,000
 * viewers polling deltas every 5 s and the forecast every 30 s, and 20 changes a second for two minutes on the 1,200-step runbook), {@code probability} (the finish probability's Monte Carlo, 10,000 runs over 1,200 steps), {@code forecast-engine} (the forecast engine in
 * process at 1,200 and 10,000 steps, no database), {@code review} (the iteration review of a 1,200-step iteration with
 * 30,000 events, {@code -Dbench.reviewEvents}), or {@code all}. Options:
 * {@code -Dbench.sizes=120,1200,10000,realistic}, {@code -Dbench.seconds=120}, {@code -Dbench.viewers=2000},
 * {@code -Dbench.changes=20}, {@code -Dbench.rampSeconds=30}, {@code -Dbench.pool=20} (connection pool size),
 * {@code -Dbench.sustainedRunbook=1200} (or {@code realistic}: its chains leave few steps to move at once).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? args[0] : System.getProperty("bench", "all"));
    }

    public static String run(String which) throws Exception {
        StringBuilder report = new StringBuilder();
        int pool = Integer.getInteger("bench.pool", 20);
        if (which.equals("forecast-engine")) {
            // Pure domain code: no database to start.
            report.append(machine(null, pool)).append(ForecastEngineBench.report());
        } else if (which.equals("probability")) {
            // The finish probability's Monte Carlo (issue 14): pure domain code too.
            report.append(machine(null, pool)).append(ProbabilityBench.report());
        } else {
            try (BenchWorld world = new BenchWorld(pool, 16)) {
                report.append(machine(world, pool));
                if (which.equals("all")) {
                    report.append(ForecastEngineBench.report());
                    report.append(ProbabilityBench.report());
                }
                if (which.equals("dashboard") || which.equals("all")) {
                    report.append(dashboard(world));
                }
                if (which.equals("sustained") || which.equals("all")) {
                    report.append(sustained(world));
                }
                if (which.equals("review") || which.equals("all")) {
                    report.append(ReviewBench.report(world));
                }
            }
        }
        Path out = Path.of("target", "bench", "bench-" + which + "-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Report written to " + out);
        return report.toString();
    }

    private static String dashboard(BenchWorld world) throws Exception {
        DashboardBench bench = new DashboardBench(world);
        List<String> sizes = List.of(System.getProperty("bench.sizes", "120,1200,10000,realistic").split(","));
        StringBuilder sb = new StringBuilder("\n## Dashboard latency and floors\n\n");
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (String sizeText : sizes) {
            String which = sizeText.trim();
            long t0 = System.nanoTime();
            Runbooks.Loaded rb = Runbooks.load(world, which, "_b" + (n++));
            notes.add(String.format(Locale.ROOT, "- %s: %d steps, %d tasks (%s), loaded in %.1f s", rb.name(), rb.steps(), rb.tasks(),
                    rb.source(), (System.nanoTime() - t0) / 1e9));
            bench.run(which.equals("realistic") ? rb.steps() + " realistic" : String.valueOf(rb.steps()), rb.iteration(), rb.viewer(), rb.pilot(), rb.viewerPassword(), rb.pilotPassword(),
                    rb.steps() >= 10_000 ? 40 : rb.steps() >= 1000 ? 200 : 400);
        }
        notes.forEach(x -> sb.append(x).append('\n'));
        sb.append('\n').append(DashboardBench.table(bench.rows()));
        sb.append("\n## Growth over generated runbooks (server p50 ms, SQL floors client p50; ratio to the smallest)\n\n")
                .append(growth(bench.rows()));
        return sb.toString();
    }

    private static String growth(List<DashboardBench.Row> rows) {
        List<String> sizes = rows.stream().map(DashboardBench.Row::size).filter(x -> !x.contains("realistic")).distinct().toList();
        StringBuilder sb = new StringBuilder("| series |");
        sizes.forEach(s -> sb.append(' ').append(s).append(" steps |"));
        sb.append("\n|---|").append("---|".repeat(sizes.size())).append('\n');
        for (String series : rows.stream().map(DashboardBench.Row::series).distinct().toList()) {
            sb.append("| ").append(series).append(" |");
            double first = Double.NaN;
            for (String size : sizes) {
                DashboardBench.Row r = rows.stream().filter(x -> x.size().equals(size) && x.series().equals(series)).findFirst().orElse(null);
                double v = r == null ? Double.NaN : Double.isNaN(r.serverP50()) ? r.clientP50() : r.serverP50();
                if (Double.isNaN(first)) {
                    first = v;
                }
                sb.append(Double.isNaN(v) ? " - |" : String.format(Locale.ROOT, " %s (x%.1f) |", Samples.ms(v), v / first));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String sustained(BenchWorld world) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 120);
        int viewers = Integer.getInteger("bench.viewers", 2000);
        int changes = Integer.getInteger("bench.changes", 20);
        int ramp = Integer.getInteger("bench.rampSeconds", 30);
        Runbooks.Loaded rb = Runbooks.load(world, System.getProperty("bench.sustainedRunbook", "1200"), "_s");
        SustainedLoad load = new SustainedLoad(world);
        load.run(rb.iteration(), rb.viewer(), rb.pilot(), rb.viewerPassword(), rb.pilotPassword(), viewers, 5, changes, seconds, ramp);
        return String.format(Locale.ROOT, "%n## Sustained load: %d viewers polling deltas every 5 s and the forecast every 30 s + %d status changes/s for %d s on %s (%d steps); "
                        + "viewers join (one snapshot each) evenly over the first %d s%n%n",
                viewers, changes, seconds, rb.name(), rb.steps(), ramp) + load.report();
    }

    private static String machine(BenchWorld world, int pool) throws Exception {
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String database = world == null ? "no database (in-process benchmark)"
                : "PostgreSQL " + world.postgresVersion() + " (embedded, fsync and synchronous_commit on); connection pool " + pool;
        return String.format(Locale.ROOT, "# Cutplan benchmark run %s%n%n- Machine: %d cores (%s), %s, load average at start %s%n"
                        + "- JDK: %s %s; %s%n"
                        + "- Server and load client share this JVM and the machine (which other jobs shared too).%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), cpu, mem, load, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), database);
    }
}
