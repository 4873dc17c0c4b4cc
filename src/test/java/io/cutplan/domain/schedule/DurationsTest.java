package io.cutplan.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsMinutesAndHours() {
        assertThat(Durations.format(null)).isEmpty();
        assertThat(Durations.format(0L)).isEqualTo("0 min");
        assertThat(Durations.format(45L)).isEqualTo("45 min");
        assertThat(Durations.format(60L)).isEqualTo("1 h 00 min");
        assertThat(Durations.format(125L)).isEqualTo("2 h 05 min");
        assertThat(Durations.format(1500L)).isEqualTo("25 h 00 min");
    }

    @Test
    void variancesReadAsWordsWithoutALeadingSign() {
        assertThat(Durations.variance(null)).isEmpty();
        assertThat(Durations.variance(0L)).isEqualTo("on time");
        assertThat(Durations.variance(15L)).isEqualTo("15 min late");
        assertThat(Durations.variance(-65L)).isEqualTo("1 h 05 min early");
    }
}
