package io.cutplan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Maven entry point of the benchmarks: {@code ./mvnw -B -Pbench test -Dbench=dashboard|sustained|forecast-engine|all}.
 * Tagged "bench" and skipped unless {@code -Dbench} is given, so neither the normal run nor {@code -Plong}
 * runs it. The report lands in {@code target/bench/}.
 */
@Tag("bench")
class BenchEntryTest {
    @Test
    void run() throws Exception {
        String which = System.getProperty("bench", "");
        assumeTrue(!which.isBlank(), "benchmarks run only with -Dbench=dashboard|sustained|forecast-engine|all");
        String report = BenchMain.run(which);
        assertThat(report).contains("# Cutplan benchmark run");
    }
}
