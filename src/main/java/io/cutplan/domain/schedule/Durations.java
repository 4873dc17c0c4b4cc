package io.cutplan.domain.schedule;

/** Durations and variances as people read them in a table: "45 min", "2 h 05 min", "10 min late". */
public final class Durations {
    private Durations() {
    }

    /** A non-negative number of minutes; empty for null. */
    public static String format(Long minutes) {
        if (minutes == null) {
            return "";
        }
        long m = Math.abs(minutes);
        String text = m < 60 ? m + " min" : (m / 60) + " h " + String.format("%02d", m % 60) + " min";
        return minutes < 0 ? "minus " + text : text;
    }

    /**
     * Actual minus planned: "on time", "15 min late", "1 h 05 min early"; empty for null. Words rather than a
     * sign, so a spreadsheet opening the CSV never takes a cell for a formula.
     */
    public static String variance(Long minutes) {
        if (minutes == null) {
            return "";
        }
        if (minutes == 0) {
            return "on time";
        }
        return format(Math.abs(minutes)) + (minutes > 0 ? " late" : " early");
    }
}
