package io.cutplan.service.runbook;

import io.cutplan.domain.forecast.FinishProbability;
import io.cutplan.domain.history.DurationHistory;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finish probability of each iteration, shared by every caller of this node like the forecast
 * ({@link IterationForecasts}): built from the iteration's cached per-version state plus one read of the migration's
 * duration history. Rebuilt when the change version or plan revision moves, and at least every {@link #MAX_AGE}
 * (a running step overruns with the clock); builds are single-flight per iteration.
 *
 * <p><b>Throttle.</b> A Monte Carlo run costs about a hundred forecasts, and a busy cutover moves its version several
 * times a second: an entry younger than {@link #MIN_INTERVAL} is served even when the version moved (it says which
 * version it was computed from), so one iteration costs at most one computation per {@code MIN_INTERVAL} however
 * many viewers poll and however fast it changes. A clock set back (a test) always rebuilds.
 */
final class IterationProbabilities {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(15);
    /** The one seed of the API's answer: every node and every poll compute the same figures for the same state. */
    static final long SEED = 0x5EED_C0DE_2026L;

    private record Entry(long version, long planRevision, Instant builtAt, RunbookViews.Probability value) {
    }

    private final Map<UUID, Entry> latest = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    IterationProbabilities(Clock clock) {
        this.clock = clock;
    }

    RunbookViews.Probability get(Connection c, IterationRow it, RunbookQueries.State state) throws SQLException {
        Entry e = latest.get(it.id());
        if (usable(e, it.version(), state.planRevision())) {
            return e.value();
        }
        synchronized (locks.computeIfAbsent(it.id(), k -> new Object())) {
            e = latest.get(it.id());
            if (usable(e, it.version(), state.planRevision())) {
                return e.value();
            }
            RunbookViews.Probability built = build(c, it, state);
            if (e == null || e.version() <= it.version()) {
                if (latest.size() >= IterationStateCache.MAX_ITERATIONS && !latest.containsKey(it.id())) {
                    latest.clear();
                    locks.clear();
                }
                latest.put(it.id(), new Entry(it.version(), state.planRevision(), built.computedAt(), built));
            }
            return built;
        }
    }

    private boolean usable(Entry e, long version, long planRevision) {
        if (e == null) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(e.builtAt())) {
            return false;
        }
        Duration age = Duration.between(e.builtAt(), now);
        boolean same = e.version() == version && e.planRevision() == planRevision;
        return age.compareTo(same ? MAX_AGE : MIN_INTERVAL) < 0 && e.version() <= version;
    }

    private RunbookViews.Probability build(Connection c, IterationRow it, RunbookQueries.State state) throws SQLException {
        Instant now = clock.instant();
        ForecastInput input = IterationForecasts.input(now, it, state, Map.of());
        // Each past run of a step gives its start delay and its duration, drawn together (the one history reader).
        Map<UUID, List<long[]>> learned = DurationHistory.runs(DurationHistoryDao.completedRuns(c, it.migrationId()));
        Map<UUID, long[]> samples = new HashMap<>();
        Map<UUID, long[]> delays = new HashMap<>();
        int withHistory = 0;
        for (StepSummaryRow r : state.steps()) {
            List<long[]> runs = learned.get(r.stepId());
            if (runs != null && !runs.isEmpty()) {
                long[] d = new long[runs.size()];
                long[] w = new long[runs.size()];
                for (int i = 0; i < d.length; i++) {
                    w[i] = runs.get(i)[0];
                    d[i] = runs.get(i)[1];
                }
                samples.put(r.id(), d);
                delays.put(r.id(), w);
                withHistory++;
            }
        }
        FinishProbability.Result p = FinishProbability.compute(input, samples, delays, FinishProbability.DEFAULT_RUNS, SEED);
        Forecast deterministic = Forecaster.compute(input);
        Map<UUID, Forecast.GroupForecast> planned = new HashMap<>();
        deterministic.chapters().forEach(g -> planned.put(g.id(), g));
        List<RunbookViews.ChapterProbability> chapters = new ArrayList<>();
        for (FinishProbability.ChapterQuantiles q : p.chapters()) {
            if (q.ends() == null) {
                continue;
            }
            Forecast.GroupForecast g = planned.get(q.id());
            chapters.add(new RunbookViews.ChapterProbability(q.id(), g == null ? null : g.plannedEnd(),
                    g == null ? null : g.forecastEnd(), q.ends().p50(), q.ends().p80(), q.ends().p95()));
        }
        Forecast.IterationForecast i = deterministic.iteration();
        return new RunbookViews.Probability(it.id(), it.version(), now, p.runs(), p.seed(), FinishProbability.SAMPLING_RULE,
                i.plannedEnd(), i.windowEnd(), i.forecastEnd(), p.iteration().p50(), p.iteration().p80(), p.iteration().p95(),
                p.probabilityInWindow(), (int) Math.round(p.probabilityInWindow() * 100), withHistory, p.stepsWithSpread(),
                i.finished(), List.copyOf(chapters));
    }
}
