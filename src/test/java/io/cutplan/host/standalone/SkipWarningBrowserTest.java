package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17: a skip passes a release through, it does not jump ahead. Skipping a step whose feeding steps are still
 * open first shows a warning in the panel (not window.confirm) naming how many and which are open and that the
 * successors wait for them; Cancel sends nothing; "Skip anyway" leads to the reason form. The successor's panel then
 * says what it is waiting for. A skip with nothing open goes straight to the reason form.
 */
class SkipWarningBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser pilot;
    private static Fixtures.Plan plan;
    private static UUID iteration;
    private static UUID extract;
    private static UUID transform;
    private static UUID consolidate;
    private static UUID gate;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID ops = f.team("OPS");
        pilot = f.user("pilot", Role.PILOT);
        plan = f.plan("Skip warning");
        extract = plan.step("TRT-1", "Extract the ledgers", ops);
        transform = plan.step("TRT-2", "Transform the ledgers", ops);
        consolidate = plan.step("CHK-3", "Consolidate status of all teams", ops);
        gate = plan.step("IGO-4", "IT go/no-go", ops, 15, true);
        plan.dependency(extract, consolidate);
        plan.dependency(transform, consolidate);
        plan.dependency(consolidate, gate);
        iteration = plan.iteration("RUN1");
    }

    private static void open() {
        Browser.loginAs(pilot.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=5");
        waitFor("the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        js("window.__posts = []; window.__confirms = 0; window.confirm = function () { window.__confirms++; return true; };"
                + " var f = window.fetch; window.fetch = function (u, i) {"
                + " if (i && i.method === 'POST') window.__posts.push(String(u)); return f.apply(this, arguments); };");
    }

    private static void openPanel(UUID stepInstance) {
        js("arguments[0].click()", browser.findElement(By.cssSelector(".cp-row[data-id='" + stepInstance + "']")));
        waitFor("the step panel", () ->
                stepInstance.toString().equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    private static void click(WebElement e) {
        js("arguments[0].click()", e);
    }

    private static WebElement action(String name) {
        return browser.findElement(By.cssSelector(".cp-panel .cp-actions button[data-action=" + name + "]"));
    }

    private static long posts() {
        return ((Number) js("return window.__posts.length")).longValue();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** As written (the stylesheet upper-cases section titles). */
    private static String text(WebElement e) {
        return String.valueOf(js("return arguments[0].textContent", e));
    }

    private static String rowStatus(UUID stepInstance) {
        return String.valueOf(js("return arguments[0].textContent", browser.findElement(
                By.cssSelector(".cp-row[data-id='" + stepInstance + "'] .cp-status-text")))).toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void skippingAStepWhoseFeedIsOpenWarnsFirstAndTheSuccessorSaysWhatItWaitsFor() {
        UUID chk = plan.stepInstance(iteration, consolidate);
        UUID igo = plan.stepInstance(iteration, gate);
        open();
        openPanel(chk);

        click(action("skip"));
        WebElement warning = browser.findElement(By.cssSelector(".cp-panel [data-testid=cp-skip-warning]"));
        assertThat(warning.isDisplayed()).isTrue();
        assertThat(warning.getDomAttribute("role")).isEqualTo("alertdialog");
        assertThat(warning.getDomAttribute("data-open-count")).isEqualTo("2");
        assertThat(text(warning)).contains("2 steps feeding CHK-3 are still open")
                .contains("Still open: TRT-1, TRT-2.")
                .contains("will not release its successor now: it becomes ready only once these steps finish");
        // The focus moves into the warning; no reason form, no request, no window.confirm.
        assertThat(text(browser.switchTo().activeElement())).isEqualTo("2 steps feeding CHK-3 are still open");
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-reason textarea"))).isEmpty();
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");

        click(browser.findElement(By.cssSelector(".cp-panel button[data-confirm=skip-cancel]")));
        assertThat(browser.findElement(By.cssSelector(".cp-panel .cp-reason")).isDisplayed()).isFalse();
        assertThat(posts()).isZero();

        click(action("skip"));
        click(browser.findElement(By.cssSelector(".cp-panel button[data-confirm=skip-anyway]")));
        WebElement reason = browser.findElement(By.cssSelector(".cp-panel .cp-reason textarea"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(reason);
        reason.sendKeys("Consolidated on the bridge call");
        click(browser.findElement(By.cssSelector(".cp-panel .cp-reason button[data-confirm=skip]")));
        waitFor("the skip", () -> rowStatus(chk).equals("SKIPPED"));
        assertThat(posts()).isEqualTo(1);
        assertThat(js("return window.__confirms")).isEqualTo(0L);
        assertThat(plan.stepStatus(iteration, gate)).isEqualTo("PENDING");
        assertThat(rowStatus(igo)).isEqualTo("PENDING");

        // The gate's panel names what it waits for (StepDetail.waitingFor), looked through the skip.
        openPanel(igo);
        waitFor("the waiting-for fact", () -> text(browser.findElement(
                By.xpath("//aside[contains(@class,'cp-panel')]//dt[normalize-space()='Waiting for']/following-sibling::dd[1]")))
                .equals("TRT-1, TRT-2"));
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-step-panel]");

        // A skip with nothing open behind it goes straight to the reason form.
        openPanel(plan.stepInstance(iteration, extract));
        click(action("skip"));
        assertThat(browser.findElements(By.cssSelector(".cp-panel [data-testid=cp-skip-warning]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".cp-panel .cp-reason textarea"))).hasSize(1);
    }
}
