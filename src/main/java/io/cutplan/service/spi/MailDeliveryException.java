package io.cutplan.service.spi;

/** The mail server could not take the message now (down, refused, misconfigured). */
public class MailDeliveryException extends Exception {
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailDeliveryException(String message) {
        super(message);
    }
}
