package io.cutplan.domain.forecast;

import io.cutplan.domain.forecast.ForecastInput.ChapterFacts;
import io.cutplan.domain.forecast.ForecastInput.StepFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The finish probability of one iteration: a seeded Monte Carlo run of the forecast. Pure and deterministic for a
 * seed. Each run draws a duration for every step not finished yet and propagates the forecast's own timing rules
 * ({@link Forecaster}: DONE steps keep their actual times, skipped and cancelled ones pass readiness on, a running
 * step ends at its start plus the drawn duration but never before now, a waiting step starts at the latest of its
 * predecessors' ends, its chapter's scheduled start, the iteration's start and now). The spread of the run ends
 * gives the percentiles.
 *
 * <p><b>Sampling rule.</b> A step with history draws one of its past runs (its runs over the migration's completed
 * iterations), each with the same probability: the empirical distribution, so a step that took 10, 10 and 40
 * minutes takes 40 in a third of the runs. A run gives two figures, used together: the step's duration, and its
 * start delay (how long it waited to be started once its predecessors were done and its chapter could start), which
 * a waiting step adds before it starts: start = the latest of now and (the latest of its predecessors' ends, its
 * chapter's scheduled start and the iteration's start) plus the delay. A step without history keeps its basis
 * (plan) duration and no delay in every run, as the deterministic forecast does. Steps are drawn independently. The
 * generator is SplitMix64 from the seed, one draw per step with two or more samples, in topological order, so a seed
 * always gives the same answer.
 *
 * <p><b>Percentiles</b> are nearest-rank over the run ends: P{@code p} is the smallest end such that at least
 * {@code p} of the runs end no later (the {@code ceil(p * runs)}-th smallest). The probability of finishing inside
 * the window is the share of runs ending no later than the window's end.
 *
 * <p><b>Cost.</b> The graph, the topological order, the durations and their samples are flattened into primitive
 * arrays once per computation; a run then touches only those arrays and allocates nothing: O(runs x (steps +
 * dependencies)), about 10,000 x 1,200 steps in well under half a second on one core (benchmark
 * {@code -Dbench=probability}).
 */
public final class FinishProbability {
    public static final int DEFAULT_RUNS = 10_000;
    public static final String SAMPLING_RULE = "each unfinished step with history draws one of its past runs in the migration's "
            + "completed iterations with equal probability (independently per step) and takes that run's duration and start delay "
            + "(the wait between being able to start and starting); a step without history keeps its plan duration and no delay; "
            + "the forecast's timing rules then give each run's ends";

    private static final byte FIXED = 0;
    private static final byte PASS = 1;
    private static final byte RUNNING = 2;
    private static final byte WAITING = 3;

    private FinishProbability() {
    }

    /** P50, P80 and P95 of an end. */
    public record Quantiles(Instant p50, Instant p80, Instant p95) {
    }

    public record ChapterQuantiles(UUID id, Quantiles ends) {
    }

    /**
     * @param probabilityInWindow share of runs ending no later than the window's end, 0 to 1
     * @param stepsWithSpread     unfinished steps drawn from two or more different durations
     */
    public record Result(int runs, long seed, Instant windowEnd, Quantiles iteration, double probabilityInWindow,
                         List<ChapterQuantiles> chapters, int stepsWithSpread) {
    }

    /**
     * Runs {@code runs} simulations of {@code input}. {@code samplesSeconds}: per step instance id, its observed
     * durations in seconds (absent or empty: the step's {@link StepFacts#basisMinutes()} in every run).
     */
    public static Result compute(ForecastInput input, Map<UUID, long[]> samplesSeconds, int runs, long seed) {
        return compute(input, samplesSeconds, Map.of(), runs, seed);
    }

    /**
     * As {@link #compute(ForecastInput, Map, int, long)}, with each sample's start delay in seconds:
     * {@code delaysSeconds.get(id)[i]} belongs to {@code samplesSeconds.get(id)[i]} (the same past run); absent: no
     * delay.
     */
    public static Result compute(ForecastInput input, Map<UUID, long[]> samplesSeconds, Map<UUID, long[]> delaysSeconds, int runs,
                                 long seed) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        Kernel k = new Kernel(input, samplesSeconds, delaysSeconds);
        long[] ends = new long[runs];
        long[][] chapterEnds = new long[k.chapters][runs];
        k.run(runs, seed, ends, chapterEnds);
        long window = Nanos.of(input.windowEnd());
        int inside = 0;
        for (long e : ends) {
            if (e <= window) {
                inside++;
            }
        }
        List<ChapterQuantiles> chapters = new ArrayList<>(k.chapters);
        for (int c = 0; c < k.chapters; c++) {
            chapters.add(new ChapterQuantiles(input.chapters().get(c).id(), k.chapterHasSteps[c] ? quantiles(chapterEnds[c]) : null));
        }
        return new Result(runs, seed, input.windowEnd(), quantiles(ends), inside / (double) runs, List.copyOf(chapters),
                k.spread);
    }

    private static Quantiles quantiles(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return new Quantiles(Nanos.instant(rank(s, 0.50)), Nanos.instant(rank(s, 0.80)), Nanos.instant(rank(s, 0.95)));
    }

    /** Nearest rank: the ceil(p * n)-th smallest. */
    static long rank(long[] sorted, double p) {
        int r = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }

    /** The flattened forecast of one input, indexed by topological position. */
    static final class Kernel {
        final int n;
        final int chapters;
        final boolean[] chapterHasSteps;
        final byte[] mode;
        /** FIXED, PASS: the actual finish; RUNNING: the start; WAITING: the readiness bound (iteration, chapter start). */
        final long[] base;
        final long now;
        final int[] predStart;
        final int[] preds;
        final int[] sampleStart;
        final long[] samples;
        /** The start delay of each sample (0 without one). */
        final long[] delays;
        final int[] chapterOf;
        final long emptyEnd;
        int spread;

        Kernel(ForecastInput input, Map<UUID, long[]> samplesSeconds, Map<UUID, long[]> delaysSeconds) {
            List<StepFacts> steps = input.steps();
            n = steps.size();
            Map<UUID, Integer> index = StepGraph.positions(steps);
            StepGraph g = StepGraph.of(steps, input.dependencies(), index);
            long clock = Nanos.of(input.now());
            for (StepFacts s : steps) {
                if (s.finishedAt() != null) {
                    clock = Math.max(clock, Nanos.of(s.finishedAt()));
                }
            }
            now = clock;
            List<ChapterFacts> chapterFacts = input.chapters();
            chapters = chapterFacts.size();
            chapterHasSteps = new boolean[chapters];
            Map<UUID, Integer> chapterIndex = new HashMap<>(chapters * 2);
            long[] notBefore = new long[chapters];
            for (int c = 0; c < chapters; c++) {
                chapterIndex.putIfAbsent(chapterFacts.get(c).id(), c);
                notBefore[c] = Nanos.ofNullable(chapterFacts.get(c).scheduledStart());
            }
            long iterationStart = Nanos.of(input.plannedStart());
            emptyEnd = iterationStart;
            mode = new byte[n];
            base = new long[n];
            chapterOf = new int[n];
            predStart = new int[n + 1];
            sampleStart = new int[n + 1];
            int edgeCount = 0;
            int sampleCount = 0;
            for (int k = 0; k < n; k++) {
                int i = g.order[k];
                for (int e = g.predecessorStart[i]; e < g.predecessorStart[i + 1]; e++) {
                    if (g.isForward(g.predecessors[e], i)) {
                        edgeCount++;
                    }
                }
                long[] own = samplesSeconds.get(steps.get(i).id());
                sampleCount += own == null || own.length == 0 ? 1 : own.length;
            }
            preds = new int[edgeCount];
            samples = new long[sampleCount];
            delays = new long[sampleCount];
            int e2 = 0;
            int s2 = 0;
            for (int k = 0; k < n; k++) {
                int i = g.order[k];
                StepFacts s = steps.get(i);
                predStart[k] = e2;
                for (int e = g.predecessorStart[i]; e < g.predecessorStart[i + 1]; e++) {
                    int p = g.predecessors[e];
                    if (g.isForward(p, i)) {
                        preds[e2++] = g.rank[p];
                    }
                }
                Integer c = chapterIndex.get(s.chapterId());
                chapterOf[k] = c == null ? -1 : c;
                if (c != null) {
                    chapterHasSteps[c] = true;
                }
                sampleStart[k] = s2;
                long[] own = samplesSeconds.get(s.id());
                if (own == null || own.length == 0) {
                    samples[s2++] = Nanos.minutes(Math.max(0, s.basisMinutes()));
                } else {
                    long[] wait = delaysSeconds.get(s.id());
                    if (wait != null && wait.length != own.length) {
                        throw new IllegalArgumentException("step " + s.id() + ": " + wait.length + " delays for " + own.length + " samples");
                    }
                    boolean varies = false;
                    for (int x = 0; x < own.length; x++) {
                        long w = wait == null ? 0 : Math.max(0, wait[x]);
                        varies |= own[x] != own[0] || (wait != null && w != Math.max(0, wait[0]));
                        delays[s2] = w * 1_000_000_000L;
                        samples[s2++] = Math.max(0, own[x]) * 1_000_000_000L;
                    }
                    if (varies && (s.status() != io.cutplan.domain.StepStatus.DONE && s.status() != io.cutplan.domain.StepStatus.SKIPPED
                            && s.status() != io.cutplan.domain.StepStatus.CANCELLED)) {
                        spread++;
                    }
                }
                switch (s.status()) {
                    case DONE -> {
                        mode[k] = FIXED;
                        base[k] = s.finishedAt() == null ? now : Nanos.of(s.finishedAt());
                    }
                    case SKIPPED, CANCELLED -> {
                        mode[k] = PASS;
                        base[k] = s.finishedAt() == null ? now : Nanos.of(s.finishedAt());
                    }
                    case IN_PROGRESS -> {
                        mode[k] = RUNNING;
                        base[k] = s.startedAt() == null ? now : Nanos.of(s.startedAt());
                    }
                    default -> {
                        mode[k] = WAITING;
                        long bound = iterationStart;
                        if (c != null && notBefore[c] != Nanos.NONE) {
                            bound = Math.max(bound, notBefore[c]);
                        }
                        base[k] = bound;
                    }
                }
            }
            predStart[n] = e2;
            sampleStart[n] = s2;
        }

        /** Fills {@code ends[r]} and {@code chapterEnds[c][r]} for every run r. Allocates nothing per run. */
        void run(int runs, long seed, long[] ends, long[][] chapterEnds) {
            long[] release = new long[n];
            long[] chapterEnd = new long[chapters];
            long state = seed;
            for (int r = 0; r < runs; r++) {
                long last = n == 0 ? emptyEnd : Long.MIN_VALUE;
                Arrays.fill(chapterEnd, Long.MIN_VALUE);
                for (int k = 0; k < n; k++) {
                    byte m = mode[k];
                    long end;
                    if (m == FIXED) {
                        end = base[k];
                        release[k] = end;
                    } else {
                        long fromPreds = Long.MIN_VALUE;
                        for (int e = predStart[k], to = predStart[k + 1]; e < to; e++) {
                            long p = release[preds[e]];
                            if (p > fromPreds) {
                                fromPreds = p;
                            }
                        }
                        if (m == PASS) {
                            end = base[k];
                            release[k] = Math.max(end, fromPreds);
                        } else {
                            int from = sampleStart[k];
                            int count = sampleStart[k + 1] - from;
                            int pick = from;
                            if (count > 1) {
                                state += 0x9E3779B97F4A7C15L;
                                long z = state;
                                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                                z ^= z >>> 31;
                                pick = from + (int) (((z >>> 32) * count) >>> 32);
                            }
                            long d = samples[pick];
                            if (m == RUNNING) {
                                end = Math.max(base[k] + d, now);
                            } else {
                                end = Math.max(now, Math.max(base[k], fromPreds) + delays[pick]) + d;
                            }
                            release[k] = end;
                        }
                    }
                    if (end > last) {
                        last = end;
                    }
                    int c = chapterOf[k];
                    if (c >= 0 && end > chapterEnd[c]) {
                        chapterEnd[c] = end;
                    }
                }
                ends[r] = last;
                for (int c = 0; c < chapters; c++) {
                    chapterEnds[c][r] = chapterEnd[c];
                }
            }
        }
    }
}
