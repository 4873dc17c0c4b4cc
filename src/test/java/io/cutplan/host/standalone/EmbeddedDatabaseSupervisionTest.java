package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 4: after {@code kill -9} of the embedded postmaster every request used to answer 503 forever.
 * Now the host's supervisor notices, says so in /health, restarts the server, and writes succeed again, none
 * lost and none doubled.
 */
class EmbeddedDatabaseSupervisionTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledPostmasterIsRestartedAndNoCommittedWriteIsLostOrDoubled() throws Exception {
        try (StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(
                new String[] {"--port", "0", "--data-dir", tmp.resolve("pgdata").toString()}, Map.of()))) {
            EmbeddedDatabaseServer server = host.embeddedDatabase().orElseThrow();
            Fixtures fx = Fixtures.in(host.database());
            Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
            Fixtures.Plan plan = fx.plan("Supervised");
            UUID step = plan.step("PRE-1", "Keep writing", null);
            UUID iteration = plan.iteration("RUN1");
            UUID si = plan.stepInstance(iteration, step);
            String rest = "http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0";
            Api api = new Api(rest, pilot.username(), Fixtures.PASSWORD);
            Api anonymous = api.anonymous();
            String comments = "/iterations/" + iteration + "/steps/" + si + "/comments";

            // The writer: one comment after another, each with a unique body; it remembers what the server confirmed.
            Set<String> confirmed = ConcurrentHashMap.newKeySet();
            Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
            AtomicLong lastConfirmedAt = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String body = "write-" + n;
                    Api.Response r;
                    try {
                        r = api.post(comments, Map.of("body", body));
                    } catch (RuntimeException e) {
                        unconfirmed.add(body);
                        continue;
                    }
                    if (r.status() == 201) {
                        confirmed.add(body);
                        lastConfirmedAt.set(System.nanoTime());
                    } else {
                        unconfirmed.add(body);
                        sleep(100);
                    }
                }
            }, "test-writer");
            writer.start();
            try {
                waitUntil(() -> confirmed.size() >= 20, Duration.ofSeconds(20));
                long pid = server.postmasterPid().orElseThrow();
                long killedAt = System.nanoTime();
                assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL, as kill -9

                // Health says DOWN, with a reason, until the server is back.
                List<String> reasons = new ArrayList<>();
                long deadline = killedAt + Duration.ofSeconds(30).toNanos();
                while (lastConfirmedAt.get() < killedAt && System.nanoTime() < deadline) {
                    Api.Response h = anonymous.get("/health");
                    JsonNode json = h.json();
                    if ("DOWN".equals(json.path("status").asText())) {
                        assertThat(h.status()).isEqualTo(503);
                        reasons.add(json.path("reason").asText());
                    }
                    sleep(200);
                }
                assertThat(lastConfirmedAt.get()).as("a write succeeded again within 30 s of the kill").isGreaterThan(killedAt);
                assertThat(reasons).as("health answered DOWN while the database was down").isNotEmpty();
                assertThat(reasons).anySatisfy(r -> assertThat(r).contains("embedded PostgreSQL"));
                int afterRestart = confirmed.size();
                waitUntil(() -> confirmed.size() >= afterRestart + 10, Duration.ofSeconds(10));
            } finally {
                stop.set(true);
                writer.join(40_000);
            }
            assertThat(server.isRunning()).isTrue();
            assertThat(anonymous.get("/health").json().path("status").asText()).isEqualTo("UP");

            List<String> stored = host.database().transactor().readOnly(c -> Jdbc.list(c,
                    "SELECT body FROM comments WHERE step_instance_id = ?", rs -> rs.getString(1), si));
            Set<String> distinct = new HashSet<>(stored);
            assertThat(stored).as("no write doubled").hasSameSizeAs(distinct);
            assertThat(distinct).as("every confirmed write is there").containsAll(confirmed);
            Set<String> extra = new HashSet<>(distinct);
            extra.removeAll(confirmed);
            // A write in flight when the server died may have committed without its answer arriving: only those.
            assertThat(unconfirmed).containsAll(extra);
            assertThat(extra.size()).isLessThanOrEqualTo(1);
            long commentEvents = host.database().transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'COMMENT_ADDED'",
                    rs -> rs.getLong(1), iteration)).orElseThrow();
            assertThat(commentEvents).as("one event per stored comment").isEqualTo(stored.size());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
