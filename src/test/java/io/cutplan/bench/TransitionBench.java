package io.cutplan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutplan.domain.Caller;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.CallerService;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.RunbookService;
import io.cutplan.service.runbook.StepState;
import io.cutplan.service.runbook.TransitionCommand;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.store.ReadinessDao;
import io.cutplan.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transition latency in process (issue 17: "settle adds under 5 ms p50 to a transition at 1,200 steps"): one pilot
 * moves steps of the generated 1,200-step runbook READY -> IN_PROGRESS -> DONE (the gate overridden, so no task
 * ticks in between) through {@link RunbookService#transition}, each one transaction with its readiness consequences,
 * and the median and 90th percentile of the call are reported. Runs with
 * {@code ./mvnw -B -Pbench test -Dbench=transition -Dtest=TransitionBench}.
 */
@Tag("bench")
class TransitionBench {
    @Test
    void transitionLatencyAtTwelveHundredSteps() throws Exception {
        String which = System.getProperty("bench", "");
        assumeTrue(which.equals("all") || which.contains("transition"), "runs with -Dbench=transition or all");
        int size = Integer.getInteger("bench.transitionSteps", 1200);
        int moves = Integer.getInteger("bench.transitionMoves", 600);
        int warmUp = 100;
        Database db = TestHost.get().database();
        RunbookGenerator.Runbook rb = RunbookGenerator.generate(db, size, "_t" + System.nanoTime() % 100_000);
        Caller pilot = new CallerService(db).resolve(Optional.of(rb.pilot()));
        RunbookService service = new RunbookService(db, List.of());

        Map<UUID, StepStatus> status = new HashMap<>();
        Map<UUID, Integer> version = new HashMap<>();
        db.transactor().readOnly(c -> Jdbc.list(c, "SELECT id, status, version FROM step_instances WHERE iteration_id = ?",
                rs -> {
                    UUID id = Jdbc.uuid(rs, "id");
                    status.put(id, StepStatus.valueOf(rs.getString("status")));
                    version.put(id, rs.getInt("version"));
                    return id;
                }, rb.iterationId()));
        Deque<UUID> movable = new ArrayDeque<>();
        status.forEach((id, st) -> {
            if (st == StepStatus.READY) {
                movable.add(id);
            }
        });
        List<Long> nanos = new ArrayList<>();
        int released = 0;
        for (int i = 0; i < warmUp + moves && !movable.isEmpty(); i++) {
            UUID step = movable.poll();
            StepStatus to = status.get(step) == StepStatus.READY ? StepStatus.IN_PROGRESS : StepStatus.DONE;
            long t0 = System.nanoTime();
            ChangeResult r = service.transition(pilot, rb.iterationId(), step,
                    new TransitionCommand(to, version.get(step), to == StepStatus.DONE ? "bench" : null, to == StepStatus.DONE));
            long t = System.nanoTime() - t0;
            if (i >= warmUp) {
                nanos.add(t);
            }
            for (StepState s : r.steps()) {
                status.put(s.id(), s.status());
                version.put(s.id(), s.version());
                if (s.status() == StepStatus.READY) {
                    movable.add(s.id());
                    if (!s.id().equals(step)) {
                        released++;
                    }
                }
            }
            if (to == StepStatus.IN_PROGRESS) {
                movable.addFirst(step);
            }
        }
        assertThat(nanos).hasSizeGreaterThan(moves / 2);
        // The readiness settle alone, as each transition runs it (a settled iteration: it reads and moves nothing).
        List<Long> settle = new ArrayList<>();
        long current = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT change_version FROM iterations WHERE id = ?",
                rs -> rs.getLong(1), rb.iterationId())).orElseThrow();
        for (int i = 0; i < warmUp + moves; i++) {
            long t0 = System.nanoTime();
            int moved = db.transactor().inTransaction(c -> ReadinessDao.settle(c, rb.iterationId(), current, false).size());
            long t = System.nanoTime() - t0;
            assertThat(moved).isZero();
            if (i >= warmUp) {
                settle.add(t);
            }
        }
        Collections.sort(settle);
        Collections.sort(nanos);
        double p50 = nanos.get(nanos.size() / 2) / 1e6;
        double p90 = nanos.get(nanos.size() * 9 / 10) / 1e6;
        String report = String.format(Locale.ROOT, "# Cutplan benchmark run transition %s%n%n- Machine: %d cores, load average %s%n"
                        + "- generated runbook of %d steps, %d timed transitions (after %d warm-up), %d successors released%n%n"
                        + "| measure | ms |%n|---|---|%n| RunbookService.transition p50 | %.2f |%n| p90 | %.2f |%n"
                        + "| ReadinessDao.settle alone (own transaction) p50 | %.2f |%n| p90 | %.2f |%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(),
                String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                rb.steps(), nanos.size(), warmUp, released, p50, p90, settle.get(settle.size() / 2) / 1e6,
                settle.get(settle.size() * 9 / 10) / 1e6);
        Path out = Path.of("target", "bench", "bench-transition-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }
}
