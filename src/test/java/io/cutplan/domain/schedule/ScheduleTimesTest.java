package io.cutplan.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.DomainException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTimesTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void formatsLocalTimeWithTheOffsetInForceAcrossSpringForward() {
        // 2027-03-28 01:00 UTC: Zurich jumps from 02:00 CET to 03:00 CEST.
        assertThat(ScheduleTimes.format(Instant.parse("2027-03-28T00:30:00Z"), ZURICH)).isEqualTo("2027-03-28 01:30 +01:00");
        assertThat(ScheduleTimes.format(Instant.parse("2027-03-28T01:30:00Z"), ZURICH)).isEqualTo("2027-03-28 03:30 +02:00");
    }

    @Test
    void tellsTheTwoIdenticalLocalTimesOfFallBackApart() {
        // 2027-10-31 01:00 UTC: Zurich falls back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
        assertThat(ScheduleTimes.format(Instant.parse("2027-10-31T00:30:00Z"), ZURICH)).isEqualTo("2027-10-31 02:30 +02:00");
        assertThat(ScheduleTimes.format(Instant.parse("2027-10-31T01:30:00Z"), ZURICH)).isEqualTo("2027-10-31 02:30 +01:00");
        assertThat(ScheduleTimes.format(null, ZURICH)).isEmpty();
    }

    @Test
    void acceptsOnlyIanaZoneIds() {
        assertThat(ScheduleTimes.parseZone("Europe/Zurich", ZoneId.of("UTC"), "tz")).isEqualTo(ZURICH);
        assertThat(ScheduleTimes.parseZone("UTC", ZURICH, "tz")).isEqualTo(ZoneId.of("UTC"));
        assertThat(ScheduleTimes.parseZone(null, ZURICH, "tz")).isEqualTo(ZURICH);
        assertThat(ScheduleTimes.parseZone(" ", ZURICH, "tz")).isEqualTo(ZURICH);
        for (String bad : new String[] {"Mars/Olympus", "+02:00", "CEST", "europe/zurich", "<script>"}) {
            assertThatThrownBy(() -> ScheduleTimes.parseZone(bad, ZURICH, "tz"))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("tz"));
        }
    }

    @Test
    void parsesTimestampsOnlyWithAnOffset() {
        assertThat(ScheduleTimes.parseInstant("2027-03-28T03:30:00+02:00", "f")).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(ScheduleTimes.parseInstant("2027-03-28T01:30Z", "f")).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(ScheduleTimes.parseInstant(null, "f")).isNull();
        for (String bad : new String[] {"2027-03-28T01:30:00", "yesterday", "2027-02-30T00:00:00Z", ""}) {
            assertThatThrownBy(() -> ScheduleTimes.parseInstant(bad, "entries[2].plannedStart"))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.field()).isEqualTo("entries[2].plannedStart"));
        }
    }
}
