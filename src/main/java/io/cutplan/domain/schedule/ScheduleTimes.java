package io.cutplan.domain.schedule;

import io.cutplan.domain.DomainException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reading and writing the times of a schedule. Input must carry its offset (an ISO-8601 instant such as
 * {@code 2027-03-28T01:30:00+01:00} or {@code ...Z}) so it never depends on the server's zone. Output is local
 * time in one stated IANA zone with its UTC offset, so both 02:30 of an autumn night read unambiguously.
 */
public final class ScheduleTimes {
    /** e.g. {@code 2027-10-31 02:30 +02:00}; digits only, no locale-dependent zone names. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private ScheduleTimes() {
    }

    /** A timestamp from a request; null stays null. A malformed one is a 400 naming the field. */
    public static Instant parseInstant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, field + " must be an ISO-8601 timestamp with an offset, "
                    + "for example 2027-03-28T01:30:00+01:00 or 2027-03-28T00:30:00Z");
        }
    }

    /**
     * An IANA zone id such as {@code Europe/Zurich} (or {@code UTC}); null or blank means the given default.
     * Offsets and abbreviations are refused: they do not follow daylight saving, so the export would lie.
     */
    public static ZoneId parseZone(String tz, ZoneId fallback, String field) {
        if (tz == null || tz.isBlank()) {
            return fallback;
        }
        String id = tz.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw DomainException.invalid(field, field + " must be an IANA time zone id such as Europe/Zurich or UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw DomainException.invalid(field, field + " must be an IANA time zone id such as Europe/Zurich or UTC");
        }
    }

    /** Local date and time in the zone with its offset at that instant; empty for null. */
    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : LOCAL.format(instant.atZone(zone));
    }
}
