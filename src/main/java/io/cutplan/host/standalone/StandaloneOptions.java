package io.cutplan.host.standalone;

import java.nio.file.Path;
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
        String baseUrl,
        boolean help) {

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
        String baseUrl = f.value("--base-url").or(() -> opt(env, "CUTPLAN_BASE_URL"))
                .orElse("http://" + (bind.equals("0.0.0.0") ? "localhost" : bind) + ":" + port);
        boolean help = f.flag("--help") || f.flag("-h");
        f.rejectUnknown();
        return new StandaloneOptions(bind, port, demo, dataDir, url, user, password, baseUrl, help);
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
                  --base-url URL      public URL used in links (e.g. in emails)          env CUTPLAN_BASE_URL
                  --help
                """;
    }

    @Override
    public String toString() {
        return "StandaloneOptions[bind=" + bindAddress + ", port=" + port + ", demo=" + demo.orElse("none")
                + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl.orElse("embedded") + ", dbUser=" + dbUser.orElse("-")
                + ", dbPassword=" + (dbPassword.isPresent() ? "***" : "-") + ", baseUrl=" + baseUrl + "]";
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
