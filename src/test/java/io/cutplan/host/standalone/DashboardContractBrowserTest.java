package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Browser;
import io.cutplan.testing.ClientReads;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's contract with its server (issue 11), in Chromium: a click makes exactly one HTTP request and the
 * page updates from its answer; a stale click (409) updates the row from the error's details without a snapshot;
 * every field the client reads from any server body is one docs/api/openapi.yaml defines (recorded in the page by
 * {@link ClientReads}, which wraps every JSON body the page receives); the registered views are the manifest's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardContractBrowserTest {
    private TestHost host;
    private ChromeDriver browser;
    private Fixtures.TestUser pilot;
    private Fixtures.Plan plan;
    private UUID iteration;
    private UUID first;     // READY, started by the one-request test
    private UUID stale;     // READY, changed behind the page's back
    private UUID gate;      // READY, with a task linked to a critical control
    private ClientReads reads;

    @BeforeAll
    void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID net = f.team("NET");
        pilot = f.user("pilot", Role.ADMIN, net);
        plan = f.plan("Contract run");
        plan.phase("Preparation");
        plan.chapter("Freeze");
        first = plan.step("CON-1", "Announce the freeze", net);
        plan.task(first, "Send the mail", net);
        stale = plan.step("CON-2", "Stop the batch", net);
        gate = plan.step("CON-3", "Go / no-go", net, 15, true);
        UUID t = plan.task(gate, "Collect sign-offs", net);
        plan.link(t, plan.control("CCTL-1", "Backups verified", true));
        UUID after = plan.step("CON-4", "Switch over", net);
        plan.dependency(first, after);
        iteration = plan.iteration("CRUN1");
        reads = ClientReads.install(browser);
        Browser.loginAs(pilot.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=300");
        waitFor("the dashboard", () -> "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    @AfterAll
    void tearDown() {
        reads.uninstall();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private UUID si(UUID step) {
        return plan.stepInstance(iteration, step);
    }

    private String rowStatus(UUID stepInstance) {
        return browser.findElement(By.cssSelector(".cp-row[data-id='" + stepInstance + "'] .cp-status-text")).getText();
    }

    private void openPanel(UUID stepInstance) {
        browser.findElement(By.cssSelector(".cp-row[data-id='" + stepInstance + "']")).click();
        waitFor("the panel of " + stepInstance, () ->
                stepInstance.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    private List<String> actionButtons() {
        return browser.findElements(By.cssSelector(".cp-panel .cp-actions button")).stream().map(b -> b.getDomAttribute("data-action")).toList();
    }

    private int serverVersion(UUID stepInstance) {
        return host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + stepInstance).json().path("step").path("version").asInt();
    }

    private void move(UUID stepInstance, String to) {
        var r = host.as(pilot.username()).post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions",
                Map.of("to", to, "expectedVersion", serverVersion(stepInstance)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Waits a moment after the page settled, so a request a click would cause late is counted too. */
    private List<String> requestsAfterSettling() throws InterruptedException {
        Thread.sleep(1_500);
        return reads.requests();
    }

    @Test
    void startingAStepIsOneRequestAndTheRowCountersAndPanelFollowItsAnswer() throws InterruptedException {
        openPanel(si(first));
        assertThat(actionButtons()).contains("start");
        String runningBefore = browser.findElement(By.cssSelector(".cp-count--in_progress .cp-count-n")).getText();
        reads.clearRequests();
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=start]")).click();
        waitFor("the row to show the move", () -> rowStatus(si(first)).equals("IN PROGRESS"));
        waitFor("the panel to follow", () -> browser.findElement(By.cssSelector(".cp-panel .cp-status-text")).getText().equals("IN PROGRESS"));
        assertThat(actionButtons()).as("the panel's moves come from the answer's allowedTransitions").contains("complete", "fail").doesNotContain("start");
        assertThat(browser.findElement(By.cssSelector(".cp-count--in_progress .cp-count-n")).getText())
                .isEqualTo(String.valueOf(Integer.parseInt(runningBefore) + 1));
        assertThat(browser.findElement(By.cssSelector(".cp-panel-message")).getText()).contains("Ready").contains("In progress");
        List<String> requests = requestsAfterSettling();
        assertThat(requests).as("one click, one request").hasSize(1);
        assertThat(requests.get(0)).startsWith("POST ").endsWith("/iterations/" + iteration + "/steps/" + si(first) + "/transitions");
    }

    @Test
    void aStaleClickUpdatesTheRowFromTheConflictsDetailsWithoutASnapshot() throws InterruptedException {
        openPanel(si(stale));
        int seen = ((Number) browser.executeScript("return Cutplan.apps[0].state.steps.get(arguments[0]).version", si(stale).toString())).intValue();
        // Behind the page's back (it polls every 300 s): a hold, so the step is ON_HOLD at a newer version.
        move(si(stale), "ON_HOLD");
        reads.clearRequests();
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=start]")).click();
        waitFor("the conflict message", () -> browser.findElement(By.cssSelector(".cp-panel-message")).getText().contains("version conflict"));
        waitFor("the row to show the server's state", () -> rowStatus(si(stale)).equals("ON HOLD"));
        assertThat(((Number) browser.executeScript("return Cutplan.apps[0].state.steps.get(arguments[0]).version", si(stale).toString())).intValue())
                .isGreaterThan(seen).isEqualTo(serverVersion(si(stale)));
        assertThat(actionButtons()).as("the moves of the held step, from the details' allowedTransitions").contains("resume").doesNotContain("start");
        List<String> requests = requestsAfterSettling();
        assertThat(requests).as("the refused click was the only request: no snapshot, no reload").hasSize(1);
        assertThat(requests.get(0)).startsWith("POST ").endsWith("/transitions");
        // The refreshed page can act at once: one more request.
        reads.clearRequests();
        browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=resume]")).click();
        waitFor("resumed", () -> rowStatus(si(stale)).equals("READY"));
        assertThat(requestsAfterSettling()).hasSize(1);
    }

    @Test
    void everyFieldTheClientReadsIsInTheOpenApiDocument() {
        // Exercise every body the page reads: snapshot (setUp), step detail, each kind of write, a delta, the views.
        openPanel(si(gate));
        browser.findElements(By.cssSelector(".cp-panel .cp-tasks input[type=checkbox]")).get(0).click();
        waitFor("the tick", () -> browser.findElement(By.cssSelector(".cp-row[data-id='" + si(gate) + "'] .cp-c-tasks")).getText().equals("1/1"));
        browser.findElement(By.cssSelector(".cp-panel button[data-outcome=PASSED]")).click();
        waitFor("the control", () -> browser.findElement(By.cssSelector(".cp-panel .cp-cstatus")).getText().contains("Passed"));
        browser.findElement(By.cssSelector(".cp-comment-text")).sendKeys("Checked");
        browser.findElement(By.cssSelector(".cp-comment-form button[type=submit]")).click();
        waitFor("the comment", () -> browser.findElements(By.cssSelector(".cp-comment-body")).stream().anyMatch(e -> e.getText().equals("Checked")));
        move(si(gate), "ON_HOLD");
        browser.executeScript("return Cutplan.apps[0].actions.refresh()");
        waitFor("the delta", () -> rowStatus(si(gate)).equals("ON HOLD"));
        for (String view : List.of("planning", "admin", "compare", "calibrate", "review", "progress", "ready", "runsheet")) {
            browser.findElement(By.cssSelector(".cp-tab[data-view=" + view + "]")).click();
            waitFor("the " + view + " view", () -> view.equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-view")));
        }
        waitFor("the schedule and the outbox to have been read", () -> reads.recorded().stream().anyMatch(r -> r.contains("/schedule"))
                && reads.recorded().stream().anyMatch(r -> r.startsWith("GET /rest/cutplan/1.0/notifications"))
                && reads.recorded().stream().anyMatch(r -> r.contains("/comparison"))
                && reads.recorded().stream().anyMatch(r -> r.contains("/duration-proposals"))
                && reads.recorded().stream().anyMatch(r -> r.contains("/forecast/probability"))
                && reads.recorded().stream().anyMatch(r -> r.contains("/review 200 .delayChain")));
        List<String> recorded = reads.recorded();
        assertThat(recorded).as("reads were recorded").anySatisfy(r -> assertThat(r).endsWith(" .steps[].allowedTransitions"));
        assertThat(reads.undocumented(recorded)).as("fields the client reads that docs/api/openapi.yaml does not define").isEmpty();
    }

    @Test
    void theRegisteredViewsAreTheManifestsViewFilesWithTheirTestIds() {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) browser.executeScript("return Cutplan.views.list().map(function (v) { return v.id; })");
        assertThat(ids).containsExactlyElementsOf(WebManifest.load().views());
        for (String id : ids) {
            assertThat(browser.findElements(By.cssSelector(".cp-view[data-view-id=" + id + "][data-testid]"))).as(id).hasSize(1);
        }
        assertThat(browser.findElements(By.cssSelector(".cp-tab[data-view]")).stream().map(b -> b.getDomAttribute("data-view")).toList())
                .as("the nav lists the registered views in registration order").containsExactlyElementsOf(ids);
    }
}
