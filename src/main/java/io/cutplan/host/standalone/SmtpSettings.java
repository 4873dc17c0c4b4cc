package io.cutplan.host.standalone;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the standalone host sends mail. {@link #toString()} and {@link #describe()} never show the password.
 * The timeouts bound every socket operation, so a stalled server cannot hold a dispatcher thread for ever.
 * A user name with {@code --smtp-tls none} would send the SMTP password in clear text (AUTH PLAIN/LOGIN is only
 * base64): that is refused unless {@code allowPlaintextAuth} ({@code --smtp-allow-plaintext-auth}) says otherwise,
 * and then the transport warns at start-up.
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> user, Optional<String> password, String from,
                           Duration connectTimeout, Duration readTimeout, boolean allowPlaintextAuth) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** How the connection is protected: not at all, upgraded with STARTTLS (required), or TLS from the start. */
    public enum Tls {
        NONE, STARTTLS, TLS;

        static Tls parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--smtp-tls must be none, starttls or tls, got '" + s + "'");
            }
        }

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--smtp-port must be 1 to 65535");
        }
        if (user.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("--smtp-user needs --smtp-password (or CUTPLAN_SMTP_PASSWORD)");
        }
        if (user.isPresent() && tls == Tls.NONE && !allowPlaintextAuth) {
            throw new IllegalArgumentException("--smtp-user with --smtp-tls none would send the SMTP password in clear text: "
                    + "use --smtp-tls starttls or tls, or, on a network you trust, allow it with --smtp-allow-plaintext-auth "
                    + "(or CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH=true)");
        }
    }

    /** The password goes over the wire unencrypted (allowed explicitly). */
    public boolean plaintextAuth() {
        return user.isPresent() && tls == Tls.NONE;
    }

    /** Builds settings from option values; a missing port defaults by TLS mode. */
    public static SmtpSettings of(String host, Optional<String> port, Optional<String> tls, Optional<String> user,
                                  Optional<String> password, Optional<String> from) {
        return of(host, port, tls, user, password, from, false);
    }

    /** As above; {@code allowPlaintextAuth} permits a user name with {@code --smtp-tls none}. */
    public static SmtpSettings of(String host, Optional<String> port, Optional<String> tls, Optional<String> user,
                                  Optional<String> password, Optional<String> from, boolean allowPlaintextAuth) {
        Tls mode = tls.map(Tls::parse).orElse(Tls.NONE);
        int p = port.map(SmtpSettings::parsePort).orElse(mode.defaultPort());
        return new SmtpSettings(host.strip(), p, mode, user, password, from.orElse("cutplan@localhost"),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, allowPlaintextAuth);
    }

    public SmtpSettings withTimeouts(Duration connect, Duration read) {
        return new SmtpSettings(host, port, tls, user, password, from, connect, read, allowPlaintextAuth);
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--smtp-port must be a number, got '" + s + "'");
        }
    }

    /** For administrators and logs: no password, ever. */
    public String describe() {
        return "SMTP " + host + ":" + port + (tls == Tls.NONE ? "" : ", " + tls) + user.map(u -> ", as " + u).orElse("")
                + ", from " + from;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + describe() + ", password=" + (password.isPresent() ? "***" : "-") + "]";
    }
}
