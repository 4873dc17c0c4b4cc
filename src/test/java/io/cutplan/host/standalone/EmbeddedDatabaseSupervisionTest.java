package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.api.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
                    long startedAt = System.nanoTime();
                    Api.Response r;
                    try {
                        r = api.post(comments, Map.of("body", body));
                    } catch (RuntimeException e) {
                        unconfirmed.add(body);
                        continue;
                    }
                    if (r.status() == 201) {
                        confirmed.add(body);
                        // When it was sent: a write already in flight at the kill may still be confirmed after it.
                        lastConfirmedAt.set(startedAt);
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

                // Health says DOWN, with a reason, until the server is back. Probed as a monitor would: one at a
                // time, giving up after 1 s (a probe sent before the supervisor noticed waits for the pool's
                // connection timeout; the supervisor's own answer is immediate).
                List<String> reasons = new ArrayList<>();
                Set<Integer> downStatuses = new HashSet<>();
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest probe = HttpRequest.newBuilder(URI.create(rest + "/health")).timeout(Duration.ofSeconds(1)).build();
                long deadline = killedAt + Duration.ofSeconds(30).toNanos();
                // A backend of the dead server may still answer for a few milliseconds: "again" means a write sent
                // after health first said DOWN.
                long firstDownAt = Long.MAX_VALUE;
                while ((firstDownAt == Long.MAX_VALUE || lastConfirmedAt.get() < firstDownAt) && System.nanoTime() < deadline) {
                    try {
                        long sent = System.nanoTime();
                        HttpResponse<String> h = http.send(probe, HttpResponse.BodyHandlers.ofString());
                        JsonNode json = JsonMapper.get().readTree(h.body());
                        if ("DOWN".equals(json.path("status").asText())) {
                            firstDownAt = Math.min(firstDownAt, sent);
                            downStatuses.add(h.statusCode());
                            reasons.add(json.path("reason").asText());
                        }
                    } catch (HttpTimeoutException e) {
                        // no answer within 1 s: probe again
                    }
                    sleep(100);
                }
                assertThat(downStatuses).containsOnly(503);
                assertThat(reasons).as("health answered DOWN while the database was down").isNotEmpty();
                assertThat(lastConfirmedAt.get()).as("a write succeeded again within 30 s of the kill").isGreaterThan(firstDownAt);
                assertThat(reasons).anySatisfy(r -> assertThat(r).contains("embedded PostgreSQL"));
                System.out.printf("Supervision: first DOWN %d ms after the kill; a write sent %d ms after the kill succeeded; "
                        + "%d DOWN answers (%s)%n", (firstDownAt - killedAt) / 1_000_000, (lastConfirmedAt.get() - killedAt) / 1_000_000, reasons.size(), new HashSet<>(reasons));
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
