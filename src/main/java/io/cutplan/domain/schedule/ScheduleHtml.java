package io.cutplan.domain.schedule;

import io.cutplan.domain.Html;
/**
 * The schedule as one self-contained HTML {@code <table>} fragment for pasting into a Confluence page or an
 * email: inline styles only (mail clients drop style sheets), no script, no event attribute, no URL of any
 * kind, every text escaped. Simple borders and a shaded header row; a proportional font.
 */
public final class ScheduleHtml {
    static final String TABLE = "border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#172b4d";
    static final String CAPTION = "caption-side:top;text-align:left;font-weight:bold;padding:4px 0 6px 0";
    static final String TH = "border:1px solid #8993a4;background-color:#dfe1e6;padding:4px 8px;text-align:left;"
            + "vertical-align:bottom;font-weight:bold";
    static final String TD = "border:1px solid #8993a4;padding:4px 8px;text-align:left;vertical-align:top";
    static final String TD_LATE = TD + ";color:#bf2600;font-weight:bold";

    private ScheduleHtml() {
    }

    public static String render(ScheduleTable table) {
        StringBuilder out = new StringBuilder(256 + table.rows().size() * 400);
        out.append("<table style=\"").append(TABLE).append("\">\n");
        out.append("<caption style=\"").append(CAPTION).append("\">").append(Html.escape(table.caption())).append("</caption>\n");
        out.append("<thead>\n<tr>");
        for (String h : table.headers()) {
            out.append("<th style=\"").append(TH).append("\">").append(Html.escape(h)).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        if (table.rows().isEmpty()) {
            out.append("<tr><td style=\"").append(TD).append("\" colspan=\"").append(table.headers().size())
                    .append("\">No chapter of this iteration has steps in scope.</td></tr>\n");
        }
        int varianceColumn = table.headers().indexOf("Variance");
        for (ScheduleTable.Row row : table.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.cells().size(); i++) {
                String style = row.late() && i == varianceColumn ? TD_LATE : TD;
                out.append("<td style=\"").append(style).append("\">").append(Html.escape(row.cells().get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }
}
