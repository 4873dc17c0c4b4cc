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
            admin("CREATE DATABASE " + TEMPLATE);
            try (Database db = Database.open(configFor(TEMPLATE).withPoolSize(2))) {
                db.migrate();
            }
            templateReady = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(TEMPLATE)));
        }
        String name = "cutplan_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
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
