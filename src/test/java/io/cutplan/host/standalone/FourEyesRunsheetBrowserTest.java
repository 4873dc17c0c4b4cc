package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
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
 * Four-eyes from the plan editor to the runsheet (issue 17, Deliver 2 follow-up): an administrator ticks "Four-eyes
 * gate overrides" in the plan editor; pilot B has the runsheet open when pilot A asks for an override (A's request
 * goes over the API, as A's page would send it: the one browser is B's); B's row shows "Override waiting for 2nd
 * pilot" through polling alone; B confirms in the panel and the badge goes. AxeCheck on the settings and the row.
 */
class FourEyesRunsheetBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser admin;
    private static Fixtures.TestUser pilot;
    private static Fixtures.TestUser pilot2;
    private static Fixtures.Plan plan;
    private static UUID iteration;
    private static UUID gate;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID ops = f.team("OPS");
        admin = f.user("admin", Role.ADMIN);
        pilot = f.user("pilot", Role.PILOT);
        pilot2 = f.user("pilot2", Role.PILOT);
        plan = f.plan("Four eyes on the runsheet");
        UUID step = plan.step("GON-1", "IT go / no-go", ops, 15, true);
        plan.task(step, "Sign the reconciliation", ops);
        plan.step("CHK-2", "Final check", ops);
        iteration = plan.iteration("RUN1");
        gate = plan.stepInstance(iteration, step);
        Api api = host.as(pilot.username());
        assertThat(api.post("/iterations/" + iteration + "/steps/" + gate + "/transitions",
                Map.of("to", "IN_PROGRESS", "expectedVersion", version())).status()).isEqualTo(200);
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static int version() {
        return host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + gate).json()
                .path("step").path("version").asInt();
    }

    private static WebElement editor() {
        return browser.findElement(By.cssSelector("[data-testid=plan-editor]"));
    }

    private static WebElement badge() {
        return browser.findElement(By.cssSelector(".cp-row[data-id='" + gate + "'] [data-testid=cp-override-waiting]"));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static String rowStatus() {
        return String.valueOf(js("return arguments[0].textContent", browser.findElement(
                By.cssSelector(".cp-row[data-id='" + gate + "'] .cp-status-text")))).toUpperCase(Locale.ROOT);
    }

    @Test
    void theAdminTurnsItOnAndTheSecondPilotSeesTheWaitingOverrideInTheRunsheet() {
        // The administrator turns four-eyes on in the plan editor.
        Browser.loginAs(admin.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/admin?plan=" + plan.id);
        waitFor("the editor", () -> "ready".equals(editor().getDomAttribute("data-state")));
        WebElement box = editor().findElement(By.cssSelector("form[data-form=plan-settings] input[data-field=fourEyesOverride]"));
        WebElement label = editor().findElement(By.cssSelector("label[for='" + box.getDomAttribute("id") + "']"));
        assertThat(label.getText()).isEqualTo("Four-eyes gate overrides: a second pilot must confirm an override");
        assertThat(box.isSelected()).isFalse();
        String revision = editor().getDomAttribute("data-revision");
        // A refusal is shown at the box (the page's next PUT answered 400 naming the field); nothing is saved.
        js("var real = window.fetch; window.fetch = function (url, init) {"
                + " if (init && init.method === 'PUT') { window.fetch = real; return Promise.resolve(new Response("
                + "  JSON.stringify({error: 'invalid_value', field: 'fourEyesOverride', message: 'Refused for the test'}),"
                + "  {status: 400, headers: {'Content-Type': 'application/json'}})); }"
                + " return real.apply(this, arguments); };");
        label.click();
        waitFor("the error at the box", () -> editor().findElement(By.cssSelector("form[data-form=plan-settings] .cp-field-error"))
                .getText().equals("Refused for the test"));
        WebElement refused = editor().findElement(By.cssSelector("input[data-field=fourEyesOverride]"));
        assertThat(refused.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refused.isSelected()).as("the box shows the saved value again").isFalse();
        assertThat(editor().getDomAttribute("data-revision")).isEqualTo(revision);
        assertThat(host.as(admin.username()).get("/plans/" + plan.id).json().path("fourEyesOverride").asBoolean()).isFalse();
        editor().findElement(By.cssSelector("label[for='" + refused.getDomAttribute("id") + "']")).click();
        waitFor("saved", () -> editor().findElement(By.cssSelector(".cp-editor-message")).getText().startsWith("Saved"));
        assertThat(editor().getDomAttribute("data-revision")).isNotEqualTo(revision);
        assertThat(editor().findElement(By.cssSelector("input[data-field=fourEyesOverride]")).isSelected()).isTrue();
        assertThat(host.as(admin.username()).get("/plans/" + plan.id).json().path("fourEyesOverride").asBoolean()).isTrue();
        AxeCheck.assertNoViolations(browser, "[data-testid=plan-editor]");

        // Pilot B's runsheet is open; no badge yet.
        Browser.loginAs(pilot2.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=5");
        waitFor("the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(badge().isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("[data-testid=cp-overrides-waiting]")).isDisplayed()).isFalse();

        // Pilot A asks for the override; B's page learns it by polling.
        Api.Response req = host.as(pilot.username()).post("/iterations/" + iteration + "/steps/" + gate + "/transitions",
                Map.of("to", "DONE", "expectedVersion", version(), "reason", "Reconciled by hand", "override", true));
        assertThat(req.status()).as(req.toString()).isEqualTo(202);
        waitFor("the badge in B's runsheet", () -> badge().isDisplayed());
        assertThat(badge().getText()).isEqualTo("Override waiting for 2nd pilot");
        assertThat(badge().getDomAttribute("title")).contains("User pilot").contains("second pilot");
        assertThat(rowStatus()).isEqualTo("IN PROGRESS");
        waitFor("the summary's count", () -> browser.findElement(By.cssSelector("[data-testid=cp-overrides-waiting]")).getText()
                .equals("1 override waits for a 2nd pilot"));
        AxeCheck.assertNoViolations(browser, ".cp-row[data-id='" + gate + "']");

        // B confirms in the panel: the step completes and the badge goes.
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-row[data-id='" + gate + "']")));
        waitFor("the step panel", () ->
                gate.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
        WebElement pending = browser.findElement(By.cssSelector(".cp-panel [data-testid=cp-pending-override]"));
        waitFor("the pending override", pending::isDisplayed);
        js("arguments[0].click()", pending.findElement(By.cssSelector("button[data-action=confirm-override]")));
        waitFor("the step to be DONE", () -> rowStatus().equals("DONE"));
        waitFor("the badge to go", () -> !badge().isDisplayed());
        waitFor("the summary's count to go", () ->
                !browser.findElement(By.cssSelector("[data-testid=cp-overrides-waiting]")).isDisplayed());
    }
}
