package io.cutplan.domain.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** {@code cutplan-schedule-<migration>-<iteration>-<yyyyMMdd>.<ext>}, safe in any file system and header. */
public final class ExportFileName {
    private static final int MAX_PART = 40;

    private ExportFileName() {
    }

    public static String of(String migrationCode, String iterationCode, LocalDate day, ExportFormat format) {
        return of("schedule", migrationCode, iterationCode, day, format);
    }

    /**
     * {@code cutplan-<kind>-<migration>-<label>-<yyyyMMdd>.<ext>}: every other export named the same way (kind
     * "review" with the iteration's code, "comparison" with a label of the iterations).
     */
    public static String of(String kind, String migrationCode, String label, LocalDate day, ExportFormat format) {
        return "cutplan-" + sanitise(kind) + "-" + sanitise(migrationCode) + "-" + sanitise(label) + "-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "." + format.extension();
    }

    /** Letters, digits, '.', '_' and '-' only; runs of anything else become one '_'; no leading dot; bounded. */
    static String sanitise(String part) {
        String s = part == null ? "" : part.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (s.length() > MAX_PART) {
            s = s.substring(0, MAX_PART);
        }
        return s.isEmpty() ? "x" : s;
    }
}
