package io.cutplan.service.spi;


/**
 * What a host gives the services: how mail leaves, and the public base URL used in links (emails point
 * to the dashboard). The standalone host and the Confluence plugin each provide one. {@code mailDispatch}
 * tunes the background mail dispatcher (null: {@link DispatcherSettings#defaults()}); a null
 * {@code mailTransport} means no mail server (messages stay queued and administrators are told).
 * {@code webhooks} says how outgoing webhooks are sent (null: {@link WebhookSettings#defaults()}).
 */
public record HostSettings(MailTransport mailTransport, String baseUrl, DispatcherSettings mailDispatch,
                           WebhookSettings webhooks) {

    public HostSettings(MailTransport mailTransport, String baseUrl) {
        this(mailTransport, baseUrl, null, null);
    }

    public HostSettings(MailTransport mailTransport, String baseUrl, DispatcherSettings mailDispatch) {
        this(mailTransport, baseUrl, mailDispatch, null);
    }
}
