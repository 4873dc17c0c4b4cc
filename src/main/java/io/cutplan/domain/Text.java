package io.cutplan.domain;

/**
 * Text that is not what it seems (issue 15, finding 10): characters that show nothing, bidirectional controls that
 * reorder what is shown ({@code "\u202Egnp.exe"} displays as {@code exe.png}), and UTF-16 surrogates without their
 * pair (which no encoding can store: PostgreSQL's driver turned them into {@code ?}).
 */
public final class Text {
    private Text() {
    }

    /**
     * Shows nothing: white space of every kind (NBSP, the figure and narrow spaces, ideographic space), format
     * characters (zero-width space, non-joiner and joiner, word joiner, BOM, soft hyphen, bidi marks and controls),
     * the combining grapheme joiner, variation selectors, and the Hangul and Braille blank fillers.
     */
    public static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT) {
            return true;
        }
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
                || cp == 0x180E || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || Character.isISOControl(cp);
    }

    /** Null, empty, or nothing but {@linkplain #invisible invisible} characters. */
    public static boolean visiblyBlank(String s) {
        return s == null || s.codePoints().allMatch(Text::invisible);
    }

    /** Without invisible characters at either end (inside, they stay). */
    public static String stripInvisible(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && invisible(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && invisible(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** The embedding, override and isolate controls: U+202A..U+202E and U+2066..U+2069. */
    public static boolean bidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Index of the first bidirectional control, or -1. */
    public static int firstBidiControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (bidiControl(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Without bidirectional controls (for text that must be shown whatever its source, such as mail subjects). */
    public static String withoutBidiControls(String s) {
        if (firstBidiControl(s) < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.chars().filter(ch -> !bidiControl(ch)).forEach(ch -> b.append((char) ch));
        return b.toString();
    }

    /** Index of the first surrogate that is not half of a pair, or -1. */
    public static int firstUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(ch)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Refuses a bidirectional control with 400 {@code invalid_input} naming the field: text stored must display in the
     * order it is stored, in the runsheet, the exports and mail alike.
     */
    public static String requireNoBidiControls(String s, String field) {
        int i = s == null ? -1 : firstBidiControl(s);
        if (i >= 0) {
            throw DomainException.invalid(field, field + " contains the bidirectional control " + codePointName(s.charAt(i))
                    + " at character " + (i + 1) + ": it makes text display in another order than it is written; remove it");
        }
        return s;
    }

    /** Each surrogate without its pair replaced by U+FFFD (for text from files, whose decoding cannot ask). */
    public static String replaceUnpairedSurrogates(String s) {
        if (firstUnpairedSurrogate(s) < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(ch).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(ch) ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }

    /** How a character is named in an error message: {@code U+202E}. */
    public static String codePointName(int cp) {
        return String.format("U+%04X", cp);
    }
}
