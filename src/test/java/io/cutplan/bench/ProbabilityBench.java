package io.cutplan.bench;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.forecast.FinishProbability;
import io.cutplan.domain.forecast.ForecastInput;
import io.cutplan.domain.forecast.ForecastInput.StepFacts;
import io.cutplan.domain.forecast.Forecaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The finish probability in process ({@code -Dbench=probability}, issue 14): {@link FinishProbability#compute} with
 * 10,000 runs on a generated 1,200-step input shaped like the realistic demo ({@link ForecastPlans}), once as
 * generated (half done, some running) and once with every step still to do (the worst case: every step draws in
 * every run), each step with four observed runs (four completed rehearsals: a duration and a start delay each). One thread, so one core. The
 * figure is also given as a ratio to one deterministic forecast of the same input, and per step and run.
 */
final class ProbabilityBench {
    private static final int STEPS = 1_200;
    private static final int RUNS = 10_000;

    private ProbabilityBench() {
    }

    static String report() {
        int rounds = Integer.getInteger("bench.probabilityRounds", 15);
        ForecastPlans.Generated g = ForecastPlans.generate(STEPS, 12);
        ForecastInput mixed = g.input();
        ForecastInput untouched = allPending(mixed);
        Map<UUID, long[]> history = history(mixed, 14);
        Map<UUID, long[]> delays = delays(history, 15);
        long warmUntil = System.nanoTime() + 4_000_000_000L;
        long sink = 0;
        while (System.nanoTime() < warmUntil) {
            sink += once(untouched, history, delays, null) + once(mixed, history, delays, null);
        }
        Samples mixedTimes = new Samples();
        Samples untouchedTimes = new Samples();
        Samples forecastTimes = new Samples();
        for (int r = 0; r < rounds; r++) {
            sink += once(mixed, history, delays, mixedTimes);
            sink += once(untouched, history, delays, untouchedTimes);
            for (int k = 0; k < 20; k++) {
                long t0 = System.nanoTime();
                sink += Forecaster.compute(untouched).criticalPath().size();
                forecastTimes.add(System.nanoTime() - t0);
            }
        }
        FinishProbability.Result r = FinishProbability.compute(untouched, history, delays, RUNS, 1);
        StringBuilder sb = new StringBuilder("\n## Finish probability (Monte Carlo, in process, one thread)\n\n");
        sb.append("| input | steps drawn per run | runs | samples | median ms | max ms | ns per step and run | target | verdict |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        row(sb, "1,200 steps as generated (" + g.statuses() + ")", FinishProbability.compute(mixed, history, 1, 1).stepsWithSpread(),
                mixedTimes);
        row(sb, "1,200 steps, none started (worst case)", r.stepsWithSpread(), untouchedTimes);
        double ratio = (double) untouchedTimes.percentile(50) / forecastTimes.percentile(50);
        sb.append(String.format(Locale.ROOT, "%nOne deterministic forecast of the same input: median %s ms; 10,000 runs cost **%.0f** forecasts "
                + "(the kernel does in one run what the engine does in one pass, without building its output records)%s%n",
                Samples.ms(forecastTimes.percentile(50)), ratio, sink == 42 ? " " : ""));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, int drawn, Samples t) {
        double median = t.percentile(50) / 1e6;
        sb.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %s | %s | %.1f | < 500 ms | %s |%n", label, drawn, RUNS, t.count(),
                Samples.ms(t.percentile(50)), Samples.ms(t.max()), t.percentile(50) / (double) STEPS / RUNS,
                median < 500 ? "met" : "missed"));
    }

    private static long once(ForecastInput in, Map<UUID, long[]> history, Map<UUID, long[]> delays, Samples into) {
        long t0 = System.nanoTime();
        FinishProbability.Result r = FinishProbability.compute(in, history, delays, RUNS, 7);
        long elapsed = System.nanoTime() - t0;
        if (into != null) {
            into.add(elapsed);
        }
        return r.iteration().p80().getEpochSecond();
    }

    /** The same input with every step PENDING and no actual times. */
    private static ForecastInput allPending(ForecastInput in) {
        List<StepFacts> steps = new ArrayList<>();
        for (StepFacts s : in.steps()) {
            steps.add(new StepFacts(s.id(), s.chapterId(), StepStatus.PENDING, null, s.plannedMinutes(), s.basisMinutes(),
                    s.plannedStart(), s.plannedEnd(), null, null, null));
        }
        return new ForecastInput(in.plannedStart(), in.plannedStart(), in.windowEnd(), steps, in.dependencies(), in.chapters());
    }

    /** A start delay of 0 to 20 minutes for each observed run. */
    private static Map<UUID, long[]> delays(Map<UUID, long[]> history, long seed) {
        Random random = new Random(seed);
        Map<UUID, long[]> out = new HashMap<>();
        history.forEach((id, h) -> {
            long[] w = new long[h.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextInt(21) * 60L;
            }
            out.put(id, w);
        });
        return out;
    }

    /** Four observed durations per step around its basis (0.6x to 1.6x). */
    private static Map<UUID, long[]> history(ForecastInput in, long seed) {
        Random random = new Random(seed);
        Map<UUID, long[]> out = new HashMap<>();
        for (StepFacts s : in.steps()) {
            long[] h = new long[4];
            for (int i = 0; i < 4; i++) {
                h[i] = Math.round(Math.max(1, s.basisMinutes()) * 60 * (0.6 + random.nextDouble()));
            }
            out.put(s.id(), h);
        }
        return out;
    }
}
