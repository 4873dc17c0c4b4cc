package io.cutplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two fresh databases, the same seed: the same codes, titles, structure and simulated history; another seed differs. */
class DemoDeterminismTest {

    @Test
    void sameSeedSameDemoAndAnotherSeedAnotherDemo() {
        List<String> first = loadIntoFreshDatabase(42);
        List<String> second = loadIntoFreshDatabase(42);
        List<String> other = loadIntoFreshDatabase(43);
        assertThat(first.size()).isGreaterThan(1000);
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        // The difference is in the runbook itself, not only in the history.
        assertThat(section(other, "FROM steps s JOIN chapters")).isNotEqualTo(section(first, "FROM steps s JOIN chapters"));
    }

    @Test
    void twoLoadsAtOnceWriteTheDemoOnce() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase();
        try (Database db = Database.open(config)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var first = pool.submit(() -> DemoRunbooks.load(db, "small", 5));
                var second = pool.submit(() -> DemoRunbooks.load(db, "small", 5));
                List<Boolean> loaded = List.of(first.get().loaded(), second.get().loaded());
                assertThat(loaded).containsExactlyInAnyOrder(true, false);
                assertThat(first.get().planId()).isEqualTo(second.get().planId());
            } finally {
                pool.shutdown();
            }
            long steps = db.transactor().readOnly(c -> io.cutplan.store.Jdbc.one(c, "SELECT count(*) FROM steps",
                    rs -> rs.getLong(1)).orElseThrow());
            assertThat(steps).isBetween(110L, 130L);
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    private static List<String> loadIntoFreshDatabase(long seed) {
        DbConfig config = PostgresServer.get().createMigratedDatabase();
        try (Database db = Database.open(config)) {
            DemoSummary s = DemoRunbooks.load(db, "small", seed);
            assertThat(s.loaded()).isTrue();
            assertThat(s.count("steps")).isBetween(110L, 130L);
            return DemoFingerprint.of(db);
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    private static List<String> section(List<String> fingerprint, String queryPart) {
        int from = -1;
        int to = fingerprint.size();
        for (int i = 0; i < fingerprint.size(); i++) {
            String line = fingerprint.get(i);
            if (line.startsWith("# ")) {
                if (from >= 0) {
                    to = i;
                    break;
                }
                if (line.contains(queryPart)) {
                    from = i;
                }
            }
        }
        return fingerprint.subList(from, to);
    }
}
