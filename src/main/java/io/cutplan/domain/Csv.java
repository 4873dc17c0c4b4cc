package io.cutplan.domain;

import java.util.List;

/** RFC 4180 CSV: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled. */
public final class Csv {
    private static final String CRLF = "\r\n";

    private Csv() {
    }

    public static String row(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        return out.append(CRLF).toString();
    }

    /**
     * One field. Text a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) gets a leading
     * apostrophe first: a chapter named {@code =HYPERLINK(...)} must stay text when someone opens the file.
     */
    public static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
