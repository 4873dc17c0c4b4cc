package io.cutplan.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes HTML character references in imported text: every HTML5 named reference ({@code &amp;},
 * {@code &eacute;}, {@code &NotEqualTilde;} ...; the table in {@code html-entities.tsv} is the WHATWG list)
 * and numeric ones ({@code &#233;}, {@code &#xE9;}). Decoding is a single pass, so {@code &amp;lt;} becomes
 * {@code &lt;} and not {@code <}. Only semicolon-terminated references are decoded; anything else (an unknown
 * name, a bare {@code &}, a code point out of range or a surrogate) is kept literally, because runbook text
 * such as "R&D" or "a&b" must survive untouched. Tags and links are not touched: text stays text and is
 * escaped when shown.
 */
public final class HtmlEntities {
    /** The longest WHATWG name is 31 characters ({@code CounterClockwiseContourIntegral}). */
    private static final int MAX_NAME = 32;
    private static final Map<String, String> NAMED = load();

    private HtmlEntities() {
    }

    public static String decode(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '&') {
                int semi = text.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= MAX_NAME + 2) {
                    String replacement = resolve(text.substring(i + 1, semi));
                    if (replacement != null) {
                        out.append(replacement);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    private static String resolve(String ref) {
        if (ref.charAt(0) != '#') {
            return NAMED.get(ref);
        }
        boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
        String digits = ref.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 8) {
            return null;
        }
        int codePoint;
        try {
            codePoint = Integer.parseInt(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
        if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            return null;
        }
        return new String(Character.toChars(codePoint));
    }

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>(4096);
        try (InputStream in = HtmlEntities.class.getResourceAsStream("html-entities.tsv")) {
            if (in == null) {
                throw new IllegalStateException("html-entities.tsv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String cp : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(cp, 16));
                }
                map.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
