package io.cutplan.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final PGSimpleDataSource direct;
    private final Transactor transactor;

    private Database(HikariDataSource pool, PGSimpleDataSource direct) {
        this.pool = pool;
        this.direct = direct;
        this.transactor = new Transactor(pool);
    }

    public static Database open(DbConfig config) {
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

        HikariConfig hc = new HikariConfig();
        hc.setPoolName("cutplan");
        hc.setDataSource(pg);
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        hc.setAutoCommit(false);
        hc.setConnectionTimeout(3_000);
        hc.setValidationTimeout(1_000);
        // Start even when the server is down; the pool retries and health reports the state.
        hc.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(hc), pg);
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
        // The lock lives on its own connection outside the pool: Flyway needs pool connections of its own.
        try (Connection lockConnection = direct.getConnection()) {
            lockConnection.setAutoCommit(true);
            try (Statement s = lockConnection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
            }
            try {
                Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(pool)
                        .locations("classpath:db/migration")
                        .failOnMissingLocations(true)
                        .load();
                var result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("Applied {} migration(s); schema version {}", result.migrationsExecuted, result.targetSchemaVersion);
                }
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

    /** The highest successfully applied migration version, or empty before the first migration. */
    public Optional<String> schemaVersion() {
        return transactor.readOnly(DatabaseInfoDao::schemaVersion);
    }

    @Override
    public void close() {
        pool.close();
    }
}
