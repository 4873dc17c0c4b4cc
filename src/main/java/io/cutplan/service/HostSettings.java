package io.cutplan.service;

import io.cutplan.service.mail.MailTransport;

/**
 * What a host gives the services: how mail leaves, and the public base URL used in links (emails point
 * to the dashboard). The standalone host and the Confluence plugin each provide one.
 */
public record HostSettings(MailTransport mailTransport, String baseUrl) {
}
