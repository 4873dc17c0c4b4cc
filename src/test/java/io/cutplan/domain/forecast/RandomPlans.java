package io.cutplan.domain.forecast;

import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random dependency graphs with a history that could really have happened: each step's predecessors come before
 * it, and its status follows from theirs the way the engine moves steps (a step starts only once every predecessor
 * is DONE or SKIPPED; a CANCELLED one releases nothing; a pilot may skip or cancel at any time). Every number is a
 * small integer so jqwik shrinks a failing plan towards fewer steps, fewer dependencies and zeros. All times are
 * whole minutes after {@link Plan#T0}, which makes float and end exact in minutes.
 */
final class RandomPlans {
    static final int CHAPTERS = 4;

    /**
     * One step's dice. {@code duration}: 0 no planned duration, 1 or 2 a learned basis {@code delay} minutes longer
     * than the plan, else the plan. {@code predecessors}: back-offsets to earlier steps. {@code status}: 0..99,
     * read by {@link #build}. {@code factor}: actual duration in percent of the plan. {@code orderKey}: the plan
     * order sorts by it, so plan order and dependency order differ.
     */
    record StepDice(int planned, int duration, int chapter, List<Integer> predecessors, int status, int delay,
                    int factor, int orderKey) {
    }

    record Scenario(List<StepDice> steps, int now, List<Integer> chapterStarts, int windowEnd) {
    }

    /** What a test needs besides the input: the steps in plan order and the dependencies by step. */
    record Built(ForecastInput input, List<UUID> ids, Map<UUID, List<UUID>> predecessors, Map<UUID, StepStatus> status) {
    }

    static Arbitrary<Scenario> scenarios() {
        Arbitrary<StepDice> step = Combinators.combine(
                Arbitraries.integers().between(0, 90),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, CHAPTERS - 1),
                Arbitraries.integers().between(1, 40).list().ofMaxSize(3),
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 40)).as(StepDice::new);
        return Combinators.combine(
                step.list().ofMinSize(1).ofMaxSize(40),
                Arbitraries.integers().between(-30, 400),
                Arbitraries.integers().between(0, 200).injectNull(0.6).list().ofSize(CHAPTERS),
                Arbitraries.integers().between(0, 600)).as(Scenario::new);
    }

    static Built build(Scenario sc) {
        int n = sc.steps().size();
        long now = sc.now();
        UUID[] id = new UUID[n];
        for (int i = 0; i < n; i++) {
            id[i] = UUID.nameUUIDFromBytes(("step-" + i).getBytes());
        }
        UUID[] chapter = new UUID[CHAPTERS];
        for (int c = 0; c < CHAPTERS; c++) {
            chapter[c] = UUID.nameUUIDFromBytes(("chapter-" + c).getBytes());
        }
        List<List<Integer>> preds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<Integer> p = new LinkedHashSet<>();
            if (i > 0) {
                for (int offset : sc.steps().get(i).predecessors()) {
                    p.add(i - 1 - (offset - 1) % i);
                }
            }
            preds.add(new ArrayList<>(p));
        }

        // History: release[i] is when successors could start because of step i (null: not yet).
        Long[] release = new Long[n];
        StepStatus[] status = new StepStatus[n];
        StepStatus[] heldFrom = new StepStatus[n];
        Long[] readyAt = new Long[n];
        Long[] startedAt = new Long[n];
        Long[] finishedAt = new Long[n];
        for (int i = 0; i < n; i++) {
            StepDice d = sc.steps().get(i);
            boolean released = true;
            long ready = 0;
            for (int p : preds.get(i)) {
                if (release[p] == null) {
                    released = false;
                } else {
                    ready = Math.max(ready, release[p]);
                }
            }
            released &= ready <= now;
            int planned = d.duration() == 0 ? 0 : d.planned();
            long actual = (long) planned * d.factor() / 100;
            long start = ready + d.delay();
            int c = d.status();
            if (c >= 63 && c <= 72) {
                status[i] = StepStatus.SKIPPED;
                finishedAt[i] = Math.max(Math.min(now, released ? ready + d.delay() : d.delay()), Math.min(now, 0));
                release[i] = released ? Math.max(finishedAt[i], ready) : null;
            } else if (c >= 73 && c <= 79) {
                status[i] = StepStatus.CANCELLED;
                finishedAt[i] = Math.max(Math.min(now, released ? ready + d.delay() : d.delay()), Math.min(now, 0));
            } else if (!released) {
                status[i] = StepStatus.PENDING;
            } else if (start > now || c >= 80) {
                readyAt[i] = ready;
                if (c >= 55 && c <= 62) {
                    status[i] = StepStatus.ON_HOLD;
                    heldFrom[i] = StepStatus.READY;
                } else {
                    status[i] = StepStatus.READY;
                }
            } else {
                readyAt[i] = ready;
                startedAt[i] = start;
                if (c < 45) {
                    if (start + actual <= now) {
                        status[i] = StepStatus.DONE;
                        finishedAt[i] = start + actual;
                        release[i] = finishedAt[i];
                    } else {
                        status[i] = StepStatus.IN_PROGRESS;
                    }
                } else if (c < 55) {
                    status[i] = StepStatus.FAILED;
                    finishedAt[i] = Math.min(start + actual, now);
                } else {
                    status[i] = StepStatus.ON_HOLD;
                    heldFrom[i] = StepStatus.IN_PROGRESS;
                }
            }
        }

        Map<UUID, Instant> chapterStarts = new HashMap<>();
        List<ForecastInput.ChapterFacts> chapters = new ArrayList<>();
        for (int c = 0; c < CHAPTERS; c++) {
            Integer s = sc.chapterStarts().get(c);
            if (s != null) {
                chapterStarts.put(chapter[c], at(s));
            }
            chapters.add(new ForecastInput.ChapterFacts(chapter[c], UUID.nameUUIDFromBytes(("phase-" + c % 2).getBytes()),
                    s == null ? null : at(s), null));
        }
        List<PlannedSchedule.Node> nodes = new ArrayList<>();
        List<PlannedSchedule.Edge> edges = new ArrayList<>();
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        Map<UUID, List<UUID>> predecessors = new HashMap<>();
        for (int i = 0; i < n; i++) {
            StepDice d = sc.steps().get(i);
            nodes.add(new PlannedSchedule.Node(id[i], d.duration() == 0 ? 0 : d.planned(), chapter[d.chapter()]));
            List<UUID> p = new ArrayList<>();
            for (int j : preds.get(i)) {
                edges.add(new PlannedSchedule.Edge(id[j], id[i]));
                deps.add(new ForecastInput.Dependency(id[j], id[i]));
                p.add(id[j]);
            }
            predecessors.put(id[i], p);
        }
        Map<UUID, PlannedSchedule.Slot> baseline = PlannedSchedule.compute(Plan.T0, nodes, edges, chapterStarts);

        List<Integer> planOrder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            planOrder.add(i);
        }
        planOrder.sort(Comparator.<Integer>comparingInt(i -> sc.steps().get(i).orderKey()).thenComparingInt(i -> i));
        List<ForecastInput.StepFacts> facts = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        Map<UUID, StepStatus> statuses = new HashMap<>();
        for (int i : planOrder) {
            StepDice d = sc.steps().get(i);
            Integer planned = d.duration() == 0 ? null : d.planned();
            int basis = d.duration() == 0 ? 0 : d.duration() <= 2 ? d.planned() + d.delay() : d.planned();
            PlannedSchedule.Slot slot = baseline.get(id[i]);
            facts.add(new ForecastInput.StepFacts(id[i], chapter[d.chapter()], status[i], heldFrom[i], planned, basis,
                    slot.start(), slot.end(), atOrNull(readyAt[i]), atOrNull(startedAt[i]), atOrNull(finishedAt[i])));
            ids.add(id[i]);
            statuses.put(id[i], status[i]);
        }
        ForecastInput input = new ForecastInput(at(now), Plan.T0, at(sc.windowEnd()), facts, deps, chapters);
        return new Built(input, ids, predecessors, statuses);
    }

    static Instant at(long minutes) {
        return Plan.T0.plus(Duration.ofMinutes(minutes));
    }

    private static Instant atOrNull(Long minutes) {
        return minutes == null ? null : at(minutes);
    }
}
