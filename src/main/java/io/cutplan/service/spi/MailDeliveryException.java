package io.cutplan.service.spi;

/**
 * The mail server could not take the message. Usually temporary (down, refused for now, a 4xx answer): the
 * dispatcher retries with backoff. {@linkplain #permanent() Permanent} when the server rejected this message for good
 * (a 5xx answer to the sender, a recipient or the data, such as {@code 550 no such user}) or the message cannot be
 * built: retrying would only repeat the rejection, so the dispatcher marks it FAILED at once with the reason.
 */
public class MailDeliveryException extends Exception {
    private final boolean permanent;

    public MailDeliveryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public MailDeliveryException(String message) {
        this(message, null, false);
    }

    public MailDeliveryException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Retrying cannot help: the message is FAILED at once. */
    public boolean permanent() {
        return permanent;
    }
}
