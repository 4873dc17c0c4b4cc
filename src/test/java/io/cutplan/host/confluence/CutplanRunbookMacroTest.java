package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.macro.Macro;
import io.cutplan.domain.schedule.ScheduleTimes;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.PostgresServer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbook macro's output, parsed with a real HTML parser, on a running runtime over a real database (the
 * iterations it names exist there), on an unconfigured one and on one whose database is down.
 */
class CutplanRunbookMacroTest {

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

    /** A migration with a plan of two steps in two chapters and two planned iterations, DR1 and DR2. */
    private final World world = new World();

    private static final class World {
        final Database db = running.services().orElseThrow().database();
        final Fixtures fx = Fixtures.in(db);
        final Fixtures.Plan plan = fx.plan("Core banking");
        final UUID team = fx.team("DBA");
        final UUID step1 = plan.step("PRE-1", "Freeze", team);
        final UUID chapter2 = plan.chapter("Cutover");
        final UUID step2 = plan.step("CUT-1", "Switch", team);
        final UUID dr1 = plan.iteration("DR1");
        final UUID dr2 = plan.iteration("DR2");
        final String migration = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT code FROM migrations WHERE id = ?",
                rs -> rs.getString(1), plan.migration())).orElseThrow();

        void status(UUID iteration, String status) {
            db.transactor().inTransaction(c -> Jdbc.update(c, "UPDATE iterations SET status = ? WHERE id = ?", status, iteration));
        }

        void sql(String sql, Object... args) {
            db.transactor().inTransaction(c -> Jdbc.update(c, sql, args));
        }
    }

    private final HostFakes.PageBuilder pageBuilder = new HostFakes.PageBuilder();
    /** The viewer of the page: a logged-in user unless a test says otherwise. */
    private HostFakes.Users viewer = new HostFakes.Users("viewer", false);

    private CutplanRunbookMacro macro(CutplanRuntime runtime) {
        return new CutplanRunbookMacro(pageBuilder, runtime, new HostFakes.I18n(), new HostFakes.App(),
                new ConfluenceCallerSource(viewer, runtime));
    }

    private String render(CutplanRuntime runtime, Map<String, String> params, String outputType) throws Exception {
        return macro(runtime).execute(params, "", HostFakes.output(outputType));
    }

    @Test
    void displayRendersTheDashboardContainerWithItsParametersAndRequiresTheWebResource() throws Exception {
        String html = render(running, Map.of("iteration", world.dr1.toString(), "view", "ready", "pollSeconds", "10",
                "team", "DBA"), "display");
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-iteration")).isEqualTo(world.dr1.toString());
        assertThat(div.attr("data-view")).isEqualTo("ready");
        assertThat(div.attr("data-poll-seconds")).isEqualTo("10");
        assertThat(div.attr("data-team")).isEqualTo("DBA");
        assertThat(div.attr("data-api-base")).isEqualTo("/wiki/rest/cutplan/1.0");
        assertThat(div.hasAttr("data-migration")).isFalse();
        assertThat(div.hasAttr("data-compact")).isFalse();
        assertThat(div.text()).isEqualTo("Loading the runbook…");
        assertThat(Jsoup.parseBodyFragment(html).select("div.aui-message")).isEmpty();
        assertThat(pageBuilder.required).containsExactly("io.cutplan.confluence:cutplan-dashboard-resources");
    }

    @Test
    void migrationAndIterationCodeSelectTheIterationOnTheServerAndDefaultsApply() throws Exception {
        String html = render(running, Map.of("migration", world.migration.toLowerCase(), "iterationCode", "dr2"), "display");
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-iteration")).as("found without regard to case").isEqualTo(world.dr2.toString());
        assertThat(div.attr("data-migration")).isEqualTo(world.migration.toLowerCase());
        assertThat(div.attr("data-iteration-code")).isEqualTo("dr2");
        assertThat(div.attr("data-view")).isEqualTo("runsheet");
        assertThat(div.attr("data-poll-seconds")).isEqualTo("5");
        assertThat(div.hasAttr("data-team")).isFalse();
    }

    @Test
    void theOneInProgressIsTheRunningIterationElseTheNextPlannedOneWhichThePageNames() throws Exception {
        Map<String, String> params = Map.of("migration", world.migration, "inProgress", "true");
        world.sql("UPDATE iterations SET planned_start = planned_start + interval '1 day' WHERE id = ?", world.dr1);
        String planned = render(running, params, "display");
        assertThat(single(planned, "div.cutplan-dashboard").attr("data-iteration")).as("DR2 starts first").isEqualTo(world.dr2.toString());
        assertThat(single(planned, "div.aui-message-info").text())
                .isEqualTo("No iteration of migration " + world.migration + " is in progress: this shows the next planned one, DR2 (Iteration DR2).");

        world.status(world.dr1, "IN_PROGRESS");
        String inProgress = render(running, params, "display");
        assertThat(single(inProgress, "div.cutplan-dashboard").attr("data-iteration")).isEqualTo(world.dr1.toString());
        assertThat(Jsoup.parseBodyFragment(inProgress).select("div.aui-message")).isEmpty();

        world.status(world.dr1, "COMPLETED");
        world.status(world.dr2, "CANCELLED");
        String none = render(running, params, "display");
        assertThat(single(none, "div.aui-message-error").text())
                .contains("Migration " + world.migration + " has no iteration in progress and none planned");
        assertThat(none).doesNotContain("cutplan-dashboard\"");
        assertThat(pageBuilder.required).as("required for the two pages that show a dashboard").hasSize(2);
    }

    @Test
    void compactModeIsWrittenForTheDashboardToRead() throws Exception {
        Element div = single(render(running, Map.of("iteration", world.dr1.toString(), "compact", "true"), "display"),
                "div.cutplan-dashboard");
        assertThat(div.attr("data-compact")).isEqualTo("true");
        assertThat(single(render(running, Map.of("iteration", world.dr1.toString(), "compact", "false"), "display"),
                "div.cutplan-dashboard").hasAttr("data-compact")).isFalse();
    }

    @Test
    void thePollingIntervalIsClamped() throws Exception {
        String id = world.dr1.toString();
        assertThat(single(render(running, Map.of("iteration", id, "pollSeconds", "0"), "display"), "div.cutplan-dashboard")
                .attr("data-poll-seconds")).isEqualTo("2");
        assertThat(single(render(running, Map.of("iteration", id, "pollSeconds", "100000"), "display"), "div.cutplan-dashboard")
                .attr("data-poll-seconds")).isEqualTo("300");
        assertThat(single(render(running, Map.of("iteration", id, "pollSeconds", "soon"), "display"), "div.cutplan-dashboard")
                .attr("data-poll-seconds")).isEqualTo("5");
    }

    @Test
    void wrongParametersAreExplainedOnThePage() throws Exception {
        assertThat(error(Map.of("iteration", world.dr1.toString(), "view", "gantt")))
                .contains("default view \"gantt\" does not exist").contains("runsheet, ready, progress, coming-up, timeline, review");
        assertThat(error(Map.of("migration", "NOPE-1", "iterationCode", "DR1")))
                .contains("no migration with the code \"NOPE-1\"");
        assertThat(error(Map.of("migration", world.migration, "iterationCode", "DR9")))
                .contains("Migration " + world.migration + " has no iteration with the code \"DR9\". Its iterations: DR1, DR2.");
        assertThat(error(Map.of("iteration", UUID.randomUUID().toString()))).contains("has no iteration with the id");
        assertThat(error(Map.of("migration", world.migration, "iterationCode", "DR1", "inProgress", "true")))
                .contains("keep one of them");
        assertThat(error(Map.of())).contains("needs an iteration");
        assertThat(error(Map.of("migration", "M"))).contains("needs an iteration");
        String bad = render(running, Map.of("iteration", "<b>not-a-uuid</b>"), "display");
        assertThat(single(bad, "div.aui-message-error").text()).contains("iteration id is not valid");
        assertThat(bad).doesNotContain("<b>");
        assertThat(pageBuilder.required).isEmpty();
    }

    private String error(Map<String, String> params) throws Exception {
        return single(render(running, params, "display"), "div.aui-message-error").text();
    }

    @Test
    void hostileParametersAreEscapedAndStayInsideTheirAttributes() throws Exception {
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'&`";
        Map<String, String> params = new HashMap<>();
        params.put("iteration", world.dr1.toString());
        params.put("team", hostile);
        String html = render(running, params, "display");
        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(2)>");
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("script, img, b")).isEmpty();
        Element div = single(html, "div.cutplan-dashboard");
        assertThat(div.attr("data-team")).isEqualTo(hostile);
        assertThat(div.attributes().size()).isEqualTo(6);

        params.put("iteration", null);
        params.put("migration", hostile);
        params.put("iterationCode", "</div><b>x</b>");
        String refused = render(running, params, "display");
        assertThat(Jsoup.parseBodyFragment(refused).select("script, img, b")).isEmpty();
        assertThat(single(refused, "div.aui-message-error").text()).contains(hostile);
    }

    // ------------------------------------------------------------------ exports, e-mail, preview

    @Test
    void everyOutputTypeButDisplayGetsAStaticSummaryAndDocumentsGetTheScheduleTable() throws Exception {
        world.status(world.dr1, "IN_PROGRESS");
        world.sql("UPDATE step_instances SET status = 'DONE' WHERE id = ?", world.plan.stepInstance(world.dr1, world.step1));
        Instant asOf = Instant.parse("2026-12-02T10:30:00Z");
        running.services().orElseThrow().clock().pin(asOf);
        try {
            Map<String, String> params = Map.of("migration", world.migration, "iterationCode", "DR1");
            for (String type : new String[] {"pdf", "word", "html_export", "email", "feed", "preview", "diff"}) {
                String html = render(running, params, type);
                Document doc = Jsoup.parseBodyFragment(html);
                assertThat(doc.select("script, link, style, iframe, [onload], [onerror]")).as(type).isEmpty();
                assertThat(doc.select("div.cutplan-dashboard")).as(type).isEmpty();
                Element summary = single(html, "div.cutplan-summary");
                assertThat(summary.attr("data-output-type")).isEqualTo(type);
                assertThat(summary.attr("style")).as("styled inline, for PDF and mail").contains("border:");
                String text = summary.text();
                assertThat(text).as(type).contains("iteration Iteration DR1 (DR1) of migration Migration")
                        .contains("(" + world.migration + ")")
                        .contains("Status: in progress")
                        .contains("Progress: 1 of 2 steps done (50%)")
                        .contains("Forecast end: ")
                        .contains("As of " + io.cutplan.service.mail.MailTimes.in(ZoneId.systemDefault()).format(asOf))
                        .contains("The live dashboard appears when this page is viewed in Confluence.");
                var tables = doc.select("table");
                if (type.equals("pdf") || type.equals("word") || type.equals("html_export")) {
                    assertThat(tables).as(type + ": the schedule table").hasSize(1);
                    assertThat(tables.select("caption").text()).contains("iteration Iteration DR1 (DR1)");
                    assertThat(tables.select("tbody tr")).as("one row per chapter with steps").hasSize(2);
                    assertThat(tables.select("tbody").text()).contains("Cutover");
                } else {
                    assertThat(tables).as(type + ": the summary only").isEmpty();
                }
            }
            assertThat(pageBuilder.required).isEmpty();
        } finally {
            running.services().orElseThrow().clock().release();
        }
    }

    @Test
    void theSummaryShowsTimesInTheIterationsTimeZoneWithTheUtcOffset() throws Exception {
        // A zone that is not the JVM's: the summary must not fall back to ZoneId.systemDefault().
        String zone = ZoneId.systemDefault().getId().equals("Pacific/Auckland") ? "America/New_York" : "Pacific/Auckland";
        world.sql("UPDATE iterations SET time_zone = ?, planned_start = ?, planned_end = ? WHERE id = ?", zone,
                Instant.parse("2026-12-05T18:00:00Z"), Instant.parse("2026-12-06T06:00:00Z"), world.dr2);
        Instant asOf = Instant.parse("2026-12-02T10:30:00Z");
        running.services().orElseThrow().clock().pin(asOf);
        try {
            String text = single(render(running, Map.of("iteration", world.dr2.toString()), "pdf"), "div.cutplan-summary").text();
            java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
            String offset = asOf.atZone(ZoneId.of(zone)).getOffset().getId();
            assertThat(text).contains("As of " + local.format(asOf.atZone(ZoneId.of(zone))))
                    .contains("(UTC" + offset + ")")
                    .contains(local.format(Instant.parse("2026-12-05T18:00:00Z").atZone(ZoneId.of(zone))));
            if (!ZoneId.systemDefault().getRules().getOffset(asOf).equals(ZoneId.of(zone).getRules().getOffset(asOf))) {
                assertThat(text).doesNotContain("As of " + local.format(asOf.atZone(ZoneId.systemDefault())));
            }
        } finally {
            running.services().orElseThrow().clock().release();
        }
    }

    @Test
    void theMacroResolvesItsViewerAsTheRestApiDoesCreatingTheRowAndFollowingGroups() throws Exception {
        String name = "macro-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        UUID linked = world.fx.team("LINKED-" + name.substring(13));
        world.sql("UPDATE teams SET host_group = 'cutover-dba' WHERE id = ?", linked);
        viewer = new HostFakes.Users(name, true).profile("Mia Viewer", name + "@bank.example").inGroups("cutover-dba");
        assertThat(count("SELECT count(*) FROM users WHERE username = ?", name)).isZero();

        Element div = single(render(running, Map.of("iteration", world.dr1.toString()), "display"), "div.cutplan-dashboard");
        assertThat(div.attr("data-iteration")).isEqualTo(world.dr1.toString());
        // Created from SAL's profile, with the role of a system administrator and the team that follows the group.
        assertThat(count("SELECT count(*) FROM users WHERE username = ? AND display_name = 'Mia Viewer' AND email = ? "
                + "AND host_role = 'ADMIN'", name, name + "@bank.example")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM teams_tms_x_users_usr tm JOIN users u ON u.id = tm.user_id WHERE u.username = ? "
                + "AND tm.team_id = ?", name, linked)).isEqualTo(1);

        // The export summary goes the same way: a new name from SAL is kept current.
        viewer.profile("Mia Viewer-Renamed", name + "@bank.example");
        render(running, Map.of("iteration", world.dr1.toString()), "pdf");
        assertThat(count("SELECT count(*) FROM users WHERE username = ? AND display_name = 'Mia Viewer-Renamed'", name)).isEqualTo(1);
    }

    private long count(String sql, Object... args) {
        return world.db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), args).orElseThrow());
    }

    @Test
    void theSummaryEscapesHostileNamesFromTheDatabase() throws Exception {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>&\"'";
        world.sql("UPDATE iterations SET name = ? WHERE id = ?", hostile, world.dr1);
        world.sql("UPDATE migrations SET name = ? WHERE id = ?", hostile, world.plan.migration());
        world.sql("UPDATE baseline_chapters SET name = ? WHERE iteration_id = ? AND id = ?", hostile, world.dr1, world.chapter2);
        for (String type : new String[] {"pdf", "email"}) {
            String html = render(running, Map.of("iteration", world.dr1.toString()), type);
            Document doc = Jsoup.parseBodyFragment(html);
            assertThat(doc.select("script, img")).as(type).isEmpty();
            assertThat(html).doesNotContain("<script", "<img");
            assertThat(single(html, "div.cutplan-summary > p:first-child").text()).contains("iteration " + hostile + " (DR1) of migration " + hostile);
        }
        assertThat(Jsoup.parseBodyFragment(render(running, Map.of("iteration", world.dr1.toString()), "word"))
                .select("tbody").text()).contains(hostile);
    }

    @Test
    void exportsExplainWrongParametersAndAnAnonymousRenderingShowsNoRunbookData() throws Exception {
        String wrong = render(running, Map.of("migration", world.migration, "iterationCode", "<DR9>"), "pdf");
        Element message = single(wrong, "div.cutplan-message");
        assertThat(message.text()).contains("has no iteration with the code \"<DR9>\"");
        assertThat(message.attr("style")).contains("border:");
        assertThat(wrong).doesNotContain("<DR9>");
        assertThat(single(render(running, Map.of("iteration", world.dr1.toString(), "view", "gantt"), "email"),
                "div.cutplan-message").text()).contains("\"gantt\" does not exist");

        viewer = HostFakes.Users.anonymous();
        String anonymous = render(running, Map.of("iteration", world.dr1.toString()), "pdf");
        assertThat(single(anonymous, "div.cutplan-summary").text()).contains("log in to Confluence");
        assertThat(anonymous).doesNotContain("DR1", "Progress");
    }

    @Test
    void aDatabaseThatIsDownGivesTheUnavailableMessageInEveryRendering() throws Exception {
        HostFakes.Settings down = new HostFakes.Settings();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(down);
        store.save(new PluginConfig("jdbc:postgresql://127.0.0.1:1/cutplan", "u", "p", 1, false, "Cutplan"));
        CutplanRuntime failed = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        failed.afterPropertiesSet();
        try {
            assertThat(failed.status().state()).isEqualTo(RuntimeStatus.State.FAILED);
            Map<String, String> params = Map.of("iteration", world.dr1.toString());
            for (String type : new String[] {"pdf", "word", "email", "preview"}) {
                String html = render(failed, params, type);
                assertThat(single(html, "div.cutplan-message").text()).as(type).contains("cannot reach its database right now");
                assertThat(Jsoup.parseBodyFragment(html).select("script, table, div.cutplan-summary")).isEmpty();
            }
            assertThat(single(render(failed, params, "display"), "div.aui-message-warning").text())
                    .contains("cannot reach its database right now");
            assertThat(pageBuilder.required).isEmpty();
        } finally {
            failed.destroy();
        }
    }

    @Test
    void aDatabaseLostWhileRunningGivesTheUnavailableMessageNotAnError() throws Exception {
        DbConfig own = PostgresServer.get().createMigratedDatabase();
        ConfluenceSettingsStore store = new ConfluenceSettingsStore(new HostFakes.Settings());
        store.save(new PluginConfig(own.url(), own.user(), own.password(), 2, false, "Cutplan"));
        CutplanRuntime lost = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store), new HostFakes.App());
        lost.afterPropertiesSet();
        try {
            assertThat(lost.status().state()).isEqualTo(RuntimeStatus.State.RUNNING);
            PostgresServer.get().drop(own);
            Map<String, String> params = Map.of("iteration", world.dr1.toString());
            assertThat(single(render(lost, params, "display"), "div.aui-message-warning").text())
                    .contains("cannot reach its database right now");
            assertThat(single(render(lost, params, "pdf"), "div.cutplan-message").text())
                    .contains("cannot reach its database right now");
            assertThat(pageBuilder.required).isEmpty();
        } finally {
            lost.destroy();
        }
    }

    @Test
    void anUnconfiguredDatabaseGivesAClearMessageWithTheConfigureLink() throws Exception {
        ConfluenceSettingsStore empty = new ConfluenceSettingsStore(new HostFakes.Settings());
        CutplanRuntime unconfigured = new CutplanRuntime(empty, new ConfluenceMailTransport(new HostFakes.Mail(), empty),
                new HostFakes.App());
        unconfigured.afterPropertiesSet();
        String html = render(unconfigured, Map.of("iteration", world.dr1.toString()), "display");
        Element message = single(html, "div.aui-message-warning");
        assertThat(message.text()).contains("database is not configured");
        assertThat(message.selectFirst("a").attr("href")).isEqualTo("/wiki/plugins/servlet/cutplan/admin");
        assertThat(single(render(unconfigured, Map.of("iteration", world.dr1.toString()), "pdf"), "div.cutplan-message").text())
                .contains("database is not configured");
        assertThat(pageBuilder.required).isEmpty();
        unconfigured.destroy();
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
        String html = render(running, Map.of("iteration", world.dr1.toString()), "display");
        var message = org.jsoup.Jsoup.parseBodyFragment(html).select("div.aui-message-info");
        assertThat(message).as(html).hasSize(1);
        assertThat(message.text()).contains("logged-in Confluence users with a licence");
        assertThat(message.select("a").attr("href")).isEqualTo("/wiki/login.action");
        assertThat(html).doesNotContain("data-api-base");
        assertThat(pageBuilder.required).as("no script for a viewer who may not call the API").isEmpty();
    }

}
