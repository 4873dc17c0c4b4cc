package io.cutplan.service.mail;

import io.cutplan.domain.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny, safe placeholder substitution. {@code {{name}}} inserts a value, HTML-escaped when rendering HTML;
 * {@code {{&name}}} inserts a pre-rendered fragment and, in HTML, accepts only {@link SafeHtml}. No logic, no
 * expressions: a template can only place values. A missing value is a bug and fails loudly.
 */
public final class MailTemplate {
    private static final Map<String, MailTemplate> RESOURCES = new ConcurrentHashMap<>();

    private final List<Part> parts;

    private record Part(String literal, String name, boolean raw) {
    }

    private MailTemplate(List<Part> parts) {
        this.parts = parts;
    }

    public static MailTemplate parse(String source) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Part(source.substring(i), null, false));
                break;
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed placeholder at " + open);
            }
            if (open > i) {
                parts.add(new Part(source.substring(i, open), null, false));
            }
            String name = source.substring(open + 2, close).strip();
            boolean raw = name.startsWith("&");
            parts.add(new Part(null, raw ? name.substring(1).strip() : name, raw));
            i = close + 2;
        }
        return new MailTemplate(List.copyOf(parts));
    }

    /** A template from {@code io/cutplan/mail/<name>} on this bundle's class path (cached). */
    public static MailTemplate resource(String name) {
        return RESOURCES.computeIfAbsent(name, n -> {
            try (InputStream in = MailTemplate.class.getResourceAsStream("/io/cutplan/mail/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("Mail template " + n + " is missing");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public SafeHtml html(Map<String, ?> values) {
        return new SafeHtml(render(values, true));
    }

    public String text(Map<String, ?> values) {
        return render(values, false);
    }

    private String render(Map<String, ?> values, boolean html) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.literal != null) {
                out.append(p.literal);
                continue;
            }
            if (!values.containsKey(p.name)) {
                throw new IllegalStateException("No value for placeholder '" + p.name + "'");
            }
            Object v = values.get(p.name);
            if (p.raw) {
                if (html && !(v instanceof SafeHtml)) {
                    throw new IllegalStateException("Placeholder '{{&" + p.name + "}}' takes only rendered markup");
                }
                out.append(v instanceof SafeHtml s ? s.html() : String.valueOf(v));
            } else if (v instanceof SafeHtml) {
                throw new IllegalStateException("Placeholder '{{" + p.name + "}}' escapes its value; use {{&" + p.name + "}}");
            } else {
                String s = v == null ? "" : v.toString();
                // One escaper (domain.Html) after the same line-break and control-character clean-up as text bodies.
                out.append(html ? Html.escape(plainText(s)) : plainText(s));
            }
        }
        return out.toString();
    }

    /** Text bodies keep line feeds and tabs but no other control characters. */
    public static String plainText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\r') {
                if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                    b.append('\n');
                }
            } else if (ch == '\n' || ch == '\t' || !Character.isISOControl(ch)) {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * One header-safe line: bidirectional controls are dropped, every control character and Unicode line or
     * paragraph separator becomes a space,
     * runs of white space collapse, and the result is cut to {@code max} characters.
     */
    public static String oneLine(String s, int max) {
        // Bidirectional controls (from data older than the input checks, or another path) never reach a subject.
        s = io.cutplan.domain.Text.withoutBidiControls(s);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean blank = Character.isWhitespace(ch) || Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029'
                    || ch == '\u0085' || Character.isSpaceChar(ch);
            if (blank) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(ch);
            }
        }
        if (b.length() > max) {
            int cut = max - 1;
            if (Character.isHighSurrogate(b.charAt(cut - 1))) {
                cut--;
            }
            return b.substring(0, cut) + "…";
        }
        return b.toString();
    }
}
