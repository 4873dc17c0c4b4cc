package io.cutplan.domain;

/**
 * Escapes user text for chat messages. Slack's mrkdwn treats {@code & < >} as control characters (links and
 * mentions such as {@code <!channel>}), so those three become entities, nothing else (Slack's documented rule).
 * Teams (a MessageCard's {@code text}) renders basic HTML and Markdown: {@code & < >} become entities and the Markdown
 * markup characters {@code \ ` * _ [ ] #} are backslash-escaped, so a step title cannot become a link, a heading or
 * emphasis.
 */
public final class ChatText {
    private ChatText() {
    }

    public static String slack(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    public static String teams(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '#' -> b.append('\\').append(ch);
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
