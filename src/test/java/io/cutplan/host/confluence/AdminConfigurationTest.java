package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.api.JsonMapper;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.host.confluence.rest.AdminConfigResource;
import io.cutplan.host.confluence.rest.AdminConfigUpdate;
import io.cutplan.host.confluence.rest.AdminConfigView;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration page's API: system administrators only, passwords never echoed back, bad input refused with
 * the field named and nothing saved, saving restarts the runtime on the new database, and the connection test.
 */
class AdminConfigurationTest {
    private static final String SECRET = "s3cr3t-do-not-echo";

    private final HostFakes.Settings settings = new HostFakes.Settings();
    private final ConfluenceSettingsStore store = new ConfluenceSettingsStore(settings);
    private final HostFakes.Mail mailServers = new HostFakes.Mail();
    private final ConfluenceMailTransport mail = new ConfluenceMailTransport(mailServers, store);
    private final CutplanRuntime runtime = new CutplanRuntime(store, mail, new HostFakes.App());
    private DbConfig db;

    private AdminConfigResource as(HostFakes.Users users) {
        return new AdminConfigResource(store, runtime, mail, users);
    }

    private final AdminConfigResource admin = as(new HostFakes.Users("admin", true));

    @AfterEach
    void stop() {
        runtime.destroy();
        if (db != null) {
            PostgresServer.get().drop(db);
        }
    }

    @Test
    void onlySystemAdministratorsMayReadOrChangeTheSettings() {
        AdminConfigUpdate update = new AdminConfigUpdate(null, new AdminConfigUpdate.Mail(false, null));
        assertThatThrownBy(() -> as(new HostFakes.Users("pilot", false)).get()).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThatThrownBy(() -> as(new HostFakes.Users("pilot", false)).put(update)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> as(HostFakes.Users.anonymous()).testConnection(update)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
        assertThat(settings.values).isEmpty();
    }

    @Test
    void savingADatabaseStartsCutplanOnItAndThePasswordIsNeverSentBack() throws Exception {
        db = PostgresServer.get().createEmptyDatabase();
        runtime.afterPropertiesSet();
        assertThat(admin.get().status().state()).isEqualTo("NOT_CONFIGURED");

        AdminConfigView saved = admin.put(new AdminConfigUpdate(
                new AdminConfigUpdate.Database(db.url(), db.user(), db.password() == null ? SECRET : db.password(), 3, null, null),
                new AdminConfigUpdate.Mail(true, "Cutover desk")));

        // A server without password authentication ignores the password; either way it must not come back.
        assertThat(saved.status().state()).as(String.valueOf(saved.status().message())).isEqualTo("RUNNING");
        assertThat(saved.status().schemaVersion()).isNotNull();
        assertThat(saved.database().passwordSet()).isTrue();
        assertThat(saved.database().poolSize()).isEqualTo(3);
        assertThat(saved.mail().fromName()).isEqualTo("Cutover desk");
        assertThat(saved.mail().serverConfigured()).isFalse();
        assertThat(saved.mail().server()).contains("no default SMTP mail server");
        String json = JsonMapper.get().writeValueAsString(admin.get());
        assertThat(json).doesNotContain(store.load().dbPassword()).contains("\"passwordSet\":true");

        // Saving again without a password keeps the stored one.
        String stored = store.load().dbPassword();
        admin.put(new AdminConfigUpdate(new AdminConfigUpdate.Database(db.url(), db.user(), null, null, null, null), null));
        assertThat(store.load().dbPassword()).isEqualTo(stored);
        assertThat(store.load().dbPoolSize()).isEqualTo(3);
        assertThat(runtime.service(io.cutplan.service.HealthService.class).check().status()).isEqualTo("UP");

        // Once the plugin is disabled nothing revives this instance, not even a late save.
        runtime.destroy();
        assertThat(runtime.restart().state()).isEqualTo(RuntimeStatus.State.STOPPED);
        assertThat(runtime.services()).isEmpty();
    }

    /**
     * The two-role set-up of docs/operations.md on an external server: migrations as the owner, the application as
     * a role that may not rewrite the audit log; the owner password is stored like the other, never sent back.
     */
    @Test
    void aSeparateSchemaOwnerRunsTheMigrationsAndTheApplicationRoleGetsRowsOnly() throws Exception {
        db = PostgresServer.get().createEmptyDatabase();
        String suffix = "_" + ProcessHandle.current().pid();
        String owner = "cutplan_t_owner" + suffix;
        String app = "cutplan_t_app" + suffix;
        String ownerSecret = "owner-s3cr3t-do-not-echo";
        PostgresServer pg = PostgresServer.get();
        String name = db.url().substring(db.url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        pg.admin("CREATE ROLE " + owner + " LOGIN PASSWORD '" + ownerSecret + "'");
        pg.admin("CREATE ROLE " + app + " LOGIN PASSWORD '" + SECRET + "'");
        try {
            pg.admin("ALTER DATABASE " + name + " OWNER TO " + owner);
            pg.admin("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            pg.admin("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + app);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                 java.sql.Statement s = c.createStatement()) {
                s.execute("ALTER SCHEMA public OWNER TO " + owner);
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            }
            runtime.afterPropertiesSet();
            AdminConfigView saved = admin.put(new AdminConfigUpdate(
                    new AdminConfigUpdate.Database(db.url(), app, SECRET, 2, owner, ownerSecret), null));
            assertThat(saved.status().state()).as(String.valueOf(saved.status().message())).isEqualTo("RUNNING");
            assertThat(saved.database().ownerUser()).isEqualTo(owner);
            assertThat(saved.database().ownerPasswordSet()).isTrue();
            String json = JsonMapper.get().writeValueAsString(admin.get());
            assertThat(json).doesNotContain(ownerSecret).doesNotContain(SECRET).contains("\"ownerPasswordSet\":true");
            // Saving again without passwords keeps both.
            admin.put(new AdminConfigUpdate(new AdminConfigUpdate.Database(db.url(), app, null, 2, owner, null), null));
            assertThat(store.load().dbOwnerPassword()).isEqualTo(ownerSecret);
            assertThat(store.load().dbPassword()).isEqualTo(SECRET);

            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                 java.sql.Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT tableowner, has_table_privilege('" + app + "', 'event_log', 'INSERT'), "
                        + "has_table_privilege('" + app + "', 'event_log', 'UPDATE'), "
                        + "has_table_privilege('" + app + "', 'event_log', 'DELETE'), "
                        + "has_table_privilege('" + app + "', 'event_log', 'TRUNCATE'), "
                        + "has_table_privilege('" + app + "', 'steps', 'UPDATE') FROM pg_tables WHERE tablename = 'event_log'");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(owner);
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.getBoolean(3)).isFalse();
                assertThat(rs.getBoolean(4)).isFalse();
                assertThat(rs.getBoolean(5)).isFalse();
                assertThat(rs.getBoolean(6)).isTrue();
            }
            assertThat(runtime.service(io.cutplan.service.HealthService.class).check().status()).isEqualTo("UP");
        } finally {
            runtime.destroy();
            pg.drop(db);
            db = null;
            pg.admin("DROP ROLE IF EXISTS " + app);
            pg.admin("DROP ROLE IF EXISTS " + owner);
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndNothingIsSaved() {
        store.save(new PluginConfig("jdbc:postgresql://db.example.com/cutplan", "u", SECRET, 5, true, "Cutplan"));
        assertField(new AdminConfigUpdate(new AdminConfigUpdate.Database("jdbc:mysql://x/y", null, null, null, null, null), null), "database.url");
        assertField(new AdminConfigUpdate(new AdminConfigUpdate.Database("jdbc:postgresql://x/y?password=p", null, null, null, null, null), null),
                "database.url");
        assertField(new AdminConfigUpdate(new AdminConfigUpdate.Database("jdbc:postgresql://x/y", null, null, 0, null, null), null),
                "database.poolSize");
        assertField(new AdminConfigUpdate(null, new AdminConfigUpdate.Mail(true, "Evil\r\nBcc: all@example.com")), "mail.fromName");
        assertField(new AdminConfigUpdate(new AdminConfigUpdate.Database("jdbc:postgresql://x/" + "y".repeat(600), null, null, null, null, null),
                null), "database.url");
        PluginConfig after = store.load();
        assertThat(after.dbUrl()).isEqualTo("jdbc:postgresql://db.example.com/cutplan");
        assertThat(after.dbPassword()).isEqualTo(SECRET);
    }

    /** Two nodes of a cluster share the plugin settings: a save on one moves the other to the new database too. */
    @Test
    void anotherNodeFollowsSettingsSavedOnOneNode() throws Exception {
        db = PostgresServer.get().createEmptyDatabase();
        CutplanRuntime otherNode = new CutplanRuntime(store, mail, new HostFakes.App());
        try {
            runtime.afterPropertiesSet();
            otherNode.afterPropertiesSet();
            otherNode.checkSettingsEveryUse();
            assertThat(otherNode.status().state()).isEqualTo(RuntimeStatus.State.NOT_CONFIGURED);

            admin.put(new AdminConfigUpdate(new AdminConfigUpdate.Database(db.url(), db.user(), db.password(), 2, null, null), null));
            assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);

            // The other node was not told; it notices the new revision on its next use.
            assertThat(otherNode.service(io.cutplan.service.HealthService.class).check().status()).isEqualTo("UP");
            assertThat(otherNode.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
            // Unchanged settings do not restart it again.
            var services = otherNode.services().orElseThrow();
            otherNode.status();
            assertThat(otherNode.services()).containsSame(services);
        } finally {
            otherNode.destroy();
        }
    }

    @Test
    void connectionTestReportsSuccessAndFailureWithoutTheSecret() {
        db = PostgresServer.get().createMigratedDatabase();
        var ok = admin.testConnection(new AdminConfigUpdate(
                new AdminConfigUpdate.Database(db.url(), db.user(), db.password(), null, null, null), null));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.schemaVersion()).isNotNull();
        assertThat(ok.message()).contains("PostgreSQL");

        String missing = db.url().replaceAll("/[^/?]+(\\?.*)?$", "/no_such_database_" + System.nanoTime());
        var failed = admin.testConnection(new AdminConfigUpdate(
                new AdminConfigUpdate.Database(missing, db.user(), SECRET, null, null, null), null));
        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).startsWith("Could not connect").doesNotContain(SECRET);
        assertThat(settings.values).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedLeavesTheRuntimeFailedWithAReason() {
        store.save(new PluginConfig("jdbc:postgresql://127.0.0.1:1/cutplan", "u", SECRET, 2, true, "Cutplan"));
        runtime.afterPropertiesSet();
        RuntimeStatus status = runtime.status();
        assertThat(status.state()).isEqualTo(RuntimeStatus.State.FAILED);
        assertThat(status.message()).contains("127.0.0.1:1").doesNotContain(SECRET).doesNotContain("overwrite cause");
        assertThatThrownBy(() -> runtime.service(io.cutplan.service.HealthService.class))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void theConfigurationPageCarriesLabelsButNoSettingValues() {
        store.save(new PluginConfig("jdbc:postgresql://pg-prod-7.internal/cutplan", "dbuser", SECRET, 5, true, "Cutplan"));
        String html = AdminPage.render("/wiki", new HostFakes.I18n()::getText);
        assertThat(html).doesNotContain(SECRET).doesNotContain("pg-prod-7").doesNotContain("dbuser");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("meta[name=decorator]").attr("content")).as("Confluence's admin decorator").isEqualTo("atl.admin");
        assertThat(doc.select("#cutplan-admin").attr("data-api-base")).isEqualTo("/wiki/rest/cutplan/1.0");
        assertThat(doc.select("input[type=password]")).hasSize(2); // the application's and the schema owner's
        assertThat(doc.select("input[type=password]")).allSatisfy(e -> assertThat(e.attr("value")).isEmpty());
        // Script and styles come through PageBuilderService (the decorator writes their tags), never a raw URL.
        assertThat(doc.select("script, link[rel=stylesheet]")).isEmpty();
        assertThat(html).doesNotContain("/download/resources");
        assertThat(doc.select("#cutplan-admin").attr("data-msg-state-running")).startsWith("Cutplan is running");
    }

    @Test
    void theServletRequiresTheAdminResourcesThroughThePageBuilderForAdministratorsOnly() throws Exception {
        HostFakes.PageBuilder pages = new HostFakes.PageBuilder();
        java.io.StringWriter body = new java.io.StringWriter();
        java.util.Map<String, Object> sent = new java.util.HashMap<>();
        jakarta.servlet.http.HttpServletRequest request = proxy(jakarta.servlet.http.HttpServletRequest.class,
                (m, a) -> m.getName().equals("getContextPath") ? "/wiki" : null);
        jakarta.servlet.http.HttpServletResponse response = proxy(jakarta.servlet.http.HttpServletResponse.class, (m, a) -> {
            switch (m.getName()) {
                case "getWriter" -> { return new java.io.PrintWriter(body); }
                case "sendError", "sendRedirect" -> sent.put(m.getName(), a[0]);
                default -> { }
            }
            return null;
        });
        new AdminServlet(new HostFakes.Users("someone", false), new HostFakes.I18n(), pages).doGet(request, response);
        assertThat(sent).containsEntry("sendError", 403);
        assertThat(pages.required).as("nothing required for a refused page").isEmpty();

        new AdminServlet(new HostFakes.Users("admin", true), new HostFakes.I18n(), pages).doGet(request, response);
        assertThat(pages.required).containsExactly(PluginKeys.PLUGIN_KEY + ":cutplan-admin-resources");
        assertThat(body.toString()).contains("<meta name=\"decorator\" content=\"atl.admin\">");
    }

    /** A servlet request or response answering only what the servlet asks (no servlet container here). */
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<java.lang.reflect.Method, Object[], Object> answer) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> answer.apply(m, a)));
    }

    private void assertField(AdminConfigUpdate update, String field) {
        assertThatThrownBy(() -> admin.put(update)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
