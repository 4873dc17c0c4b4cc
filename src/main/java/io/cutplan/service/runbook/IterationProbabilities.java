package io.cutplan.service.runbook;

import io.cutplan.domain.forecast.FinishProbability;
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

/**
 * The finish probability of each iteration, shared by every caller of this node like the forecast
 * ({@link IterationForecasts}): built from the iteration's cached per-version state plus one read of the migration's
 * duration history, rebuilt when the change version or plan revision moves and at most every {@link #MAX_AGE}
 * otherwise (a running step overruns with the clock), single-flight.
 */
final class IterationProbabilities {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** The one seed of the API's answer: every node and every poll compute the same figures for the same state. */
    static final long SEED = 0x5EED_C0DE_2026L;

    private final IterationStateCache<UUID, RunbookViews.Probability> cache;
    private final Clock clock;

    IterationProbabilities(Clock clock) {
        this.clock = clock;
        this.cache = new IterationStateCache<>(MAX_AGE, clock);
    }

    RunbookViews.Probability get(Connection c, IterationRow it, RunbookQueries.State state) throws SQLException {
        return cache.get(c, it.id(), it.version(), state.planRevision(), (conn, previous) -> build(conn, it, state));
    }

    private RunbookViews.Probability build(Connection c, IterationRow it, RunbookQueries.State state) throws SQLException {
        Instant now = clock.instant();
        ForecastInput input = IterationForecasts.input(now, it, state, Map.of());
        Map<UUID, List<Long>> learned = DurationHistoryDao.learnedSeconds(c, it.migrationId());
        Map<UUID, long[]> samples = new HashMap<>();
        int withHistory = 0;
        for (StepSummaryRow r : state.steps()) {
            List<Long> s = learned.get(r.stepId());
            if (s != null && !s.isEmpty()) {
                samples.put(r.id(), s.stream().mapToLong(Long::longValue).toArray());
                withHistory++;
            }
        }
        FinishProbability.Result p = FinishProbability.compute(input, samples, FinishProbability.DEFAULT_RUNS, SEED);
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
