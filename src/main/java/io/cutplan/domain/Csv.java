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

    /** What a spreadsheet takes as the start of a formula. */
    private static final String TRIGGERS = "=+-@";
    /**
     * What a spreadsheet may take as a cell separator: the comma, but also the semicolon (most European locales),
     * tab, pipe, colon and line ends, depending on the locale and the import dialog.
     */
    private static final String SEPARATORS = ",;\t|:\r\n";

    /**
     * One field, the one formula guard of every CSV the server writes. Text a spreadsheet could run as a formula
     * gets a leading apostrophe and is quoted: a trigger (= + - @) at the start, or after any separator-like
     * character, since {@code Cutover;=cmd|' /C calc'!A0} opened with {@code ;} as separator is a cell starting
     * with {@code =}. A chapter named {@code =HYPERLINK(...)} stays text when someone opens the file.
     */
    public static String field(String value) {
        String v = value == null ? "" : value;
        boolean guarded = looksLikeFormula(v);
        if (guarded) {
            v = "'" + v;
        }
        if (guarded || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean looksLikeFormula(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean cellStart = i == 0 || SEPARATORS.indexOf(v.charAt(i - 1)) >= 0;
            if (cellStart && (TRIGGERS.indexOf(c) >= 0 || c == '\t' || c == '\r')) {
                return true;
            }
        }
        return false;
    }
}
