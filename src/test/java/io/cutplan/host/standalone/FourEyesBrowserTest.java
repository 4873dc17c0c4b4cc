package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Four-eyes gate override in the step panel: the first pilot's override becomes a request the panel shows with who,
 * when, why and what is still open ("waiting for a second pilot" to the requester, no Confirm for them); a second
 * pilot sees Confirm / Reject and their confirmation completes the step. AxeCheck on the pending view.
 */
class FourEyesBrowserTest {
    private static final String REASON = "Balances reconciled by hand with the finance desk";

    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser pilot;
    private static Fixtures.TestUser pilot2;
    private static UUID iteration;
    private static UUID gate;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID ops = f.team("OPS");
        Fixtures.TestUser admin = f.user("admin", Role.ADMIN);
        pilot = f.user("pilot", Role.PILOT);
        pilot2 = f.user("pilot2", Role.PILOT);
        Fixtures.Plan plan = f.plan("Four eyes in the panel");
        UUID step = plan.step("GON-1", "IT go / no-go", ops, 15, true);
        plan.task(step, "Sign the reconciliation", ops);
        iteration = plan.iteration("RUN1");
        gate = plan.stepInstance(iteration, step);
        Api a = host.as(admin.username());
        JsonNode p = a.get("/plans/" + plan.id).json();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", p.path("code").asText());
        body.put("name", p.path("name").asText());
        body.put("fourEyesOverride", true);
        assertThat(a.put("/plans/" + plan.id, body).status()).isEqualTo(200);
        Api api = host.as(pilot.username());
        int version = api.get("/iterations/" + iteration + "/steps/" + gate).json().path("step").path("version").asInt();
        assertThat(api.post("/iterations/" + iteration + "/steps/" + gate + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", version)).status()).isEqualTo(200);
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static void open(Fixtures.TestUser user) {
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=5");
        waitFor("the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-row[data-id='" + gate + "']")));
        waitFor("the step panel", () ->
                gate.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    private static WebElement pending() {
        return browser.findElement(By.cssSelector(".cp-panel [data-testid=cp-pending-override]"));
    }

    private static String rowStatus() {
        return String.valueOf(js("return arguments[0].textContent", browser.findElement(
                By.cssSelector(".cp-row[data-id='" + gate + "'] .cp-status-text")))).toUpperCase(Locale.ROOT);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    @Test
    void onePilotAsksTheOtherConfirms() {
        open(pilot);
        assertThat(pending().isDisplayed()).isFalse();
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=override]")));
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-reason label")).getText()).contains("four-eyes");
        browser.findElement(By.cssSelector(".cp-panel .cp-reason textarea")).sendKeys(REASON);
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-reason button[data-confirm=override]")));

        // The requester: the request with its reason and what is open, "waiting for a second pilot", no Confirm.
        waitFor("the pending override", () -> pending().isDisplayed());
        assertThat(pending().getText()).contains(REASON).contains("Still open: 1 task open").contains("User pilot");
        assertThat(pending().findElement(By.cssSelector("[data-testid=cp-pending-waiting]")).getText())
                .contains("Waiting for a second pilot");
        assertThat(pending().findElements(By.cssSelector("button[data-action=confirm-override]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-actions button[data-action=override]"))).isEmpty();
        assertThat(rowStatus()).isEqualTo("IN PROGRESS");
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");

        // The second pilot: who asked and why, Confirm and Reject; Confirm completes the step.
        open(pilot2);
        waitFor("the pending override", () -> pending().isDisplayed());
        assertThat(pending().getText()).contains("Asked by User pilot").contains(REASON).contains("1 task open");
        assertThat(pending().findElements(By.cssSelector("[data-testid=cp-pending-waiting]"))).isEmpty();
        assertThat(pending().findElements(By.cssSelector("button[data-action=reject-override]"))).hasSize(1);
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");
        js("arguments[0].click()", pending().findElement(By.cssSelector("button[data-action=confirm-override]")));
        waitFor("the step to be DONE", () -> rowStatus().equals("DONE"));
        waitFor("the request to go", () -> !pending().isDisplayed());
        waitFor("the history to name both", () -> browser.findElement(By.cssSelector(".cp-panel .cp-history")).getText()
                .contains("asked by User pilot, confirmed"));
        assertThat(host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + gate).json()
                .path("step").path("gateOverridden").asBoolean()).isTrue();
    }
}
