package io.cutplan.host.confluence;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The Confluence-side composition root and lifecycle. When Confluence enables the plugin (Spring creates this
 * singleton) it opens the pool on the configured PostgreSQL database, applies migrations and builds
 * {@link CutplanServices} (with their background workers); when the plugin is disabled or upgraded (Spring
 * destroys it) it stops the workers, closes the pool and deregisters the JDBC driver, so nothing of the old
 * bundle stays alive. Saving new settings on the configuration page restarts it in place.
 *
 * <p>A missing or unreachable database never blocks enabling the plugin: the state becomes NOT_CONFIGURED or
 * FAILED, the macro says so, and the REST API answers 503 until an administrator fixes the settings.
 *
 * <p>In a Data Center cluster every node runs one runtime over the shared settings. Settings saved on one node
 * carry a new revision; every other node notices it on its next use (at most every {@link #SETTINGS_CHECK_NANOS})
 * and restarts on the new settings, so no node keeps writing to a database the administrator moved away from.
 *
 * <p>REST resources receive the services as Spring beans: META-INF/spring/cutplan-context.xml declares one
 * prototype bean per service type, produced by {@link #service(Class)}, so each request sees the current
 * services even after a restart.
 */
public class CutplanRuntime implements InitializingBean, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(CutplanRuntime.class);

    private final ConfluenceSettingsStore settings;
    private final ConfluenceMailTransport mailTransport;
    private final ApplicationProperties applicationProperties;

    /** How often a node compares its settings revision with the shared one. */
    static final long SETTINGS_CHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private volatile Running running;
    private volatile String appliedRevision;
    private volatile long lastSettingsCheck = System.nanoTime();
    private long settingsCheckNanos = SETTINGS_CHECK_NANOS;
    /** The settings this runtime last started with (their role groups are read on every call). */
    private volatile PluginConfig appliedConfig = PluginConfig.empty();
    private volatile RuntimeStatus status = new RuntimeStatus(RuntimeStatus.State.NOT_CONFIGURED, null, null);

    private record Running(Database database, CutplanServices services) {
    }

    public CutplanRuntime(ConfluenceSettingsStore settings, ConfluenceMailTransport mailTransport,
                          ApplicationProperties applicationProperties) {
        this.settings = settings;
        this.mailTransport = mailTransport;
        this.applicationProperties = applicationProperties;
    }

    /** Spring: the plugin is being enabled. */
    @Override
    public void afterPropertiesSet() {
        start();
    }

    /** Spring: the plugin is being disabled, upgraded or uninstalled, or Confluence is stopping. */
    @Override
    public void destroy() {
        synchronized (this) {
            stop();
            // From now on nothing starts again in this instance (a late request cannot revive the old bundle).
            status = new RuntimeStatus(RuntimeStatus.State.STOPPED, null, null);
        }
        int drivers = JdbcDriverCleanup.deregisterOwnDrivers();
        LOG.info("Cutplan stopped{}", drivers > 0 ? "; deregistered " + drivers + " JDBC driver(s)" : "");
    }

    /** Stops whatever runs and starts again with the stored settings (after an administrator saved them). */
    public synchronized RuntimeStatus restart() {
        stop();
        start();
        return status;
    }

    public RuntimeStatus status() {
        followSharedSettings();
        return status;
    }

    /** Restarts when another node saved new settings since this runtime last (re)started. */
    void followSharedSettings() {
        long now = System.nanoTime();
        if (now - lastSettingsCheck < settingsCheckNanos) {
            return;
        }
        lastSettingsCheck = now;
        String current;
        try {
            current = settings.revision();
        } catch (RuntimeException e) {
            LOG.warn("Cutplan could not read its settings: {}", e.getMessage());
            return;
        }
        if (!java.util.Objects.equals(current, appliedRevision)) {
            restartIfSettingsChanged();
        }
    }

    /** Re-checked under the lock, so concurrent requests noticing the change restart once. */
    private synchronized void restartIfSettingsChanged() {
        if (!java.util.Objects.equals(settings.revision(), appliedRevision) && status.state() != RuntimeStatus.State.STOPPED) {
            LOG.info("Cutplan's settings changed (saved on another node); restarting with them");
            stop();
            start();
        }
    }

    /** Tests: compare revisions on every use instead of every few seconds. */
    void checkSettingsEveryUse() {
        settingsCheckNanos = 0;
        lastSettingsCheck = System.nanoTime() - 1;
    }

    /**
     * The settings this node runs on (read at the last start, which follows a save on any node): the role groups
     * {@link ConfluenceCallerSource} asks SAL about.
     */
    public PluginConfig config() {
        return appliedConfig;
    }

    public Optional<CutplanServices> services() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.services());
    }

    /**
     * The current service of a type: the factory method of the service beans in the Spring context.
     * Throws a 503-kind {@link DomainException} while the database is not configured or not reachable.
     */
    public <T> T service(Class<T> type) {
        followSharedSettings();
        Running r = running;
        if (r == null) {
            throw notRunning();
        }
        return ServiceLookup.find(r.services().all(), type).orElseThrow(() ->
                new IllegalStateException("No Cutplan service of type " + type.getName()));
    }

    /**
     * Why no service can be had right now (503-kind), or empty while running. The REST filter
     * ({@code rest.RuntimeAvailabilityFilter}) answers with it before any resource is built.
     */
    public Optional<DomainException> unavailable() {
        followSharedSettings();
        return running == null ? Optional.of(notRunning()) : Optional.empty();
    }

    private DomainException notRunning() {
        RuntimeStatus s = status;
        return new DomainException(ErrorKind.UNAVAILABLE,
                s.state() == RuntimeStatus.State.FAILED ? "database_unavailable" : "not_configured", notRunningMessage());
    }

    String notRunningMessage() {
        RuntimeStatus s = status;
        return s.state() == RuntimeStatus.State.FAILED
                ? "Cutplan cannot reach its database: " + s.message()
                : "Cutplan's database is not configured yet; a Confluence administrator sets it on Cutplan's configuration page";
    }

    private synchronized void start() {
        if (running != null || status.state() == RuntimeStatus.State.STOPPED) {
            return;
        }
        // Read the revision first: a save racing with this start then leads to one more restart, never to none.
        appliedRevision = settings.revision();
        PluginConfig config = settings.load();
        appliedConfig = config;
        Optional<DbConfig> db;
        try {
            db = config.dbConfig();
        } catch (IllegalArgumentException e) {
            status = new RuntimeStatus(RuntimeStatus.State.FAILED, e.getMessage(), null);
            return;
        }
        if (db.isEmpty()) {
            status = new RuntimeStatus(RuntimeStatus.State.NOT_CONFIGURED, null, null);
            LOG.info("Cutplan: no database configured yet");
            return;
        }
        Database database = Database.open(config.ownerDbConfig().orElseThrow(), db.get());
        try {
            String schema = database.migrate();
            CutplanServices services = new CutplanServices(database, new HostSettings(mailTransport, baseUrl()));
            running = new Running(database, services);
            status = new RuntimeStatus(RuntimeStatus.State.RUNNING, null, schema);
            LOG.info("Cutplan started on {} (schema {})", db.get().safeUrl(), schema);
        } catch (RuntimeException e) {
            database.close();
            String reason = reason(e);
            status = new RuntimeStatus(RuntimeStatus.State.FAILED, reason, null);
            LOG.warn("Cutplan could not start on {}: {}", db.get().safeUrl(), reason);
        }
    }

    /** The most specific explanation in the chain: our own (domain) messages are written for administrators. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    private synchronized void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        try {
            r.services().close();
        } finally {
            r.database().close();
        }
        status = new RuntimeStatus(RuntimeStatus.State.NOT_CONFIGURED, null, null);
    }

    private String baseUrl() {
        try {
            return applicationProperties.getBaseUrl(UrlMode.CANONICAL);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
