package io.cutplan.host.confluence;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.MailTransport;
import io.cutplan.service.spi.OutgoingMail;

/**
 * Sends through the SMTP server configured in Confluence's administration (General Configuration > Mail
 * Servers), so Cutplan needs no SMTP settings of its own. Only String setters of {@link Email} are used, so no
 * javax/jakarta mail type appears here and the same class works on Confluence 9.2 and 10.
 * Confluence's mail API takes one body: the HTML one is sent.
 */
public class ConfluenceMailTransport implements MailTransport {
    static final String NO_SERVER = "Confluence has no default SMTP mail server. A Confluence administrator adds one "
            + "under General Configuration > Mail Servers; until then Cutplan keeps notifications queued.";
    static final String SWITCHED_OFF = "Notification mail is switched off in Cutplan's configuration.";

    private final MailServerManager mailServerManager;
    private final ConfluenceSettingsStore settings;

    public ConfluenceMailTransport(MailServerManager mailServerManager, ConfluenceSettingsStore settings) {
        this.mailServerManager = mailServerManager;
        this.settings = settings;
    }

    @Override
    public void send(OutgoingMail mail) throws MailDeliveryException {
        PluginConfig config = settings.load();
        if (!config.mailEnabled()) {
            throw new MailDeliveryException(SWITCHED_OFF);
        }
        SMTPMailServer server = mailServerManager.getDefaultSMTPMailServer();
        if (server == null) {
            throw new MailDeliveryException(NO_SERVER);
        }
        Email email = new Email(mail.to())
                .setSubject(mail.subject())
                .setBody(mail.htmlBody())
                .setMimeType("text/html")
                .setEncoding("UTF-8");
        if (config.mailFromName() != null && !config.mailFromName().isBlank()) {
            email.setFromName(config.mailFromName());
        }
        try {
            server.send(email);
        } catch (MailException | RuntimeException e) {
            throw new MailDeliveryException("Confluence's SMTP server did not take the message: " + e.getMessage(), e);
        }
    }

    /** Whether Confluence has a default SMTP server, whatever Cutplan's own switch says. */
    public boolean serverAvailable() {
        return mailServerManager.getDefaultSMTPMailServer() != null;
    }

    @Override
    public boolean isConfigured() {
        return settings.load().mailEnabled() && mailServerManager.getDefaultSMTPMailServer() != null;
    }

    @Override
    public String describe() {
        if (!settings.load().mailEnabled()) {
            return SWITCHED_OFF;
        }
        SMTPMailServer server = mailServerManager.getDefaultSMTPMailServer();
        if (server == null) {
            return NO_SERVER;
        }
        String from = server.getDefaultFrom();
        return "Confluence's default SMTP mail server" + (from == null || from.isBlank() ? "" : " (sender " + from + ")");
    }
}
