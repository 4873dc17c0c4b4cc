package io.cutplan.host.confluence;

import com.atlassian.sal.api.pluginsettings.PluginSettings;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;

/**
 * Keeps {@link PluginConfig} in Confluence's global plugin settings (SAL), which every node of a Data Center
 * cluster shares. Values are stored as strings, the portable type of every SAL implementation.
 */
public class ConfluenceSettingsStore {
    static final String PREFIX = "io.cutplan.confluence.";
    static final String DB_URL = PREFIX + "db.url";
    static final String DB_USER = PREFIX + "db.user";
    static final String DB_PASSWORD = PREFIX + "db.password";
    static final String DB_POOL_SIZE = PREFIX + "db.poolSize";
    static final String DB_OWNER_USER = PREFIX + "db.ownerUser";
    static final String DB_OWNER_PASSWORD = PREFIX + "db.ownerPassword";
    static final String MAIL_ENABLED = PREFIX + "mail.enabled";
    static final String MAIL_FROM_NAME = PREFIX + "mail.fromName";
    static final String ADMIN_GROUP = PREFIX + "identity.adminGroup";
    static final String PILOT_GROUP = PREFIX + "identity.pilotGroup";
    /** Changes on every save, so each node of a cluster can tell that the shared settings changed. */
    static final String REVISION = PREFIX + "revision";

    private final PluginSettingsFactory settingsFactory;

    public ConfluenceSettingsStore(PluginSettingsFactory settingsFactory) {
        this.settingsFactory = settingsFactory;
    }

    public PluginConfig load() {
        PluginSettings s = settingsFactory.createGlobalSettings();
        PluginConfig defaults = PluginConfig.empty();
        return new PluginConfig(
                string(s, DB_URL),
                string(s, DB_USER),
                string(s, DB_PASSWORD),
                integer(string(s, DB_POOL_SIZE), defaults.dbPoolSize()),
                bool(string(s, MAIL_ENABLED), defaults.mailEnabled()),
                orDefault(string(s, MAIL_FROM_NAME), defaults.mailFromName()),
                string(s, DB_OWNER_USER),
                string(s, DB_OWNER_PASSWORD),
                string(s, ADMIN_GROUP),
                string(s, PILOT_GROUP));
    }

    public void save(PluginConfig config) {
        PluginSettings s = settingsFactory.createGlobalSettings();
        putOrRemove(s, DB_URL, config.dbUrl());
        putOrRemove(s, DB_USER, config.dbUser());
        putOrRemove(s, DB_PASSWORD, config.dbPassword());
        putOrRemove(s, DB_OWNER_USER, config.dbOwnerUser());
        putOrRemove(s, DB_OWNER_PASSWORD, config.dbOwnerPassword());
        s.put(DB_POOL_SIZE, Integer.toString(config.dbPoolSize()));
        s.put(MAIL_ENABLED, Boolean.toString(config.mailEnabled()));
        putOrRemove(s, MAIL_FROM_NAME, config.mailFromName());
        putOrRemove(s, ADMIN_GROUP, config.adminGroup());
        putOrRemove(s, PILOT_GROUP, config.pilotGroup());
        s.put(REVISION, java.util.UUID.randomUUID().toString());
    }

    /** The settings' current revision (null before the first save). */
    public String revision() {
        return string(settingsFactory.createGlobalSettings(), REVISION);
    }

    private static void putOrRemove(PluginSettings s, String key, String value) {
        if (value == null || value.isEmpty()) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
    }

    private static String string(PluginSettings s, String key) {
        Object v = s.get(key);
        return v instanceof String str ? str : null;
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(String value, boolean fallback) {
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
