package io.cutplan.host.confluence.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.confluence.macro.Macro;
import io.cutplan.host.confluence.HostFakes;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Each plugin jar in a real OSGi framework (Apache Felix) whose system bundle exports what that Confluence
 * exports: the bundle resolves and starts; without a host package it does not (so the check can fail). Then the
 * plugin's lifecycle runs inside the framework, as Confluence would drive it, against a real PostgreSQL: Flyway,
 * loaded through the bundle's class loader, finds the migrations inside the bundle and applies them; the services
 * answer; the macro renders; stopping leaves no thread, connection or JDBC driver behind.
 *
 * <p>This proves wiring and class loading, not Confluence itself (no Spring context, no descriptor loading).
 */
class FelixBundleTest {
    static {
        // The driver's cleanup thread ("PostgreSQL-JDBC-Cleaner") ends by itself once no connection is left, after
        // this idle time (30 s by default, so in Confluence it lingers up to 30 s after the plugin stops). A short
        // time lets the leak check below see it end instead of waiting half a minute.
        System.setProperty("pgjdbc.config.cleanup.thread.ttl", "500");
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void bundleResolvesAgainstWhatItsConfluenceExports(PluginJar.Target target) throws Exception {
        try (Felix felix = new Felix(ConfluencePackages.exportedBy(target))) {
            Bundle bundle = felix.framework.getBundleContext().installBundle(target.path().toUri().toString());
            bundle.start();
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(bundle.getSymbolicName()).isEqualTo("io.cutplan.confluence");
            // The macro class, loaded through the bundle, implements the host's Macro interface (same class object).
            assertThat(Macro.class).isAssignableFrom(bundle.loadClass("io.cutplan.host.confluence.CutplanRunbookMacro"));
            bundle.stop();
            bundle.uninstall();
        }
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void bundleDoesNotResolveWhenAHostPackageIsMissing(PluginJar.Target target) throws Exception {
        List<String> withoutMacroApi = new ArrayList<>(ConfluencePackages.exportedBy(target));
        withoutMacroApi.remove("com.atlassian.confluence.macro");
        try (Felix felix = new Felix(withoutMacroApi)) {
            Bundle bundle = felix.framework.getBundleContext().installBundle(target.path().toUri().toString());
            assertThatThrownBy(bundle::start).isInstanceOfSatisfying(BundleException.class,
                    e -> assertThat(e.getType()).isEqualTo(BundleException.RESOLVE_ERROR))
                    .hasMessageContaining("com.atlassian.confluence.macro");
        }
        // And the other Confluence's exports do not fit either: the namespaces differ.
        PluginJar.Target other = target == PluginJar.Target.CONFLUENCE_10 ? PluginJar.Target.CONFLUENCE_92 : PluginJar.Target.CONFLUENCE_10;
        try (Felix felix = new Felix(ConfluencePackages.exportedBy(other))) {
            Bundle bundle = felix.framework.getBundleContext().installBundle(target.path().toUri().toString());
            assertThatThrownBy(bundle::start).isInstanceOf(BundleException.class).hasMessageContaining(target.ee + ".");
        }
    }

    @ParameterizedTest
    @EnumSource(PluginJar.Target.class)
    void lifecycleMigratesThroughTheBundleAndStopsWithoutLeaks(PluginJar.Target target) throws Exception {
        DbConfig db = PostgresServer.get().createEmptyDatabase();
        long migrations = PluginJar.of(target).entries.keySet().stream()
                .filter(e -> e.matches("db/migration/V\\d+__.+\\.sql")).count();
        try (Felix felix = new Felix(ConfluencePackages.exportedBy(target))) {
            Bundle bundle = felix.framework.getBundleContext().installBundle(target.path().toUri().toString());
            bundle.start();
            ClassLoader bundleLoader = bundle.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();

            HostFakes.Settings settings = new HostFakes.Settings();
            settings.put("io.cutplan.confluence.db.url", db.url());
            if (db.user() != null) {
                settings.put("io.cutplan.confluence.db.user", db.user());
            }
            if (db.password() != null) {
                settings.put("io.cutplan.confluence.db.password", db.password());
            }
            settings.put("io.cutplan.confluence.db.poolSize", "3");
            Class<?> storeClass = bundle.loadClass("io.cutplan.host.confluence.ConfluenceSettingsStore");
            Class<?> mailClass = bundle.loadClass("io.cutplan.host.confluence.ConfluenceMailTransport");
            Class<?> runtimeClass = bundle.loadClass("io.cutplan.host.confluence.CutplanRuntime");
            Object store = storeClass.getConstructors()[0].newInstance(settings);
            Object mail = mailClass.getConstructors()[0].newInstance(new HostFakes.Mail(), store);
            Object runtime = runtimeClass.getConstructors()[0].newInstance(store, mail, new HostFakes.App());

            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            // Confluence creates a plugin's Spring context with the plugin's class loader as context class loader.
            withContextLoader(bundleLoader, () -> ((InitializingBean) runtime).afterPropertiesSet());

            Object status = runtimeClass.getMethod("status").invoke(runtime);
            assertThat(status.getClass().getMethod("state").invoke(status)).as("runtime state: " + status).hasToString("RUNNING");
            assertThat(appliedMigrations(db)).as("Flyway found and applied every migration in the bundle").isEqualTo(migrations);
            assertThat(migrations).isGreaterThanOrEqualTo(1);

            Object health = runtimeClass.getMethod("service", Class.class).invoke(runtime, bundle.loadClass("io.cutplan.service.HealthService"));
            Object report = health.getClass().getMethod("check").invoke(health);
            assertThat(report.getClass().getMethod("status").invoke(report)).hasToString("UP");
            assertThat(health.getClass().getClassLoader()).isSameAs(bundleLoader);

            // An iteration to show, written with the test's own classes (the schema is the bundle's).
            UUID iteration;
            String migrationCode;
            try (Database testDb = Database.open(db)) {
                Fixtures fixtures = Fixtures.in(testDb);
                Fixtures.Plan plan = fixtures.plan("Felix");
                plan.step("PRE-1", "Freeze", fixtures.team("OPS"));
                iteration = plan.iteration("DR1");
                migrationCode = testDb.transactor().readOnly(c -> Jdbc.one(c, "SELECT code FROM migrations WHERE id = ?",
                        rs -> rs.getString(1), plan.migration())).orElseThrow();
            }

            // The macro, loaded and run through the bundle, finds the iteration by its codes and renders the dashboard
            // container with escaped parameters; for a PDF export, the static summary with the schedule table.
            HostFakes.PageBuilder pageBuilder = new HostFakes.PageBuilder();
            // The viewer is found as the REST API finds its caller: the bundle's ConfluenceCallerSource over SAL.
            Object callerSource = bundle.loadClass("io.cutplan.host.confluence.ConfluenceCallerSource").getConstructors()[0]
                    .newInstance(new HostFakes.Users("viewer", false), runtime);
            Macro macro = (Macro) bundle.loadClass("io.cutplan.host.confluence.CutplanRunbookMacro").getConstructors()[0]
                    .newInstance(pageBuilder, runtime, new HostFakes.I18n(), new HostFakes.App(), callerSource);
            String html = macro.execute(Map.of("migration", migrationCode, "iterationCode", "DR1", "team", "<b>Ops</b>"), "",
                    HostFakes.output("display"));
            assertThat(html).startsWith("<div class=\"cutplan-dashboard\"").contains("data-iteration=\"" + iteration + "\"")
                    .contains("data-team=\"&lt;b&gt;Ops&lt;/b&gt;\"");
            assertThat(pageBuilder.required).containsExactly("io.cutplan.confluence:cutplan-dashboard-resources");
            String pdf = macro.execute(Map.of("iteration", iteration.toString()), "", HostFakes.output("pdf"));
            assertThat(pdf).startsWith("<div class=\"cutplan-summary\"").contains("Progress: 0 of 1 steps done (0%)")
                    .contains("<table").doesNotContain("<script");

            Class<?> cleanup = bundle.loadClass("io.cutplan.host.confluence.JdbcDriverCleanup");
            assertThat((List<?>) cleanup.getMethod("ownDrivers").invoke(null)).as("the bundle's driver registered itself").isNotEmpty();
            assertThat(connections(db)).isPositive();

            withContextLoader(bundleLoader, () -> ((DisposableBean) runtime).destroy());

            assertThat((List<?>) cleanup.getMethod("ownDrivers").invoke(null)).as("driver deregistered").isEmpty();
            assertThat(eventually(() -> connections(db) == 0)).as("pool connections closed").isTrue();
            assertThat(eventually(() -> leakedThreads(before, bundleLoader).isEmpty()))
                    .as("threads left: " + leakedThreads(before, bundleLoader)).isTrue();
            bundle.stop();
            bundle.uninstall();
        } finally {
            PostgresServer.get().drop(db);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void withContextLoader(ClassLoader loader, Action action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Waits up to ten seconds for something that happens asynchronously (threads ending, the server noticing). */
    private static boolean eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * New live threads started by the plugin: the pool's (named after it) and any other holding the bundle's class
     * loader as context class loader (the driver's cleanup thread inherits it from the thread that connected).
     */
    private static List<String> leakedThreads(Set<Thread> before, ClassLoader bundleLoader) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (before.contains(t) || !t.isAlive()) {
                continue;
            }
            if (t.getContextClassLoader() == bundleLoader || t.getName().startsWith("cutplan")) {
                out.add(t.getName());
            }
        }
        return out;
    }

    private static long appliedMigrations(DbConfig db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int connections(DbConfig db) throws Exception {
        String name = db.url().substring(db.url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = 'cutplan'")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
