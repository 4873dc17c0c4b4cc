package io.cutplan.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema. HikariCP is handed a {@link PGSimpleDataSource} rather than a JDBC URL,
 * so no {@code DriverManager} lookup happens: the same code runs inside an OSGi bundle.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Session advisory lock key serialising migrations across processes ("cutplan" in ASCII). */
    private static final long MIGRATION_LOCK_KEY = 0x637574706c616eL;

    private final HikariDataSource pool;
    /** Connections as the schema owner, outside the pool: migrations, their lock and the grants. */
    private final PGSimpleDataSource owner;
    private final boolean separateOwner;
    private final String appUser;
    private final Transactor transactor;

    private Database(HikariDataSource pool, PGSimpleDataSource owner, boolean separateOwner, String appUser) {
        this.pool = pool;
        this.owner = owner;
        this.separateOwner = separateOwner;
        this.appUser = appUser;
        this.transactor = new Transactor(pool);
    }

    /**
     * One user for everything (older set-ups and the tests): migrations and the application share it, so
     * the application owns the schema; {@link #migrate()} warns about it.
     */
    public static Database open(DbConfig config) {
        return open(config, config);
    }

    /**
     * Migrations run as {@code owner} (the role that owns the schema); the pool connects as {@code app}, which
     * {@link #migrate()} grants what the application needs and nothing more (see docs/operations.md).
     */
    public static Database open(DbConfig owner, DbConfig app) {
        PGSimpleDataSource pg = dataSource(app);
        PGSimpleDataSource ownerSource = owner == app ? pg : dataSource(owner);
        boolean separate = owner.user() != null && !owner.user().equals(app.user());

        HikariConfig hc = new HikariConfig();
        hc.setPoolName("cutplan");
        hc.setDataSource(pg);
        hc.setMaximumPoolSize(app.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, app.maxPoolSize()));
        hc.setAutoCommit(false);
        hc.setConnectionTimeout(3_000);
        hc.setValidationTimeout(1_000);
        // Start even when the server is down; the pool retries and health reports the state.
        hc.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(hc), ownerSource, separate, app.user());
    }

    private static PGSimpleDataSource dataSource(DbConfig config) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(config.url());
        if (config.user() != null) {
            pg.setUser(config.user());
        }
        if (config.password() != null) {
            pg.setPassword(config.password());
        }
        pg.setApplicationName("cutplan");
        // A dead server must not hang a request for minutes: fail fast so callers answer 503.
        pg.setConnectTimeout(5);
        pg.setSocketTimeout(60);
        return pg;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Transactor transactor() {
        return transactor;
    }

    /**
     * Applies pending migrations. Flyway is given this class's own class loader so it finds the SQL files
     * inside an OSGi bundle too, and a session advisory lock makes two processes starting at once against
     * one empty database take turns instead of racing to create the history table.
     */
    public String migrate() {
        // The lock lives on its own connection outside the pool, and so do Flyway's (see below).
        try (Connection lockConnection = owner.getConnection()) {
            lockConnection.setAutoCommit(true);
            try (Statement s = lockConnection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
            }
            try {
                // Flyway opens connections of its own (on PostgreSQL two at once: one holds its schema-history lock
                // while the other migrates), so it gets the owner's plain data source, never the pool: with a pool
                // of one connection (the smallest the admin page allows) it would wait for a second one forever.
                Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(owner)
                        .locations("classpath:db/migration")
                        .failOnMissingLocations(true)
                        .load();
                var result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("Applied {} migration(s); schema version {}", result.migrationsExecuted, result.targetSchemaVersion);
                }
                if (separateOwner) {
                    // Every start, under the lock: tables of new migrations get the grants even where the
                    // default privileges were not set (a schema first migrated by one role, then split).
                    RoleDao.grantAppRole(lockConnection, appUser);
                }
                warnAboutAppRole();
                return schemaVersion().orElse("none");
            } finally {
                try (Statement s = lockConnection.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not migrate the database: " + e.getMessage(), e);
        }
    }

    private void warnAboutAppRole() {
        try {
            List<String> risks = transactor.readOnly(RoleDao::appRoleRisks);
            if (!risks.isEmpty()) {
                LOG.warn("The application's database user {}; it could rewrite the audit log. Configure a separate "
                        + "schema owner for migrations and an application role (docs/operations.md, 'Database roles')",
                        String.join(" and ", risks));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check the application's database privileges: {}", e.getMessage());
        }
    }

    /** The highest successfully applied migration version, or empty before the first migration. */
    public Optional<String> schemaVersion() {
        return transactor.readOnly(DatabaseInfoDao::schemaVersion);
    }

    @Override
    public void close() {
        pool.close();
    }
}
