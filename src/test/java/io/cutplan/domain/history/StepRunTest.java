package io.cutplan.domain.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one rule turning a run into samples: duration and start delay. */
class StepRunTest {
    private static final Instant T = Instant.parse("2027-01-09T18:00:00Z");
    private final UUID step = UUID.randomUUID();

    private StepRun run(StepStatus status, Integer ready, Integer notBefore, Integer start, Integer end) {
        return new StepRun(step, UUID.randomUUID(), UUID.randomUUID(), status, at(ready), at(notBefore), at(start), at(end));
    }

    private static Instant at(Integer minute) {
        return minute == null ? null : T.plusSeconds(minute * 60L);
    }

    @Test
    void aDoneRunIsADurationSampleWithItsStartDelayFromTheLaterOfReadinessAndTheChaptersStart() {
        StepRun r = run(StepStatus.DONE, 0, null, 15, 45);
        assertThat(r.seconds()).isEqualTo(1800);
        assertThat(r.startDelaySeconds()).isEqualTo(900);
        assertThat(run(StepStatus.DONE, 0, 10, 15, 45).startDelaySeconds()).as("held back by the schedule on purpose").isEqualTo(300);
        assertThat(run(StepStatus.DONE, 0, 30, 15, 45).startDelaySeconds()).as("started before the chapter's start").isZero();
        assertThat(run(StepStatus.DONE, null, null, 15, 45).startDelaySeconds()).as("readiness not recorded").isZero();
    }

    @Test
    void skippedCancelledAndUnfinishedRunsAreNoSamples() {
        assertThat(run(StepStatus.SKIPPED, 0, null, null, 5).seconds()).isNull();
        assertThat(run(StepStatus.CANCELLED, 0, null, 1, 5).seconds()).isNull();
        assertThat(run(StepStatus.IN_PROGRESS, 0, null, 1, null).seconds()).isNull();
        assertThat(run(StepStatus.DONE, 0, null, 10, 5).seconds()).as("an end before the start").isNull();
        Map<UUID, List<long[]>> pairs = DurationHistory.runs(List.of(run(StepStatus.DONE, 0, null, 15, 45), run(StepStatus.SKIPPED, 0, null, null, 5)));
        assertThat(pairs.get(step)).singleElement().satisfies(p -> assertThat(p).containsExactly(900, 1800));
        assertThat(DurationHistory.samples(List.of(run(StepStatus.DONE, 0, null, 15, 45))).get(step)).containsExactly(1800L);
    }
}
