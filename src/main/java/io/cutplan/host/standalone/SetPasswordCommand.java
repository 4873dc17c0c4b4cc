package io.cutplan.host.standalone;

import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.CredentialDao;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --set-password USER}: sets a standalone login's password and exits. The password comes from
 * {@code CUTPLAN_NEW_PASSWORD}, else the console (asked twice, not echoed), else one line of standard input,
 * so it never appears on a command line. The user must exist (create users through the API).
 */
final class SetPasswordCommand {
    static final String FLAG = "--set-password";
    static final int MIN_LENGTH = 10;

    private SetPasswordCommand() {
    }

    /** The username after {@link #FLAG}, if present. */
    static Optional<String> username(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FLAG)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(FLAG + " needs a user name");
                }
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** The arguments without {@link #FLAG} and its value, for the database options. */
    static String[] remainingArgs(String[] args) {
        int i = Arrays.asList(args).indexOf(FLAG);
        if (i < 0) {
            return args;
        }
        String[] rest = new String[args.length - 2];
        System.arraycopy(args, 0, rest, 0, i);
        System.arraycopy(args, i + 2, rest, i, args.length - i - 2);
        return rest;
    }

    static char[] readPassword(Map<String, String> env) throws IOException {
        String fromEnv = env.get("CUTPLAN_NEW_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New password: ");
            char[] second = console.readPassword("Repeat it: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("The two passwords differ");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("No password given (set CUTPLAN_NEW_PASSWORD or type it)");
        }
        return line.toCharArray();
    }

    /** Stores the password's hash for an existing, active user. */
    static void setPassword(Database database, String username, char[] password) {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("The password must have at least " + MIN_LENGTH + " characters");
        }
        String hash = PasswordHasher.hash(new String(password));
        int updated = database.transactor().inTransaction(c -> CredentialDao.setPasswordHash(c, username, hash));
        if (updated == 0) {
            throw new IllegalArgumentException("No active user '" + username + "'; create it first (POST /rest/cutplan/1.0/users)");
        }
    }

    /** Runs the command against the configured database (embedded or external); returns the exit status. */
    static int run(String username, StandaloneOptions options, Map<String, String> env) throws IOException {
        char[] password = readPassword(env);
        Optional<EmbeddedDatabaseServer> embedded = options.dbUrl().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedDatabaseServer.start(options.dataDir()));
        DbConfig app = embedded.map(EmbeddedDatabaseServer::appConfig).orElseGet(() -> options.externalAppConfig().get());
        DbConfig owner = embedded.map(EmbeddedDatabaseServer::ownerConfig).orElseGet(() -> options.externalOwnerConfig().get());
        try (Database database = Database.open(owner.withPoolSize(2), app.withPoolSize(2))) {
            database.migrate();
            setPassword(database, username, password);
            System.out.println("Cutplan: password set for " + username);
            return 0;
        } finally {
            Arrays.fill(password, '\0');
            embedded.ifPresent(EmbeddedDatabaseServer::close);
        }
    }
}
