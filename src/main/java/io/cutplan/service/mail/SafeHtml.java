package io.cutplan.service.mail;

import java.util.Objects;

/**
 * Markup that is already safe to insert: produced only by rendering a template, whose placeholders escape
 * their values. A plain String can never be inserted unescaped into HTML.
 */
public record SafeHtml(String html) {
    public static final SafeHtml EMPTY = new SafeHtml("");

    public SafeHtml {
        Objects.requireNonNull(html, "html");
    }

    public SafeHtml concat(SafeHtml other) {
        return new SafeHtml(html + other.html);
    }
}
