package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.testing.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several nodes starting at once against one empty database all come up on the same schema. */
class ConcurrentMigrationTest {

    @Test
    void nodesStartingTogetherAllMigrateSuccessfully() throws Exception {
        PostgresServer server = PostgresServer.get();
        DbConfig empty = server.createEmptyDatabase();
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> versions = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                versions.add(pool.submit(() -> {
                    // Each node has its own pool, as separate processes would.
                    try (Database db = Database.open(empty.withPoolSize(2))) {
                        go.await();
                        return db.migrate();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : versions) {
                results.add(f.get());
            }
            assertThat(results).doesNotContain("none").containsOnly(results.get(0));
            try (Database db = Database.open(empty.withPoolSize(1))) {
                int failures = db.transactor().readOnly(c -> Jdbc.one(c,
                        "SELECT count(*) FROM flyway_schema_history WHERE NOT success", rs -> rs.getInt(1)).orElseThrow());
                assertThat(failures).isZero();
            }
        } finally {
            pool.shutdownNow();
            server.drop(empty);
        }
    }
}
