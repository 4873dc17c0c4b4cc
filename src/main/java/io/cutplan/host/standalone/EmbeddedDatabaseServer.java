package io.cutplan.host.standalone;

import io.cutplan.store.DatabaseInfoDao;
import io.cutplan.store.DbConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries inside the jar, keeping its data in a directory that
 * survives restarts. Used when no external database is configured.
 */
public final class EmbeddedDatabaseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);
    static final String DATABASE = "cutplan";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabaseServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabaseServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky's defaults are for throwaway test databases (fsync off); this one holds the cutover's record.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                DatabaseInfoDao.createDatabaseIfMissing(c, DATABASE);
            }
            LOG.info("Embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dataDir);
            return new EmbeddedDatabaseServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL started but refused a connection: " + e.getMessage(), e);
        }
    }

    public DbConfig config() {
        return new DbConfig(postgres.getJdbcUrl("postgres", DATABASE), "postgres", null);
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
