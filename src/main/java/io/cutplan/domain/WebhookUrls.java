package io.cutplan.domain;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Where a webhook may point: an absolute {@code https} URL with a host and no user info; {@code http} only to a
 * loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}) and only when the host allows it
 * explicitly (tests, a local relay). The host name is not resolved here: a name is judged by its spelling.
 */
public final class WebhookUrls {
    public static final int MAX_LENGTH = 2000;

    private WebhookUrls() {
    }

    /** The URL as stored (stripped), or a 422 / 400 DomainException naming the rule it breaks. */
    public static URI check(String url, boolean allowHttpLoopback) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalid("url", "url is required: an https URL");
        }
        String s = url.strip();
        if (s.length() > MAX_LENGTH) {
            throw DomainException.invalid("url", "url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new DomainException(ErrorKind.INVALID, "webhook_url_invalid", "url is not a valid URL", "url", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new DomainException(ErrorKind.INVALID, "webhook_url_invalid", "url must be an absolute URL with a host, "
                    + "such as https://hooks.example.com/...", "url", null);
        }
        if (uri.getRawUserInfo() != null) {
            throw new DomainException(ErrorKind.INVALID, "webhook_url_invalid",
                    "url must not carry a user name or password (put a token in the path or query instead)", "url", null);
        }
        if (uri.getRawFragment() != null) {
            throw new DomainException(ErrorKind.INVALID, "webhook_url_invalid", "url must not have a #fragment", "url", null);
        }
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && allowHttpLoopback && isLoopback(uri.getHost())) {
            return uri;
        }
        String why = scheme.equals("http") && isLoopback(uri.getHost())
                ? "http to a loopback address is allowed only with the host's explicit setting "
                + "(standalone: --webhooks-allow-http-loopback; Confluence: system property cutplan.webhooks.allowHttpLoopback=true)"
                : "only https URLs are allowed" + (scheme.equals("http") ? " (plain http only to a loopback address, behind a host setting)" : "");
        throw new DomainException(ErrorKind.RULE_VIOLATION, "webhook_url_not_https", "url must use https: " + why, "url",
                Map.of("scheme", scheme));
    }

    /** localhost (and its subdomains), 127.x.y.z and ::1, by spelling only. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * The URL fit for an error message, a log or the admin page: scheme, host, port and path only (the query, which
     * often carries the receiver's token, and any user info are dropped).
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            if (u.getHost() == null) {
                return "(invalid URL)";
            }
            String host = IDN.toUnicode(u.getHost());
            return u.getScheme() + "://" + host + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    /** Removes anything that looks like a URL's query or user info from a free error text (exceptions quote URLs). */
    public static String sanitise(String error) {
        if (error == null) {
            return null;
        }
        String s = error.replaceAll("(?i)(https?://)[^/\\s@]*@", "$1");
        s = s.replaceAll("(?i)(https?://[^\\s?#]*)[?#][^\\s]*", "$1");
        s = s.replaceAll("[\\r\\n]+", " ");
        return s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
    }
}
