package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.macro.Macro;
import io.cutplan.store.DbConfig;
import io.cutplan.testing.PostgresServer;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runbook macro's output, parsed with a real HTML parser, on a running and on an unconfigured runtime. */
class CutplanRunbookMacroTest {
    private static final String ITERATION = "0192f3a4-5b6c-7d8e-9f01-23456789abcd";

    private static HostFakes.Settings settings;
    private static CutplanRuntime running;
    private static DbConfig db;

    @BeforeAll
    static void startRuntime() {
        db = PostgresServer.get().createMigratedDatabase();
        settings = new HostFakes.Settings();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(settings);
        store.save(new PluginConfig(db.url(), db.user(), db.password(), 2, false, "Cutplan"));
        running = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        running.afterPropertiesSet();
        assertThat(running.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
    }

    @AfterAll
    static void stopRuntime() {
        running.destroy();
        PostgresServer.get().drop(db);
    }

    private final HostFakes.PageBuilder pageBuilder = new HostFakes.PageBuilder();
    /** The viewer of the page: a logged-in user unless a test says otherwise. */
    private HostFakes.Users viewer = new HostFakes.Users("viewer", false);

    private CutplanRunbookMacro macro(CutplanRuntime runtime) {
        return new CutplanRunbookMacro(pageBuilder, runtime, new HostFakes.I18n(), new HostFakes.App(), viewer);
    }

    private String render(CutplanRuntime runtime, Map<String, String> params, String outputType) throws Exception {
        return macro(runtime).execute(params, "", HostFakes.output(outputType));
    }

    @Test
    void displayRendersTheDashboardContainerWithItsParametersAndRequiresTheWebResource() throws Exception {
        String html = render(running, Map.of("iteration", ITERATION, "view", "ready", "pollSeconds", "10", "team", "DBA"),
                "display");
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-iteration")).isEqualTo(ITERATION);
        assertThat(div.attr("data-view")).isEqualTo("ready");
        assertThat(div.attr("data-poll-seconds")).isEqualTo("10");
        assertThat(div.attr("data-team")).isEqualTo("DBA");
        assertThat(div.attr("data-api-base")).isEqualTo("/wiki/rest/cutplan/1.0");
        assertThat(div.hasAttr("data-migration")).isFalse();
        assertThat(div.text()).isEqualTo("Loading the runbook…");
        assertThat(pageBuilder.required).containsExactly("io.cutplan.confluence:cutplan-dashboard-resources");
    }

    @Test
    void migrationAndIterationCodeSelectTheIterationAndDefaultsApply() throws Exception {
        String html = render(running, Map.of("migration", "CORE-2026", "iterationCode", "DR1"), "display");
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-migration")).isEqualTo("CORE-2026");
        assertThat(div.attr("data-iteration-code")).isEqualTo("DR1");
        assertThat(div.hasAttr("data-iteration")).isFalse();
        assertThat(div.attr("data-view")).isEqualTo("runsheet");
        assertThat(div.attr("data-poll-seconds")).isEqualTo("5");
        assertThat(div.hasAttr("data-team")).isFalse();
    }

    @Test
    void lenientParametersAreClampedOrDefaulted() throws Exception {
        assertThat(single(render(running, Map.of("iteration", ITERATION, "pollSeconds", "0"), "display"), "div.cutplan-dashboard")
                .attr("data-poll-seconds")).isEqualTo("2");
        assertThat(single(render(running, Map.of("iteration", ITERATION, "pollSeconds", "100000"), "display"), "div.cutplan-dashboard")
                .attr("data-poll-seconds")).isEqualTo("300");
        Element odd = single(render(running, Map.of("iteration", ITERATION, "pollSeconds", "soon", "view", "gantt"), "display"),
                "div.cutplan-dashboard");
        assertThat(odd.attr("data-poll-seconds")).isEqualTo("5");
        assertThat(odd.attr("data-view")).isEqualTo("runsheet");
    }

    @Test
    void hostileParametersAreEscapedAndStayInsideTheirAttributes() throws Exception {
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'&`";
        Map<String, String> params = new HashMap<>();
        params.put("migration", hostile);
        params.put("iterationCode", "</div><b>x</b>");
        params.put("team", hostile);
        String html = render(running, params, "display");
        assertThat(html).doesNotContain("<script", "<img", "</div><b>", "onerror=alert(2)>");
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("script, img, b")).isEmpty();
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-migration")).isEqualTo(hostile);
        assertThat(div.attr("data-team")).isEqualTo(hostile);
        assertThat(div.attr("data-iteration-code")).isEqualTo("</div><b>x</b>");
        assertThat(div.attributes().size()).isEqualTo(7);
    }

    @Test
    void otherOutputTypesGetAStaticSummaryAndNoScript() throws Exception {
        for (String type : new String[] {"preview", "pdf", "word", "email", "feed"}) {
            String html = render(running, Map.of("iteration", ITERATION, "view", "progress"), type);
            Element p = single(html, "p.cutplan-summary");
            assertThat(p.text()).contains(ITERATION).contains("progress").contains("viewed in Confluence");
            assertThat(Jsoup.parseBodyFragment(html).select("div.cutplan-dashboard")).isEmpty();
        }
        String hostile = render(running, Map.of("migration", "<i>M</i>", "iterationCode", "'C'"), "pdf");
        assertThat(hostile).doesNotContain("<i>");
        assertThat(single(hostile, "p.cutplan-summary").text()).contains("<i>M</i> / 'C'");
        assertThat(pageBuilder.required).isEmpty();
    }

    @Test
    void anUnconfiguredDatabaseGivesAClearMessageWithTheConfigureLink() throws Exception {
        ConfluenceSettingsStore empty = new ConfluenceSettingsStore(new HostFakes.Settings());
        CutplanRuntime unconfigured = new CutplanRuntime(empty, new ConfluenceMailTransport(new HostFakes.Mail(), empty),
                new HostFakes.App());
        unconfigured.afterPropertiesSet();
        String html = render(unconfigured, Map.of("iteration", ITERATION), "display");
        Element message = single(html, "div.aui-message-warning");
        assertThat(message.text()).contains("database is not configured");
        assertThat(message.selectFirst("a").attr("href")).isEqualTo("/wiki/plugins/servlet/cutplan/admin");
        assertThat(pageBuilder.required).isEmpty();
        unconfigured.destroy();
    }

    @Test
    void missingOrMalformedIterationIsExplained() throws Exception {
        assertThat(single(render(running, Map.of(), "display"), "div.aui-message-error").text())
                .contains("needs an iteration");
        assertThat(single(render(running, Map.of("migration", "M"), "display"), "div.aui-message-error").text())
                .contains("needs an iteration");
        String bad = render(running, Map.of("iteration", "<b>not-a-uuid</b>"), "display");
        assertThat(single(bad, "div.aui-message-error").text()).contains("iteration id is not valid");
        assertThat(bad).doesNotContain("<b>");
    }

    @Test
    void itIsABlockMacroWithoutBody() {
        Macro m = macro(running);
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
        String html = render(running, Map.of("iteration", "6f1c2a4e-8a55-4d36-9d1b-3f2b8f0f6a10"), "display");
        var message = org.jsoup.Jsoup.parseBodyFragment(html).select("div.aui-message-info");
        assertThat(message).as(html).hasSize(1);
        assertThat(message.text()).contains("logged-in Confluence users with a licence");
        assertThat(message.select("a").attr("href")).isEqualTo("/wiki/login.action");
        assertThat(html).doesNotContain("data-api-base");
        assertThat(pageBuilder.required).as("no script for a viewer who may not call the API").isEmpty();
    }

}
