package io.cutplan.service.mail;

/** A rendered notification: one-line subject, HTML body, plain-text alternative. */
public record RenderedMail(String subject, String html, String text) {
}
