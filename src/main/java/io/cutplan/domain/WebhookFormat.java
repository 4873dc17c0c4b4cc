package io.cutplan.domain;

import java.util.Locale;

/** The body a webhook receives: Cutplan's signed JSON, or a Slack or Microsoft Teams incoming-webhook message. */
public enum WebhookFormat {
    GENERIC,
    SLACK,
    TEAMS;

    /** The API's spelling: {@code generic}, {@code slack}, {@code teams}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API's spelling (case-blind); null when it names no format. */
    public static WebhookFormat parse(String s) {
        if (s == null) {
            return null;
        }
        for (WebhookFormat f : values()) {
            if (f.name().equalsIgnoreCase(s.strip())) {
                return f;
            }
        }
        return null;
    }
}
