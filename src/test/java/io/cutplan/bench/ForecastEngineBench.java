package io.cutplan.bench;

import io.cutplan.domain.forecast.Forecast;
import io.cutplan.domain.forecast.ForecastInput;
import io.cutplan.domain.forecast.Forecaster;
import java.util.Locale;

/**
 * The forecast engine in process ({@code -Dbench=forecast-engine}): {@link Forecaster#compute} on generated
 * 1,200- and 10,000-step inputs shaped like the realistic demo ({@link ForecastPlans}), half done, some running.
 * No database and no HTTP: the figure is the engine alone, from the input records to the output records (the
 * id lookup, both passes, the critical path, lateness and every output object). The two sizes are measured in
 * alternating blocks after a warm-up, so both see the same machine; the ratio of their medians says whether the
 * engine is linear (10,000 / 1,200 = 8.3 for exactly linear work).
 */
final class ForecastEngineBench {
    private static final int SMALL = 1_200;
    private static final int LARGE = 10_000;

    private ForecastEngineBench() {
    }

    static String report() {
        int rounds = Integer.getInteger("bench.forecastRounds", 20);
        ForecastPlans.Generated small = ForecastPlans.generate(SMALL, 12);
        ForecastPlans.Generated large = ForecastPlans.generate(LARGE, 12);
        long[] sink = {0};
        Samples[] plans = measure(small, large, rounds, 5, sink);
        Samples smallTimes = plans[0];
        Samples largeTimes = plans[1];
        // The worst shape for the critical path, measured the same way: one long chain.
        ForecastPlans.Generated smallChain = ForecastPlans.chain(SMALL);
        ForecastPlans.Generated largeChain = ForecastPlans.chain(LARGE);
        Samples[] chains = measure(smallChain, largeChain, rounds, 3, sink);
        Samples smallChainTimes = chains[0];
        Samples largeChainTimes = chains[1];
        Forecast fs = Forecaster.compute(small.input());
        Forecast fl = Forecaster.compute(large.input());
        Forecast fsc = Forecaster.compute(smallChain.input());
        Forecast flc = Forecaster.compute(largeChain.input());
        double ratio = (double) largeTimes.percentile(50) / smallTimes.percentile(50);
        StringBuilder sb = new StringBuilder("\n## Forecast engine (in process)\n\n");
        sb.append("| steps | dependencies | statuses | critical path | samples | median ms | p99 ms | max ms | target | verdict |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        row(sb, small, fs, smallTimes, 2.0);
        row(sb, large, fl, largeTimes, 25.0);
        row(sb, smallChain, fsc, smallChainTimes, 2.0);
        row(sb, largeChain, flc, largeChainTimes, 25.0);
        sb.append(String.format(Locale.ROOT, "%nRatio of medians 10,000 / 1,200 steps: **%.1f** (8.3 is exactly linear in steps); "
                        + "one chain: **%.1f**%s%n", ratio,
                (double) largeChainTimes.percentile(50) / smallChainTimes.percentile(50), sink[0] == 42 ? " " : ""));
        return sb.toString();
    }

    private static void row(StringBuilder sb, ForecastPlans.Generated g, Forecast f, Samples t, double targetMs) {
        double median = t.percentile(50) / 1e6;
        sb.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %d steps, end %+d min to plan | %d | %s | %s | %s | < %s ms median | %s |%n",
                g.input().steps().size(), g.dependencies(), g.statuses(), f.criticalPath().size(),
                f.iteration().varianceMinutes(), t.count(), Samples.ms(t.percentile(50)), Samples.ms(t.percentile(99)),
                Samples.ms(t.max()), targetMs, median < targetMs ? "met" : "missed"));
    }

    /** Both sizes after a warm-up, in alternating blocks so that both see the same machine. */
    private static Samples[] measure(ForecastPlans.Generated small, ForecastPlans.Generated large, int rounds, int warmSeconds,
                                     long[] sink) {
        long warmUntil = System.nanoTime() + warmSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink[0] += once(small.input(), null) + once(large.input(), null);
        }
        Samples smallTimes = new Samples();
        Samples largeTimes = new Samples();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 100; k++) {
                sink[0] += once(small.input(), smallTimes);
            }
            for (int k = 0; k < 12; k++) {
                sink[0] += once(large.input(), largeTimes);
            }
        }
        return new Samples[] {smallTimes, largeTimes};
    }

    private static long once(ForecastInput input, Samples into) {
        long t0 = System.nanoTime();
        Forecast f = Forecaster.compute(input);
        long elapsed = System.nanoTime() - t0;
        if (into != null) {
            into.add(elapsed);
        }
        return f.criticalPath().size();
    }
}
