package io.cutplan.host.standalone;

import io.cutplan.service.spi.DispatcherSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone host's settings, from command-line flags first, then {@code CUTPLAN_*} environment
 * variables, then defaults. {@link #toString()} never shows a password.
 */
public record StandaloneOptions(
        String bindAddress,
        int port,
        Optional<String> demo,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<String> dbOwnerUser,
        Optional<String> dbOwnerPassword,
        String baseUrl,
        boolean help,
        Optional<SmtpSettings> smtp,
        DispatcherSettings mailDispatch,
        boolean webhooksAllowHttpLoopback) {

    public static final int DEFAULT_PORT = 8090;

    public static StandaloneOptions parse(String[] args, Map<String, String> env) {
        Flags f = new Flags(args);
        String bind = f.value("--bind").or(() -> opt(env, "CUTPLAN_BIND")).orElse("127.0.0.1");
        int port = parsePort(f.value("--port").or(() -> opt(env, "CUTPLAN_PORT")).orElse(String.valueOf(DEFAULT_PORT)));
        Optional<String> demo = f.value("--demo").or(() -> opt(env, "CUTPLAN_DEMO"));
        demo.ifPresent(d -> {
            if (!d.equals("small") && !d.equals("realistic")) {
                throw new IllegalArgumentException("--demo must be small or realistic, got '" + d + "'");
            }
        });
        Path dataDir = f.value("--data-dir").or(() -> opt(env, "CUTPLAN_DATA_DIR")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cutplan", "pgdata"));
        Optional<String> url = f.value("--db-url").or(() -> opt(env, "CUTPLAN_DB_URL"));
        Optional<String> user = f.value("--db-user").or(() -> opt(env, "CUTPLAN_DB_USER"));
        Optional<String> password = f.value("--db-password").or(() -> opt(env, "CUTPLAN_DB_PASSWORD"));
        Optional<String> ownerUser = f.value("--db-owner-user").or(() -> opt(env, "CUTPLAN_DB_OWNER_USER"));
        Optional<String> ownerPassword = f.value("--db-owner-password").or(() -> opt(env, "CUTPLAN_DB_OWNER_PASSWORD"));
        if (url.isEmpty() && (ownerUser.isPresent() || ownerPassword.isPresent())) {
            throw new IllegalArgumentException("--db-owner-user and --db-owner-password need --db-url "
                    + "(the embedded database generates its own roles and passwords)");
        }
        if (ownerPassword.isPresent() && ownerUser.isEmpty()) {
            throw new IllegalArgumentException("--db-owner-password needs --db-owner-user");
        }
        String baseUrl = f.value("--base-url").or(() -> opt(env, "CUTPLAN_BASE_URL"))
                .orElse("http://" + (bind.equals("0.0.0.0") ? "localhost" : bind) + ":" + port);
        boolean help = f.flag("--help") || f.flag("-h");
        Optional<SmtpSettings> smtp = smtp(f, env);
        DispatcherSettings mail = mailDispatch(f, env);
        boolean webhooksHttp = f.flag("--webhooks-allow-http-loopback")
                || opt(env, "CUTPLAN_WEBHOOKS_ALLOW_HTTP_LOOPBACK").map(v -> yes("CUTPLAN_WEBHOOKS_ALLOW_HTTP_LOOPBACK", v)).orElse(false);
        f.rejectUnknown();
        return new StandaloneOptions(bind, port, demo, dataDir, url, user, password, ownerUser, ownerPassword, baseUrl, help,
                smtp, mail, webhooksHttp);
    }

    /** The external database as the application connects to it ({@code --db-user}); empty when embedded. */
    public Optional<io.cutplan.store.DbConfig> externalAppConfig() {
        return dbUrl.map(u -> new io.cutplan.store.DbConfig(u, dbUser.orElse(null), dbPassword.orElse(null)));
    }

    /**
     * The external database as the migrations connect to it: {@code --db-owner-user} when given, otherwise the
     * application's user (one user for both, as before: start-up then warns that it owns the schema).
     */
    public Optional<io.cutplan.store.DbConfig> externalOwnerConfig() {
        if (dbOwnerUser.isEmpty()) {
            return externalAppConfig();
        }
        return dbUrl.map(u -> new io.cutplan.store.DbConfig(u, dbOwnerUser.get(), dbOwnerPassword.orElse(null)));
    }

    private static Optional<SmtpSettings> smtp(Flags f, Map<String, String> env) {
        Optional<String> host = f.value("--smtp-host").or(() -> opt(env, "CUTPLAN_SMTP_HOST"));
        Optional<String> port = f.value("--smtp-port").or(() -> opt(env, "CUTPLAN_SMTP_PORT"));
        Optional<String> tls = f.value("--smtp-tls").or(() -> opt(env, "CUTPLAN_SMTP_TLS"));
        Optional<String> user = f.value("--smtp-user").or(() -> opt(env, "CUTPLAN_SMTP_USER"));
        Optional<String> password = f.value("--smtp-password").or(() -> opt(env, "CUTPLAN_SMTP_PASSWORD"));
        Optional<String> from = f.value("--smtp-from").or(() -> opt(env, "CUTPLAN_SMTP_FROM"));
        boolean allowPlaintextAuth = f.flag("--smtp-allow-plaintext-auth")
                || opt(env, "CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH").map(v -> yes("CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH", v)).orElse(false);
        if (host.isEmpty()) {
            if (port.isPresent() || tls.isPresent() || user.isPresent() || from.isPresent()) {
                throw new IllegalArgumentException("SMTP settings need --smtp-host (or CUTPLAN_SMTP_HOST)");
            }
            return Optional.empty();
        }
        return Optional.of(SmtpSettings.of(host.get(), port, tls, user, password, from, allowPlaintextAuth));
    }

    private static boolean yes(String name, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static DispatcherSettings mailDispatch(Flags f, Map<String, String> env) {
        DispatcherSettings d = DispatcherSettings.defaults();
        Optional<String> attempts = f.value("--mail-max-attempts").or(() -> opt(env, "CUTPLAN_MAIL_MAX_ATTEMPTS"));
        Optional<String> poll = f.value("--mail-poll-ms").or(() -> opt(env, "CUTPLAN_MAIL_POLL_MS"));
        Optional<String> retry = f.value("--mail-retry-ms").or(() -> opt(env, "CUTPLAN_MAIL_RETRY_MS"));
        try {
            if (attempts.isPresent()) {
                d = d.withMaxAttempts(positiveInt("--mail-max-attempts", attempts.get()));
            }
            if (poll.isPresent()) {
                d = d.withPollInterval(Duration.ofMillis(positiveInt("--mail-poll-ms", poll.get())));
            }
            if (retry.isPresent()) {
                Duration first = Duration.ofMillis(positiveInt("--mail-retry-ms", retry.get()));
                d = d.withBackoff(first, first.compareTo(d.maxBackoff()) > 0 ? first : d.maxBackoff());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("--") ? e.getMessage() : "mail dispatcher: " + e.getMessage());
        }
        return d;
    }

    private static int positiveInt(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
        }
    }

    private static Optional<String> opt(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + s + "'");
        }
    }

    public static String usage() {
        return """
                Usage: java -jar cutplan-standalone.jar [options]

                  --port N            HTTP port (default 8090; 0 picks a free one)      env CUTPLAN_PORT
                  --bind ADDRESS      address to listen on (default 127.0.0.1)          env CUTPLAN_BIND
                  --demo NAME         load the 'small' or 'realistic' demo runbook      env CUTPLAN_DEMO
                  --data-dir DIR      embedded PostgreSQL data (default ~/.cutplan/pgdata) env CUTPLAN_DATA_DIR
                  --db-url URL        use this PostgreSQL instead (jdbc:postgresql://…) env CUTPLAN_DB_URL
                  --db-user USER                                                         env CUTPLAN_DB_USER
                  --db-password PASS  (prefer the environment variable)                  env CUTPLAN_DB_PASSWORD
                  --db-owner-user U   role that owns the schema and runs migrations      env CUTPLAN_DB_OWNER_USER
                                      (default: --db-user; see docs/operations.md)
                  --db-owner-password P  (prefer the environment variable)               env CUTPLAN_DB_OWNER_PASSWORD
                  --base-url URL      public URL used in links (e.g. in emails)          env CUTPLAN_BASE_URL
                  --smtp-host HOST    SMTP server for notification emails (none: mail stays queued)
                                                                                         env CUTPLAN_SMTP_HOST
                  --smtp-port N       default 25, 587 with starttls, 465 with tls        env CUTPLAN_SMTP_PORT
                  --smtp-tls MODE     none, starttls or tls (default none)               env CUTPLAN_SMTP_TLS
                  --smtp-user USER                                                       env CUTPLAN_SMTP_USER
                  --smtp-password P   (prefer the environment variable)                  env CUTPLAN_SMTP_PASSWORD
                  --smtp-from ADDR    sender address (default cutplan@localhost)         env CUTPLAN_SMTP_FROM
                  --smtp-allow-plaintext-auth  allow --smtp-user with --smtp-tls none (the password
                                      crosses the network readable; refused otherwise)
                                                                                         env CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH
                  --mail-max-attempts N  attempts before a message is FAILED (default 8) env CUTPLAN_MAIL_MAX_ATTEMPTS
                  --mail-poll-ms N    how often idle dispatchers look for mail (2000)    env CUTPLAN_MAIL_POLL_MS
                  --mail-retry-ms N   first retry delay, doubling up to 30 min (30000)   env CUTPLAN_MAIL_RETRY_MS
                  --webhooks-allow-http-loopback  let webhooks use plain http to a loopback address
                                      (tests, a local relay; every other URL must be https)
                                                                                         env CUTPLAN_WEBHOOKS_ALLOW_HTTP_LOOPBACK
                  --set-password USER set USER's login password and exit (reads CUTPLAN_NEW_PASSWORD,
                                      else asks on the console); the user must already exist
                  --help
                """;
    }

    @Override
    public String toString() {
        return "StandaloneOptions[bind=" + bindAddress + ", port=" + port + ", demo=" + demo.orElse("none")
                + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl.orElse("embedded") + ", dbUser=" + dbUser.orElse("-")
                + ", dbPassword=" + (dbPassword.isPresent() ? "***" : "-") + ", dbOwnerUser=" + dbOwnerUser.orElse("-")
                + ", dbOwnerPassword=" + (dbOwnerPassword.isPresent() ? "***" : "-") + ", baseUrl=" + baseUrl
                + ", smtp=" + smtp.map(SmtpSettings::toString).orElse("none")
                + ", webhooksAllowHttpLoopback=" + webhooksAllowHttpLoopback + "]";
    }

    /** Minimal flag reader: {@code --name value} or {@code --name=value}. */
    private static final class Flags {
        private final java.util.List<String> args;
        private final java.util.Set<Integer> used = new java.util.HashSet<>();

        Flags(String[] args) {
            this.args = java.util.List.of(args);
        }

        Optional<String> value(String name) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals(name)) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    used.add(i);
                    used.add(i + 1);
                    return Optional.of(args.get(i + 1));
                }
                if (a.startsWith(name + "=")) {
                    used.add(i);
                    return Optional.of(a.substring(name.length() + 1));
                }
            }
            return Optional.empty();
        }

        boolean flag(String name) {
            int i = args.indexOf(name);
            if (i >= 0) {
                used.add(i);
            }
            return i >= 0;
        }

        void rejectUnknown() {
            for (int i = 0; i < args.size(); i++) {
                if (!used.contains(i)) {
                    throw new IllegalArgumentException("Unknown option '" + args.get(i) + "'; see --help");
                }
            }
        }
    }
}
