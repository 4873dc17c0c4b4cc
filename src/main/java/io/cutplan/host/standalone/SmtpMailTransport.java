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
import java.util.Date;
import java.util.Properties;

/**
 * The standalone host's mail: Jakarta Mail (Eclipse Angus) over SMTP, one connection per message,
 * {@code multipart/alternative} with the plain text first and the HTML preferred. Connect, read and write
 * timeouts are always set. Errors are reported without credentials.
 */
public final class SmtpMailTransport implements MailTransport {
    private final SmtpSettings settings;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailTransport(SmtpSettings settings) {
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
            throw new MailDeliveryException("Message could not be built: " + e.getMessage(), e);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // Jakarta Mail finds its providers through the context class loader.
            Thread.currentThread().setContextClassLoader(SmtpMailTransport.class.getClassLoader());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailDeliveryException(settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
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
