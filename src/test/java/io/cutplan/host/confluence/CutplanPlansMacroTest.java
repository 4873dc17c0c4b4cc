package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.macro.Macro;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plans macro writes the authoring page's container (the same scripts as the standalone /admin page). */
class CutplanPlansMacroTest {
    private static final String PLAN = "0192f3a4-5b6c-7d8e-9f01-23456789abcd";

    private static CutplanRuntime running;
    private static DbConfig db;

    @BeforeAll
    static void startRuntime() {
        db = PostgresServer.get().createMigratedDatabase();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(new HostFakes.Settings());
        store.save(new PluginConfig(db.url(), db.user(), db.password(), 2, false, "Cutplan"));
        running = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        running.afterPropertiesSet();
    }

    @AfterAll
    static void stopRuntime() {
        running.destroy();
        PostgresServer.get().drop(db);
    }

    private final HostFakes.PageBuilder pageBuilder = new HostFakes.PageBuilder();
    /** The viewer of the page: a logged-in user unless a test says otherwise. */
    private HostFakes.Users viewer = new HostFakes.Users("viewer", false);

    private String render(CutplanRuntime runtime, Map<String, String> params, String outputType) {
        return new CutplanPlansMacro(pageBuilder, runtime, new HostFakes.I18n(), new HostFakes.App(), new ConfluenceCallerSource(viewer, runtime))
                .execute(params, "", HostFakes.output(outputType));
    }

    @Test
    void displayWritesTheAuthoringContainerAndRequiresTheScripts() {
        Element div = single(render(running, Map.of("plan", PLAN, "view", "editor"), "display"), "div.cutplan-authoring");
        assertThat(div.attr("data-plan")).isEqualTo(PLAN);
        assertThat(div.attr("data-view")).isEqualTo("editor");
        assertThat(div.attr("data-api-base")).isEqualTo("/wiki/rest/cutplan/1.0");
        assertThat(div.text()).isEqualTo("Loading the plans…");
        assertThat(pageBuilder.required).containsExactly("io.cutplan.confluence:cutplan-dashboard-resources");
        // Without parameters: the list of plans (the page's own default), and an unknown view is the default too.
        Element plain = single(render(running, Map.of("view", "gantt"), "display"), "div.cutplan-authoring");
        assertThat(plain.hasAttr("data-plan")).isFalse();
        assertThat(plain.hasAttr("data-view")).isFalse();
    }

    @Test
    void aMalformedPlanIdIsExplainedAndNotEchoed() {
        String html = render(running, Map.of("plan", "<b>x</b>"), "display");
        assertThat(single(html, "div.aui-message-error").text()).contains("plan id is not valid");
        assertThat(html).doesNotContain("<b>");
        assertThat(pageBuilder.required).isEmpty();
    }

    @Test
    void otherOutputTypesGetAStaticSentenceAndAnUnconfiguredDatabaseTheConfigureLink() {
        for (String type : new String[] {"preview", "pdf", "word", "email", "feed"}) {
            assertThat(single(render(running, Map.of(), type), "p.cutplan-summary").text()).contains("viewed in Confluence");
        }
        assertThat(pageBuilder.required).isEmpty();
        ConfluenceSettingsStore empty = new ConfluenceSettingsStore(new HostFakes.Settings());
        CutplanRuntime unconfigured = new CutplanRuntime(empty, new ConfluenceMailTransport(new HostFakes.Mail(), empty),
                new HostFakes.App());
        unconfigured.afterPropertiesSet();
        Element message = single(render(unconfigured, Map.of(), "display"), "div.aui-message-warning");
        assertThat(message.selectFirst("a").attr("href")).isEqualTo("/wiki/plugins/servlet/cutplan/admin");
        unconfigured.destroy();
    }

    @Test
    void itIsABlockMacroWithoutBody() {
        Macro m = new CutplanPlansMacro(pageBuilder, running, new HostFakes.I18n(), new HostFakes.App(), new ConfluenceCallerSource(viewer, running));
        assertThat(m.getBodyType()).isEqualTo(Macro.BodyType.NONE);
        assertThat(m.getOutputType()).isEqualTo(Macro.OutputType.BLOCK);
    }

    private static Element single(String html, String selector) {
        var found = Jsoup.parseBodyFragment(html).select(selector);
        assertThat(found).as(selector + " in " + html).hasSize(1);
        return found.first();
    }

    @Test
    void anAnonymousViewerIsAskedToLogInInsteadOfGettingADashboardThatCannotCallTheApi() throws Exception {
        viewer = HostFakes.Users.anonymous();
        String html = render(running, Map.of(), "display");
        var message = org.jsoup.Jsoup.parseBodyFragment(html).select("div.aui-message-info");
        assertThat(message).as(html).hasSize(1);
        assertThat(message.text()).contains("logged-in Confluence users with a licence");
        assertThat(message.select("a").attr("href")).isEqualTo("/wiki/login.action");
        assertThat(html).doesNotContain("data-api-base");
        assertThat(pageBuilder.required).as("no script for a viewer who may not call the API").isEmpty();
    }

}
