package io.cutplan.domain.history;

import io.cutplan.domain.DurationStatistic;
import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rehearsal-to-rehearsal comparison of one migration: per iteration, chapter and step, the planned and the actual
 * duration in each chosen iteration, the trend over them and the most variable steps. Pure: the service reads the
 * runs ({@link StepRun}) and the plan, this class only computes. The rules (also in {@code docs/calibration.md}):
 * <ul>
 *   <li><b>Step actual</b>: finishedAt - startedAt of its instance when that is a sample ({@link StepRun#isSample()},
 *       DONE with both times); a retried step counts its whole span. Other statuses have no actual duration.</li>
 *   <li><b>Chapter and iteration actual</b>: from the earliest actual start to the latest actual end of their steps,
 *       once every step is finished (DONE, SKIPPED or CANCELLED); "so far" figures are not given.</li>
 *   <li><b>Planned</b>: a step's planned duration in an iteration is the one that iteration ran with (its baseline,
 *       {@link StepRun#plannedMinutes()}); its line's own figure is the plan's current one. A chapter's
 *       is its scheduled window in that iteration when the pilots set one, else the span of its steps' baseline
 *       slots ({@link PlannedSchedule}, the runsheet's planned times); the iteration's is the span of the baseline
 *       from its planned start to the latest baseline end.</li>
 *   <li><b>Trend</b> ({@link #TREND_RULE}): the least-squares slope of the actual minutes against the run number
 *       (0, 1, 2... over the iterations that have an actual duration, in order); its change over those runs
 *       (slope times (last - first run number)) is {@code faster} when below minus the threshold, {@code slower}
 *       when above it, else {@code steady}; the threshold is the larger of 1 minute and 5 % of the mean. Fewer than
 *       two actual durations: {@code unknown}.</li>
 *   <li><b>Most variable</b>: the steps with two actual durations or more, by range (max - min) descending, then
 *       by code; at most {@link #MOST_VARIABLE}.</li>
 * </ul>
 */
public final class Comparison {
    public static final int MOST_VARIABLE = 10;
    public static final String TREND_RULE = "least-squares slope of actual minutes over the runs: its change over the runs below "
            + "-max(1 min, 5% of the mean) is faster, above +max(1 min, 5% of the mean) slower, else steady; fewer than two runs unknown";

    private Comparison() {
    }

    // ------------------------------------------------------------------ input

    public record IterationInfo(UUID id, String code, String name, String status, Instant plannedStart, Instant plannedEnd) {
    }

    public record ChapterInfo(UUID id, String code, String name) {
    }

    public record StepInfo(UUID stepId, String code, String title, int plannedMinutes, UUID chapterId, String team) {
    }

    /** Predecessor -> successor canonical step ids. */
    public record Link(UUID predecessor, UUID successor) {
    }

    /**
     * @param chapterWindows iteration id -> chapter id -> {scheduled start, scheduled end}
     */
    public record Input(UUID migrationId, String migrationCode, List<IterationInfo> iterations, List<ChapterInfo> chapters,
                        List<StepInfo> steps, List<Link> links, List<StepRun> runs,
                        Map<UUID, Map<UUID, Instant[]>> chapterWindows) {
    }

    // ------------------------------------------------------------------ output

    /**
     * @param iterations  the compared iterations, in order (the columns)
     * @param trend       of the iterations' total actual durations
     * @param chapters    in plan order, every chapter with a step in any compared iteration
     * @param steps       in plan order, every step in scope of any compared iteration
     * @param mostVariable step ids, most variable first
     */
    public record Report(UUID migrationId, String migrationCode, String trendRule, List<Column> iterations, Trend trend,
                         List<ChapterLine> chapters, List<StepLine> steps, List<Variable> mostVariable) {
    }

    /** One iteration; minutes are whole minutes (planned) or to 0.1 minute (actual). */
    public record Column(UUID id, String code, String name, String status, Instant plannedStart, Instant plannedEnd,
                         Long plannedMinutes, Instant actualStart, Instant actualEnd, Long actualSeconds, Double actualMinutes) {
    }

    /**
     * One iteration's figure of a chapter or step. {@code status}: a step's status in that iteration; a chapter's
     * DONE (all steps finished), IN_PROGRESS (some started) or PENDING; {@code NOT_IN_SCOPE} when it was not run.
     */
    public record Cell(UUID iterationId, String status, Long plannedMinutes, Instant startedAt, Instant finishedAt,
                       Long actualSeconds, Double actualMinutes) {
    }

    /** {@code direction}: faster, slower, steady or unknown; {@code minutesPerRun}: the slope (null when unknown). */
    public record Trend(String direction, Double minutesPerRun, int runs) {
    }

    public record ChapterLine(UUID id, String code, String name, List<Cell> cells, Trend trend) {
    }

    /** {@code spread}: over the actual durations in the compared iterations (null without any). */
    public record StepLine(UUID stepId, String code, String title, UUID chapterId, String chapterCode, String team,
                           int plannedMinutes, List<Cell> cells, Trend trend, Spread spread) {
    }

    public record Spread(int runs, double minMinutes, double maxMinutes, double rangeMinutes, double medianMinutes) {
    }

    public record Variable(UUID stepId, String code, String title, String chapterCode, int runs, double minMinutes,
                           double maxMinutes, double rangeMinutes) {
    }

    // ------------------------------------------------------------------ computation

    public static Report compute(Input in) {
        List<IterationInfo> its = in.iterations();
        Map<UUID, Integer> column = new HashMap<>();
        for (int k = 0; k < its.size(); k++) {
            column.put(its.get(k).id(), k);
        }
        Map<UUID, StepRun[]> byStep = new HashMap<>();
        for (StepRun r : in.runs()) {
            Integer k = column.get(r.iterationId());
            if (k != null) {
                byStep.computeIfAbsent(r.stepId(), x -> new StepRun[its.size()])[k] = r;
            }
        }
        Map<UUID, ChapterInfo> chapterById = new HashMap<>();
        in.chapters().forEach(ch -> chapterById.put(ch.id(), ch));

        List<Map<UUID, PlannedSchedule.Slot>> baselines = new ArrayList<>();
        for (int k = 0; k < its.size(); k++) {
            baselines.add(baseline(in, its.get(k), k, byStep));
        }

        List<StepLine> steps = new ArrayList<>();
        Set<UUID> chaptersSeen = new HashSet<>();
        for (StepInfo s : in.steps()) {
            StepRun[] runs = byStep.get(s.stepId());
            if (runs == null) {
                continue;
            }
            chaptersSeen.add(s.chapterId());
            List<Cell> cells = new ArrayList<>(its.size());
            List<Double> minutes = new ArrayList<>();
            List<Long> samples = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int k = 0; k < its.size(); k++) {
                StepRun r = runs[k];
                if (r == null) {
                    cells.add(new Cell(its.get(k).id(), "NOT_IN_SCOPE", null, null, null, null, null));
                    continue;
                }
                Long seconds = r.seconds();
                // The duration this iteration planned (its own copy of the plan), else the plan's current one.
                long planned = r.plannedMinutes() != null ? r.plannedMinutes() : s.plannedMinutes();
                cells.add(new Cell(its.get(k).id(), r.status().name(), planned, r.startedAt(), r.finishedAt(),
                        seconds, seconds == null ? null : tenth(seconds / 60.0)));
                if (seconds != null) {
                    minutes.add(seconds / 60.0);
                    samples.add(seconds);
                    at.add(k);
                }
            }
            ChapterInfo ch = chapterById.get(s.chapterId());
            steps.add(new StepLine(s.stepId(), s.code(), s.title(), s.chapterId(), ch == null ? null : ch.code(), s.team(),
                    s.plannedMinutes(), List.copyOf(cells), trend(at, minutes), spread(samples)));
        }

        Map<UUID, List<StepLine>> stepsOfChapter = new HashMap<>();
        steps.forEach(l -> stepsOfChapter.computeIfAbsent(l.chapterId(), x -> new ArrayList<>()).add(l));
        List<ChapterLine> chapters = new ArrayList<>();
        for (ChapterInfo ch : in.chapters()) {
            if (!chaptersSeen.contains(ch.id())) {
                continue;
            }
            List<Cell> cells = new ArrayList<>(its.size());
            List<Double> minutes = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int k = 0; k < its.size(); k++) {
                IterationInfo it = its.get(k);
                List<StepRun> runs = new ArrayList<>();
                List<UUID> ids = new ArrayList<>();
                for (StepLine l : stepsOfChapter.get(ch.id())) {
                    StepRun r = byStep.get(l.stepId())[k];
                    if (r != null) {
                        runs.add(r);
                        ids.add(l.stepId());
                    }
                }
                if (runs.isEmpty()) {
                    cells.add(new Cell(it.id(), "NOT_IN_SCOPE", null, null, null, null, null));
                    continue;
                }
                Long planned = plannedOfChapter(in.chapterWindows().getOrDefault(it.id(), Map.of()).get(ch.id()), ids,
                        baselines.get(k));
                Cell c = span(it.id(), runs, planned);
                cells.add(c);
                if (c.actualSeconds() != null) {
                    minutes.add(c.actualSeconds() / 60.0);
                    at.add(k);
                }
            }
            chapters.add(new ChapterLine(ch.id(), ch.code(), ch.name(), List.copyOf(cells), trend(at, minutes)));
        }

        List<Column> columns = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        List<Integer> totalAt = new ArrayList<>();
        for (int k = 0; k < its.size(); k++) {
            IterationInfo it = its.get(k);
            List<StepRun> runs = new ArrayList<>();
            for (StepRun[] r : byStep.values()) {
                if (r[k] != null) {
                    runs.add(r[k]);
                }
            }
            Instant baselineEnd = null;
            for (PlannedSchedule.Slot slot : baselines.get(k).values()) {
                baselineEnd = baselineEnd == null || slot.end().isAfter(baselineEnd) ? slot.end() : baselineEnd;
            }
            Long planned = baselineEnd == null ? null : Duration.between(it.plannedStart(), baselineEnd).toMinutes();
            Cell c = runs.isEmpty() ? new Cell(it.id(), "PENDING", planned, null, null, null, null) : span(it.id(), runs, planned);
            columns.add(new Column(it.id(), it.code(), it.name(), it.status(), it.plannedStart(), it.plannedEnd(), planned,
                    c.startedAt(), c.finishedAt(), c.actualSeconds(), c.actualMinutes()));
            if (c.actualSeconds() != null) {
                totals.add(c.actualSeconds() / 60.0);
                totalAt.add(k);
            }
        }

        List<Variable> variable = steps.stream().filter(l -> l.spread() != null && l.spread().runs() >= 2)
                .sorted(Comparator.comparingDouble((StepLine l) -> -l.spread().rangeMinutes()).thenComparing(StepLine::code))
                .limit(MOST_VARIABLE)
                .map(l -> new Variable(l.stepId(), l.code(), l.title(), l.chapterCode(), l.spread().runs(), l.spread().minMinutes(),
                        l.spread().maxMinutes(), l.spread().rangeMinutes()))
                .toList();
        return new Report(in.migrationId(), in.migrationCode(), TREND_RULE, List.copyOf(columns), trend(totalAt, totals),
                List.copyOf(chapters), List.copyOf(steps), variable);
    }

    /** The baseline slots of the steps in scope of iteration {@code k}, keyed by canonical step id. */
    private static Map<UUID, PlannedSchedule.Slot> baseline(Input in, IterationInfo it, int k, Map<UUID, StepRun[]> byStep) {
        List<PlannedSchedule.Node> nodes = new ArrayList<>();
        for (StepInfo s : in.steps()) {
            StepRun[] r = byStep.get(s.stepId());
            if (r != null && r[k] != null) {
                nodes.add(new PlannedSchedule.Node(s.stepId(), s.plannedMinutes(), s.chapterId()));
            }
        }
        List<PlannedSchedule.Edge> edges = in.links().stream().map(l -> new PlannedSchedule.Edge(l.predecessor(), l.successor())).toList();
        Map<UUID, Instant> chapterStarts = new HashMap<>();
        in.chapterWindows().getOrDefault(it.id(), Map.of()).forEach((ch, w) -> chapterStarts.put(ch, w[0]));
        return PlannedSchedule.compute(it.plannedStart(), nodes, edges, chapterStarts);
    }

    private static Long plannedOfChapter(Instant[] window, List<UUID> steps, Map<UUID, PlannedSchedule.Slot> baseline) {
        if (window != null) {
            return Duration.between(window[0], window[1]).toMinutes();
        }
        Instant start = null;
        Instant end = null;
        for (UUID id : steps) {
            PlannedSchedule.Slot s = baseline.get(id);
            if (s != null) {
                start = start == null || s.start().isBefore(start) ? s.start() : start;
                end = end == null || s.end().isAfter(end) ? s.end() : end;
            }
        }
        return start == null ? null : Duration.between(start, end).toMinutes();
    }

    /** Earliest actual start to latest actual end of {@code runs}, once all are finished. */
    private static Cell span(UUID iterationId, List<StepRun> runs, Long planned) {
        Instant start = null;
        Instant end = null;
        boolean finished = true;
        boolean started = false;
        for (StepRun r : runs) {
            StepStatus st = r.status();
            boolean done = st == StepStatus.DONE || st == StepStatus.SKIPPED || st == StepStatus.CANCELLED;
            finished &= done;
            if (r.startedAt() != null) {
                started = true;
                start = start == null || r.startedAt().isBefore(start) ? r.startedAt() : start;
            }
            if (done && r.finishedAt() != null) {
                end = end == null || r.finishedAt().isAfter(end) ? r.finishedAt() : end;
            }
        }
        String status = finished ? "DONE" : started ? "IN_PROGRESS" : "PENDING";
        if (!finished || start == null || end == null || end.isBefore(start)) {
            return new Cell(iterationId, status, planned, start, finished ? end : null, null, null);
        }
        long seconds = Duration.between(start, end).getSeconds();
        return new Cell(iterationId, status, planned, start, end, seconds, tenth(seconds / 60.0));
    }

    /** The trend of {@code minutes} observed at run numbers {@code at} (see the class comment). */
    static Trend trend(List<Integer> at, List<Double> minutes) {
        int n = minutes.size();
        if (n < 2) {
            return new Trend("unknown", null, n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += at.get(i);
            my += minutes.get(i);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = at.get(i) - mx;
            sxy += dx * (minutes.get(i) - my);
            sxx += dx * dx;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double change = slope * (at.get(n - 1) - at.get(0));
        double threshold = Math.max(1.0, 0.05 * Math.abs(my));
        String direction = change < -threshold ? "faster" : change > threshold ? "slower" : "steady";
        return new Trend(direction, tenth(slope), n);
    }

    /** Min, max, range and median ({@link DurationStatistic#MEDIAN}, the proposals' statistic) in minutes. */
    private static Spread spread(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return null;
        }
        long min = seconds.stream().mapToLong(Long::longValue).min().getAsLong();
        long max = seconds.stream().mapToLong(Long::longValue).max().getAsLong();
        return new Spread(seconds.size(), tenth(min / 60.0), tenth(max / 60.0), tenth((max - min) / 60.0),
                tenth(DurationStatistic.MEDIAN.ofSeconds(seconds) / 60.0));
    }

    static double tenth(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
