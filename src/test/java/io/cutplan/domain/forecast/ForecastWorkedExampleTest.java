package io.cutplan.domain.forecast;

import static io.cutplan.domain.forecast.Plan.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.forecast.Forecast.LatenessKind;
import io.cutplan.domain.forecast.Forecast.StepForecast;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/forecast.md}, so the document cannot drift from the engine. Minute 0 is
 * Saturday 18:00 (the iteration's planned start); the comments give the clock times the document uses.
 */
class ForecastWorkedExampleTest {

    private static Plan example() {
        return new Plan()
                .chapter("Freeze", "Preparation", null, null)
                .chapter("Migrate", "Cutover", 150, 270) // scheduled 20:30 to 22:30
                .step("PRE-1", 30, "Freeze").step("PRE-2", 90, "Freeze").step("CHK-3", 20, "Freeze")
                .step("TRT-4", 60, "Migrate").step("TRT-5", 45, "Migrate").step("SYS-6", 15, "Migrate")
                .step("IGO-7", 10, "Migrate")
                .chain("PRE-1", "PRE-2", "CHK-3", "TRT-4", "TRT-5", "IGO-7").chain("PRE-1", "SYS-6", "IGO-7")
                .windowEnd(300) // 23:00
                .done("PRE-1", 0, 35) // 18:00 to 18:35
                .running("PRE-2", 35) // since 18:35
                .ready("SYS-6", 35)
                .now(160); // 20:40
    }

    private static Forecast.GroupForecast chapter(Plan plan, Forecast f, String name) {
        return f.chapters().stream().filter(c -> c.id().equals(plan.id(name))).findFirst().orElseThrow();
    }

    private static StepForecast step(Plan plan, Forecast f, String name) {
        return f.steps().get(plan.id(name));
    }

    @Test
    void theDocumentsFiguresAreTheEnginesFigures() {
        Plan plan = example();
        Forecast f = plan.forecast();

        assertThat(f.iteration().plannedEnd()).isEqualTo(at(265)); // 22:25
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(295)); // 22:55
        assertThat(f.iteration().varianceMinutes()).isEqualTo(30);
        assertThat(f.iteration().overWindowMinutes()).isEqualTo(-5);

        assertThat(step(plan, f, "PRE-2").forecastEnd()).isEqualTo(at(160)); // now: overrunning
        assertThat(step(plan, f, "CHK-3").forecastStart()).isEqualTo(at(160)); // 20:40
        assertThat(step(plan, f, "TRT-4").forecastStart()).isEqualTo(at(180)); // 21:00
        assertThat(step(plan, f, "TRT-5").forecastStart()).isEqualTo(at(240)); // 22:00
        assertThat(step(plan, f, "SYS-6").forecastStart()).isEqualTo(at(160)); // 20:40
        assertThat(step(plan, f, "IGO-7").forecastStart()).isEqualTo(at(285)); // 22:45

        assertThat(plan.names(f.criticalPath())).containsExactly("PRE-2", "CHK-3", "TRT-4", "TRT-5", "IGO-7");
        assertThat(step(plan, f, "SYS-6").floatMinutes()).isEqualTo(110L); // ends 20:55, needed by 22:45
        assertThat(step(plan, f, "SYS-6").critical()).isFalse();

        assertThat(step(plan, f, "PRE-1").lateness().kind()).isEqualTo(LatenessKind.LATE_FINISH);
        assertThat(step(plan, f, "PRE-1").lateness().reason()).isEqualTo("finished 5 min after its planned end");
        assertThat(step(plan, f, "PRE-2").lateness().reason()).isEqualTo("running 35 min past its 1 h 30 min plan");
        assertThat(step(plan, f, "CHK-3").lateness().reason()).isEqualTo("expected to start 40 min after its planned start");
        assertThat(step(plan, f, "TRT-4").lateness().minutes()).isEqualTo(30);
        assertThat(step(plan, f, "TRT-5").lateness().minutes()).isEqualTo(30);
        assertThat(step(plan, f, "IGO-7").lateness().minutes()).isEqualTo(30);
        assertThat(step(plan, f, "SYS-6").lateness().reason()).isEqualTo("ready but not started, 10 min after its planned start");

        // PRE-2's end slipped 40 min, 10 of which the Migrate chapter's scheduled start absorbs: it adds 30.
        assertThat(step(plan, f, "PRE-2").delayMinutes()).isEqualTo(30);
        assertThat(f.steps().values()).filteredOn(s -> !s.id().equals(plan.id("PRE-2")))
                .allSatisfy(s -> assertThat(s.delayMinutes()).isZero());

        var freeze = chapter(plan, f, "Freeze");
        assertThat(freeze.plannedEnd()).isEqualTo(at(140)); // 20:20, its steps' latest baseline end
        assertThat(freeze.forecastEnd()).isEqualTo(at(180)); // 21:00
        assertThat(freeze.varianceMinutes()).isEqualTo(40);
        var migrate = chapter(plan, f, "Migrate");
        assertThat(migrate.plannedEnd()).isEqualTo(at(270)); // its scheduled end 22:30
        assertThat(migrate.varianceMinutes()).isEqualTo(25);
        assertThat(freeze.critical()).isTrue();
        assertThat(migrate.critical()).isTrue();
    }

    @Test
    void whenTheOverrunningStepFinishesTenMinutesLaterTheEndMovesTenMinutes() {
        Plan plan = example().done("PRE-2", 35, 170).now(170); // done at 20:50
        Forecast f = plan.forecast();
        assertThat(f.iteration().forecastEnd()).isEqualTo(at(305)); // 23:05
        assertThat(f.iteration().overWindowMinutes()).isEqualTo(5);
        assertThat(plan.names(f.criticalPath())).containsExactly("CHK-3", "TRT-4", "TRT-5", "IGO-7");
        assertThat(step(plan, f, "CHK-3").delayMinutes()).isEqualTo(40);
    }
}
