package io.cutplan.domain.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The exported schedule as plain text cells, built once and rendered as HTML or CSV, so both formats carry
 * exactly the same rows. Times are local to {@code zone}, which the caption and the time headers name.
 */
public record ScheduleTable(String caption, List<String> headers, List<Row> rows, ZoneId zone) {

    /** One chapter's cells; {@code late} marks a chapter that finished after its planned end. */
    public record Row(List<String> cells, boolean late) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public ScheduleTable {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    public static ScheduleTable of(ScheduleView view, ZoneId zone, Instant asOf) {
        boolean actuals = view.hasRun();
        String z = zone.getId();
        List<String> headers = new ArrayList<>(List.of("Macro-phase", "Chapter", "Planned start (" + z + ")",
                "Planned end (" + z + ")", "Planned duration"));
        if (actuals) {
            headers.addAll(List.of("Actual start (" + z + ")", "Actual end (" + z + ")", "Variance"));
        }
        List<Row> rows = new ArrayList<>();
        for (ScheduledChapter c : view.chapters()) {
            ChapterTiming t = c.timing();
            List<String> cells = new ArrayList<>(List.of(c.macroPhaseName(), c.chapterName(),
                    ScheduleTimes.format(t.plannedStart(), zone), ScheduleTimes.format(t.plannedEnd(), zone),
                    Durations.format(t.plannedMinutes())));
            if (actuals) {
                cells.addAll(List.of(ScheduleTimes.format(t.actualStart(), zone), ScheduleTimes.format(t.actualEnd(), zone),
                        Durations.variance(t.endVarianceMinutes())));
            }
            Long variance = t.endVarianceMinutes();
            rows.add(new Row(cells, variance != null && variance > 0));
        }
        String caption = "Schedule of migration " + view.migrationName() + " (" + view.migrationCode() + "), iteration "
                + view.iterationName() + " (" + view.iterationCode() + "), as of " + ScheduleTimes.format(asOf, zone)
                + "; times in " + z;
        return new ScheduleTable(caption, headers, rows, zone);
    }
}
