package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.ClientReads;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Plan changes" in the planning view, in headless Chromium on the small demo: a pilot previews what an edit of the
 * plan would change in the PLANNED cutover and applies it; the running rehearsal says plan changes do not reach it
 * and keeps its old title.
 */
class PlanRefreshBrowserTest {
    private static final String NEW_TITLE = "Renamed in the plan after instantiation";
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID cutover;
    private static UUID running;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        cutover = demo.iteration("CUTOVER");
        running = demo.iteration("DR1");
        browser = Browser.get();
        Browser.resetSize();
    }

    private static void open(String user, UUID iteration) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&view=planning");
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid=" + id + "]"));
    }

    /** Renames the first step of the plan through the authoring API; returns its code and old title. */
    private static String[] renameFirstStep() {
        Api admin = DemoApi.as("admin");
        String planId = admin.get("/iterations/" + cutover).json().path("plan").path("id").asText();
        JsonNode first = admin.get("/iterations/" + cutover + "/dashboard").json().path("steps").get(0);
        String path = "/plans/" + planId + "/steps/" + first.path("stepId").asText();
        JsonNode step = admin.get(path).json();
        Map<String, Object> body = new LinkedHashMap<>();
        for (String f : List.of("chapterId", "code", "type", "description", "ownerTeamId", "plannedDurationMinutes", "goNoGo")) {
            if (!step.path(f).isMissingNode() && !step.path(f).isNull()) {
                body.put(f, step.path(f).isNumber() ? step.path(f).asInt() : step.path(f).isBoolean() ? step.path(f).asBoolean()
                        : step.path(f).asText());
            }
        }
        List<String> teams = new java.util.ArrayList<>();
        step.path("impactedTeamIds").forEach(t -> teams.add(t.asText()));
        body.put("impactedTeamIds", teams);
        body.put("title", NEW_TITLE);
        Api.Response put = admin.put(path, body);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        return new String[] {first.path("code").asText(), first.path("title").asText()};
    }

    private static String titleOf(UUID iteration, String code) {
        for (JsonNode s : DemoApi.as("pilot").get("/iterations/" + iteration + "/dashboard").json().path("steps")) {
            if (s.path("code").asText().equals(code)) {
                return s.path("title").asText();
            }
        }
        throw new AssertionError(code + " not in " + iteration);
    }

    @Test
    void aPilotPreviewsThePlanChangeAndRefreshesThePlannedIterationWhileTheRunningOneKeepsItsCopy() {
        String[] renamed = renameFirstStep();
        String code = renamed[0];
        String oldTitle = renamed[1];
        assertThat(titleOf(cutover, code)).as("an edit alone changes no iteration").isEqualTo(oldTitle);

        ClientReads reads = ClientReads.install(browser);
        try {
            previewAndApply(code, oldTitle, reads);
        } finally {
            reads.uninstall();
        }
        assertThat(titleOf(running, code)).as("the running iteration keeps what it started with").isEqualTo(oldTitle);
        open("pilot", running);
        waitFor("the locked note", () -> byTestId("plan-refresh-locked").isDisplayed());
        assertThat(byTestId("plan-refresh-locked").getText()).contains("running").contains("do not reach it");
        assertThat(byTestId("plan-refresh-preview").isDisplayed()).isFalse();
        AxeCheck.assertNoViolations(browser, "[data-testid=plan-refresh]");
    }

    private void previewAndApply(String code, String oldTitle, ClientReads reads) {
        open("pilot", cutover);
        waitFor("the refresh section", () -> byTestId("plan-refresh-preview").isDisplayed());
        assertThat(byTestId("plan-refresh-status").getText()).contains("own copy");
        assertThat(byTestId("plan-refresh-locked").isDisplayed()).isFalse();
        assertThat(byTestId("plan-refresh-apply").isDisplayed()).as("nothing to apply before a preview").isFalse();
        byTestId("plan-refresh-preview").click();
        waitFor("the preview", () -> byTestId("plan-refresh-changes").isDisplayed()
                && byTestId("plan-refresh-changes").getText().contains(NEW_TITLE));
        WebElement changes = byTestId("plan-refresh-changes");
        List<WebElement> items = changes.findElements(By.cssSelector("ul[data-kind=steps] > li"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getDomAttribute("data-change")).isEqualTo("CHANGED");
        assertThat(items.get(0).getText()).contains(code).contains("title: " + oldTitle).contains(NEW_TITLE);
        assertThat(changes.findElements(By.cssSelector("ul[data-kind=tasks]"))).isEmpty();
        // The preview (the one state the dashboard-wide accessibility test does not reach) passes axe's WCAG rules.
        AxeCheck.assertNoViolations(browser, "[data-testid=plan-refresh]");

        byTestId("plan-refresh-apply").click();
        waitFor("the refreshed message", () -> browser.findElement(By.cssSelector(".cp-plan-refresh .cp-msg--success")).getText()
                .startsWith("Refreshed from the plan"));
        assertThat(byTestId("plan-refresh-apply").isDisplayed()).isFalse();
        assertThat(titleOf(cutover, code)).isEqualTo(NEW_TITLE);
        List<String> recorded = reads.recorded();
        assertThat(recorded).anyMatch(r -> r.startsWith("GET /rest/cutplan/1.0/iterations/" + cutover + "/refresh-preview"))
                .anyMatch(r -> r.startsWith("POST /rest/cutplan/1.0/iterations/" + cutover + "/refresh "));
        assertThat(reads.undocumented(recorded)).as("fields the page reads that docs/api/openapi.yaml does not define").isEmpty();
        // The page's runbook caught up too: the dashboard polls the raised version.
        browser.get(host.baseUrl() + "/runbook?iteration=" + cutover + "&view=runsheet");
        waitFor("the renamed step on the runsheet", () -> browser.findElement(By.cssSelector(".cutplan-dashboard")).getText()
                .contains(NEW_TITLE));
    }
}
