package io.cutplan.domain.forecast;

import static io.cutplan.domain.forecast.Plan.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.forecast.Forecast.LatenessKind;
import io.cutplan.domain.forecast.Forecast.StepForecast;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hand-computable plans: every expected time below is worked out in the comment beside it. */
class ForecasterTest {

    private static StepForecast step(Plan plan, Forecast f, String name) {
        return f.steps().get(plan.id(name));
    }

    // ------------------------------------------------------------------ the acceptance plan

    private static Plan acceptancePlan() {
        // A 30 -> B 60 -> C 30, and A -> D 10 -> C.
        return new Plan().step("A", 30).step("B", 60).step("C", 30).step("D", 10)
                .chain("A", "B", "C").chain("A", "D", "C");
    }

    @Test
    void acceptancePlanStartedNow() {
        Plan plan = acceptancePlan().ready("A", 0).now(0);
        Forecast f = plan.forecast();
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "B", "C");
        assertThat(step(plan, f, "D").floatMinutes()).isEqualTo(50L); // D 30..40, C needs it by 90
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(120)); // 30 + 60 + 30
        assertThat(f.iteration().varianceMinutes()).isZero();
        for (String s : List.of("A", "B", "C")) {
            assertThat(step(plan, f, s).floatMinutes()).as(s).isZero();
            assertThat(step(plan, f, s).critical()).as(s).isTrue();
            assertThat(step(plan, f, s).delayMinutes()).as(s).isZero();
        }
        assertThat(step(plan, f, "D").critical()).isFalse();
        assertThat(f.steps().values()).allSatisfy(s -> assertThat(s.lateness()).isNull());
    }

    @Test
    void acceptancePlanAfterAFinishesTwentyMinutesLate() {
        Forecast before = acceptancePlan().ready("A", 0).now(0).forecast();
        Plan plan = acceptancePlan().done("A", 0, 50).now(50);
        Forecast after = plan.forecast();
        assertThat(after.iteration().forecastEnd())
                .isEqualTo(before.iteration().forecastEnd().plusSeconds(20 * 60)); // B 50..110, C 110..140
        assertThat(after.iteration().varianceMinutes()).isEqualTo(20);
        assertThat(plan.names(after.criticalPath())).containsExactly("B", "C");
        assertThat(step(plan, after, "D").floatMinutes()).isEqualTo(50L);
        assertThat(step(plan, after, "A").lateness().kind()).isEqualTo(LatenessKind.LATE_FINISH);
        assertThat(step(plan, after, "A").lateness().minutes()).isEqualTo(20);
        assertThat(step(plan, after, "A").floatMinutes()).isNull();
        // B inherits A's 20 minutes: the first step of the chain carries what finished work left behind.
        assertThat(step(plan, after, "B").delayMinutes()).isEqualTo(20);
        assertThat(step(plan, after, "C").delayMinutes()).isZero();
        // B is expected to start at 50, 20 min after its planned 30: a late start that needs attention now.
        assertThat(step(plan, after, "B").lateness().kind()).isEqualTo(LatenessKind.LATE_START);
    }

    // ------------------------------------------------------------------ graph shapes

    @Test
    void aChainRunsEndToEnd() {
        Plan plan = new Plan().step("A", 15).step("B", 25).step("C", 5).chain("A", "B", "C");
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(15));
        assertThat(step(plan, f, "C").forecastEnd()).isEqualTo(at(45));
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "B", "C");
    }

    @Test
    void aJoinWaitsForItsLatestPredecessor() {
        Plan plan = new Plan().step("A", 30).step("B", 50).step("C", 10).dep("A", "C").dep("B", "C");
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(50));
        assertThat(step(plan, f, "A").floatMinutes()).isEqualTo(20L);
        assertThat(plan.names(f.criticalPath())).containsExactly("B", "C");
    }

    @Test
    void aForkEndsWithItsLongestBranch() {
        Plan plan = new Plan().step("A", 10).step("B", 20).step("C", 40).dep("A", "B").dep("A", "C");
        Forecast f = plan.forecast();
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(50));
        assertThat(step(plan, f, "B").floatMinutes()).isEqualTo(20L);
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "C");
    }

    @Test
    void tiedPredecessorsGoToTheFirstInPlanOrder() {
        // Y is listed before X; both end at 30.
        Plan plan = new Plan().step("Y", 30).step("X", 30).step("Z", 5).dep("X", "Z").dep("Y", "Z");
        Forecast f = plan.forecast();
        assertThat(plan.names(f.criticalPath())).containsExactly("Y", "Z");
        assertThat(step(plan, f, "X").floatMinutes()).isZero(); // a parallel zero-float branch...
        assertThat(step(plan, f, "X").critical()).isFalse(); // ...is not flagged
    }

    @Test
    void ofStepsEndingTogetherTheChainEndsAtTheLastInTopologicalOrder() {
        // B has no duration, so A and B both end at 20; the chain runs to B.
        Plan plan = new Plan().step("A", 20).step("B", 0).chain("A", "B");
        assertThat(plan.names(plan.forecast().criticalPath())).containsExactly("A", "B");
    }

    @Test
    void aChapterScheduledStartHoldsItsStepsBackAndBoundsFloat() {
        Plan plan = new Plan().chapter("late", Plan.PHASE, 60, 90)
                .step("A", 10).step("B", 10, "late").step("Free", 5, "late").dep("A", "B");
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(60));
        assertThat(step(plan, f, "Free").forecastStart()).isEqualTo(at(60));
        assertThat(step(plan, f, "A").floatMinutes()).isEqualTo(50L); // may end as late as 60 without moving B
        // B's start is decided by its chapter, not by A: the chain starts at B.
        assertThat(plan.names(f.criticalPath())).containsExactly("B");
        assertThat(step(plan, f, "B").floatMinutes()).isZero();
        var chapter = f.chapters().stream().filter(c -> c.id().equals(plan.id("late"))).findFirst().orElseThrow();
        assertThat(chapter.plannedStart()).isEqualTo(at(60));
        assertThat(chapter.plannedEnd()).isEqualTo(at(90)); // the scheduled end, not the steps' baseline 70
        assertThat(chapter.forecastEnd()).isEqualTo(at(70));
        assertThat(chapter.varianceMinutes()).isEqualTo(-20);
        assertThat(chapter.critical()).isTrue();
        var other = f.chapters().get(0);
        assertThat(other.critical()).isFalse();
        assertThat(other.plannedEnd()).isEqualTo(at(10)); // no schedule: its steps' latest baseline end
    }

    @Test
    void nothingStartsBeforeTheIterationsPlannedStart() {
        Plan plan = new Plan().step("A", 10).now(-30);
        assertThat(plan.forecast().steps().get(plan.id("A")).forecastStart()).isEqualTo(at(0));
    }

    @Test
    void aStepWhosePredecessorsFinishedLongAgoStartsNow() {
        Plan plan = new Plan().step("A", 10).step("B", 10).chain("A", "B").done("A", 0, 10).ready("B", 10).now(25);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(25));
        assertThat(step(plan, f, "B").lateness().kind()).isEqualTo(LatenessKind.LATE_START);
        assertThat(step(plan, f, "B").lateness().minutes()).isEqualTo(15);
        assertThat(step(plan, f, "B").lateness().reason()).isEqualTo("ready but not started, 15 min after its planned start");
        assertThat(plan.names(f.criticalPath())).containsExactly("B");
        assertThat(step(plan, f, "B").delayMinutes()).isEqualTo(15);
    }

    // ------------------------------------------------------------------ statuses

    @Test
    void aRunningStepEndsAfterItsDurationOrNowWhenOverrunning() {
        Plan onTime = new Plan().step("A", 30).step("B", 10).chain("A", "B").running("A", 0).now(10);
        Forecast f = onTime.forecast();
        assertThat(step(onTime, f, "A").forecastEnd()).isEqualTo(at(30));
        assertThat(step(onTime, f, "A").lateness()).isNull();

        Plan overrun = new Plan().step("A", 30).step("B", 10).chain("A", "B").running("A", 0).now(45);
        Forecast o = overrun.forecast();
        StepForecast a = step(overrun, o, "A");
        assertThat(a.forecastStart()).isEqualTo(at(0));
        assertThat(a.forecastEnd()).isEqualTo(at(45));
        assertThat(a.lateness().kind()).isEqualTo(LatenessKind.OVERRUNNING);
        assertThat(a.lateness().minutes()).isEqualTo(15);
        assertThat(a.lateness().reason()).isEqualTo("running 15 min past its 30 min plan");
        assertThat(step(overrun, o, "B").forecastStart()).isEqualTo(at(45));
        assertThat(step(overrun, o, "B").lateness().kind()).isEqualTo(LatenessKind.LATE_START);
        // The overrunning step ends exactly at now and the waiting B starts then: A decides it, not the clock.
        assertThat(overrun.names(o.criticalPath())).containsExactly("A", "B");
        assertThat(a.delayMinutes()).isEqualTo(15);
        assertThat(o.iteration().varianceMinutes()).isEqualTo(15);
    }

    @Test
    void aLongOverrunReadsInHours() {
        Plan plan = new Plan().step("A", 30).running("A", 0).now(30 + 17 * 60 + 5);
        assertThat(plan.forecast().steps().get(plan.id("A")).lateness().reason())
                .isEqualTo("running 17 h 5 min past its 30 min plan");
    }

    @Test
    void aStepOnHoldResumesNowAndNeedsItsFullDuration() {
        Plan plan = new Plan().step("A", 30).step("B", 10).chain("A", "B").held("A", 0L).now(20);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "A").forecastStart()).isEqualTo(at(20));
        assertThat(step(plan, f, "A").forecastEnd()).isEqualTo(at(50));
        assertThat(step(plan, f, "A").lateness()).isNull(); // 20 min since its start, within its 30 min plan
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(50));

        Plan longHold = new Plan().step("A", 30).held("A", 0L).now(40);
        StepForecast a = longHold.forecast().steps().get(longHold.id("A"));
        assertThat(a.forecastEnd()).isEqualTo(at(70));
        assertThat(a.lateness().kind()).isEqualTo(LatenessKind.OVERRUNNING);
        assertThat(a.lateness().reason()).isEqualTo("on hold, 10 min past its 30 min plan");
    }

    @Test
    void aStepHeldBeforeItStartedIsForecastLikeAReadyOne() {
        Plan plan = new Plan().step("A", 30).held("A", null).now(20);
        StepForecast a = plan.forecast().steps().get(plan.id("A"));
        assertThat(a.forecastStart()).isEqualTo(at(20));
        assertThat(a.forecastEnd()).isEqualTo(at(50));
        assertThat(a.lateness().kind()).isEqualTo(LatenessKind.LATE_START);
        assertThat(a.lateness().reason()).isEqualTo("on hold, expected to start 20 min after its planned start");
    }

    @Test
    void aFailedStepIsRetriedNowWithItsFullDuration() {
        Plan plan = new Plan().step("A", 30).step("B", 10).chain("A", "B").failed("A", 0, 10).now(15);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "A").forecastStart()).isEqualTo(at(15));
        assertThat(step(plan, f, "A").forecastEnd()).isEqualTo(at(45));
        assertThat(step(plan, f, "A").floatMinutes()).isZero();
        assertThat(step(plan, f, "A").lateness()).isNull();
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(45));
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "B");
        assertThat(f.iteration().finished()).isFalse();

        Plan longFailed = new Plan().step("A", 30).failed("A", 0, 10).now(50);
        assertThat(longFailed.forecast().steps().get(longFailed.id("A")).lateness().reason())
                .isEqualTo("failed, 20 min past its 30 min plan");
    }

    @Test
    void aSkippedStepTakesNoTimeButPassesReadinessOnOnlyOnceItsPredecessorsFinish() {
        // A runs 0..30; S was skipped at 5 while A ran; C must still wait for A.
        Plan plan = new Plan().step("A", 30).step("S", 20).step("C", 10).chain("A", "S", "C")
                .running("A", 0).skipped("S", 5).now(10);
        Forecast f = plan.forecast();
        StepForecast s = step(plan, f, "S");
        assertThat(s.forecastStart()).isEqualTo(at(5));
        assertThat(s.forecastEnd()).isEqualTo(at(5)); // its actual (skip) time
        assertThat(s.floatMinutes()).isNull();
        assertThat(s.lateness()).isNull();
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(30));
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(40)); // 20 min ahead of the plan's 60
        assertThat(f.iteration().varianceMinutes()).isEqualTo(-20);
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "S", "C");
        assertThat(s.critical()).isTrue();
        assertThat(step(plan, f, "A").floatMinutes()).isZero();
    }

    @Test
    void aSkippedStepWhosePredecessorsAreDoneLetsItsSuccessorStartNow() {
        Plan plan = new Plan().step("A", 30).step("S", 20).step("C", 10).chain("A", "S", "C")
                .done("A", 0, 30).skipped("S", 35).ready("C", 35).now(40);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(40));
        assertThat(plan.names(f.criticalPath())).containsExactly("C");
        assertThat(step(plan, f, "C").lateness()).isNull(); // planned to start at 50
    }

    @Test
    void aCancelledStepHoldsItsSuccessorsUntilAPilotActsSoTheyStartNoEarlierThanNow() {
        // X cancelled at 10: the engine never makes C ready; the forecast lets C start once A is done, at now at
        // the earliest, so C slides with the clock until a pilot skips, cancels or restores.
        Plan plan = new Plan().step("A", 30).step("X", 20).step("C", 10).chain("A", "X", "C")
                .done("A", 0, 30).cancelled("X", 10).now(60);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(60));
        assertThat(step(plan, f, "C").lateness().kind()).isEqualTo(LatenessKind.LATE_START); // planned at 50
        assertThat(step(plan, f, "C").lateness().minutes()).isEqualTo(10);
        assertThat(step(plan, f, "X").lateness()).isNull();
        assertThat(step(plan, f, "X").floatMinutes()).isNull();

        Plan behindRunning = new Plan().step("A", 30).step("X", 20).step("C", 10).chain("A", "X", "C")
                .running("A", 0).cancelled("X", 5).now(10);
        Forecast r = behindRunning.forecast();
        assertThat(step(behindRunning, r, "C").forecastStart()).isEqualTo(at(30)); // waits for A like a skip
        assertThat(behindRunning.names(r.criticalPath())).containsExactly("A", "X", "C");
    }

    @Test
    void stepsWithoutDurationCountZeroAndAreListed() {
        Plan plan = new Plan().step("A", null).step("B", 0).step("C", 10).chain("A", "B", "C");
        Forecast f = plan.forecast();
        assertThat(plan.names(f.stepsWithoutDuration())).containsExactly("A", "B");
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(0));
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(10));

        Plan running = new Plan().step("A", null).running("A", 0).now(5);
        StepForecast a = running.forecast().steps().get(running.id("A"));
        assertThat(a.forecastEnd()).isEqualTo(at(5));
        assertThat(a.lateness().reason()).isEqualTo("running 5 min with no planned duration");
    }

    @Test
    void aFinishedIterationCarriesActualTimesAndNoCriticalPath() {
        Plan plan = new Plan().step("A", 30).step("B", 60).chain("A", "B").done("A", 0, 40).done("B", 40, 100)
                .windowEnd(95).now(200);
        Forecast f = plan.forecast();
        assertThat(f.iteration().finished()).isTrue();
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(100));
        assertThat(f.iteration().plannedEnd()).isEqualTo(at(90));
        assertThat(f.iteration().varianceMinutes()).isEqualTo(10);
        assertThat(f.iteration().overWindowMinutes()).isEqualTo(5);
        assertThat(f.criticalPath()).isEmpty();
        assertThat(f.steps().values()).allSatisfy(s -> {
            assertThat(s.floatMinutes()).isNull();
            assertThat(s.critical()).isFalse();
            assertThat(s.delayMinutes()).isZero();
            assertThat(s.lateness().kind()).isEqualTo(LatenessKind.LATE_FINISH);
            assertThat(s.lateness().minutes()).isEqualTo(10);
        });
        assertThat(step(plan, f, "B").lateness().reason()).isEqualTo("finished 10 min after its planned end");
        assertThat(step(plan, f, "A").forecastStart()).isEqualTo(at(0));
    }

    @Test
    void aCycleNeitherLoopsNorThrowsAndIsBrokenAtTheFirstStepInPlanOrder() {
        Plan plan = new Plan().step("A", 10).step("B", 10).step("C", 10).chain("A", "B", "A").dep("B", "C");
        Forecast f = plan.forecast();
        // B -> A closes the cycle and is ignored: A 0..10, B 10..20, C 20..30.
        assertThat(step(plan, f, "A").forecastStart()).isEqualTo(at(0));
        assertThat(step(plan, f, "C").forecastEnd()).isEqualTo(at(30));
        assertThat(plan.names(f.criticalPath())).containsExactly("A", "B", "C");
        Plan self = new Plan().step("A", 10).dep("A", "A");
        assertThat(self.forecast().iteration().forecastEnd()).isEqualTo(at(10));
    }

    @Test
    void aFinishRecordedAfterNowMovesTheClockSoTheEndIsStillDecidedByUnfinishedWork() {
        // The database's clock recorded A's end at 12 while the forecast is asked for at 10.
        Plan plan = new Plan().step("A", 10).step("B", 0).step("C", 1).dep("A", "B").done("A", 0, 12).now(10);
        Forecast f = plan.forecast();
        assertThat(step(plan, f, "B").forecastStart()).isEqualTo(at(12));
        assertThat(step(plan, f, "C").forecastStart()).isEqualTo(at(12)); // not before 12 either
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(13));
        assertThat(plan.names(f.criticalPath())).containsExactly("C");
        assertThat(f.computedAt()).isEqualTo(at(10));
    }

    @Test
    void anEmptyIterationIsFinishedAtItsPlannedStart() {
        ForecastInput in = new ForecastInput(Plan.T0, Plan.T0, at(60), List.of(), List.of(), List.of());
        Forecast f = Forecaster.compute(in);
        assertThat(f.iteration().forecastEnd()).isEqualTo(Plan.T0);
        assertThat(f.iteration().finished()).isTrue();
        assertThat(f.iteration().overWindowMinutes()).isEqualTo(-60);
    }

    @Test
    void dependenciesOnStepsOutOfScopeAreIgnored() {
        Plan plan = new Plan().step("A", 10);
        ForecastInput base = plan.input();
        ForecastInput in = new ForecastInput(base.now(), base.plannedStart(), base.windowEnd(), base.steps(),
                List.of(new ForecastInput.Dependency(UUID.randomUUID(), plan.id("A"))), base.chapters());
        assertThat(Forecaster.compute(in).steps().get(plan.id("A")).forecastStart()).isEqualTo(at(0));
    }

    // ------------------------------------------------------------------ delay

    @Test
    void delaysAlongTheCriticalPathAddUpToTheVarianceToPlan() {
        // A learned basis makes A take 40 (plan 30) and B 45 (plan 30): A 0..40, B 40..85 against a plan ending 60.
        Plan plan = new Plan().step("A", 30).step("B", 30).chain("A", "B").basis("A", 40).basis("B", 45);
        Forecast f = plan.forecast();
        assertThat(f.iteration().varianceMinutes()).isEqualTo(25);
        assertThat(step(plan, f, "A").delayMinutes()).isEqualTo(10);
        assertThat(step(plan, f, "B").delayMinutes()).isEqualTo(15);
    }

    @Test
    void slipAbsorbedBySlackLaterOnIsNotChargedToTheStepThatCausedIt() {
        // A overruns to 80 (planned 0..30); B's chapter starts at 60 anyway, so only 20 of A's 50 survive.
        Plan plan = new Plan().chapter("second", Plan.PHASE, 60, null).step("A", 30).step("B", 30, "second")
                .step("Side", 5).chain("A", "B").running("A", 0).now(80);
        Forecast f = plan.forecast();
        assertThat(f.iteration().varianceMinutes()).isEqualTo(20); // B 80..110 against 60..90
        assertThat(step(plan, f, "A").delayMinutes()).isEqualTo(20);
        assertThat(step(plan, f, "B").delayMinutes()).isZero();
        assertThat(step(plan, f, "Side").delayMinutes()).isZero();
    }

    @Test
    void groupsAndTheIterationReportTheirVariance() {
        Plan plan = new Plan().chapter("two", "phase2", null, null)
                .step("A", 30).step("B", 30, "two").chain("A", "B").running("A", 0).now(50).windowEnd(60);
        Forecast f = plan.forecast();
        // A 0..50 (overrun), B 50..80; the plan ends at 60, so does the window.
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(80));
        assertThat(f.iteration().varianceMinutes()).isEqualTo(20);
        assertThat(f.iteration().overWindowMinutes()).isEqualTo(20);
        assertThat(f.chapters()).hasSize(2);
        assertThat(f.chapters().get(0).varianceMinutes()).isEqualTo(20); // A's chapter: 50 against 30
        assertThat(f.macroPhases()).extracting(Forecast.GroupForecast::id)
                .containsExactly(plan.id(Plan.PHASE), plan.id("phase2"));
        assertThat(f.macroPhases().get(1).forecastStart()).isEqualTo(at(50));
        assertThat(f.macroPhases().get(1).varianceMinutes()).isEqualTo(20);
        assertThat(f.macroPhases()).allSatisfy(m -> assertThat(m.critical()).isTrue());
        assertThat(f.computedAt()).isEqualTo(at(50));
    }
}
