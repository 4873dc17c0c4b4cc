package io.cutplan.domain.history;

import io.cutplan.domain.Csv;
import io.cutplan.domain.Html;
import io.cutplan.domain.history.Comparison.Cell;
import io.cutplan.domain.history.Comparison.ChapterLine;
import io.cutplan.domain.history.Comparison.Column;
import io.cutplan.domain.history.Comparison.Report;
import io.cutplan.domain.history.Comparison.StepLine;
import io.cutplan.domain.history.Comparison.Variable;
import io.cutplan.domain.schedule.ScheduleTimes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML document (inline styles only, no script, no URL, every text escaped
 * with {@link Html}; its {@code <meta charset>} names the encoding) or as CSV (one row per chapter and per step,
 * written with {@link Csv}, its formula guard included, UTF-8 with a byte-order mark). Times are shown in {@code zone}.
 */
public final class ComparisonExport {
    private static final String BODY = "font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#172b4d;margin:16px";
    private static final String TABLE = "border-collapse:collapse;margin:0 0 16px 0";
    private static final String TH = "border:1px solid #8993a4;background-color:#dfe1e6;padding:3px 6px;text-align:left;font-weight:bold";
    private static final String TD = "border:1px solid #8993a4;padding:3px 6px;text-align:left;vertical-align:top";
    private static final String NUM = "border:1px solid #8993a4;padding:3px 6px;text-align:right;vertical-align:top";

    private ComparisonExport() {
    }

    public static String html(Report r, ZoneId zone) {
        StringBuilder o = new StringBuilder(64_000);
        String title = "Comparison of " + r.migrationCode() + " across " + r.iterations().size() + " iteration(s)";
        o.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title></head>\n<body style=\"").append(BODY).append("\">\n");
        o.append("<h1 style=\"font-size:18px\">").append(Html.escape(title)).append("</h1>\n");
        o.append("<p>Times in ").append(Html.escape(zone.getId())).append(". Trend: ").append(Html.escape(r.trendRule())).append(".</p>\n");

        o.append("<h2 style=\"font-size:15px\">Iterations</h2>\n");
        table(o, List.of("Iteration", "Status", "Planned start", "Planned (min)", "Actual start", "Actual end", "Actual (min)"));
        for (Column c : r.iterations()) {
            row(o, List.of(c.code() + " " + c.name(), c.status(), time(c.plannedStart(), zone), num(c.plannedMinutes()),
                    time(c.actualStart(), zone), time(c.actualEnd(), zone), num(c.actualMinutes())), 3);
        }
        o.append("</tbody></table>\n<p>Total duration trend: ").append(Html.escape(r.trend().direction())).append("</p>\n");

        List<String> head = new ArrayList<>(List.of("Chapter"));
        r.iterations().forEach(c -> head.add(c.code() + " actual / planned (min)"));
        head.add("Trend");
        o.append("<h2 style=\"font-size:15px\">Chapters</h2>\n");
        table(o, head);
        for (ChapterLine ch : r.chapters()) {
            List<String> cells = new ArrayList<>(List.of(ch.code() + " " + ch.name()));
            ch.cells().forEach(c -> cells.add(pair(c)));
            cells.add(ch.trend().direction());
            row(o, cells, 1);
        }
        o.append("</tbody></table>\n");

        o.append("<h2 style=\"font-size:15px\">Most variable steps</h2>\n");
        table(o, List.of("Step", "Chapter", "Runs", "Min (min)", "Max (min)", "Range (min)"));
        for (Variable v : r.mostVariable()) {
            row(o, List.of(v.code() + " " + v.title(), v.chapterCode(), String.valueOf(v.runs()), num(v.minMinutes()),
                    num(v.maxMinutes()), num(v.rangeMinutes())), 2);
        }
        o.append("</tbody></table>\n");

        List<String> stepHead = new ArrayList<>(List.of("Step", "Chapter", "Team", "Planned (min)"));
        r.iterations().forEach(c -> stepHead.add(c.code() + " (min)"));
        stepHead.add("Trend");
        o.append("<h2 style=\"font-size:15px\">Steps</h2>\n");
        table(o, stepHead);
        for (StepLine s : r.steps()) {
            List<String> cells = new ArrayList<>(List.of(s.code() + " " + s.title(), nz(s.chapterCode()), nz(s.team()),
                    String.valueOf(s.plannedMinutes())));
            s.cells().forEach(c -> cells.add(actual(c)));
            cells.add(s.trend().direction());
            row(o, cells, 3);
        }
        return o.append("</tbody></table>\n</body></html>\n").toString();
    }

    /** UTF-8 with a byte-order mark (as the schedule export), so a spreadsheet reads umlauts right. */
    public static String csv(Report r) {
        StringBuilder o = new StringBuilder(128_000).append(io.cutplan.domain.schedule.ScheduleCsv.BYTE_ORDER_MARK);
        List<String> head = new ArrayList<>(List.of("Level", "Chapter", "Step", "Title", "Team", "Planned (min)"));
        for (Column c : r.iterations()) {
            head.add(c.code() + " status");
            head.add(c.code() + " planned (min)");
            head.add(c.code() + " actual (min)");
        }
        head.addAll(List.of("Trend", "Trend (min per run)", "Runs", "Min (min)", "Max (min)"));
        o.append(Csv.row(head));
        List<String> total = new ArrayList<>(List.of("iteration", "", "", "Total", "", ""));
        for (Column c : r.iterations()) {
            total.add(c.status());
            total.add(num(c.plannedMinutes()));
            total.add(num(c.actualMinutes()));
        }
        total.addAll(List.of(r.trend().direction(), num(r.trend().minutesPerRun()), String.valueOf(r.trend().runs()), "", ""));
        o.append(Csv.row(total));
        for (ChapterLine ch : r.chapters()) {
            List<String> f = new ArrayList<>(List.of("chapter", ch.code(), "", ch.name(), "", ""));
            cells(f, ch.cells());
            f.addAll(List.of(ch.trend().direction(), num(ch.trend().minutesPerRun()), String.valueOf(ch.trend().runs()), "", ""));
            o.append(Csv.row(f));
        }
        for (StepLine s : r.steps()) {
            List<String> f = new ArrayList<>(List.of("step", nz(s.chapterCode()), s.code(), s.title(), nz(s.team()),
                    String.valueOf(s.plannedMinutes())));
            cells(f, s.cells());
            f.addAll(List.of(s.trend().direction(), num(s.trend().minutesPerRun()), String.valueOf(s.trend().runs()),
                    s.spread() == null ? "" : num(s.spread().minMinutes()), s.spread() == null ? "" : num(s.spread().maxMinutes())));
            o.append(Csv.row(f));
        }
        return o.toString();
    }

    private static void cells(List<String> f, List<Cell> cells) {
        for (Cell c : cells) {
            f.add(c.status());
            f.add(num(c.plannedMinutes()));
            f.add(num(c.actualMinutes()));
        }
    }

    private static void table(StringBuilder o, List<String> headers) {
        o.append("<table style=\"").append(TABLE).append("\"><thead><tr>");
        headers.forEach(h -> o.append("<th style=\"").append(TH).append("\">").append(Html.escape(h)).append("</th>"));
        o.append("</tr></thead><tbody>\n");
    }

    /** A row; cells from {@code firstNumber} on are right-aligned. */
    private static void row(StringBuilder o, List<String> cells, int firstNumber) {
        o.append("<tr>");
        for (int i = 0; i < cells.size(); i++) {
            o.append("<td style=\"").append(i >= firstNumber && i < cells.size() ? NUM : TD).append("\">")
                    .append(Html.escape(cells.get(i))).append("</td>");
        }
        o.append("</tr>\n");
    }

    private static String pair(Cell c) {
        if ("NOT_IN_SCOPE".equals(c.status())) {
            return "-";
        }
        return (c.actualMinutes() == null ? "…" : num(c.actualMinutes())) + " / " + num(c.plannedMinutes());
    }

    private static String actual(Cell c) {
        if ("NOT_IN_SCOPE".equals(c.status())) {
            return "-";
        }
        return c.actualMinutes() == null ? c.status().toLowerCase(Locale.ROOT) : num(c.actualMinutes());
    }

    private static String time(java.time.Instant t, ZoneId zone) {
        return t == null ? "" : ScheduleTimes.format(t, zone);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String num(Number n) {
        if (n == null) {
            return "";
        }
        double d = n.doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
