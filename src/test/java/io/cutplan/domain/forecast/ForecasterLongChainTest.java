package io.cutplan.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worst shape for the passes and the critical path: one chain far longer than any real runbook. */
class ForecasterLongChainTest {
    private static final Instant START = Instant.parse("2027-03-06T18:00:00Z");

    @Test
    void aChainOfFiftyThousandStepsIsForecastEndToEndWithEveryWaitingStepCritical() {
        int n = 50_000;
        int done = n / 2;
        UUID chapter = new UUID(2, 0);
        List<ForecastInput.StepFacts> steps = new ArrayList<>();
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        Instant t = START;
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(3, i);
            Instant plannedStart = START.plus(Duration.ofMinutes(10L * i));
            StepStatus status = i < done ? StepStatus.DONE : i == done ? StepStatus.IN_PROGRESS : StepStatus.PENDING;
            Instant started = i <= done ? t : null;
            Instant finished = i < done ? t.plus(Duration.ofMinutes(12)) : null;
            if (i < done) {
                t = finished;
            }
            steps.add(new ForecastInput.StepFacts(id, chapter, status, null, 10, 10, plannedStart, plannedStart.plus(Duration.ofMinutes(10)),
                    started, started, finished));
            if (i > 0) {
                deps.add(new ForecastInput.Dependency(new UUID(3, i - 1), id));
            }
        }
        Instant now = t.plus(Duration.ofMinutes(5));
        Forecast f = Forecaster.compute(new ForecastInput(now, START, START.plus(Duration.ofMinutes(10L * n)), steps, deps,
                List.of(new ForecastInput.ChapterFacts(chapter, new UUID(1, 0), null, null))));
        // The running step ends 10 min after it started (5 min from now), then every waiting step takes its 10 min.
        Instant end = t.plus(Duration.ofMinutes(10L * (n - done)));
        assertThat(f.iteration().forecastEnd()).isEqualTo(end);
        // Each done step ran 2 min over: the iteration is 2 min late per done step.
        assertThat(f.iteration().varianceMinutes()).isEqualTo(2L * done);
        assertThat(f.criticalPath()).hasSize(n - done);
        assertThat(f.criticalPath().get(0)).isEqualTo(new UUID(3, done));
        assertThat(f.criticalPath().get(n - done - 1)).isEqualTo(new UUID(3, n - 1));
    }
}
