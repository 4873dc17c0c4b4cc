package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against the standalone host on real PostgreSQL (issue 4 acceptance):
 * live updates from another user's change, actions by role, a version conflict, hostile text, keyboard use.
 */
class DashboardBrowserTest {
    static final String HOSTILE = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> Check & \"quote\" 'it' <a href=\"http://evil.example\">link</a>";

    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser pilot;
    private static Fixtures.TestUser executor;
    private static Fixtures.TestUser viewer;
    private static Fixtures.Plan plan;
    private static UUID iteration;
    private static UUID net;
    private static UUID prepare;      // READY, owned by NET (the executor's team)
    private static UUID hostile;      // PENDING after prepare, owned by DBA
    private static UUID dbaReady;     // READY, owned by DBA
    private static UUID gate;         // go/no-go after hostile
    private static UUID conflictStep; // READY, owned by NET, used by the conflict test only
    private static UUID liveStep;     // READY, owned by DBA, changed by the live-update test
    private static UUID overrideStep; // READY, owned by NET, one task: completed through the gate by a pilot

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        net = f.team("NET");
        UUID dba = f.team("DBA");
        pilot = f.user("pilot", Role.PILOT);
        executor = f.user("executor", Role.NORMAL, net);
        viewer = f.user("viewer", Role.NORMAL);
        plan = f.plan("Core banking move");
        plan.phase("Preparation");
        plan.chapter("Freeze & announce");
        prepare = plan.step("PRE-1", "Announce the change freeze", net);
        plan.task(prepare, "Send the freeze mail", net);
        plan.task(prepare, "Confirm with the service desk", net);
        hostile = plan.step("PRE-2", HOSTILE, dba);
        plan.dependency(prepare, hostile);
        plan.task(hostile, "Export <schema> & \"roles\"", dba);
        dbaReady = plan.step("CHK-3", "Check the replica lag", dba);
        plan.task(dbaReady, "Read the lag graph", dba);
        conflictStep = plan.step("PRE-4", "Stop the batch scheduler", net);
        liveStep = plan.step("CHK-5", "Verify backups", dba);
        plan.phase("Migration");
        plan.chapter("Go / no-go");
        gate = plan.step("IGO-10", "IT go / no-go", net, 15, true);
        plan.dependency(hostile, gate);
        UUID t = plan.task(gate, "Collect the sign-offs", net);
        plan.link(t, plan.control("CTL-1", "Backups verified", true));
        overrideStep = plan.step("TRT-20", "Switch DNS to the new core", net);
        plan.task(overrideStep, "Confirm the TTL has expired", net);
        iteration = plan.iteration("RUN1");
        // Chapter plans (as the planning view would set them): the first chapter already over, so its open steps are late.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        host.database().transactor().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO chapter_schedules (iteration_id, chapter_id, planned_start, planned_end) "
                    + "SELECT ?, id, ?, ? FROM chapters WHERE plan_id = ? AND position = 0", iteration, now.minus(5, ChronoUnit.MINUTES), now.plus(6, ChronoUnit.HOURS), plan.id);
            return null;
        });
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static String runbookUrl(int pollSeconds) {
        return host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=" + pollSeconds;
    }

    static void open(String url, String username, String password) {
        Browser.loginAs(username, password);
        browser.get(url);
        waitFor(Duration.ofSeconds(20), "the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    static void open(String url, Fixtures.TestUser user) {
        open(url, user.username(), Fixtures.PASSWORD);
    }

    static WebElement row(UUID stepInstance) {
        return browser.findElement(By.cssSelector(".cp-row[data-id='" + stepInstance + "']"));
    }

    static String rowStatus(UUID stepInstance) {
        return row(stepInstance).findElement(By.cssSelector(".cp-status-text")).getText();
    }

    static void openPanel(UUID stepInstance) {
        row(stepInstance).click();
        waitFor(Duration.ofSeconds(10), "the step panel of " + stepInstance, () ->
                stepInstance.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    static List<String> actionButtons() {
        return browser.findElements(By.cssSelector(".cp-panel .cp-actions button")).stream()
                .map(b -> b.getDomAttribute("data-action")).toList();
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static void waitFor(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    static int version(UUID stepInstance) {
        return host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + stepInstance).json().path("step").path("version").asInt();
    }

    static Api.Response move(Fixtures.TestUser who, UUID stepInstance, String to, String reason) {
        Map<String, Object> body = reason == null ? Map.of("to", to, "expectedVersion", version(stepInstance))
                : Map.of("to", to, "expectedVersion", version(stepInstance), "reason", reason);
        Api.Response r = host.as(who.username()).post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions", body);
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    static UUID si(UUID step) {
        return plan.stepInstance(iteration, step);
    }

    /** Opened as http://user:password@host/… (a bookmark), the page still reaches its API. */
    @Test
    void worksWhenOpenedFromAUrlWithCredentials() {
        Browser.logout();
        String url = runbookUrl(5).replace("http://", "http://" + pilot.username() + ":" + Fixtures.PASSWORD + "@");
        browser.get(url);
        waitFor(Duration.ofSeconds(20), "the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(7);
    }

    @Test
    void showsTheIterationAndEveryStepWithStatusInWords() {
        open(runbookUrl(5), pilot);
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(7);
        assertThat(browser.findElement(By.cssSelector(".cp-title")).getText()).contains("RUN1");
        assertThat(rowStatus(si(prepare))).isEqualTo("READY");
        assertThat(rowStatus(si(hostile))).isEqualTo("PENDING");
        assertThat(row(si(hostile)).findElement(By.cssSelector(".cp-c-deps")).getText()).contains("1/1");
        assertThat(row(si(gate)).findElement(By.cssSelector(".cp-gate")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector(".cp-live-text")).getText()).startsWith("Live");
        assertThat(browser.findElement(By.cssSelector(".cp-live")).getDomAttribute("data-state")).isEqualTo("live");
        assertThat(browser.findElement(By.cssSelector(".cp-overall-text")).getText()).contains("of 7 steps finished");
        assertThat(browser.findElements(By.cssSelector(".cp-phase"))).hasSize(2);
    }

    @Test
    void aTabKeepsItsWidthWhenItsCountArrivesOrGrowsSoNeighboursNeverMoveUnderAFinger() {
        Browser.size(390, 844);
        try {
            open(runbookUrl(5), executor);
            // The header renders the count through the same path as a poll would: empty, then three digits.
            @SuppressWarnings("unchecked")
            java.util.List<Number> widths = (java.util.List<Number>) js("var app = Cutplan.apps[0], tab = document.querySelector('.cp-tab .cp-tab-count').closest('.cp-tab');"
                    + "var v = Cutplan.views.list().filter(function (x) { return x.badge; })[0], badge = v.badge, out = [];"
                    + "[null, '7', '999'].forEach(function (t) { v.badge = function () { return t; }; app.render(); out.push(tab.getBoundingClientRect().width); });"
                    + "v.badge = badge; app.render(); return out;");
            assertThat(widths).hasSize(3);
            assertThat(widths.get(1).doubleValue()).isEqualTo(widths.get(0).doubleValue());
            assertThat(widths.get(2).doubleValue()).isEqualTo(widths.get(0).doubleValue());
        } finally {
            Browser.resetSize();
        }
    }

    @Test
    void aStepTitleWithMarkupShowsAsTextAndRunsNothing() {
        open(runbookUrl(5), pilot);
        WebElement title = row(si(hostile)).findElement(By.cssSelector(".cp-step-title"));
        assertThat(title.getText()).isEqualTo(HOSTILE.replace("  ", " "));
        assertThat(title.findElements(By.xpath("./*"))).as("no element was created from the title").isEmpty();
        assertThat(browser.findElements(By.cssSelector("img[src='x'], a[href='http://evil.example']"))).isEmpty();
        openPanel(si(hostile));
        assertThat(browser.findElement(By.cssSelector(".cp-panel-title")).getText()).isEqualTo(HOSTILE.replace("  ", " "));
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-task-title")).getText()).isEqualTo("Export <schema> & \"roles\"");
        assertThat(browser.findElements(By.cssSelector("img[src='x'], a[href='http://evil.example']"))).isEmpty();
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void aChangeByAnotherUserAppearsWithinTwoPollsWithoutAReload() {
        open(runbookUrl(1), viewer);
        js("window.__sameDocument = true; document.querySelector('.cp-search').value = 'verify';"
                + "document.querySelector('.cp-search').dispatchEvent(new Event('input'));");
        waitFor(Duration.ofSeconds(15), "the text filter", () -> browser.findElements(By.cssSelector(".cp-row[data-id]:not([hidden])")).size() == 1);
        openPanel(si(liveStep));
        long before = System.nanoTime();
        move(pilot, si(liveStep), "IN_PROGRESS", null);
        waitFor(Duration.ofMillis(2_500), "the change to show (two 1 s polls)", () -> rowStatus(si(liveStep)).equals("IN PROGRESS"));
        long tookMs = (System.nanoTime() - before) / 1_000_000;
        assertThat(js("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]:not([hidden])"))).as("the filter survived").hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".cp-panel")).isDisplayed()).as("the panel stayed open").isTrue();
        waitFor(Duration.ofSeconds(3), "the panel to follow", () -> browser.findElement(By.cssSelector(".cp-panel .cp-status-text")).getText().equals("IN PROGRESS"));
        assertThat(row(si(liveStep)).getDomAttribute("class")).contains("cp-unseen");
        assertThat(row(si(liveStep)).findElement(By.cssSelector(".cp-new")).isDisplayed()).isTrue();
        System.out.println("[dashboard] another user's change appeared after " + tookMs + " ms (poll 1 s)");
    }

    @Test
    void anExecutorIsOfferedOnlyWhatTheirTeamMayDo() {
        open(runbookUrl(5), executor);
        openPanel(si(prepare));
        assertThat(actionButtons()).containsExactly("start", "hold");
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]:not([disabled])"))).hasSize(2);
        openPanel(si(dbaReady));
        assertThat(actionButtons()).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-actions")).getText()).contains("No status change");
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]:not([disabled])"))).isEmpty();
        // A pilot sees the pilot-only moves on the same step.
        open(runbookUrl(5), pilot);
        openPanel(si(dbaReady));
        assertThat(actionButtons()).contains("start", "hold", "skip", "cancel");
    }

    @Test
    void aViewerReadsAndComments() {
        open(runbookUrl(5), viewer);
        openPanel(si(prepare));
        assertThat(actionButtons()).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]:not([disabled])"))).isEmpty();
        WebElement text = browser.findElement(By.cssSelector(".cp-comment-text"));
        text.sendKeys("Freeze mail <b>drafted</b> & sent?");
        browser.findElement(By.cssSelector(".cp-comment-form button[type=submit]")).click();
        waitFor(Duration.ofSeconds(10), "the comment to show", () -> browser.findElements(By.cssSelector(".cp-comment-body")).stream()
                .anyMatch(e -> e.getText().equals("Freeze mail <b>drafted</b> & sent?")));
        assertThat(browser.findElements(By.cssSelector(".cp-comment-body b"))).isEmpty();
    }

    @Test
    void aVersionConflictIsExplainedAndTheViewRefreshes() {
        open(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=300", executor);
        openPanel(si(conflictStep));
        assertThat(actionButtons()).contains("start");
        // Meanwhile a pilot holds and releases the step: same status, newer version. The page has not polled.
        move(pilot, si(conflictStep), "ON_HOLD", null);
        move(pilot, si(conflictStep), "READY", null);
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=start]")).click();
        waitFor(Duration.ofSeconds(10), "the conflict message", () -> browser.findElement(By.cssSelector(".cp-panel-message")).getText().contains("version conflict"));
        assertThat(browser.findElement(By.cssSelector(".cp-panel-message")).getText()).contains("refreshed");
        // After the refresh the page knows the new version: the same click now works.
        waitFor(Duration.ofSeconds(10), "the refreshed version", () -> ((Number) js(
                "return window.Cutplan.apps[0].state.steps.get(arguments[0]).version", si(conflictStep).toString())).intValue() == version(si(conflictStep)));
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=start]")).click();
        waitFor(Duration.ofSeconds(10), "the start to succeed", () -> rowStatus(si(conflictStep)).equals("IN PROGRESS"));
    }

    @Test
    void theKeyboardOpensAndClosesTheStepPanel() {
        open(runbookUrl(5), pilot);
        WebElement first = row(si(prepare));
        js("arguments[0].focus()", first);
        first.sendKeys(Keys.ARROW_DOWN);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getDomAttribute("data-id")).isEqualTo(si(hostile).toString());
        focused.sendKeys(Keys.ENTER);
        waitFor(Duration.ofSeconds(5), "the panel", () -> browser.findElement(By.cssSelector(".cp-panel")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).contains("cp-panel-title");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(Duration.ofSeconds(5), "the panel to close", () -> !browser.findElement(By.cssSelector(".cp-panel")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-id")).isEqualTo(si(hostile).toString());
    }

    @Test
    void filtersAndTheReadyForMyTeamsView() {
        open(runbookUrl(5), executor);
        browser.findElement(By.cssSelector(".cp-tab[data-view=ready]")).click();
        List<String> shown = browser.findElements(By.cssSelector(".cp-row[data-id]:not([hidden]) .cp-code")).stream().map(WebElement::getText).toList();
        assertThat(shown).isNotEmpty().allSatisfy(code -> assertThat(code).isIn("PRE-1", "PRE-4", "TRT-20"))
                .doesNotContain("PRE-2", "CHK-3", "CHK-5", "IGO-10");
        browser.findElement(By.cssSelector(".cp-tab[data-view=runsheet]")).click();
        browser.findElement(By.cssSelector(".cp-count--pending")).click();
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]:not([hidden]) .cp-status-text")).stream().map(WebElement::getText))
                .isNotEmpty().allMatch("PENDING"::equals);
        assertThat(browser.findElement(By.cssSelector(".cp-shown")).getText()).startsWith("Showing");
    }

    /**
     * A second host on the same database (the shared one keeps serving everyone else): its listening socket is
     * closed and reopened while the page watches.
     */
    @Test
    void theLiveIndicatorReactsWhenTheServerStopsAndRecovers() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of());
        try (StandaloneHost second = StandaloneHost.start(options, host.dbConfig().withPoolSize(4))) {
            String url = "http://127.0.0.1:" + second.port() + "/runbook?iteration=" + iteration + "&poll=1";
            open(url, viewer);
            WebElement live = browser.findElement(By.cssSelector(".cp-live"));
            waitFor(Duration.ofSeconds(5), "live", () -> "live".equals(live.getDomAttribute("data-state")));
            second.server().stopAccepting();
            waitFor(Duration.ofSeconds(10), "the indicator to notice", () -> List.of("reconnecting", "offline").contains(live.getDomAttribute("data-state")));
            assertThat(browser.findElement(By.cssSelector(".cp-live-text")).getText()).containsAnyOf("Reconnecting", "Offline");
            assertThat(browser.findElement(By.cssSelector(".cp-live")).getText()).contains("retry in");
            waitFor(Duration.ofSeconds(20), "offline after repeated failures", () -> "offline".equals(live.getDomAttribute("data-state")));
            assertThat(browser.findElement(By.cssSelector(".cp-live-text")).getText()).startsWith("Offline");
            // The runsheet stays on screen while offline.
            assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(7);
            second.server().resumeAccepting();
            browser.findElement(By.cssSelector(".cp-live-retry")).click();
            waitFor(Duration.ofSeconds(20), "live again", () -> "live".equals(live.getDomAttribute("data-state")));
            assertThat(browser.findElement(By.cssSelector(".cp-live-text")).getText()).startsWith("Live");
        }
    }

    /** A hidden tab stops polling (document.hidden is what browsers set; the test sets it the same way). */
    @Test
    void pollingPausesWhileTheTabIsHiddenAndCatchesUpOnReturn() throws InterruptedException {
        open(runbookUrl(1), viewer);
        WebElement live = browser.findElement(By.cssSelector(".cp-live"));
        waitFor(Duration.ofSeconds(5), "a first poll", () -> ((Number) js("return Cutplan.apps[0].metrics.polls")).intValue() > 0);
        js("Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        waitFor(Duration.ofSeconds(3), "paused", () -> "paused".equals(live.getDomAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector(".cp-live-text")).getText()).contains("Paused");
        long polls = ((Number) js("return Cutplan.apps[0].metrics.polls")).longValue();
        move(pilot, si(dbaReady), "ON_HOLD", null);
        Thread.sleep(3_000);
        assertThat(((Number) js("return Cutplan.apps[0].metrics.polls")).longValue()).as("no poll while hidden").isEqualTo(polls);
        assertThat(rowStatus(si(dbaReady))).isEqualTo("READY");
        js("Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        waitFor(Duration.ofSeconds(3), "caught up at once", () -> rowStatus(si(dbaReady)).equals("ON HOLD"));
        assertThat(live.getDomAttribute("data-state")).isEqualTo("live");
        move(pilot, si(dbaReady), "READY", null);
    }

    @Test
    void aPilotCompletesThroughTheGateOnlyWithAReason() {
        open(runbookUrl(5), pilot);
        openPanel(si(overrideStep));
        click("start");
        waitFor(Duration.ofSeconds(10), "started", () -> rowStatus(si(overrideStep)).equals("IN PROGRESS"));
        waitFor(Duration.ofSeconds(10), "the new actions", () -> actionButtons().contains("complete"));
        click("complete");
        waitFor(Duration.ofSeconds(10), "the refusal", () -> browser.findElement(By.cssSelector(".cp-panel-message")).getText().startsWith("Refused"));
        assertThat(rowStatus(si(overrideStep))).isEqualTo("IN PROGRESS");
        assertThat(browser.findElement(By.cssSelector(".cp-facts")).getText()).contains("1 task open");
        click("override");
        WebElement confirm = browser.findElement(By.cssSelector(".cp-reason button[data-confirm=override]"));
        confirm.click();
        assertThat(browser.findElement(By.cssSelector(".cp-reason .cp-field-error")).getText()).contains("reason");
        browser.findElement(By.cssSelector(".cp-reason textarea")).sendKeys("TTL checked by phone with the DNS provider");
        browser.findElement(By.cssSelector(".cp-reason button[data-confirm=override]")).click();
        waitFor(Duration.ofSeconds(10), "done", () -> rowStatus(si(overrideStep)).equals("DONE"));
        JsonNode detail = host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + si(overrideStep)).json();
        assertThat(detail.path("step").path("gateOverridden").asBoolean()).isTrue();
        assertThat(detail.path("events").toString()).contains("STEP_GATE_OVERRIDDEN").contains("TTL checked by phone");
        waitFor(Duration.ofSeconds(10), "the history", () -> browser.findElement(By.cssSelector(".cp-history")).getText().contains("gate overridden"));
    }

    @Test
    void anExecutorTicksATaskAndAPilotPassesAControl() {
        open(runbookUrl(5), executor);
        openPanel(si(prepare));
        WebElement box = browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]")).get(0);
        box.click();
        waitFor(Duration.ofSeconds(10), "the tick to reach the server and the row", () ->
                row(si(prepare)).findElement(By.cssSelector(".cp-c-tasks")).getText().equals("1/2"));
        JsonNode tasks = host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + si(prepare)).json().path("tasks");
        assertThat(tasks.get(0).path("status").asText()).isEqualTo("DONE");
        waitFor(Duration.ofSeconds(10), "the panel to reload", () -> browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]")).get(0).isSelected()
                && browser.findElement(By.cssSelector(".cp-panel .cp-tasks")).getText().contains("done by"));
        browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]")).get(0).click();
        waitFor(Duration.ofSeconds(10), "the untick", () -> row(si(prepare)).findElement(By.cssSelector(".cp-c-tasks")).getText().equals("0/2"));

        open(runbookUrl(5), pilot);
        openPanel(si(gate));
        browser.findElement(By.cssSelector(".cp-panel .cp-control-note")).sendKeys("Restore test of last night's backup OK");
        browser.findElement(By.cssSelector(".cp-panel button[data-outcome=PASSED]")).click();
        waitFor(Duration.ofSeconds(10), "the control outcome", () -> browser.findElement(By.cssSelector(".cp-panel .cp-cstatus")).getText().contains("Passed"));
        JsonNode control = host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + si(gate)).json().path("controls").get(0);
        assertThat(control.path("status").asText()).isEqualTo("PASSED");
        assertThat(control.path("note").asText()).isEqualTo("Restore test of last night's backup OK");
    }

    static void click(String action) {
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=" + action + "]")).click();
    }

    static JsonNode dashboard(Fixtures.TestUser who) {
        return host.as(who.username()).get("/iterations/" + iteration + "/dashboard").json();
    }
}
