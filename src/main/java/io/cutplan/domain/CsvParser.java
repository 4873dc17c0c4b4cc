package io.cutplan.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: fields separated by commas, records by CRLF, LF or a lone CR; a field in double quotes may
 * contain commas, line breaks and doubled quotes ({@code ""}). A leading byte order mark is dropped. Blank
 * lines are skipped. It never throws on bad input: structural faults (text after a closing quote, a quote
 * never closed) are reported as {@link Problem}s with the physical line they occur on, and the reader carries
 * on where it can, so one pass names every bad line. A quote inside an unquoted field is kept literally
 * (spreadsheets write {@code 5" disk} that way).
 */
public final class CsvParser {
    private CsvParser() {
    }

    /** One record and the physical line (1-based) it starts on. */
    public record Row(int line, List<String> fields) {
        public String field(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    public record Problem(int line, String message) {
    }

    public record Result(List<Row> rows, List<Problem> problems) {
    }

    public static Result parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        while (i < n) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            boolean endOfRecord = false;
            boolean badRecord = false;
            while (!endOfRecord) {
                StringBuilder field = new StringBuilder();
                if (i < n && text.charAt(i) == '"') {
                    int quoteLine = line;
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char ch = text.charAt(i);
                        if (ch == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (ch == '\r' || ch == '\n') {
                            line++;
                            if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                                field.append('\r');
                                i++;
                            }
                        }
                        field.append(text.charAt(i));
                        i++;
                    }
                    if (!closed) {
                        problems.add(new Problem(quoteLine, "A quoted field opened on this line is never closed"));
                        badRecord = true;
                    }
                    // Anything between the closing quote and the next separator is a fault; skip it.
                    int junkStart = i;
                    while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        i++;
                    }
                    if (i > junkStart && !badRecord) {
                        problems.add(new Problem(line, "Text after a closing quote in field " + (fields.size() + 1)
                                + "; quote the whole field and double any quote inside it"));
                        badRecord = true;
                    }
                } else {
                    while (i < n) {
                        char ch = text.charAt(i);
                        if (ch == ',' || ch == '\n' || ch == '\r') {
                            break;
                        }
                        field.append(ch);
                        i++;
                    }
                }
                fields.add(field.toString());
                if (i >= n) {
                    endOfRecord = true;
                } else {
                    char sep = text.charAt(i);
                    i++;
                    if (sep != ',') {
                        if (sep == '\r' && i < n && text.charAt(i) == '\n') {
                            i++;
                        }
                        line++;
                        endOfRecord = true;
                    }
                }
            }
            boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
            if (!blank && !badRecord) {
                rows.add(new Row(recordLine, List.copyOf(fields)));
            }
        }
        return new Result(rows, problems);
    }
}
