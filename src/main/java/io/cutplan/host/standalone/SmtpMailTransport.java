package io.cutplan.host.standalone;

import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.MailTransport;
import io.cutplan.service.spi.OutgoingMail;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Date;
import java.util.Properties;

/**
 * The standalone host's mail: Jakarta Mail (Eclipse Angus) over SMTP, one connection per message,
 * {@code multipart/alternative} with the plain text first and the HTML preferred. Connect, read and write
 * timeouts are always set. Errors are reported without credentials.
 */
public final class SmtpMailTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailTransport.class);

    private final SmtpSettings settings;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailTransport(SmtpSettings settings) {
        this(settings, null);
    }

    /**
     * Test hook: {@code tlsSockets} replaces the JDK's default SSL socket factory, so a test can trust its own
     * self-signed server certificate. Certificate and host name are still verified; production always passes null.
     */
    SmtpMailTransport(SmtpSettings settings, SSLSocketFactory tlsSockets) {
        this.settings = settings;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("--smtp-from is not a valid address: " + settings.from());
        }
        Properties p = new Properties();
        String timeoutConnect = String.valueOf(settings.connectTimeout().toMillis());
        String timeoutRead = String.valueOf(settings.readTimeout().toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", String.valueOf(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeoutConnect);
        p.setProperty("mail.smtp.timeout", timeoutRead);
        p.setProperty("mail.smtp.writetimeout", timeoutRead);
        // The envelope sender is the bare address; a display name belongs in the From header only.
        p.setProperty("mail.smtp.from", from.getAddress());
        switch (settings.tls()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        if (tlsSockets != null) {
            p.put("mail.smtp.ssl.socketFactory", tlsSockets);
        }
        if (settings.plaintextAuth()) {
            LOG.warn("SMTP AUTH without TLS (--smtp-allow-plaintext-auth): the password of '{}' crosses the network to {}:{} "
                    + "readable by anyone on the path; use --smtp-tls starttls or tls", settings.user().get(), settings.host(),
                    settings.port());
        }
        Authenticator auth = null;
        if (settings.user().isPresent()) {
            p.setProperty("mail.smtp.auth", "true");
            String user = settings.user().get();
            String password = settings.password().orElse("");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public void send(OutgoingMail mail) throws MailDeliveryException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.textBody(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.htmlBody(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
        } catch (MessagingException e) {
            throw new MailDeliveryException("Message could not be built: " + e.getMessage(), e, true);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // Jakarta Mail finds its providers through the context class loader.
            Thread.currentThread().setContextClassLoader(SmtpMailTransport.class.getClassLoader());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailDeliveryException(settings.host() + ":" + settings.port() + ": " + rootMessage(e), e, permanent(e));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * A rejection for good: the server answered the sender, a recipient or the data with a 5xx code (and nothing
     * with a 4xx). Connection failures, time-outs, 4xx answers and a refused login stay temporary: a login is the
     * configuration's fault, not the message's, and is retried until an administrator fixes it.
     */
    static boolean permanent(Throwable e) {
        boolean permanent = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int code = t instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : t instanceof SMTPSenderFailedException s ? s.getReturnCode()
                    : t instanceof SMTPSendFailedException f ? f.getReturnCode() : 0;
            if (code >= 400 && code < 500) {
                return false;
            }
            if (code >= 500 && code < 600) {
                permanent = true;
            }
        }
        return permanent;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            b.append(" (").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(")");
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public String describe() {
        return settings.describe();
    }
}
