package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Caller;
import io.cutplan.domain.ExecutionPolicy;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The delta-polling proof: many writers (step moves, task ticks, comments, control outcomes) race on one iteration
 * over HTTP while pollers follow {@code ?since=}. Every poller must end with exactly the database's final state and
 * must have seen every event of the log exactly once, each in the first delta whose version covers it.
 */
class DeltaPollingConcurrencyTest {
    private static final int WRITERS = 6;
    private static final int OPS_PER_WRITER = 20;
    private static final int POLLERS = 3;

    private final TestHost host = TestHost.get();
    private final Database db = host.database();

    @Test
    void concurrentWritersAndPollersAgreeExactly() throws Exception {
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("RACE");
        List<Fixtures.TestUser> pilots = List.of(fx.user("p1", Role.PILOT), fx.user("p2", Role.PILOT), fx.user("p3", Role.PILOT));
        Fixtures.TestUser watcher = fx.user("watcher", Role.NORMAL);
        Fixtures.Plan plan = fx.plan("Race");
        List<UUID> steps = new ArrayList<>();
        for (int chain = 0; chain < 4; chain++) {
            UUID previous = null;
            for (int i = 0; i < 8; i++) {
                UUID st = plan.step("TRT-" + (chain * 100 + i), "Step " + chain + "." + i, team, 10, false);
                plan.task(st, "Task A", team);
                if (i % 2 == 0) {
                    plan.task(st, "Task B", team);
                }
                if (previous != null) {
                    plan.dependency(previous, st);
                }
                if (chain > 0 && i == 4) {
                    plan.dependency(steps.get(3), st); // a join across chains
                }
                steps.add(st);
                previous = st;
            }
        }
        List<UUID> controls = List.of(plan.control("CTL-1", "Critical one", true), plan.control("CTL-2", "Critical two", true));
        UUID linkedA = plan.task(steps.get(2), "Checked task", team);
        UUID linkedB = plan.task(steps.get(12), "Checked task", team);
        plan.link(linkedA, controls.get(0));
        plan.link(linkedB, controls.get(0));
        plan.link(linkedB, controls.get(1));
        UUID it = plan.iteration("RACE");
        long setupDone = System.nanoTime();
        String base = "/iterations/" + it;

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + POLLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Fixtures.TestUser who = pilots.get(w % pilots.size());
            long seed = 42L + w;
            writers.add(pool.submit(() -> {
                go.await();
                write(host.as(who.username()), base, it, controls, new Random(seed), committed, conflicts);
                return null;
            }));
        }
        List<Future<Poller>> pollers = new ArrayList<>();
        for (int p = 0; p < POLLERS; p++) {
            pollers.add(pool.submit(() -> {
                go.await();
                Poller poller = new Poller(host.as(watcher.username()), base);
                while (writing.get()) {
                    poller.poll();
                    Thread.sleep(10); // a real page polls every few seconds; this one just leaves the CPU to the writers
                }
                poller.poll(); // one last time after every writer has finished
                return poller;
            }));
        }
        go.countDown();
        for (Future<?> f : writers) {
            f.get();
        }
        writing.set(false);

        Map<UUID, String> dbState = dbSteps(it);
        List<UUID> dbEvents = db.transactor().readOnly(c -> Jdbc.list(c,
                "SELECT id FROM event_log WHERE iteration_id = ? ORDER BY change_version, id", rs -> Jdbc.uuid(rs, "id"), it));
        long dbVersion = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT change_version FROM iterations WHERE id = ?",
                rs -> rs.getLong(1), it)).orElseThrow();
        assertThat(committed.get()).as("writes that committed").isGreaterThan(WRITERS * OPS_PER_WRITER / 3);
        assertThat(dbVersion).isEqualTo(1 + committed.get());
        for (Future<Poller> f : pollers) {
            Poller p = f.get();
            pool.shutdown();
            assertThat(p.version).isEqualTo(dbVersion);
            assertThat(p.steps).isEqualTo(dbState);
            assertThat(p.eventIds).doesNotHaveDuplicates();
            assertThat(new HashSet<>(p.eventIds)).isEqualTo(new HashSet<>(dbEvents));
            assertThat(p.polls).isGreaterThan(3);
        }
        System.out.printf("delta proof: %d writes committed, %d conflicts, %d events, version %d, race %d ms%n",
                committed.get(), conflicts.get(), dbEvents.size(), dbVersion, (System.nanoTime() - setupDone) / 1_000_000);
    }

    /** Follows the dashboard delta and keeps its own copy of every step's status and version. */
    static final class Poller {
        final Api api;
        final String base;
        final Map<UUID, String> steps = new HashMap<>();
        final List<UUID> eventIds = new ArrayList<>();
        long version = 0;
        int polls;

        Poller(Api api, String base) {
            this.api = api;
            this.base = base;
        }

        void poll() {
            Api.Response r = api.get(base + "/dashboard?since=" + version);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode d = r.json();
            assertThat(d.path("kind").asText()).isEqualTo("delta");
            long next = d.path("version").asLong();
            assertThat(next).isGreaterThanOrEqualTo(version);
            for (JsonNode e : d.path("events")) {
                long v = e.path("version").asLong();
                assertThat(v).isGreaterThan(version).isLessThanOrEqualTo(next);
                eventIds.add(UUID.fromString(e.path("id").asText()));
            }
            for (JsonNode s : d.path("steps")) {
                steps.put(UUID.fromString(s.path("id").asText()), s.path("status").asText() + "/" + s.path("version").asInt()
                        + "/" + s.path("tasksDone").asInt() + "/" + s.path("comments").asInt()
                        + "/" + s.path("openCriticalControls").asInt());
            }
            version = next;
            polls++;
        }
    }

    private Map<UUID, String> dbSteps(UUID it) {
        return db.transactor().readOnly(c -> {
            Map<UUID, String> out = new HashMap<>();
            Jdbc.list(c, """
                    SELECT si.id, si.status, si.version,
                           (SELECT count(*) FROM task_instances ti WHERE ti.step_instance_id = si.id AND ti.status = 'DONE') AS done,
                           (SELECT count(*) FROM comments cm WHERE cm.step_instance_id = si.id) AS comments,
                           (SELECT count(DISTINCT l.control_id) FROM task_instances ti
                              JOIN task_controls_link l ON l.task_id = ti.task_id
                              JOIN control_iteration_status cis ON cis.iteration_id = ti.iteration_id AND cis.control_id = l.control_id
                             WHERE ti.step_instance_id = si.id AND cis.status <> 'PASSED') AS open_critical
                      FROM step_instances si WHERE si.iteration_id = ?""", rs -> out.put(Jdbc.uuid(rs, "id"),
                    rs.getString("status") + "/" + rs.getInt("version") + "/" + rs.getInt("done") + "/" + rs.getInt("comments")
                            + "/" + rs.getInt("open_critical")), it);
            return out;
        });
    }

    /** Random moves a pilot may make, task ticks and comments; conflicts and refused moves are expected. */
    private void write(Api api, String base, UUID it, List<UUID> controls, Random random, AtomicInteger committed,
                       AtomicInteger conflicts) {
        Caller pilot = new Caller(UUID.randomUUID(), "p", "p", Role.PILOT, Set.of());
        for (int op = 0; op < OPS_PER_WRITER; op++) {
            List<Map<String, Object>> rows = db.transactor().readOnly(c -> Jdbc.list(c,
                    "SELECT si.id, si.status, si.held_from, si.version FROM step_instances si WHERE si.iteration_id = ? ORDER BY si.id",
                    rs -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", Jdbc.uuid(rs, "id"));
                        m.put("status", StepStatus.valueOf(rs.getString("status")));
                        m.put("heldFrom", rs.getString("held_from") == null ? null : StepStatus.valueOf(rs.getString("held_from")));
                        m.put("version", rs.getInt("version"));
                        return m;
                    }, it));
            int kind = random.nextInt(10);
            Api.Response r;
            if (kind < 6) {
                List<Map<String, Object>> movable = rows.stream().filter(m -> !ExecutionPolicy.allowedTargets(pilot,
                        (StepStatus) m.get("status"), (StepStatus) m.get("heldFrom"), null).isEmpty()).toList();
                Map<String, Object> row = movable.get(random.nextInt(movable.size()));
                List<StepStatus> targets = new ArrayList<>(ExecutionPolicy.allowedTargets(pilot, (StepStatus) row.get("status"),
                        (StepStatus) row.get("heldFrom"), null));
                // favour progress: IN_PROGRESS and DONE over the rest
                StepStatus to = targets.contains(StepStatus.DONE) && random.nextBoolean() ? StepStatus.DONE
                        : targets.contains(StepStatus.IN_PROGRESS) && random.nextInt(3) > 0 ? StepStatus.IN_PROGRESS
                        : targets.get(random.nextInt(targets.size()));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("to", to.name());
                body.put("expectedVersion", row.get("version"));
                body.put("reason", "race " + op);
                if (to == StepStatus.DONE) {
                    body.put("override", true);
                }
                r = api.post(base + "/steps/" + row.get("id") + "/transitions", body);
            } else if (kind < 9) {
                List<Object[]> tasks = db.transactor().readOnly(c -> Jdbc.list(c,
                        "SELECT ti.id, ti.status, ti.version FROM task_instances ti JOIN step_instances si ON si.id = ti.step_instance_id "
                                + "WHERE ti.iteration_id = ? AND si.status IN ('READY', 'IN_PROGRESS', 'ON_HOLD', 'FAILED') ORDER BY ti.id",
                        rs -> new Object[] {Jdbc.uuid(rs, "id"), rs.getString("status"), rs.getInt("version")}, it));
                if (tasks.isEmpty()) {
                    continue;
                }
                Object[] t = tasks.get(random.nextInt(tasks.size()));
                r = api.post(base + "/tasks/" + t[0] + "/completion", Map.of("done", "OPEN".equals(t[1]), "expectedVersion", t[2]));
            } else if (random.nextBoolean()) {
                Map<String, Object> row = rows.get(random.nextInt(rows.size()));
                r = api.post(base + "/steps/" + row.get("id") + "/comments", Map.of("body", "note " + op));
            } else {
                r = api.put(base + "/controls/" + controls.get(random.nextInt(controls.size())),
                        Map.of("status", random.nextBoolean() ? "PASSED" : "FAILED", "note", "race " + op));
            }
            if (r.status() == 200 || r.status() == 201) {
                committed.incrementAndGet();
            } else if (r.status() == 409 || r.status() == 422) {
                conflicts.incrementAndGet();
            } else {
                throw new AssertionError("unexpected answer " + r);
            }
        }
    }

}
