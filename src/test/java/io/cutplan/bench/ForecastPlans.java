package io.cutplan.bench;

import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.forecast.ForecastInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Forecast inputs of any size shaped like the realistic demo, built in memory for the in-process engine benchmark:
 * 66 chapters in 5 macro-phases, each chapter one long chain whose head hangs off the third step of the previous
 * chapter (so chapters run staggered, side by side) and which joins a step of the previous chapter every 7th step; every 11th chapter has a scheduled start instead of a head
 * predecessor; durations 5 to 120 minutes. The iteration is about half done: every step whose baseline slot ended
 * before <i>now</i> is DONE (actual durations 80% to 160% of plan), those whose slot contains now are running (a
 * few overrunning), a few are skipped, on hold or failed, the rest wait. Seeded: the same size gives the same plan.
 */
final class ForecastPlans {
    static final int CHAPTERS = 66;
    private static final Instant START = Instant.parse("2027-03-06T18:00:00Z");

    record Generated(ForecastInput input, int dependencies, Map<StepStatus, Integer> statuses) {
    }

    private ForecastPlans() {
    }

    /**
     * The worst shape for the critical path: one chain of {@code stepCount} steps in one chapter, the first half
     * done, one running, the rest waiting; every step on the critical path.
     */
    static Generated chain(int stepCount) {
        UUID phase = new UUID(1, 0);
        UUID chapter = new UUID(2, 0);
        List<ForecastInput.StepFacts> steps = new ArrayList<>();
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        Map<StepStatus, Integer> statuses = new java.util.EnumMap<>(StepStatus.class);
        int done = stepCount / 2;
        Instant t = START;
        for (int i = 0; i < stepCount; i++) {
            UUID id = new UUID(3, i);
            Instant plannedStart = START.plus(Duration.ofMinutes(10L * i));
            Instant plannedEnd = plannedStart.plus(Duration.ofMinutes(10));
            StepStatus status = i < done ? StepStatus.DONE : i == done ? StepStatus.IN_PROGRESS : StepStatus.PENDING;
            Instant started = i <= done ? t : null;
            Instant finished = i < done ? t.plus(Duration.ofMinutes(12)) : null;
            if (i < done) {
                t = finished;
            }
            steps.add(new ForecastInput.StepFacts(id, chapter, status, null, 10, 10, plannedStart, plannedEnd,
                    started, started, finished));
            statuses.merge(status, 1, Integer::sum);
            if (i > 0) {
                deps.add(new ForecastInput.Dependency(new UUID(3, i - 1), id));
            }
        }
        ForecastInput input = new ForecastInput(t.plus(Duration.ofMinutes(5)), START,
                START.plus(Duration.ofMinutes(10L * stepCount)), steps, deps,
                List.of(new ForecastInput.ChapterFacts(chapter, phase, null, null)));
        return new Generated(input, deps.size(), statuses);
    }

    static Generated generate(int stepCount, long seed) {
        Random random = new Random(seed);
        List<UUID> phases = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            phases.add(new UUID(1, p));
        }
        List<ForecastInput.ChapterFacts> chapters = new ArrayList<>();
        Map<UUID, Instant> chapterStarts = new HashMap<>();
        int[][] chapterSteps = new int[CHAPTERS][];
        List<UUID> ids = new ArrayList<>();
        List<UUID> chapterOf = new ArrayList<>();
        List<Integer> minutes = new ArrayList<>();
        List<PlannedSchedule.Edge> edges = new ArrayList<>();
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < CHAPTERS; c++) {
            UUID chapter = new UUID(2, c);
            int size = stepCount / CHAPTERS + (c < stepCount % CHAPTERS ? 1 : 0);
            chapterSteps[c] = new int[size];
            boolean scheduled = c > 0 && c % 11 == 0;
            Instant scheduledStart = scheduled ? START.plus(Duration.ofMinutes((long) c * 3 * 70)) : null;
            if (scheduled) {
                chapterStarts.put(chapter, scheduledStart);
            }
            chapters.add(new ForecastInput.ChapterFacts(chapter, phases.get(c * 5 / CHAPTERS), scheduledStart, null));
            for (int k = 0; k < size; k++) {
                int i = next++;
                chapterSteps[c][k] = i;
                ids.add(new UUID(3, i));
                chapterOf.add(chapter);
                minutes.add(5 + random.nextInt(116));
                if (k > 0) {
                    link(ids, edges, deps, chapterSteps[c][k - 1], i);
                }
                if (c > 0 && chapterSteps[c - 1].length > 0) {
                    int[] previous = chapterSteps[c - 1];
                    if (k == 0 && !scheduled) {
                        link(ids, edges, deps, previous[Math.min(2, previous.length - 1)], i);
                    } else if (k > 0 && k % 7 == 0) {
                        link(ids, edges, deps, previous[Math.min(k, previous.length - 1)], i);
                    }
                }
            }
        }
        int n = ids.size();
        List<PlannedSchedule.Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(new PlannedSchedule.Node(ids.get(i), minutes.get(i), chapterOf.get(i)));
        }
        Map<UUID, PlannedSchedule.Slot> baseline = PlannedSchedule.compute(START, nodes, edges, chapterStarts);
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            ends[i] = baseline.get(ids.get(i)).end().getEpochSecond();
        }
        long[] sorted = ends.clone();
        java.util.Arrays.sort(sorted);
        Instant now = Instant.ofEpochSecond(sorted[n / 2]);

        Map<StepStatus, Integer> counts = new java.util.EnumMap<>(StepStatus.class);
        List<ForecastInput.StepFacts> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PlannedSchedule.Slot slot = baseline.get(ids.get(i));
            int planned = minutes.get(i);
            StepStatus status;
            Instant started = null;
            Instant finished = null;
            StepStatus heldFrom = null;
            int dice = random.nextInt(1000);
            if (!slot.end().isAfter(now)) {
                status = dice < 10 ? StepStatus.SKIPPED : StepStatus.DONE;
                started = slot.start();
                finished = started.plus(Duration.ofMinutes(planned * (80 + random.nextInt(81)) / 100));
                if (finished.isAfter(now)) {
                    finished = now;
                }
                if (status == StepStatus.SKIPPED) {
                    started = null;
                }
            } else if (!slot.start().isAfter(now)) {
                status = dice < 10 ? StepStatus.ON_HOLD : dice < 20 ? StepStatus.FAILED : StepStatus.IN_PROGRESS;
                started = slot.start().minus(Duration.ofMinutes(random.nextInt(60)));
                heldFrom = status == StepStatus.ON_HOLD ? StepStatus.IN_PROGRESS : null;
                finished = status == StepStatus.FAILED ? now : null;
            } else {
                status = dice < 5 ? StepStatus.SKIPPED : dice < 10 ? StepStatus.CANCELLED : StepStatus.PENDING;
                finished = status == StepStatus.PENDING ? null : now;
            }
            counts.merge(status, 1, Integer::sum);
            steps.add(new ForecastInput.StepFacts(ids.get(i), chapterOf.get(i), status, heldFrom, planned, planned,
                    slot.start(), slot.end(), started, started, finished));
        }
        Instant windowEnd = Instant.ofEpochSecond(sorted[n - 1]).plus(Duration.ofHours(2));
        return new Generated(new ForecastInput(now, START, windowEnd, steps, deps, chapters), deps.size(), counts);
    }

    private static void link(List<UUID> ids, List<PlannedSchedule.Edge> edges, List<ForecastInput.Dependency> deps,
                             int from, int to) {
        edges.add(new PlannedSchedule.Edge(ids.get(from), ids.get(to)));
        deps.add(new ForecastInput.Dependency(ids.get(from), ids.get(to)));
    }
}
