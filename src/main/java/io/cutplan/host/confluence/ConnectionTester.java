package io.cutplan.host.confluence;

import io.cutplan.store.DatabaseInfoDao;
import io.cutplan.store.DbConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The configuration page's "test connection": one short-lived connection with the given settings, outside any
 * pool, reporting the server version and whether Cutplan's schema is already there. Never throws.
 */
public final class ConnectionTester {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private ConnectionTester() {
    }

    /**
     * @param ok            whether a connection could be opened and queried
     * @param message       a secret-free sentence for the administrator
     * @param serverVersion PostgreSQL's version string when ok
     * @param schemaVersion Cutplan's applied schema version, or null when the database is still empty
     */
    public record Result(boolean ok, String message, String serverVersion, String schemaVersion) {
    }

    public static Result test(DbConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.url());
        if (config.user() != null) {
            ds.setUser(config.user());
        }
        if (config.password() != null) {
            ds.setPassword(config.password());
        }
        ds.setApplicationName("cutplan-connection-test");
        ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        ds.setSocketTimeout(CONNECT_TIMEOUT_SECONDS * 2);
        try (Connection c = ds.getConnection()) {
            String server = DatabaseInfoDao.serverVersion(c);
            String schema = DatabaseInfoDao.schemaVersion(c).orElse(null);
            return new Result(true, "Connected to PostgreSQL " + server
                    + (schema == null ? "; Cutplan will create its schema on start" : "; Cutplan schema version " + schema),
                    server, schema);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, "Could not connect to " + config.safeUrl() + ": " + redact(e.getMessage(), config), null, null);
        }
    }

    /** Driver messages can quote the URL, which may carry credentials in its query string. */
    private static String redact(String message, DbConfig config) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replace(config.url(), config.safeUrl());
        if (config.password() != null && !config.password().isEmpty()) {
            m = m.replace(config.password(), "***");
        }
        return m;
    }
}
