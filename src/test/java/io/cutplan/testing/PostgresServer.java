package io.cutplan.testing;

import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test run, chosen once: {@code CUTPLAN_TEST_DB_URL} (with
 * {@code CUTPLAN_TEST_DB_USER} / {@code CUTPLAN_TEST_DB_PASSWORD}; the user needs CREATEDB) when set,
 * otherwise a Testcontainers PostgreSQL when a Docker daemon answers, otherwise embedded PostgreSQL.
 * Databases are cloned from a migrated template so a fresh schema costs milliseconds.
 */
public final class PostgresServer {
    private static final String TEMPLATE = "cutplan_template_" + ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresServer instance;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String kind;
    private boolean templateReady;
    private Optional<TestRoles> roles;

    private PostgresServer(String adminUrl, String user, String password, String kind) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.kind = kind;
    }

    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = startServer();
        }
        return instance;
    }

    private static PostgresServer startServer() {
        String url = System.getenv("CUTPLAN_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, System.getenv("CUTPLAN_TEST_DB_USER"), System.getenv("CUTPLAN_TEST_DB_PASSWORD"),
                    "external");
        }
        if (!"embedded".equals(System.getProperty("cutplan.test.db")) && dockerAnswers()) {
            PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:17-alpine");
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
            return new PostgresServer(c.getJdbcUrl(), c.getUsername(), c.getPassword(), "testcontainers");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", null, "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public String kind() {
        return kind;
    }

    /**
     * The two roles of docs/operations.md ("Database roles") on this server, created once when the admin user is a
     * superuser (empty otherwise, e.g. an external server whose user has CREATEDB only): the template is
     * migrated as the owner, and the shared test host connects as the application role, so every API test
     * runs with the privileges production has.
     */
    public synchronized Optional<TestRoles> roles() {
        if (roles == null) {
            roles = Optional.empty();
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
                if (rs.next() && rs.getBoolean(1)) {
                    TestRoles r = new TestRoles("cutplan_test_owner", "cutplan-test-owner-pw", "cutplan_test_app", "cutplan-test-app-pw");
                    ensureRole(s, r.owner(), r.ownerPassword());
                    ensureRole(s, r.app(), r.appPassword());
                    roles = Optional.of(r);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the test roles: " + e.getMessage(), e);
            }
        }
        return roles;
    }

    private static void ensureRole(Statement s, String role, String pw) throws SQLException {
        try {
            s.execute("CREATE ROLE " + role + " LOGIN");
        } catch (SQLException e) {
            // exists already (another run, or a concurrent JVM on the same server)
        }
        s.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + pw + "'");
    }

    /** The test roles' names and passwords (test-only secrets). */
    public record TestRoles(String owner, String ownerPassword, String app, String appPassword) {
    }

    /** The same database as {@code config}, connected as the schema owner role (or {@code config} without roles). */
    public DbConfig ownerConfig(DbConfig config) {
        return roles().map(r -> new DbConfig(config.url(), r.owner(), r.ownerPassword(), config.maxPoolSize())).orElse(config);
    }

    /** The same database as {@code config}, connected as the application role (or {@code config} without roles). */
    public DbConfig appConfig(DbConfig config) {
        return roles().map(r -> new DbConfig(config.url(), r.app(), r.appPassword(), config.maxPoolSize())).orElse(config);
    }

    /** A new, empty database (no schema). */
    public synchronized DbConfig createEmptyDatabase() {
        String name = "cutplan_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name);
        return configFor(name);
    }

    /** A new database carrying the full current schema, cloned from a migrated template. */
    public synchronized DbConfig createMigratedDatabase() {
        if (!templateReady) {
            admin("DROP DATABASE IF EXISTS " + TEMPLATE);
            Optional<TestRoles> r = roles();
            admin("CREATE DATABASE " + TEMPLATE + r.map(x -> " OWNER " + x.owner()).orElse(""));
            DbConfig template = configFor(TEMPLATE).withPoolSize(2);
            if (r.isPresent()) {
                // As docs/operations.md, step 3 (PostgreSQL 15+ does it already; older servers need it).
                try (Connection c = DriverManager.getConnection(template.url(), user, password); Statement s = c.createStatement()) {
                    s.execute("ALTER SCHEMA public OWNER TO " + r.get().owner());
                    s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not prepare the template's schema: " + e.getMessage(), e);
                }
            }
            // Migrated as the owner, which also grants the application role (clones keep owners and grants).
            try (Database db = Database.open(ownerConfig(template), appConfig(template))) {
                db.migrate();
            }
            templateReady = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(TEMPLATE)));
        }
        String name = "cutplan_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + roles().map(x -> " OWNER " + x.owner()).orElse(""));
        return configFor(name);
    }

    public void drop(DbConfig config) {
        String url = config.url();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        dropQuietly(name);
    }

    private void dropQuietly(String name) {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // best effort: the server may already be stopping
        }
    }

    public DbConfig configFor(String database) {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        String url = adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        return new DbConfig(url, user, password);
    }

    /** Runs one statement on the server's maintenance database. Names passed here are generated, never input. */
    public void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database admin statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
