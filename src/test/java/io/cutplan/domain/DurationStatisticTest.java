package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DurationStatisticTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSampleAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        assertThat(DurationStatistic.MEDIAN.ofSeconds(List.of(600L, 60L, 300L))).isEqualTo(300.0);
        assertThat(DurationStatistic.MEDIAN.ofSeconds(List.of(3600L, 2400L))).isEqualTo(3000.0);
        assertThat(DurationStatistic.MEDIAN.minutesOf(List.of(3600L, 2400L))).isEqualTo(50);
    }

    @Test
    void p80InterpolatesBetweenTheNearestSamples() {
        // Five samples: position 0.8 * 4 = 3.2, between 40 and 50 minutes: 42 minutes.
        List<Long> minutes = List.of(10L, 20L, 30L, 40L, 50L);
        assertThat(DurationStatistic.P80.ofSeconds(minutes.stream().map(m -> m * 60).toList())).isEqualTo(42 * 60.0);
        assertThat(DurationStatistic.P80.ofSeconds(List.of(120L))).isEqualTo(120.0);
    }

    @Test
    void halfAMinuteRoundsUpAndNoSamplesIsRefused() {
        assertThat(DurationStatistic.MEDIAN.minutesOf(List.of(90L))).isEqualTo(2);
        assertThat(DurationStatistic.MEDIAN.minutesOf(List.of(89L))).isEqualTo(1);
        assertThatThrownBy(() -> DurationStatistic.MEDIAN.ofSeconds(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(DurationStatistic.rangeSeconds(List.of(30L, 300L, 90L))).isEqualTo(270);
    }

    @Property
    void theMedianSplitsTheSamplesInHalvesAndP80LiesBetweenItAndTheLargest(
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 1_000_000) Long> samples) {
        double median = DurationStatistic.MEDIAN.ofSeconds(samples);
        double p80 = DurationStatistic.P80.ofSeconds(samples);
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        long below = sorted.stream().filter(s -> s < median).count();
        long above = sorted.stream().filter(s -> s > median).count();
        assertThat(below).isLessThanOrEqualTo(samples.size() / 2);
        assertThat(above).isLessThanOrEqualTo(samples.size() / 2);
        assertThat(p80).isBetween(median, (double) sorted.get(sorted.size() - 1));
        List<Long> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        assertThat(DurationStatistic.MEDIAN.ofSeconds(reversed)).as("order of the samples does not matter").isEqualTo(median);
    }
}
