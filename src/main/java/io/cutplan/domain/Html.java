package io.cutplan.domain;

/** The one HTML escaper for markup the server writes: exports, pages and the Confluence macro. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes the characters that can end text or an attribute ({@code & < > " '}, and the backtick older
     * browsers treated as an attribute quote) and replaces control
     * characters HTML forbids with U+FFFD, so any stored text shows as text and never becomes markup.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(isForbiddenControl(ch) ? '\uFFFD' : ch);
            }
        }
        return out.toString();
    }

    private static boolean isForbiddenControl(char ch) {
        return (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || (ch >= 0x7F && ch <= 0x9F);
    }
}
