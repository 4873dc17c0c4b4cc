package io.cutplan.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.SyntheticRunbook;
import io.cutplan.testing.TestHost;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not an assertion on time: median and p99 of the dashboard snapshot, an idle delta (with and without
 * the ETag) and a one-change delta on a 1,200-step iteration, over real HTTP on loopback (which is the server time
 * plus a loopback hop). Run with {@code ./mvnw -B test -Plong -Dtest=DashboardTimingTest}.
 */
@Tag("long")
class DashboardTimingTest {
    private static final int STEPS = 1200;
    private static final int SAMPLES = 100;

    @Test
    void measureDashboardOnARealisticIteration() {
        TestHost host = TestHost.get();
        long t0 = System.nanoTime();
        SyntheticRunbook rb = SyntheticRunbook.create(host.database(), STEPS);
        long genMs = (System.nanoTime() - t0) / 1_000_000;
        Fixtures fx = Fixtures.in(host.database());
        Fixtures.TestUser pilot = fx.user("perfpilot", Role.PILOT);
        Api api = host.as(pilot.username());
        String base = "/iterations/" + rb.iterationId;

        JsonNode first = api.get(base + "/dashboard").json();
        assertThat(first.path("steps")).hasSize(STEPS);
        String body = api.get(base + "/dashboard").body();
        int bytes = body.length();
        var gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        List<Double> snapshot = time(SAMPLES, () -> api.get(base + "/dashboard"));
        long v = api.get(base + "/dashboard?since=0").json().path("version").asLong();
        String etag = api.get(base + "/dashboard").header("ETag");
        List<Double> idle304 = time(SAMPLES, () -> {
            Api.Response r = api.get(base + "/dashboard?since=" + v, "If-None-Match", etag);
            assertThat(r.status()).isEqualTo(304);
            return r;
        });
        List<Double> idleDelta = time(SAMPLES, () -> api.get(base + "/dashboard?since=" + v));

        // a small delta: one task tick (touches one step) before each measured poll; ticks alternate done / open
        List<UUID> tasks = host.database().transactor().readOnly(c -> Jdbc.list(c,
                "SELECT ti.id FROM task_instances ti JOIN step_instances si ON si.id = ti.step_instance_id "
                        + "WHERE ti.iteration_id = ? AND si.status = 'READY' ORDER BY ti.id",
                rs -> Jdbc.uuid(rs, "id"), rb.iterationId));
        Map<UUID, Integer> versions = new java.util.HashMap<>();
        List<Double> smallDelta = new ArrayList<>();
        List<Double> writes = new ArrayList<>();
        long before = api.get(base + "/dashboard?since=0").json().path("version").asLong();
        for (int i = 0; i < SAMPLES; i++) {
            UUID task = tasks.get(i % tasks.size());
            int version = versions.getOrDefault(task, 1);
            long w = System.nanoTime();
            Api.Response tick = api.post(base + "/tasks/" + task + "/completion",
                    Map.of("done", version % 2 == 1, "expectedVersion", version));
            writes.add((System.nanoTime() - w) / 1e6);
            assertThat(tick.status()).as(tick.toString()).isEqualTo(200);
            versions.put(task, version + 1);
            long s = System.nanoTime();
            JsonNode delta = api.get(base + "/dashboard?since=" + before).json();
            smallDelta.add((System.nanoTime() - s) / 1e6);
            assertThat(delta.path("steps")).hasSize(1);
            before = delta.path("version").asLong();
        }

        // the same reads in process, without HTTP and JSON: the service's own time
        var queries = host.host().services().runbookQueries();
        var caller = host.host().services().callers().resolve(java.util.Optional.of(pilot.username()));
        long now = before;
        List<Double> serviceSnapshot = timeService(SAMPLES, () -> queries.dashboard(caller, rb.iterationId, null));
        List<Double> serviceIdle = timeService(SAMPLES, () -> queries.currentVersion(rb.iterationId));
        List<Double> serviceSmall = timeService(SAMPLES, () -> queries.dashboard(caller, rb.iterationId, now - 1));

        System.out.printf("%n=== Dashboard timing, %d-step iteration (generated in %d ms), %d samples, snapshot %d KiB (%d KiB gzipped) ===%n",
                STEPS, genMs, SAMPLES, bytes / 1024, gz.size() / 1024);
        report("snapshot", snapshot);
        report("idle delta, If-None-Match -> 304", idle304);
        report("idle delta, no ETag (200, empty)", idleDelta);
        report("small delta (1 step changed)", smallDelta);
        report("write: task completion", writes);
        report("service only: snapshot", serviceSnapshot);
        report("service only: idle (version lookup)", serviceIdle);
        report("service only: small delta", serviceSmall);
    }

    private static List<Double> time(int n, Supplier<Api.Response> call) {
        for (int i = 0; i < 5; i++) {
            call.get(); // warm-up
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.get();
            out.add((System.nanoTime() - s) / 1e6);
        }
        return out;
    }

    private static List<Double> timeService(int n, Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.run();
            out.add((System.nanoTime() - s) / 1e6);
        }
        return out;
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf("%-36s median %7.1f ms   p99 %7.1f ms   (n=%d)%n", what, median, p99, sorted.size());
    }
}
