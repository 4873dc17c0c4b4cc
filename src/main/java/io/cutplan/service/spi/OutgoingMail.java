package io.cutplan.service.spi;

import java.util.Objects;

/** One message to one recipient, with an HTML body and a plain-text alternative. */
public record OutgoingMail(String to, String subject, String htmlBody, String textBody) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(htmlBody, "htmlBody");
        Objects.requireNonNull(textBody, "textBody");
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0 || to.indexOf('\r') >= 0 || to.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Line breaks are not allowed in mail headers");
        }
    }
}
