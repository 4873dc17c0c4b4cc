package io.cutplan.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.StepTransitions;
import io.cutplan.domain.forecast.Forecast.LatenessKind;
import io.cutplan.domain.forecast.Forecast.StepForecast;
import io.cutplan.domain.forecast.ForecastInput.StepFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine's promises, checked on random plans with a consistent history ({@link RandomPlans}). */
class ForecasterProperties {

    @Provide
    Arbitrary<RandomPlans.Scenario> plans() {
        return RandomPlans.scenarios();
    }

    @Property(tries = 400)
    void everyUnfinishedStepStartsNoEarlierThanItsPredecessorsEnd(@ForAll("plans") RandomPlans.Scenario sc) {
        RandomPlans.Built b = RandomPlans.build(sc);
        Forecast f = Forecaster.compute(b.input());
        for (StepFacts s : b.input().steps()) {
            if (StepTransitions.isTerminal(s.status())) {
                continue;
            }
            StepForecast step = f.steps().get(s.id());
            for (UUID p : feeding(b, s.id())) {
                assertThat(step.forecastStart()).as("%s after %s", s.id(), p)
                        .isAfterOrEqualTo(f.steps().get(p).forecastEnd());
            }
            assertThat(step.forecastEnd()).isAfterOrEqualTo(step.forecastStart());
            if (s.status() != StepStatus.IN_PROGRESS) {
                assertThat(step.forecastStart()).isAfterOrEqualTo(b.input().now()).isAfterOrEqualTo(Plan.T0);
                Instant chapterStart = b.input().chapters().stream().filter(c -> c.id().equals(s.chapterId()))
                        .findFirst().orElseThrow().scheduledStart();
                if (chapterStart != null) {
                    assertThat(step.forecastStart()).isAfterOrEqualTo(chapterStart);
                }
                assertThat(step.forecastEnd()).isEqualTo(step.forecastStart().plus(Duration.ofMinutes(s.basisMinutes())));
            } else {
                assertThat(step.forecastEnd()).isAfterOrEqualTo(b.input().now());
            }
        }
    }

    @Property(tries = 400)
    void theCriticalPathIsADependencyChainOfZeroFloatEndingAtTheForecastEnd(@ForAll("plans") RandomPlans.Scenario sc) {
        RandomPlans.Built b = RandomPlans.build(sc);
        Forecast f = Forecaster.compute(b.input());
        List<UUID> path = f.criticalPath();
        assertThat(path.isEmpty()).isEqualTo(f.iteration().finished());
        if (path.isEmpty()) {
            assertThat(f.steps().values()).noneMatch(StepForecast::critical);
            return;
        }
        for (int k = 1; k < path.size(); k++) {
            assertThat(b.predecessors().get(path.get(k))).as("a dependency").contains(path.get(k - 1));
        }
        for (UUID id : path) {
            StepStatus status = b.status().get(id);
            if (StepTransitions.isTerminal(status)) {
                assertThat(status).as("only skipped or cancelled steps pass timing on").isNotEqualTo(StepStatus.DONE);
            } else {
                assertThat(f.steps().get(id).floatMinutes()).isZero();
            }
        }
        UUID last = path.get(path.size() - 1);
        assertThat(b.status().get(last)).matches(s -> !StepTransitions.isTerminal(s));
        assertThat(f.steps().get(last).forecastEnd()).isEqualTo(f.iteration().forecastEnd());
        Set<UUID> onPath = new HashSet<>(path);
        assertThat(f.steps().values()).allSatisfy(s -> assertThat(s.critical()).isEqualTo(onPath.contains(s.id())));
    }

    @Property(tries = 400)
    void floatIsNeverNegativeAndNullOnlyForFinishedSteps(@ForAll("plans") RandomPlans.Scenario sc) {
        RandomPlans.Built b = RandomPlans.build(sc);
        Forecast f = Forecaster.compute(b.input());
        for (StepFacts s : b.input().steps()) {
            Long fl = f.steps().get(s.id()).floatMinutes();
            if (StepTransitions.isTerminal(s.status())) {
                assertThat(fl).isNull();
            } else {
                assertThat(fl).isNotNull().isGreaterThanOrEqualTo(0L);
            }
        }
    }

    /**
     * Float means what it says: a waiting step that takes {@code delta} minutes longer moves the forecast end by
     * exactly {@code max(0, delta - float)}.
     */
    @Property(tries = 300)
    void slippingAStepByItsFloatKeepsTheEndAndEveryMinuteMoreMovesIt(@ForAll("plans") RandomPlans.Scenario sc) {
        RandomPlans.Built b = RandomPlans.build(sc);
        Forecast f = Forecaster.compute(b.input());
        Random random = new Random(sc.hashCode());
        List<StepFacts> waiting = b.input().steps().stream()
                .filter(s -> !StepTransitions.isTerminal(s.status()) && s.status() != StepStatus.IN_PROGRESS).toList();
        if (waiting.isEmpty()) {
            return;
        }
        StepFacts chosen = waiting.get(random.nextInt(waiting.size()));
        long fl = f.steps().get(chosen.id()).floatMinutes();
        for (long delta : new long[] {fl, fl + 1, fl + 1 + random.nextInt(30)}) {
            Forecast slipped = Forecaster.compute(withBasis(b.input(), chosen.id(), chosen.basisMinutes() + (int) delta));
            assertThat(slipped.iteration().forecastEnd()).as("delta %d, float %d", delta, fl)
                    .isEqualTo(f.iteration().forecastEnd().plus(Duration.ofMinutes(Math.max(0, delta - fl))));
        }
    }

    @Property(tries = 400)
    void delaysAreNonNegativeOnlyOnThePathAndAddUpToTheVariance(@ForAll("plans") RandomPlans.Scenario sc) {
        Forecast f = Forecaster.compute(RandomPlans.build(sc).input());
        Set<UUID> onPath = new HashSet<>(f.criticalPath());
        long sum = 0;
        for (StepForecast s : f.steps().values()) {
            assertThat(s.delayMinutes()).isGreaterThanOrEqualTo(0);
            if (!onPath.contains(s.id())) {
                assertThat(s.delayMinutes()).isZero();
            }
            sum += s.delayMinutes();
        }
        long expected = onPath.isEmpty() ? 0 : Math.max(0, f.iteration().varianceMinutes());
        assertThat(sum).isEqualTo(expected);
    }

    /** The acceptance on lateness, on any plan: late now means needs attention now. */
    @Property(tries = 400)
    void latenessMeansAttentionNow(@ForAll("plans") RandomPlans.Scenario sc) {
        RandomPlans.Built b = RandomPlans.build(sc);
        Forecast f = Forecaster.compute(b.input());
        Instant now = b.input().now();
        for (StepFacts s : b.input().steps()) {
            StepForecast step = f.steps().get(s.id());
            Forecast.Lateness late = step.lateness();
            int planned = s.plannedMinutes() == null ? 0 : s.plannedMinutes();
            switch (s.status()) {
                case PENDING, READY -> {
                    if (late != null) {
                        assertThat(late.kind()).isEqualTo(LatenessKind.LATE_START);
                        assertThat(step.forecastStart()).isAfter(s.plannedStart());
                        assertThat(late.minutes())
                                .isEqualTo(Duration.between(s.plannedStart(), step.forecastStart()).toMinutes());
                    } else {
                        assertThat(Duration.between(s.plannedStart(), step.forecastStart()).toMinutes()).isLessThan(1);
                    }
                }
                case IN_PROGRESS -> {
                    long over = Duration.between(s.startedAt().plus(Duration.ofMinutes(planned)), now).toMinutes();
                    if (over >= 1) {
                        assertThat(late).isNotNull();
                        assertThat(late.kind()).isEqualTo(LatenessKind.OVERRUNNING);
                        assertThat(late.minutes()).isEqualTo(over);
                    } else {
                        assertThat(late).isNull();
                    }
                }
                case SKIPPED, CANCELLED -> assertThat(late).isNull();
                case DONE -> assertThat(late == null || late.kind() == LatenessKind.LATE_FINISH).isTrue();
                default -> assertThat(late == null || late.kind() != LatenessKind.LATE_FINISH).isTrue();
            }
            if (late != null) {
                assertThat(late.minutes()).isGreaterThanOrEqualTo(1);
                assertThat(late.reason()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    @Property(tries = 200)
    void theOrderDependenciesAreListedInChangesNothing(@ForAll("plans") RandomPlans.Scenario sc) {
        ForecastInput in = RandomPlans.build(sc).input();
        List<ForecastInput.Dependency> shuffled = new ArrayList<>(in.dependencies());
        Collections.shuffle(shuffled, new Random(sc.hashCode()));
        ForecastInput other = new ForecastInput(in.now(), in.plannedStart(), in.windowEnd(), in.steps(), shuffled,
                in.chapters());
        assertThat(Forecaster.compute(other)).isEqualTo(Forecaster.compute(in));
    }

    /** The predecessors whose end a step waits for: direct ones, and through skipped or cancelled ones theirs. */
    private static Set<UUID> feeding(RandomPlans.Built b, UUID step) {
        Set<UUID> out = new HashSet<>();
        List<UUID> todo = new ArrayList<>(b.predecessors().get(step));
        while (!todo.isEmpty()) {
            UUID p = todo.remove(todo.size() - 1);
            if (out.add(p)) {
                StepStatus st = b.status().get(p);
                if (st == StepStatus.SKIPPED || st == StepStatus.CANCELLED) {
                    todo.addAll(b.predecessors().get(p));
                }
            }
        }
        return out;
    }

    static ForecastInput withBasis(ForecastInput in, UUID id, int basisMinutes) {
        List<StepFacts> steps = new ArrayList<>(in.steps());
        for (int i = 0; i < steps.size(); i++) {
            StepFacts s = steps.get(i);
            if (s.id().equals(id)) {
                steps.set(i, new StepFacts(s.id(), s.chapterId(), s.status(), s.heldFrom(), s.plannedMinutes(),
                        basisMinutes, s.plannedStart(), s.plannedEnd(), s.readyAt(), s.startedAt(), s.finishedAt()));
            }
        }
        return new ForecastInput(in.now(), in.plannedStart(), in.windowEnd(), steps, in.dependencies(), in.chapters());
    }
}
