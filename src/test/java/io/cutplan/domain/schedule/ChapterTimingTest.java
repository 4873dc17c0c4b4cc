package io.cutplan.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChapterTimingTest {
    private static final Instant T0 = Instant.parse("2027-03-27T20:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    @Test
    void notStartedChapterHasOnlyItsPlan() {
        ChapterTiming t = new ChapterTiming(at(0), at(90), null, null, false);
        assertThat(t.state()).isEqualTo(ChapterTiming.State.NOT_STARTED);
        assertThat(t.plannedMinutes()).isEqualTo(90);
        assertThat(t.actualStart()).isNull();
        assertThat(t.actualEnd()).isNull();
        assertThat(t.endVarianceMinutes()).isNull();
        assertThat(t.lateAt(at(60))).isFalse();
        assertThat(t.lateAt(at(91))).isTrue();
    }

    @Test
    void chapterWithAnUnfinishedStepHasNoActualEndEvenIfSomeStepsFinished() {
        ChapterTiming t = new ChapterTiming(at(0), at(90), at(5), at(40), false);
        assertThat(t.state()).isEqualTo(ChapterTiming.State.IN_PROGRESS);
        assertThat(t.actualStart()).isEqualTo(at(5));
        assertThat(t.actualEnd()).isNull();
        assertThat(t.startVarianceMinutes()).isEqualTo(5);
        assertThat(t.endVarianceMinutes()).isNull();
    }

    @Test
    void finishedChapterEndsWithItsLastStepAndReportsVariance() {
        ChapterTiming late = new ChapterTiming(at(0), at(90), at(10), at(105), true);
        assertThat(late.state()).isEqualTo(ChapterTiming.State.FINISHED);
        assertThat(late.actualEnd()).isEqualTo(at(105));
        assertThat(late.actualMinutes()).isEqualTo(95);
        assertThat(late.endVarianceMinutes()).isEqualTo(15);
        assertThat(late.lateAt(at(200))).isFalse();
        ChapterTiming early = new ChapterTiming(at(0), at(90), at(0), at(80), true);
        assertThat(early.endVarianceMinutes()).isEqualTo(-10);
    }

    @Test
    void unplannedChapterStillHasActuals() {
        ChapterTiming t = new ChapterTiming(null, null, at(0), at(30), true);
        assertThat(t.planned()).isFalse();
        assertThat(t.plannedMinutes()).isNull();
        assertThat(t.actualMinutes()).isEqualTo(30);
        assertThat(t.endVarianceMinutes()).isNull();
    }
}
