package io.cutplan.service.mail;

import io.cutplan.domain.schedule.ScheduleTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way every e-mail shows a time: local date and time in the iteration's zone, its abbreviation where the
 * zone has one, and always the UTC offset at that instant, e.g. {@code 2027-03-28 03:12 CEST (UTC+02:00)}; so both
 * 02:30 of an autumn night read unambiguously. Every e-mail kind (step, control, comment, broadcast) takes its
 * times from {@link MailRenderer#times} or {@link #of}.
 */
public final class MailTimes {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SHORT_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);

    private final ZoneId zone;

    private MailTimes(ZoneId zone) {
        this.zone = zone;
    }

    /** Times in {@code zone}. */
    public static MailTimes in(ZoneId zone) {
        return new MailTimes(zone == null ? ZoneOffset.UTC : zone);
    }

    /**
     * Times in an iteration's stored zone id, or in {@code hostZone} when it has none. A stored id that this JVM
     * does not know (written by a node with a newer zone database) falls back to the host's zone rather than
     * failing a message.
     */
    public static MailTimes of(String zoneId, ZoneId hostZone) {
        ZoneId fallback = hostZone == null ? ZoneId.systemDefault() : hostZone;
        try {
            return in(ScheduleTimes.parseZone(zoneId, fallback, "timeZone"));
        } catch (RuntimeException unknown) {
            return in(fallback);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** e.g. {@code 2027-03-28 03:12 CEST (UTC+02:00)}; {@code 2027-03-28 01:12 UTC} in UTC; empty for null. */
    public String format(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime t = instant.atZone(zone);
        String local = LOCAL.format(t);
        String name = SHORT_NAME.format(t);
        if (t.getOffset().equals(ZoneOffset.UTC) && (name.equals("UTC") || name.equals("Z"))) {
            return local + " UTC";
        }
        String offset = "(UTC" + OFFSET.format(t) + ")";
        // Zones without an abbreviation get "GMT-05:00" as their short name: the offset says it already.
        boolean numeric = name.length() > 3 && (name.startsWith("GMT") || name.startsWith("UTC"));
        return numeric ? local + " " + offset : local + " " + name + " " + offset;
    }

    /** The zone as the footer names it, e.g. {@code Europe/Zurich}. */
    public String describe() {
        return zone.getId();
    }
}
