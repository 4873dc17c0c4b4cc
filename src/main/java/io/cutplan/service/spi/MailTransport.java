package io.cutplan.service.spi;

/**
 * Hands one message to a mail server. Implemented by each host: Confluence's configured SMTP server inside
 * the plugin, Jakarta Mail over SMTP in the standalone host.
 */
public interface MailTransport {

    /** Sends the message, or throws when it could not be handed over (the dispatcher retries later). */
    void send(OutgoingMail mail) throws MailDeliveryException;

    /** Whether a mail server is configured at all; when not, administrators are told so. */
    boolean isConfigured();

    /** A short, secret-free description for administrators (for example "SMTP mail.example.com:587, STARTTLS"). */
    String describe();
}
