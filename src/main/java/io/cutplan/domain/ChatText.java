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
        return escape(text, false);
    }

    public static String teams(String text) {
        return escape(text, true);
    }

    /** The entities both chats need, plus Teams' Markdown escapes when {@code markdown}. */
    private static String escape(String text, boolean markdown) {
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
                case '\\', '`', '*', '_', '[', ']', '#' -> {
                    if (markdown) {
                        b.append('\\');
                    }
                    b.append(ch);
                }
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
