package io.cutplan.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SQL statements in the string literals (and text blocks) of Java sources. ArchUnit sees dependencies, not
 * string constants, so the rule "SQL text lives in the store only" reads the sources instead. Comments are skipped;
 * a literal counts as SQL when it holds a statement's shape (SELECT, INSERT INTO, UPDATE ... SET, DELETE FROM, DDL,
 * ANALYZE), not merely an English word such as "update".
 */
final class SqlText {
    private static final Pattern SQL = Pattern.compile(
            "\\bSELECT\\b|\\bFROM\\s+[a-z_]+\\s+(WHERE|JOIN)\\b|(?i:\\binsert\\s+into\\b|\\bdelete\\s+from\\b"
                    + "|\\bupdate\\s+[a-z_]+\\s+(\\w+\\s+)?set\\b|\\b(create|alter|drop)\\s+(table|database|index|schema)\\b"
                    + "|\\bselect\\s+[a-z_.*, ]+\\s+from\\s+[a-z_]+\\b)|\\bANALYZE\\b|\\bRETURNING\\b");

    private SqlText() {
    }

    /** "path:line: literal" for every literal under the given source folders that looks like SQL. */
    static List<String> findIn(Path... sourceFolders) {
        List<String> found = new ArrayList<>();
        for (Path folder : sourceFolders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String source = Files.readString(file);
                    for (Literal literal : literals(source)) {
                        if (looksLikeSql(literal.text())) {
                            found.add(file + ":" + literal.line() + ": " + literal.text().strip());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    static boolean looksLikeSql(String text) {
        return SQL.matcher(text).find();
    }

    record Literal(int line, String text) {
    }

    /** The string literals and text blocks of a source file, outside comments and char literals. */
    static List<Literal> literals(String s) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                line++;
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                line += count(s, i, end);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end;
                out.add(new Literal(line, s.substring(i + 3, end)));
                line += count(s, i, end);
                i = Math.min(s.length(), end + 3);
            } else if (ch == '"' || ch == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != ch && s.charAt(j) != '\n') {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    text.append(s.charAt(j));
                    j++;
                }
                if (ch == '"') {
                    out.add(new Literal(line, text.toString()));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }
}
