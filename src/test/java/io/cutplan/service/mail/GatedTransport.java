package io.cutplan.service.mail;

import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import io.cutplan.service.spi.MailTransport;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real transport that reports itself unconfigured until opened, so a backlog can build up before a race. */
final class GatedTransport implements MailTransport {
    private final MailTransport delegate;
    private final AtomicBoolean open = new AtomicBoolean();

    GatedTransport(MailTransport delegate) {
        this.delegate = delegate;
    }

    void open() {
        open.set(true);
    }

    @Override
    public void send(OutgoingMail mail) throws MailDeliveryException {
        delegate.send(mail);
    }

    @Override
    public boolean isConfigured() {
        return open.get();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
