package io.cutplan.domain.forecast;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.forecast.Forecast.GroupForecast;
import io.cutplan.domain.forecast.Forecast.IterationForecast;
import io.cutplan.domain.forecast.Forecast.StepForecast;
import io.cutplan.domain.forecast.ForecastInput.ChapterFacts;
import io.cutplan.domain.forecast.ForecastInput.StepFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes the forecast of one iteration: a forward pass from what actually happened, a backward pass for float,
 * the critical path, lateness and delay contribution. Pure and deterministic: the same input gives the same output.
 * The rules are explained to cutover managers in {@code docs/forecast.md}; in short:
 * <ul>
 *   <li><b>DONE</b>: its actual start and end; successors wait for its actual end.</li>
 *   <li><b>SKIPPED, CANCELLED</b> ("pass-through"): actual times, no duration; successors wait for the later of the
 *       skip/cancel instant and its own predecessors' forecast ends (a skip passes readiness on only once the work
 *       feeding it is done, as the engine's {@link io.cutplan.domain.Readiness} rule does). The engine never releases
 *       the successors of a CANCELLED step by itself (only DONE does, and SKIPPED once its own predecessors are
 *       cleared); they stay PENDING until a pilot acts, and
 *       since nothing waiting is forecast before <i>now</i>, they slide with the clock until then.</li>
 *   <li><b>IN_PROGRESS</b>: started + duration, or <i>now</i> when that is past (overrunning).</li>
 *   <li><b>PENDING, READY, ON_HOLD, FAILED</b> ("waiting"): start = the latest of every predecessor's forecast
 *       end, its chapter's scheduled start, the iteration's planned start and <i>now</i>; it then needs its full
 *       duration (a held step is released, a failed step retried, no earlier than now, and the work done before
 *       is not counted because nothing records how much of it survives).</li>
 * </ul>
 * Durations are {@link StepFacts#basisMinutes()} (0 when missing). Float, critical path and delay are described on
 * {@link #compute}.
 */
public final class Forecaster {

    private static final byte FIXED = 0;
    private static final byte PASS = 1;
    private static final byte RUNNING = 2;
    private static final byte WAITING = 3;

    private Forecaster() {
    }

    /**
     * The forecast of {@code input}.
     * <ul>
     *   <li><b>Float</b> (total float) of an unfinished step: how far its end can slip without moving the
     *       iteration's forecast end (the latest forecast end of any step). Backward pass over the waiting and
     *       pass-through successors (a started or DONE successor no longer depends on it). Chapter not-before
     *       constraints and <i>now</i> only hold steps back, so a step's latest start is never before them: its
     *       latest start is at least its forecast start, which already respects them.</li>
     *   <li><b>Critical path</b>: from the unfinished step that ends at the forecast end (of several, the last in
     *       topological order, so zero-length steps at the end are included), back through the predecessor that
     *       determined each start, until a start is decided by something else (now, a chapter's scheduled start,
     *       the iteration's start, an actual start or a DONE step). When predecessors tie, an unfinished (or
     *       pass-through) one wins over a DONE one, then the one first in plan order; a predecessor ending exactly
     *       at the other bound (for example an overrunning step at now) wins over that bound. Skipped or cancelled
     *       steps the timing passes through are part of the chain. Only the steps of this one chain are
     *       {@code critical}; another branch with zero float shows float 0 but is not flagged. A finished iteration
     *       has no critical path.</li>
     *   <li><b>Delay</b> of the critical steps: with V the iteration's variance to plan (when positive) and c the
     *       slip of a step's end against its planned end (capped to 0..V), walking from the last critical step
     *       back, D = the least c from here to the end (the slip that survives to the iteration's end); a step's
     *       delay is its D minus its predecessor's D on the path (the first step's minus 0). The delays are never
     *       negative and add up to exactly V; zero off the path and when the iteration is on or ahead of plan.</li>
     * </ul>
     */
    public static Forecast compute(ForecastInput input) {
        List<StepFacts> steps = input.steps();
        Map<UUID, Integer> index = StepGraph.positions(steps);
        StepGraph graph = StepGraph.of(steps, input.dependencies(), index);
        return new Run(input, graph).forecast();
    }

    /** The working arrays of one computation, indexed by plan position. */
    private static final class Run {
        private final ForecastInput input;
        private final List<StepFacts> steps;
        private final StepGraph graph;
        private final int n;
        private final long now;
        private final byte[] mode;
        private final long[] duration;
        private final long[] start;
        private final long[] end;
        /** When successors may start as far as this step is concerned (= end, except pass-through steps). */
        private final long[] release;
        /** The predecessor that decided this step's start (or release), -1 when something else did. */
        private final int[] driver;
        /** Unfinished, or a pass-through whose release an unfinished step decides: can lead a critical chain. */
        private final boolean[] live;
        private final long[] latestFinish;
        private final boolean[] critical;
        private final long[] delay;
        private final int[] chapterOf;
        private long forecastEnd;
        private int[] criticalPath = new int[0];

        Run(ForecastInput input, StepGraph graph) {
            this.input = input;
            this.steps = input.steps();
            this.graph = graph;
            this.n = steps.size();
            this.now = clock(input);
            mode = new byte[n];
            duration = new long[n];
            start = new long[n];
            end = new long[n];
            release = new long[n];
            driver = new int[n];
            live = new boolean[n];
            latestFinish = new long[n];
            critical = new boolean[n];
            delay = new long[n];
            chapterOf = new int[n];
        }

        /**
         * The forecast's <i>now</i>: the input's, or a recorded finish that is later (the clocks of two servers can
         * disagree by a little). Nothing recorded can be in the future, so the forecast end is always decided by
         * an unfinished step while one is left, and every unfinished iteration has a critical path.
         */
        private static long clock(ForecastInput input) {
            long now = Nanos.of(input.now());
            for (StepFacts s : input.steps()) {
                if (s.finishedAt() != null) {
                    now = Math.max(now, Nanos.of(s.finishedAt()));
                }
            }
            return now;
        }

        Forecast forecast() {
            long[] notBefore = chapterBounds();
            forwardPass(notBefore);
            backwardPass();
            criticalChain();
            IterationForecast iteration = iteration();
            attributeDelay(iteration.varianceMinutes());
            List<GroupForecast> chapters = chapters();
            return new Forecast(input.now(), iteration, macroPhases(chapters), chapters, criticalIds(), stepForecasts(),
                    withoutDuration());
        }

        /** Each step's chapter position, and each chapter's not-before bound (its scheduled start, or NONE). */
        private long[] chapterBounds() {
            List<ChapterFacts> chapters = input.chapters();
            Map<UUID, Integer> byId = new HashMap<>(chapters.size() * 2);
            long[] notBefore = new long[chapters.size()];
            for (int c = 0; c < chapters.size(); c++) {
                byId.putIfAbsent(chapters.get(c).id(), c);
                notBefore[c] = Nanos.ofNullable(chapters.get(c).scheduledStart());
            }
            for (int i = 0; i < n; i++) {
                Integer c = byId.get(steps.get(i).chapterId());
                chapterOf[i] = c == null ? -1 : c;
            }
            return notBefore;
        }

        private void forwardPass(long[] notBefore) {
            long iterationStart = Nanos.of(input.plannedStart());
            for (int k = 0; k < n; k++) {
                int i = graph.order[k];
                StepFacts s = steps.get(i);
                driver[i] = -1;
                switch (s.status()) {
                    case DONE -> {
                        mode[i] = FIXED;
                        long finished = s.finishedAt() == null ? now : Nanos.of(s.finishedAt());
                        start[i] = s.startedAt() == null ? finished : Nanos.of(s.startedAt());
                        end[i] = finished;
                        release[i] = finished;
                    }
                    case SKIPPED, CANCELLED -> {
                        mode[i] = PASS;
                        long finished = s.finishedAt() == null ? now : Nanos.of(s.finishedAt());
                        start[i] = s.startedAt() == null ? finished : Nanos.of(s.startedAt());
                        end[i] = finished;
                        int best = latestPredecessor(i);
                        long fromPredecessors = best < 0 ? Nanos.NONE : release[best];
                        release[i] = Math.max(finished, fromPredecessors);
                        if (best >= 0 && live[best] && fromPredecessors >= finished) {
                            driver[i] = best;
                            live[i] = true;
                        }
                    }
                    case IN_PROGRESS -> {
                        mode[i] = RUNNING;
                        duration[i] = Nanos.minutes(Math.max(0, s.basisMinutes()));
                        start[i] = s.startedAt() == null ? now : Nanos.of(s.startedAt());
                        end[i] = Math.max(start[i] + duration[i], now);
                        release[i] = end[i];
                        live[i] = true;
                    }
                    default -> {
                        mode[i] = WAITING;
                        duration[i] = Nanos.minutes(Math.max(0, s.basisMinutes()));
                        long bound = Math.max(now, iterationStart);
                        int c = chapterOf[i];
                        if (c >= 0 && notBefore[c] != Nanos.NONE) {
                            bound = Math.max(bound, notBefore[c]);
                        }
                        int best = latestPredecessor(i);
                        long fromPredecessors = best < 0 ? Nanos.NONE : release[best];
                        if (best >= 0 && live[best] && fromPredecessors >= bound) {
                            driver[i] = best;
                        }
                        start[i] = Math.max(bound, fromPredecessors);
                        end[i] = start[i] + duration[i];
                        release[i] = end[i];
                        live[i] = true;
                    }
                }
            }
        }

        /**
         * The predecessor with the latest release: on a tie a live one beats one that is not, then the one first in
         * plan order. -1 without predecessors.
         */
        private int latestPredecessor(int i) {
            int best = -1;
            for (int k = graph.predecessorStart[i]; k < graph.predecessorStart[i + 1]; k++) {
                int p = graph.predecessors[k];
                if (!graph.isForward(p, i)) {
                    continue;
                }
                if (best < 0 || release[p] > release[best]
                        || (release[p] == release[best] && (live[p] != live[best] ? live[p] : p < best))) {
                    best = p;
                }
            }
            return best;
        }

        private void backwardPass() {
            // The iteration's forecast end: the latest end of any step (an empty iteration ends at its start).
            long last = n == 0 ? Nanos.of(input.plannedStart()) : Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                last = Math.max(last, end[i]);
            }
            forecastEnd = last;
            for (int k = n - 1; k >= 0; k--) {
                int i = graph.order[k];
                if (mode[i] == FIXED) {
                    continue;
                }
                long lf = forecastEnd;
                for (int j = graph.successorStart[i]; j < graph.successorStart[i + 1]; j++) {
                    int s = graph.successors[j];
                    if (!graph.isForward(i, s) || (mode[s] != WAITING && mode[s] != PASS)) {
                        continue;
                    }
                    lf = Math.min(lf, latestFinish[s] - duration[s]);
                }
                latestFinish[i] = lf;
            }
        }

        private void criticalChain() {
            int sink = -1;
            for (int k = n - 1; k >= 0 && sink < 0; k--) {
                int i = graph.order[k];
                if ((mode[i] == RUNNING || mode[i] == WAITING) && end[i] == forecastEnd) {
                    sink = i;
                }
            }
            if (sink < 0) {
                return;
            }
            int length = 0;
            for (int i = sink; i >= 0; i = driver[i]) {
                length++;
            }
            criticalPath = new int[length];
            int at = length;
            for (int i = sink; i >= 0; i = driver[i]) {
                criticalPath[--at] = i;
                critical[i] = true;
            }
        }

        private IterationForecast iteration() {
            long plannedEnd = Nanos.NONE;
            boolean finished = true;
            for (int i = 0; i < n; i++) {
                Instant pe = steps.get(i).plannedEnd();
                if (pe != null) {
                    plannedEnd = Math.max(plannedEnd, Nanos.of(pe));
                }
                finished &= mode[i] == FIXED || mode[i] == PASS;
            }
            if (plannedEnd == Nanos.NONE) {
                plannedEnd = Nanos.of(input.plannedStart());
            }
            return new IterationForecast(input.plannedStart(), Nanos.instant(plannedEnd), input.windowEnd(),
                    Nanos.instant(forecastEnd), Nanos.minutesBetween(plannedEnd, forecastEnd),
                    Nanos.minutesBetween(Nanos.of(input.windowEnd()), forecastEnd), finished);
        }

        private void attributeDelay(long varianceMinutes) {
            int length = criticalPath.length;
            if (varianceMinutes <= 0 || length == 0) {
                return;
            }
            long surviving = varianceMinutes;
            long[] kept = new long[length];
            for (int j = length - 1; j >= 0; j--) {
                int i = criticalPath[j];
                if (j < length - 1) {
                    Instant pe = steps.get(i).plannedEnd();
                    if (pe != null) {
                        long slip = Math.floorDiv(release[i] - Nanos.of(pe), Nanos.PER_MINUTE);
                        surviving = Math.min(surviving, Math.max(0, slip));
                    }
                }
                kept[j] = surviving;
            }
            for (int j = 0; j < length; j++) {
                delay[criticalPath[j]] = kept[j] - (j == 0 ? 0 : kept[j - 1]);
            }
        }

        private List<GroupForecast> chapters() {
            List<ChapterFacts> facts = input.chapters();
            int count = facts.size();
            long[] fStart = filled(count, Long.MAX_VALUE);
            long[] fEnd = filled(count, Long.MIN_VALUE);
            long[] bStart = filled(count, Long.MAX_VALUE);
            long[] bEnd = filled(count, Long.MIN_VALUE);
            boolean[] crit = new boolean[count];
            for (int i = 0; i < n; i++) {
                int c = chapterOf[i];
                if (c < 0) {
                    continue;
                }
                fStart[c] = Math.min(fStart[c], start[i]);
                fEnd[c] = Math.max(fEnd[c], end[i]);
                StepFacts s = steps.get(i);
                if (s.plannedStart() != null) {
                    bStart[c] = Math.min(bStart[c], Nanos.of(s.plannedStart()));
                }
                if (s.plannedEnd() != null) {
                    bEnd[c] = Math.max(bEnd[c], Nanos.of(s.plannedEnd()));
                }
                crit[c] |= critical[i];
            }
            List<GroupForecast> out = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                ChapterFacts f = facts.get(c);
                Instant plannedStart = f.scheduledStart() != null ? f.scheduledStart() : orNull(bStart[c], Long.MAX_VALUE);
                Instant plannedEnd = f.scheduledEnd() != null ? f.scheduledEnd() : orNull(bEnd[c], Long.MIN_VALUE);
                out.add(group(f.id(), plannedStart, plannedEnd, orNull(fStart[c], Long.MAX_VALUE),
                        orNull(fEnd[c], Long.MIN_VALUE), crit[c]));
            }
            return Collections.unmodifiableList(out);
        }

        /** Macro-phases in the order their first chapter appears; each spans its chapters. */
        private List<GroupForecast> macroPhases(List<GroupForecast> chapters) {
            Map<UUID, GroupForecast> phases = new LinkedHashMap<>();
            List<ChapterFacts> facts = input.chapters();
            for (int c = 0; c < facts.size(); c++) {
                GroupForecast ch = chapters.get(c);
                UUID phase = facts.get(c).macroPhaseId();
                GroupForecast seen = phases.get(phase);
                if (seen == null) {
                    phases.put(phase, group(phase, ch.plannedStart(), ch.plannedEnd(), ch.forecastStart(),
                            ch.forecastEnd(), ch.critical()));
                } else {
                    phases.put(phase, group(phase, earliest(seen.plannedStart(), ch.plannedStart()),
                            latest(seen.plannedEnd(), ch.plannedEnd()), earliest(seen.forecastStart(), ch.forecastStart()),
                            latest(seen.forecastEnd(), ch.forecastEnd()), seen.critical() || ch.critical()));
                }
            }
            return List.copyOf(phases.values());
        }

        private static GroupForecast group(UUID id, Instant plannedStart, Instant plannedEnd, Instant forecastStart,
                                           Instant forecastEnd, boolean critical) {
            long variance = plannedEnd == null || forecastEnd == null
                    ? 0 : Nanos.minutesBetween(Nanos.of(plannedEnd), Nanos.of(forecastEnd));
            return new GroupForecast(id, plannedStart, plannedEnd, forecastStart, forecastEnd, variance, critical);
        }

        private List<UUID> criticalIds() {
            List<UUID> ids = new ArrayList<>(criticalPath.length);
            for (int i : criticalPath) {
                ids.add(steps.get(i).id());
            }
            return Collections.unmodifiableList(ids);
        }

        private Map<UUID, StepForecast> stepForecasts() {
            Map<UUID, StepForecast> out = new LinkedHashMap<>(n * 4 / 3 + 1);
            for (int i = 0; i < n; i++) {
                StepFacts s = steps.get(i);
                boolean unfinished = mode[i] == RUNNING || mode[i] == WAITING;
                Long floatMinutes = unfinished ? (latestFinish[i] - end[i]) / Nanos.PER_MINUTE : null;
                out.put(s.id(), new StepForecast(s.id(), Nanos.instant(start[i]), Nanos.instant(end[i]), floatMinutes,
                        critical[i], LatenessRules.of(s, start[i], now), delay[i]));
            }
            return Collections.unmodifiableMap(out);
        }

        private List<UUID> withoutDuration() {
            List<UUID> out = new ArrayList<>();
            for (StepFacts s : steps) {
                if (s.plannedMinutes() == null || s.plannedMinutes() <= 0) {
                    out.add(s.id());
                }
            }
            return Collections.unmodifiableList(out);
        }

        private static long[] filled(int size, long value) {
            long[] a = new long[size];
            java.util.Arrays.fill(a, value);
            return a;
        }

        private static Instant orNull(long nanos, long unset) {
            return nanos == unset ? null : Nanos.instant(nanos);
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
        }

        private static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }
}
