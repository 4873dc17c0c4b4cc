package io.cutplan.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the server says about itself: its version, Cutplan's applied schema version, and (for the embedded
 * server) whether Cutplan's database exists yet. Works on any connection, pooled or not.
 */
public final class DatabaseInfoDao {
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseInfoDao() {
    }

    /** PostgreSQL's {@code server_version}, for example "16.4". */
    public static String serverVersion(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT current_setting('server_version')", rs -> rs.getString(1)).orElse("unknown");
    }

    /** The highest successfully applied Flyway migration, or empty on a database Cutplan has not migrated yet. */
    public static Optional<String> schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
            exists.next();
            if (!exists.getBoolean(1)) {
                return Optional.empty();
            }
            ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                    + "ORDER BY installed_rank DESC LIMIT 1");
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Creates the named database unless it exists. Needs an auto-commit connection to another database of the
     * server; the name is a literal of the calling code, checked against a strict pattern.
     */
    public static void createDatabaseIfMissing(Connection c, String name) throws SQLException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (Jdbc.one(c, "SELECT 1 FROM pg_database WHERE datname = ?", rs -> 1, name).isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        }
    }
}
