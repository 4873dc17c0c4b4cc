package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
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
 * Fail and Hold ask for an optional reason in a small inline form (keyboard and phone usable); the panel then shows
 * the latest failure or hold reason with who and when, from the write's answer at once and from the step detail
 * after a reload. Plain moves stay one click, one request. The Notifications view edits the e-mail time zone.
 */
class FailureReasonBrowserTest {
    private static final String ORA = "ORA-01652: unable to extend temp segment";
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"> & <b>not bold</b>";

    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser executor;
    private static Fixtures.TestUser pilot;
    private static Fixtures.Plan plan;
    private static UUID iteration;
    private static UUID failing;
    private static UUID held;
    private static UUID plain;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID dba = f.team("DBA");
        executor = f.user("executor", Role.NORMAL, dba);
        pilot = f.user("pilot", Role.PILOT);
        plan = f.plan("Reasons in the panel");
        failing = plan.step("TRT-1", "Rebuild the ledger indexes", dba);
        held = plan.step("TRT-2", "Reload the reference data", dba);
        plain = plan.step("TRT-3", "Restart the batch", dba);
        iteration = plan.iteration("RUN1");
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static String url(String view) {
        return host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=5" + (view == null ? "" : "&view=" + view);
    }

    private static void open(Fixtures.TestUser user, String view) {
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(url(view));
        waitFor("the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        // Counts the page's POSTs from here on.
        js("window.__posts = []; var f = window.fetch; window.fetch = function (u, i) {"
                + " if (i && i.method === 'POST') window.__posts.push(String(u)); return f.apply(this, arguments); };");
    }

    private static void openPanel(UUID stepInstance) {
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-row[data-id='" + stepInstance + "']")));
        waitFor("the step panel", () ->
                stepInstance.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    private static void click(String action) {
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=" + action + "]")));
    }

    private static long posts() {
        return ((Number) js("return window.__posts.length")).longValue();
    }

    private static String rowStatus(UUID stepInstance) {
        // textContent (as the stylesheet shows it, upper case): on a phone the panel covers the runsheet.
        return String.valueOf(js("return arguments[0].textContent", browser.findElement(
                By.cssSelector(".cp-row[data-id='" + stepInstance + "'] .cp-status-text")))).toUpperCase(java.util.Locale.ROOT);
    }

    private static WebElement statusReason() {
        return browser.findElement(By.cssSelector(".cp-panel [data-testid=cp-status-reason]"));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void move(UUID stepInstance, String to) {
        Api api = host.as(pilot.username());
        int version = api.get("/iterations/" + iteration + "/steps/" + stepInstance).json().path("step").path("version").asInt();
        Api.Response r = api.post("/iterations/" + iteration + "/steps/" + stepInstance + "/transitions",
                Map.of("to", to, "expectedVersion", version));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void failAsksForAnOptionalReasonAndThePanelShowsItWithWhoAndWhen() {
        UUID step = plan.stepInstance(iteration, failing);
        move(step, "IN_PROGRESS");
        open(executor, null);
        openPanel(step);
        assertThat(statusReason().isDisplayed()).isFalse();

        // Fail opens the form (no request yet) with the focus in its text field; Cancel closes it, still no request.
        click("fail");
        WebElement text = browser.findElement(By.cssSelector(".cp-panel .cp-reason textarea"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(text);
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-reason label")).getText()).isEqualTo("Reason (optional)");
        js("arguments[0].click()", browser.findElement(By.xpath("//div[contains(@class,'cp-reason')]//button[text()='Cancel']")));
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-reason")).isDisplayed()).isFalse();
        assertThat(posts()).isZero();
        assertThat(rowStatus(step)).isEqualTo("IN PROGRESS");

        click("fail");
        browser.findElement(By.cssSelector(".cp-panel .cp-reason textarea")).sendKeys(ORA);
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-reason button[data-confirm=fail]")));
        waitFor("the failure", () -> rowStatus(step).equals("FAILED"));
        assertThat(posts()).isEqualTo(1);
        // From the write's answer at once: no second request for the detail.
        waitFor("the reason in the panel", () -> statusReason().isDisplayed() && statusReason().getText().startsWith("Failed: " + ORA));
        assertThat(statusReason().getText()).contains(executor.username());
        assertThat(posts()).isEqualTo(1);
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");

        // After a reload it comes from the step detail's statusReason; after a retry it reads "Last failed".
        open(executor, null);
        openPanel(step);
        waitFor("the reason from the detail", () -> statusReason().getText().startsWith("Failed: " + ORA));
        assertThat(host.as(pilot.username()).get("/iterations/" + iteration + "/steps/" + step).json()
                .at("/statusReason/reason").asText()).isEqualTo(ORA);
        click("retry");
        waitFor("the retry", () -> rowStatus(step).equals("IN PROGRESS"));
        assertThat(posts()).isEqualTo(1);
        open(executor, null);
        openPanel(step);
        waitFor("the past reason", () -> statusReason().getText().startsWith("Last failed: " + ORA));
    }

    @Test
    void holdWithoutAReasonAndAHostileReasonOnAPhone() {
        UUID step = plan.stepInstance(iteration, held);
        Browser.size(390, 844);
        open(executor, null);
        openPanel(step);
        click("hold");
        // The form fits the phone's width.
        WebElement form = browser.findElement(By.cssSelector(".cp-panel .cp-reason-form"));
        assertThat(form.getRect().getX() + form.getRect().getWidth())
                .isLessThanOrEqualTo(((Number) js("return document.documentElement.clientWidth")).intValue());
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-reason button[data-confirm=hold]")));
        waitFor("the hold", () -> rowStatus(step).equals("ON HOLD"));
        waitFor("the hold note", () -> statusReason().getText().startsWith("On hold: no reason given"));
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");

        click("resume");
        waitFor("the resume", () -> rowStatus(step).equals("READY"));
        click("hold");
        browser.findElement(By.cssSelector(".cp-panel .cp-reason textarea")).sendKeys(HOSTILE);
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-panel .cp-reason button[data-confirm=hold]")));
        waitFor("the hostile reason shown as text", () -> statusReason().getText().startsWith("On hold: " + HOSTILE));
        assertThat(js("return window.__xss === undefined && document.querySelectorAll('.cp-status-reason img, .cp-status-reason b').length === 0"))
                .isEqualTo(true);
        assertThat(posts()).isEqualTo(3);
    }

    @Test
    void aPlainMoveIsOneClickOneRequest() {
        UUID step = plan.stepInstance(iteration, plain);
        open(executor, null);
        openPanel(step);
        click("start");
        waitFor("the start", () -> rowStatus(step).equals("IN PROGRESS"));
        assertThat(posts()).isEqualTo(1);
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-reason textarea"))).isEmpty();
    }

    @Test
    void pilotsSetTheEmailTimeZoneInTheNotificationsView() {
        open(pilot, "admin");
        WebElement zone = browser.findElement(By.cssSelector("[data-testid=cp-time-zone]"));
        waitFor("the settings", () -> browser.findElement(By.cssSelector(".cp-settings")).getText().contains("host\u2019s zone ("));
        zone.clear();
        zone.sendKeys("Mars/Olympus_Mons");
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-settings button[type=submit]")));
        waitFor("the refusal at the field", () -> "true".equals(zone.getDomAttribute("aria-invalid")));
        assertThat(browser.findElement(By.cssSelector(".cp-settings .cp-field-error:not([hidden])")).getText()).contains("IANA");
        AxeCheck.assertNoViolations(browser, ".cp-settings");
        zone.clear();
        zone.sendKeys("Europe/Zurich");
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-settings button[type=submit]")));
        waitFor("saved", () -> browser.findElement(By.cssSelector(".cp-admin .cp-msg")).getText().contains("saved"));
        assertThat(host.as(pilot.username()).get("/iterations/" + iteration + "/notification-settings").json()
                .path("timeZone").asText()).isEqualTo("Europe/Zurich");
        assertThat(zone.getDomAttribute("aria-invalid")).isNull();
        List<WebElement> options = browser.findElements(By.cssSelector(".cp-settings datalist option[value='Europe/Zurich']"));
        assertThat(options).hasSize(1);
    }
}
