package io.cutplan.service.spi;

/**
 * Stands in when the host has no mail server: messages are still queued (so nothing is lost), the dispatcher
 * leaves them PENDING, and administrators see why in {@code GET /notifications}.
 */
public final class UnconfiguredMailTransport implements MailTransport {
    private final String reason;

    public UnconfiguredMailTransport(String reason) {
        this.reason = reason;
    }

    @Override
    public void send(OutgoingMail mail) throws MailDeliveryException {
        throw new MailDeliveryException(reason);
    }

    @Override
    public boolean isConfigured() {
        return false;
    }

    @Override
    public String describe() {
        return reason;
    }
}
