package io.cutplan.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.forecast.ForecastInput.StepFacts;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The finish probability's promises on random plans with a consistent history ({@link RandomPlans}). */
class FinishProbabilityProperties {

    @Provide
    Arbitrary<RandomPlans.Scenario> plans() {
        return RandomPlans.scenarios();
    }

    /** Random histories of 1 to 4 durations per step, some steps without any. */
    private static Map<UUID, long[]> histories(ForecastInput in, long seed) {
        Random random = new Random(seed);
        Map<UUID, long[]> out = new HashMap<>();
        for (StepFacts s : in.steps()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            long[] h = new long[1 + random.nextInt(4)];
            for (int i = 0; i < h.length; i++) {
                h[i] = random.nextInt(180) * 60L + random.nextInt(60);
            }
            out.put(s.id(), h);
        }
        return out;
    }

    @Property(tries = 300)
    void percentilesAreOrderedAndTheProbabilityIsAShare(@ForAll("plans") RandomPlans.Scenario sc, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        ForecastInput in = RandomPlans.build(sc).input();
        FinishProbability.Result r = FinishProbability.compute(in, histories(in, seed), 300, seed);
        assertThat(r.iteration().p50()).isBeforeOrEqualTo(r.iteration().p80());
        assertThat(r.iteration().p80()).isBeforeOrEqualTo(r.iteration().p95());
        assertThat(r.probabilityInWindow()).isBetween(0.0, 1.0);
        for (FinishProbability.ChapterQuantiles c : r.chapters()) {
            if (c.ends() != null) {
                assertThat(c.ends().p50()).isBeforeOrEqualTo(c.ends().p80());
                assertThat(c.ends().p80()).isBeforeOrEqualTo(c.ends().p95());
                // Each run's chapter end is never after that run's iteration end, so neither is any of its percentiles.
                assertThat(c.ends().p95()).isBeforeOrEqualTo(r.iteration().p95());
                assertThat(c.ends().p50()).isBeforeOrEqualTo(r.iteration().p50());
            }
        }
        // Whether the deterministic end is inside the window or not, the share agrees at the extremes.
        if (!r.iteration().p50().isAfter(in.windowEnd())) {
            assertThat(r.probabilityInWindow()).isGreaterThanOrEqualTo(0.5);
        } else {
            assertThat(r.probabilityInWindow()).isLessThan(0.5);
        }
    }

    /** Without spread (no history: the basis duration in every run) every percentile is the forecast's end. */
    @Property(tries = 300)
    void withoutSpreadEveryPercentileIsTheDeterministicForecastEnd(@ForAll("plans") RandomPlans.Scenario sc) {
        ForecastInput in = RandomPlans.build(sc).input();
        Forecast f = Forecaster.compute(in);
        FinishProbability.Result r = FinishProbability.compute(in, Map.of(), 20, 1);
        assertThat(r.iteration().p50()).isEqualTo(f.iteration().forecastEnd());
        assertThat(r.iteration().p80()).isEqualTo(f.iteration().forecastEnd());
        assertThat(r.iteration().p95()).isEqualTo(f.iteration().forecastEnd());
        assertThat(r.probabilityInWindow()).isEqualTo(f.iteration().forecastEnd().isAfter(in.windowEnd()) ? 0.0 : 1.0);
        for (int c = 0; c < r.chapters().size(); c++) {
            FinishProbability.ChapterQuantiles q = r.chapters().get(c);
            if (q.ends() != null) {
                assertThat(q.ends().p80()).as("chapter %d", c).isEqualTo(f.chapters().get(c).forecastEnd());
            }
        }
    }

    /** Same seed and samples, so the same draws: adding start delays can only move every end later. */
    @Property(tries = 200)
    void startDelaysNeverBringAnEndForward(@ForAll("plans") RandomPlans.Scenario sc, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        ForecastInput in = RandomPlans.build(sc).input();
        Map<UUID, long[]> durations = histories(in, seed);
        Map<UUID, long[]> delays = new HashMap<>();
        Random random = new Random(seed + 1);
        durations.forEach((id, d) -> {
            long[] w = new long[d.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextInt(90) * 60L;
            }
            delays.put(id, w);
        });
        FinishProbability.Result without = FinishProbability.compute(in, durations, 200, seed);
        FinishProbability.Result with = FinishProbability.compute(in, durations, delays, 200, seed);
        assertThat(with.iteration().p50()).isAfterOrEqualTo(without.iteration().p50());
        assertThat(with.iteration().p95()).isAfterOrEqualTo(without.iteration().p95());
        assertThat(with.probabilityInWindow()).isLessThanOrEqualTo(without.probabilityInWindow());
    }

    /** A single observed duration per step equal to its basis is no spread either. */
    @Property(tries = 200)
    void aOneSampleHistoryEqualToTheBasisChangesNothing(@ForAll("plans") RandomPlans.Scenario sc) {
        ForecastInput in = RandomPlans.build(sc).input();
        Map<UUID, long[]> same = new HashMap<>();
        in.steps().forEach(s -> same.put(s.id(), new long[] {Math.max(0, s.basisMinutes()) * 60L}));
        FinishProbability.Result r = FinishProbability.compute(in, same, 10, 3);
        assertThat(r.iteration().p95()).isEqualTo(Forecaster.compute(in).iteration().forecastEnd());
        assertThat(r.stepsWithSpread()).isZero();
    }
}
