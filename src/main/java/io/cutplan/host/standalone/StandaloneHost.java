package io.cutplan.host.standalone;

import io.cutplan.demo.DemoAccounts;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.service.spi.MailTransport;
import io.cutplan.service.spi.UnconfiguredMailTransport;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the standalone host: database (embedded or external), schema, services, HTTP.
 * Closing it stops everything in reverse order.
 */
public final class StandaloneHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneHost.class);

    private final Optional<EmbeddedDatabaseServer> embedded;
    private final Optional<EmbeddedDatabaseSupervisor> supervisor;
    private final Database database;
    private final CutplanServices services;
    private final StandaloneServer server;
    private final String schemaVersion;

    private StandaloneHost(Optional<EmbeddedDatabaseServer> embedded, Optional<EmbeddedDatabaseSupervisor> supervisor,
                           Database database, CutplanServices services, StandaloneServer server, String schemaVersion) {
        this.embedded = embedded;
        this.supervisor = supervisor;
        this.database = database;
        this.services = services;
        this.server = server;
        this.schemaVersion = schemaVersion;
    }

    public static StandaloneHost start(StandaloneOptions options) throws Exception {
        if (options.dbUrl().isPresent()) {
            DbConfig app = options.externalAppConfig().orElseThrow();
            DbConfig owner = options.externalOwnerConfig().orElseThrow();
            LOG.info("Using PostgreSQL at {} as {} (migrations as {})", app.safeUrl(), app.user(), owner.user());
            return start(options, owner, app, Optional.empty());
        }
        EmbeddedDatabaseServer embedded = EmbeddedDatabaseServer.start(options.dataDir());
        return start(options, embedded.ownerConfig(), embedded.appConfig(), Optional.of(embedded));
    }

    /** Starts on a given database with one user for migrations and the application (tests). */
    public static StandaloneHost start(StandaloneOptions options, DbConfig config) throws Exception {
        return start(options, config, config, Optional.empty());
    }

    /** Starts on a given database: migrations as {@code owner}, the application as {@code app} (tests). */
    public static StandaloneHost start(StandaloneOptions options, DbConfig owner, DbConfig app) throws Exception {
        return start(options, owner, app, Optional.empty());
    }

    private static StandaloneHost start(StandaloneOptions options, DbConfig owner, DbConfig app,
                                        Optional<EmbeddedDatabaseServer> embedded) throws Exception {
        Database database = Database.open(owner, app);
        CutplanServices started = null;
        Optional<EmbeddedDatabaseSupervisor> supervisor = Optional.empty();
        try {
            String schema = database.migrate();
            options.demo().ifPresent(demo -> loadDemo(database, demo));
            MailTransport mail = options.smtp().<MailTransport>map(SmtpMailTransport::new)
                    .orElseGet(() -> new UnconfiguredMailTransport(
                            "No SMTP server is configured (set CUTPLAN_SMTP_HOST or --smtp-host); notification emails stay queued"));
            LOG.info("Notification emails: {}", mail.describe());
            CutplanServices services = new CutplanServices(database,
                    new HostSettings(mail, options.baseUrl(), options.mailDispatch(), io.cutplan.service.spi.WebhookSettings.defaults()
                            .withAllowHttpLoopback(options.webhooksAllowHttpLoopback()
                                    || Boolean.getBoolean(io.cutplan.service.spi.WebhookSettings.ALLOW_HTTP_LOOPBACK_PROPERTY))));
            started = services;
            supervisor = embedded.map(e -> EmbeddedDatabaseSupervisor.defaults(e).start());
            supervisor.ifPresent(sv -> services.health().watchOutages(sv::outage));
            List<Object> bindings = new ArrayList<>(services.all());
            bindings.add(new StandaloneCallerSource());
            StandaloneServer server = new StandaloneServer(options.bindAddress(), options.port(), database, bindings);
            server.start();
            return new StandaloneHost(embedded, supervisor, database, services, server, schema);
        } catch (Exception | Error e) {
            supervisor.ifPresent(EmbeddedDatabaseSupervisor::close);
            if (started != null) {
                started.close();
            }
            database.close();
            embedded.ifPresent(EmbeddedDatabaseServer::close);
            throw e;
        }
    }

    /**
     * {@code --demo}: loads the runbook (skipped when already there) and the demo accounts, whose password is
     * their own name. Only this path ever writes a default password.
     */
    private static void loadDemo(Database database, String demo) {
        DemoSummary summary = DemoRunbooks.load(database, demo, DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        System.out.println("Cutplan: " + summary.describe());
        LOG.warn("Demo mode: accounts {} can log in with their user name as password (demo only)",
                DemoAccounts.LOGINS.stream().map(DemoAccounts.Account::username).toList());
        System.out.print(DemoAccounts.banner());
    }

    public int port() {
        return server.port();
    }

    /** The HTTP side, for test hooks that take it offline and back (see the dashboard's browser tests). */
    StandaloneServer server() {
        return server;
    }

    /**
     * Sets a login's password in this process (as {@code --set-password} does from another) and forgets the user's
     * remembered logins at once, so the old password stops working on the next request.
     */
    public void setPassword(String username, char[] password) {
        SetPasswordCommand.setPassword(database, username, password);
        server.login().forgetLogins(username);
    }

    public Database database() {
        return database;
    }

    public CutplanServices services() {
        return services;
    }

    /** The embedded PostgreSQL, when this host runs one (tests kill it to watch the supervisor). */
    public Optional<EmbeddedDatabaseServer> embeddedDatabase() {
        return embedded;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.getMessage());
        }
        supervisor.ifPresent(EmbeddedDatabaseSupervisor::close);
        services.close();
        database.close();
        embedded.ifPresent(EmbeddedDatabaseServer::close);
    }
}
