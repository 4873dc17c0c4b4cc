package io.cutplan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutplan.domain.PlanCsv;
import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.GeneratedImportCsv;
import io.cutplan.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The import target of issue #13: 3,000 task rows (1,200 steps) imported in under 2 s of server time. Runs with
 * {@code ./mvnw -B -Pbench test -Dbench=import} (or {@code all}); reports the median server time of several imports
 * over HTTP, the in-process parse-and-check floor ({@link PlanCsv#read}) and their ratio, in {@code target/bench/}.
 */
@Tag("bench")
class ImportBench {
    @Test
    void importOfThreeThousandRows() throws Exception {
        String which = System.getProperty("bench", "");
        assumeTrue(which.equals("all") || which.contains("import"), "runs with -Dbench=import or all");
        TestHost host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        String ops = code(host, fx.team("BOPS"));
        String dba = code(host, fx.team("BDBA"));
        Api admin = host.as(fx.user("bench-importer", Role.ADMIN).username());
        String csv = GeneratedImportCsv.threeThousandRows(ops, dba);
        int runs = Integer.getInteger("bench.importRuns", 7);
        List<Long> server = new ArrayList<>();
        List<Long> roundTrip = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Api.Response r = admin.raw("POST", "/import/plan?code=BENCH-IMP-" + System.nanoTime() % 1_000_000 + "-" + i + "&name=Bench",
                    "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
            roundTrip.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().path("tasks").asInt()).isEqualTo(3000);
            server.add(r.json().path("millis").asLong());
        }
        List<Long> parse = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            PlanCsv.Result plan = PlanCsv.read(csv);
            parse.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(plan.problems()).isEmpty();
        }
        long first = server.get(0);
        long median = median(server.subList(1, server.size()));
        long parseMedian = median(parse);
        String report = String.format(Locale.ROOT, "# Cutplan benchmark run import %s%n%n- Machine: %d cores, load average at start %s%n"
                        + "- 3,000 task rows, 1,200 steps, %d bytes, %d imports over HTTP into the test PostgreSQL%n%n"
                        + "| measure | ms |%n|---|---|%n| server time, first import of the JVM | %d |%n"
                        + "| server time, median of the others | %d |%n| round trip, median | %d |%n"
                        + "| parse and check only (PlanCsv.read), median | %d |%n| ratio server / parse | %.1f |%n%n"
                        + "Target: under 2,000 ms server time: %s.%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                csv.length(), runs, first, median, median(roundTrip.subList(1, roundTrip.size())), parseMedian,
                parseMedian == 0 ? 0.0 : (double) median / parseMedian, Math.max(first, median) < 2000 ? "met" : "MISSED");
        Path out = Path.of("target", "bench", "bench-import-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static String code(TestHost host, java.util.UUID team) {
        return host.database().transactor().readOnly(c -> io.cutplan.store.Jdbc.one(c, "SELECT code FROM teams WHERE id = ?",
                rs -> rs.getString(1), team)).orElseThrow();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
