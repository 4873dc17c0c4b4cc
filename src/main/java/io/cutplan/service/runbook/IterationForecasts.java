package io.cutplan.service.runbook;

import io.cutplan.domain.DurationStatistic;
import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.forecast.Forecast;
import io.cutplan.domain.forecast.ForecastInput;
import io.cutplan.domain.forecast.Forecaster;
import io.cutplan.store.DurationHistoryDao;
import io.cutplan.store.RunbookReadDao.IterationRow;
import io.cutplan.store.RunbookReadDao.StepSummaryRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The forecast of each iteration per basis, shared by every caller of this node: built from the iteration's
 * cached per-version state (the very rows, dependencies and baseline slots the dashboard snapshot of that version
 * shows), so it costs no SQL of its own on the plan basis and one aggregate on the learned basis.
 *
 * <p><b>Freshness.</b> A forecast moves with the clock (a running step overruns without any write), so an entry is
 * rebuilt when the iteration's change version or plan revision moves, and at most {@link #MAX_AGE} after its
 * build otherwise; builds are single-flight and the cache is bounded (see {@link IterationStateCache}). While one
 * request rebuilds, the others are answered with the newest forecast built, so a burst of changes never queues
 * readers behind the engine: the answer's {@code version} says which change it reflects.
 *
 * <p><b>Late flags.</b> Each entry also keeps, per step, the <em>late sequence</em> at which its dashboard
 * {@code late} flag last flipped (late = forecast lateness OVERRUNNING or LATE_START): the sequence rises by one
 * with every rebuild that flips any flag, whether the version or only the clock moved. A dashboard client's ETag
 * carries the chain and sequence of the flags it holds, so its next delta adds exactly the steps flipped since.
 */
final class IterationForecasts {
    /** How old a forecast may get before the clock alone makes it rebuilt. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private record Key(UUID iterationId, ForecastBasis basis) {
    }

    /**
     * One forecast and what every request derives from it, built once.
     *
     * @param chain     names this node's uninterrupted line of forecasts of the iteration (a restart, an eviction or
     *                  another node starts a new one): late sequences compare only within one chain
     * @param lateSeq   the late sequence of this entry's flags
     * @param flippedAt step instance id -> the late sequence at which its flag last flipped (absent: never in chain)
     */
    record Entry(long version, ForecastBasis basis, Forecast forecast, RunbookViews.Forecast view, Set<UUID> late,
                 String chain, long lateSeq, Map<UUID, Long> flippedAt) {

        boolean isLate(UUID stepInstanceId) {
            return late.contains(stepInstanceId);
        }

        /** What a dashboard ETag carries: {@code chain.seq}. */
        String lateToken() {
            return chain + "." + lateSeq;
        }

        /**
         * The steps whose flag flipped after the client's {@code token}; null when the token is of another chain (or
         * not a token): this entry cannot say what the client holds.
         */
        Set<UUID> flippedSince(String token) {
            int dot = token.lastIndexOf('.');
            if (dot <= 0 || !token.substring(0, dot).equals(chain)) {
                return null;
            }
            long seq;
            try {
                seq = Long.parseLong(token.substring(dot + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (seq > lateSeq) {
                return null;
            }
            Set<UUID> out = new HashSet<>();
            flippedAt.forEach((id, at) -> {
                if (at > seq) {
                    out.add(id);
                }
            });
            return out;
        }
    }

    private final IterationStateCache<Key, Entry> cache;
    private final Clock clock;

    IterationForecasts(Clock clock) {
        this.clock = clock;
        this.cache = new IterationStateCache<>(MAX_AGE, clock);
    }

    /**
     * The forecast of {@code it} on {@code basis}, from the cache or built from {@code state} on this connection;
     * while another request is building it, the newest one built (its {@link Entry#version()} says which).
     */
    Entry get(Connection c, IterationRow it, RunbookQueries.State state, ForecastBasis basis) throws SQLException {
        return cache.getOrPrevious(c, new Key(it.id(), basis), it.version(), state.planRevision(),
                (conn, previous) -> build(conn, it, state, basis, previous));
    }

    /** The cached forecast when it is of {@code version} and still fresh, else null. */
    Entry peek(UUID iterationId, ForecastBasis basis, long version) {
        return cache.peek(new Key(iterationId, basis), version);
    }

    /** Per canonical step, the median of its actual durations in the migration's completed iterations. */
    private static Map<UUID, Integer> learnedMinutes(Connection c, UUID migrationId) throws SQLException {
        Map<UUID, Integer> out = new HashMap<>();
        DurationHistoryDao.learnedSeconds(c, migrationId).forEach((step, seconds) -> out.put(step, DurationStatistic.MEDIAN.minutesOf(seconds)));
        return out;
    }

    private Entry build(Connection c, IterationRow it, RunbookQueries.State state, ForecastBasis basis, Entry previous)
            throws SQLException {
        Map<UUID, Integer> learned = basis == ForecastBasis.LEARNED ? learnedMinutes(c, it.migrationId()) : Map.of();
        Forecast f = Forecaster.compute(input(clock.instant(), it, state, learned));
        Set<UUID> late = new HashSet<>();
        f.steps().forEach((id, s) -> {
            if (s.lateness() != null && (s.lateness().kind() == Forecast.LatenessKind.OVERRUNNING
                    || s.lateness().kind() == Forecast.LatenessKind.LATE_START)) {
                late.add(id);
            }
        });
        RunbookViews.Forecast view = view(it.version(), basis, f, state.steps());
        if (previous == null || previous.version() > it.version()) {
            // A new chain; also for a slow reader of an older version, whose entry is never cached: its flags must not
            // be compared with the newer entry's sequence.
            String chain = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
            return new Entry(it.version(), basis, f, view, Set.copyOf(late), chain, 0, Map.of());
        }
        Set<UUID> flipped = new HashSet<>(late);
        flipped.addAll(previous.late());
        Set<UUID> both = new HashSet<>(late);
        both.retainAll(previous.late());
        flipped.removeAll(both);
        if (flipped.isEmpty()) {
            return new Entry(it.version(), basis, f, view, Set.copyOf(late), previous.chain(), previous.lateSeq(),
                    previous.flippedAt());
        }
        long seq = previous.lateSeq() + 1;
        Map<UUID, Long> flippedAt = new HashMap<>(previous.flippedAt());
        flipped.forEach(id -> flippedAt.put(id, seq));
        return new Entry(it.version(), basis, f, view, Set.copyOf(late), previous.chain(), seq, Map.copyOf(flippedAt));
    }

    /**
     * The engine's input: the state's rows in plan order, its dependencies and baseline slots, and now (also the
     * finish probability's, {@link IterationProbabilities}).
     */
    static ForecastInput input(java.time.Instant now, IterationRow it, RunbookQueries.State state, Map<UUID, Integer> learned) {
        Map<UUID, PlannedSchedule.Slot> slots = state.board().schedule();
        List<ForecastInput.StepFacts> steps = new ArrayList<>(state.steps().size());
        for (StepSummaryRow r : state.steps()) {
            PlannedSchedule.Slot slot = slots.get(r.id());
            int basisMinutes = learned.getOrDefault(r.stepId(), r.minutes());
            steps.add(new ForecastInput.StepFacts(r.id(), r.chapterId(), r.status(), r.heldFrom(), r.minutes(), basisMinutes,
                    slot == null ? null : slot.start(), slot == null ? null : slot.end(), r.readyAt(), r.startedAt(),
                    r.finishedAt()));
        }
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        state.board().predecessors().forEach((successor, preds) -> preds.forEach(p -> deps.add(new ForecastInput.Dependency(p, successor))));
        List<ForecastInput.ChapterFacts> chapters = state.board().chapters().stream()
                .map(ch -> new ForecastInput.ChapterFacts(ch.id(), ch.macroPhaseId(), ch.scheduledStart(), ch.scheduledEnd()))
                .toList();
        return new ForecastInput(now, it.plannedStart(), it.plannedEnd(), steps, deps, chapters);
    }

    private static RunbookViews.Forecast view(long version, ForecastBasis basis, Forecast f, List<StepSummaryRow> order) {
        Forecast.IterationForecast i = f.iteration();
        List<RunbookViews.ForecastStep> steps = new ArrayList<>(order.size());
        for (StepSummaryRow r : order) {
            Forecast.StepForecast s = f.steps().get(r.id());
            if (s == null) {
                continue;
            }
            Forecast.Lateness l = s.lateness();
            steps.add(new RunbookViews.ForecastStep(s.id(), s.forecastStart(), s.forecastEnd(), s.floatMinutes(), s.critical(),
                    l == null ? null : new RunbookViews.Lateness(l.kind().name(), l.minutes(), l.reason()), s.delayMinutes()));
        }
        return new RunbookViews.Forecast(version, f.computedAt(), basis.apiName(),
                new RunbookViews.ForecastIteration(i.plannedStart(), i.plannedEnd(), i.windowEnd(), i.forecastEnd(), i.varianceMinutes(),
                        i.overWindowMinutes(), i.finished()),
                groups(f.macroPhases()), groups(f.chapters()), List.copyOf(f.criticalPath()), List.copyOf(steps),
                List.copyOf(f.stepsWithoutDuration()));
    }

    private static List<RunbookViews.ForecastGroup> groups(List<Forecast.GroupForecast> groups) {
        return groups.stream().map(g -> new RunbookViews.ForecastGroup(g.id(), g.plannedStart(), g.plannedEnd(), g.forecastStart(),
                g.forecastEnd(), g.varianceMinutes(), g.critical())).toList();
    }
}
