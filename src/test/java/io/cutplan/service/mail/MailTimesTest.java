package io.cutplan.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Every e-mail's times: local in the iteration's zone, with the abbreviation and the UTC offset, across DST changes. */
class MailTimesTest {
    private static final MailTimes ZURICH = MailTimes.in(ZoneId.of("Europe/Zurich"));

    @Test
    void springForwardInZurichChangesAbbreviationAndOffsetAtOneUtc() {
        // 2027-03-28 01:00 UTC: 02:00 CET becomes 03:00 CEST.
        assertThat(ZURICH.format(Instant.parse("2027-03-28T00:59:00Z"))).isEqualTo("2027-03-28 01:59 CET (UTC+01:00)");
        assertThat(ZURICH.format(Instant.parse("2027-03-28T01:00:00Z"))).isEqualTo("2027-03-28 03:00 CEST (UTC+02:00)");
        assertThat(ZURICH.format(Instant.parse("2027-03-28T02:12:00Z"))).isEqualTo("2027-03-28 04:12 CEST (UTC+02:00)");
    }

    @Test
    void bothHalfPastTwoOfTheAutumnNightReadApart() {
        // 2027-10-31 01:00 UTC: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
        assertThat(ZURICH.format(Instant.parse("2027-10-31T00:30:00Z"))).isEqualTo("2027-10-31 02:30 CEST (UTC+02:00)");
        assertThat(ZURICH.format(Instant.parse("2027-10-31T01:30:00Z"))).isEqualTo("2027-10-31 02:30 CET (UTC+01:00)");
    }

    @Test
    void utcZonesWithoutAbbreviationsAndNull() {
        assertThat(MailTimes.in(ZoneOffset.UTC).format(Instant.parse("2027-01-05T02:12:00Z"))).isEqualTo("2027-01-05 02:12 UTC");
        assertThat(MailTimes.in(ZoneId.of("UTC")).format(Instant.parse("2027-01-05T02:12:00Z"))).isEqualTo("2027-01-05 02:12 UTC");
        assertThat(MailTimes.in(ZoneId.of("Europe/London")).format(Instant.parse("2027-01-05T02:12:00Z")))
                .isEqualTo("2027-01-05 02:12 GMT (UTC+00:00)");
        assertThat(MailTimes.in(ZoneId.of("Etc/GMT+5")).format(Instant.parse("2027-01-05T02:12:00Z")))
                .isEqualTo("2027-01-04 21:12 (UTC-05:00)");
        assertThat(MailTimes.in(ZoneId.of("Asia/Kolkata")).format(Instant.parse("2027-01-05T02:12:00Z")))
                .isEqualTo("2027-01-05 07:42 IST (UTC+05:30)");
        assertThat(ZURICH.format(null)).isEmpty();
    }

    @Test
    void iterationsWithoutAZoneOrWithAnUnknownOneUseTheHostZone() {
        ZoneId host = ZoneId.of("America/New_York");
        assertThat(MailTimes.of(null, host).zone()).isEqualTo(host);
        assertThat(MailTimes.of("Europe/Zurich", host).zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
        assertThat(MailTimes.of("Mars/Olympus_Mons", host).zone()).isEqualTo(host);
        assertThat(MailTimes.of("Europe/Zurich", host).describe()).isEqualTo("Europe/Zurich");
    }
}
