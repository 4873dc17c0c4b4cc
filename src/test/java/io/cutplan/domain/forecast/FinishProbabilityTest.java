package io.cutplan.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Monte Carlo finish probability against cases whose distribution is known exactly, and its determinism.
 */
class FinishProbabilityTest {
    private static final long SEED = 42L;

    /**
     * A chain of four steps, each 10 or 20 minutes with probability 1/2 (two-point history): the end is
     * T0 + 40 + 10 * B with B ~ Binomial(4, 1/2), so P(end <= T0+40..80) = 1/16, 5/16, 11/16, 15/16, 1. Nearest-rank
     * percentiles: P50 = T0+60, P80 = T0+70, P95 = T0+80; with the window at T0+60 the probability is 11/16.
     */
    @Test
    void aChainOfTwoPointStepsMatchesTheBinomialDistribution() {
        Plan plan = new Plan().step("A", 15).step("B", 15).step("C", 15).step("D", 15).chain("A", "B", "C", "D").windowEnd(60);
        Map<UUID, long[]> samples = new HashMap<>();
        for (String s : new String[] {"A", "B", "C", "D"}) {
            samples.put(plan.id(s), new long[] {600, 1200});
        }
        FinishProbability.Result r = FinishProbability.compute(plan.input(), samples, 10_000, SEED);
        assertThat(r.iteration().p50()).isEqualTo(Plan.at(60));
        assertThat(r.iteration().p80()).isEqualTo(Plan.at(70));
        assertThat(r.iteration().p95()).isEqualTo(Plan.at(80));
        // Standard error of a share near 0.69 over 10,000 runs is 0.0046: four of them.
        assertThat(r.probabilityInWindow()).isCloseTo(11 / 16.0, within(0.02));
        assertThat(r.stepsWithSpread()).isEqualTo(4);
        assertThat(r.chapters()).singleElement().satisfies(c -> assertThat(c.ends()).isEqualTo(r.iteration()));
    }

    /**
     * Uneven history: A took 10, 10 and 40 minutes (40 with probability 1/3), B always 30 (no spread). End = T0+40
     * with probability 2/3, T0+70 otherwise: P50 = T0+40, P80 = P95 = T0+70; window T0+40 gives 2/3.
     */
    @Test
    void anUnevenHistoryDrawsEachObservedDurationEquallyOften() {
        Plan plan = new Plan().step("A", 25).step("B", 30).chain("A", "B").windowEnd(40);
        FinishProbability.Result r = FinishProbability.compute(plan.input(), Map.of(plan.id("A"), new long[] {600, 600, 2400}),
                10_000, SEED);
        assertThat(r.iteration().p50()).isEqualTo(Plan.at(40));
        assertThat(r.iteration().p80()).isEqualTo(Plan.at(70));
        assertThat(r.iteration().p95()).isEqualTo(Plan.at(70));
        assertThat(r.probabilityInWindow()).isCloseTo(2 / 3.0, within(0.02));
        assertThat(r.stepsWithSpread()).isEqualTo(1);
    }

    /** Two parallel branches into a join: the end is the later of the two sums, P(both short) = 1/4. */
    @Test
    void parallelBranchesTakeTheLaterEnd() {
        Plan plan = new Plan().step("A", 10).step("B", 10).step("J", 0).dep("A", "J").dep("B", "J").windowEnd(10);
        Map<UUID, long[]> samples = Map.of(plan.id("A"), new long[] {600, 1200}, plan.id("B"), new long[] {600, 1200});
        FinishProbability.Result r = FinishProbability.compute(plan.input(), samples, 10_000, SEED);
        assertThat(r.probabilityInWindow()).isCloseTo(0.25, within(0.02));
        assertThat(r.iteration().p50()).isEqualTo(Plan.at(20));
    }

    /**
     * Start delays drawn with the duration of the same past run: A always takes 10 but was started 0, 0 or 30 minutes
     * after it could be; B (no history) takes 30. End = +40 with probability 2/3, +70 otherwise.
     */
    @Test
    void aPastRunsStartDelayIsAddedBeforeTheStep() {
        Plan plan = new Plan().step("A", 10).step("B", 30).chain("A", "B").windowEnd(40);
        FinishProbability.Result r = FinishProbability.compute(plan.input(), Map.of(plan.id("A"), new long[] {600, 600, 600}),
                Map.of(plan.id("A"), new long[] {0, 0, 1800}), 10_000, SEED);
        assertThat(r.iteration().p50()).isEqualTo(Plan.at(40));
        assertThat(r.iteration().p80()).isEqualTo(Plan.at(70));
        assertThat(r.probabilityInWindow()).isCloseTo(2 / 3.0, within(0.02));
        assertThat(r.stepsWithSpread()).as("the delays vary").isEqualTo(1);
    }

    /** A delay counts from when the step could start, so the part of it already waited is not waited again. */
    @Test
    void aDelayRunsFromReadinessNotFromNow() {
        for (long[] c : new long[][] {{20, 40}, {5, 40}, {40, 60}}) {
            Plan plan = new Plan().step("A", 10).step("B", 10).chain("A", "B").done("A", 0, 10).now(30);
            FinishProbability.Result r = FinishProbability.compute(plan.input(), Map.of(plan.id("B"), new long[] {600}),
                    Map.of(plan.id("B"), new long[] {c[0] * 60}), 100, SEED);
            assertThat(r.iteration().p95()).as("delay %d", c[0]).isEqualTo(Plan.at(c[1]));
        }
    }

    @Test
    void finishedStepsKeepTheirActualTimesAndARunningStepNeverEndsBeforeNow() {
        Plan plan = new Plan().step("A", 30).step("B", 30).chain("A", "B").done("A", 0, 45).running("B", 45).now(100).windowEnd(120);
        // B's history is shorter than it has already run: it ends now in every run.
        FinishProbability.Result r = FinishProbability.compute(plan.input(), Map.of(plan.id("A"), new long[] {60, 6000},
                plan.id("B"), new long[] {600, 1200}), 1000, SEED);
        assertThat(r.iteration().p50()).isEqualTo(Plan.at(100));
        assertThat(r.iteration().p95()).isEqualTo(Plan.at(100));
        assertThat(r.probabilityInWindow()).isEqualTo(1.0);
    }

    @Test
    void theSameSeedGivesTheSameAnswerAndAnotherSeedStillAgreesWithinError() {
        Plan plan = new Plan();
        Map<UUID, long[]> samples = new HashMap<>();
        String previous = null;
        for (int i = 0; i < 40; i++) {
            String name = "S" + i;
            plan.step(name, 20);
            samples.put(plan.id(name), new long[] {600 + 60L * (i % 7), 1200, 1800 + 30L * i});
            if (previous != null) {
                plan.dep(previous, name);
            }
            previous = name;
        }
        plan.windowEnd(40 * 25);
        ForecastInput in = plan.input();
        FinishProbability.Result a = FinishProbability.compute(in, samples, 5000, 7);
        FinishProbability.Result b = FinishProbability.compute(in, samples, 5000, 7);
        FinishProbability.Result c = FinishProbability.compute(in, samples, 5000, 8);
        assertThat(b).isEqualTo(a);
        assertThat(Duration.between(a.iteration().p50(), c.iteration().p50()).abs()).isLessThan(Duration.ofMinutes(15));
        assertThat(c.probabilityInWindow()).isCloseTo(a.probabilityInWindow(), within(0.05));
    }

    @Test
    void nearestRankPercentiles() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(FinishProbability.rank(sorted, 0.5)).isEqualTo(5);
        assertThat(FinishProbability.rank(sorted, 0.8)).isEqualTo(8);
        assertThat(FinishProbability.rank(sorted, 0.95)).isEqualTo(10);
        assertThat(FinishProbability.rank(new long[] {9}, 0.95)).isEqualTo(9);
    }

    @Test
    void anEmptyIterationEndsAtItsStart() {
        FinishProbability.Result r = FinishProbability.compute(new Plan().input(), Map.of(), 10, SEED);
        assertThat(r.iteration().p95()).isEqualTo(Plan.T0);
        assertThat(r.probabilityInWindow()).isEqualTo(1.0);
    }
}
