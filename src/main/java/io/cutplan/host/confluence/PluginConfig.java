package io.cutplan.host.confluence;

import io.cutplan.store.DbConfig;
import java.util.Optional;

/**
 * What a Confluence administrator configures for Cutplan: where the PostgreSQL database is and how mail is sent.
 * {@link #toString()} never shows a password.
 *
 * @param dbUrl        JDBC URL ({@code jdbc:postgresql://host:5432/db}); null or blank = not configured
 * @param dbUser       database user, may be null
 * @param dbPassword   database password, may be null; never sent back to a browser
 * @param dbPoolSize   connections per Confluence node
 * @param mailEnabled  whether Cutplan sends notification mail through Confluence's SMTP server
 * @param mailFromName display name on Cutplan's mails (the address is the SMTP server's default sender)
 * @param dbOwnerUser  optional role that owns the schema and runs the migrations (null: {@code dbUser} does)
 * @param dbOwnerPassword its password, may be null; never sent back to a browser
 * @param adminGroup   Confluence group whose members are Cutplan ADMINs (besides system administrators); null: none
 * @param pilotGroup   Confluence group whose members are Cutplan PILOTs; null: none
 */
public record PluginConfig(String dbUrl, String dbUser, String dbPassword, int dbPoolSize, boolean mailEnabled,
                           String mailFromName, String dbOwnerUser, String dbOwnerPassword, String adminGroup,
                           String pilotGroup) {

    /** Without role groups (only system administrators are ADMINs by group). */
    public PluginConfig(String dbUrl, String dbUser, String dbPassword, int dbPoolSize, boolean mailEnabled,
                        String mailFromName, String dbOwnerUser, String dbOwnerPassword) {
        this(dbUrl, dbUser, dbPassword, dbPoolSize, mailEnabled, mailFromName, dbOwnerUser, dbOwnerPassword, null, null);
    }

    /** Without a separate schema owner (one user for migrations and the application). */
    public PluginConfig(String dbUrl, String dbUser, String dbPassword, int dbPoolSize, boolean mailEnabled,
                        String mailFromName) {
        this(dbUrl, dbUser, dbPassword, dbPoolSize, mailEnabled, mailFromName, null, null, null, null);
    }

    /** The same settings with these role groups (blank: none). */
    public PluginConfig withGroups(String adminGroup, String pilotGroup) {
        return new PluginConfig(dbUrl, dbUser, dbPassword, dbPoolSize, mailEnabled, mailFromName, dbOwnerUser,
                dbOwnerPassword, blankToNull(adminGroup), blankToNull(pilotGroup));
    }

    public static final int DEFAULT_POOL_SIZE = DbConfig.DEFAULT_POOL_SIZE;
    public static final int MAX_POOL_SIZE = 100;
    public static final String DEFAULT_FROM_NAME = "Cutplan";

    public static PluginConfig empty() {
        return new PluginConfig(null, null, null, DEFAULT_POOL_SIZE, true, DEFAULT_FROM_NAME);
    }

    public boolean databaseConfigured() {
        return dbUrl != null && !dbUrl.isBlank();
    }

    /** The database settings, or empty when no URL is set. Throws IllegalArgumentException for a non-PostgreSQL URL. */
    public Optional<DbConfig> dbConfig() {
        if (!databaseConfigured()) {
            return Optional.empty();
        }
        return Optional.of(new DbConfig(dbUrl.trim(), blankToNull(dbUser), emptyToNull(dbPassword), dbPoolSize));
    }

    /**
     * Where the migrations connect: the owner user when one is configured, otherwise the application's user
     * (start-up then warns that the application owns the schema).
     */
    public Optional<DbConfig> ownerDbConfig() {
        if (blankToNull(dbOwnerUser) == null) {
            return dbConfig();
        }
        return dbConfig().map(app -> new DbConfig(app.url(), blankToNull(dbOwnerUser), emptyToNull(dbOwnerPassword),
                app.maxPoolSize()));
    }

    public boolean hasOwnerPassword() {
        return dbOwnerPassword != null && !dbOwnerPassword.isEmpty();
    }

    public boolean hasPassword() {
        return dbPassword != null && !dbPassword.isEmpty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "PluginConfig[dbUrl=" + (databaseConfigured() ? dbConfig().map(DbConfig::safeUrl).orElse("") : "none")
                + ", dbUser=" + dbUser + ", dbPassword=" + (hasPassword() ? "***" : "none") + ", dbPoolSize=" + dbPoolSize
                + ", mailEnabled=" + mailEnabled + ", mailFromName=" + mailFromName + ", dbOwnerUser=" + dbOwnerUser
                + ", dbOwnerPassword=" + (hasOwnerPassword() ? "***" : "none") + ", adminGroup=" + adminGroup
                + ", pilotGroup=" + pilotGroup + "]";
    }
}
