package io.cutplan.domain.schedule;

import io.cutplan.domain.Csv;

/** The schedule as RFC 4180 CSV: the header row, then one row per chapter, exactly the table's cells. */
public final class ScheduleCsv {
    /** Lets spreadsheet programs recognise UTF-8 (umlauts in chapter names); RFC 4180 readers skip it or see it. */
    public static final String BYTE_ORDER_MARK = "\uFEFF";

    private ScheduleCsv() {
    }

    public static String render(ScheduleTable table) {
        StringBuilder out = new StringBuilder(BYTE_ORDER_MARK);
        out.append(Csv.row(table.headers()));
        for (ScheduleTable.Row row : table.rows()) {
            out.append(Csv.row(row.cells()));
        }
        return out.toString();
    }
}
