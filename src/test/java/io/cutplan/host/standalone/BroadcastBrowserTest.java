package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
 * A pilot posts a status update from the dashboard's form; the banner at the top shows it at once (text, who,
 * relative and absolute time, next update). A reader's session shows it from the snapshot, offers no form, and picks
 * up the next broadcast through polling, with the overdue hint once its next update has passed. The Notifications
 * view edits the stakeholder list and the hourly summary. Axe checks the banner, the form and the settings.
 */
class BroadcastBrowserTest {
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"> & <b>not bold</b>";

    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser pilot;
    private static Fixtures.TestUser viewer;
    private static UUID iteration;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        browser = Browser.get();
        Fixtures f = Fixtures.in(host.database());
        UUID ops = f.team("OPS");
        pilot = f.user("pilot", Role.PILOT);
        viewer = f.user("viewer", Role.NORMAL, ops);
        Fixtures.Plan plan = f.plan("Broadcasts on the page");
        plan.step("TRT-1", "Rebuild the ledger indexes", ops);
        iteration = plan.iteration("DR1");
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static void open(Fixtures.TestUser user, String view) {
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=1" + (view == null ? "" : "&view=" + view));
        waitFor("the dashboard to render", () ->
                "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static WebElement banner() {
        return browser.findElement(By.cssSelector("[data-testid=broadcast-banner]"));
    }

    private static String bannerText() {
        return String.valueOf(js("return arguments[0].textContent", banner()));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    @Test
    void aPilotPostsFromTheFormAndAReaderSeesItAndTheNextOneThroughPolling() {
        open(pilot, null);
        assertThat(banner().isDisplayed()).isFalse();
        WebElement form = browser.findElement(By.cssSelector("[data-testid=broadcast-form]"));
        assertThat(form.isDisplayed()).isFalse();
        js("arguments[0].click()", browser.findElement(By.cssSelector("[data-testid=broadcast-open]")));
        assertThat(form.isDisplayed()).isTrue();
        WebElement input = browser.findElement(By.cssSelector("[data-testid=broadcast-input]"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(input);
        // An empty update is refused in the page, no request.
        js("arguments[0].click()", browser.findElement(By.cssSelector("[data-testid=broadcast-submit]")));
        assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
        input.sendKeys(HOSTILE);
        // "Next update at" two hours ahead, in the browser's local time (a datetime-local value).
        js("var d = new Date(Date.now() + 2 * 3600 * 1000); d.setSeconds(0, 0);"
                + "var p = function (n) { return (n < 10 ? '0' : '') + n; };"
                + "arguments[0].value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());",
                browser.findElement(By.cssSelector("[data-testid=broadcast-next-input]")));
        AxeCheck.assertNoViolations(browser, "[data-testid=broadcast-form]");
        js("arguments[0].click()", browser.findElement(By.cssSelector("[data-testid=broadcast-submit]")));
        waitFor("the banner", () -> banner().isDisplayed());
        assertThat(browser.findElement(By.cssSelector("[data-testid=broadcast-text]")).getText()).isEqualTo(HOSTILE);
        assertThat(js("return window.__xss === undefined && !document.querySelector('[data-testid=broadcast-banner] img, [data-testid=broadcast-banner] b')"))
                .isEqualTo(true);
        assertThat(bannerText()).contains("Status update").contains("Posted by " + pilot.username()).contains("just now")
                .contains("Next update at ").doesNotContain("Overdue");
        assertThat(form.isDisplayed()).isFalse();
        AxeCheck.assertNoViolations(browser, "[data-testid=broadcast-banner]");

        // The server has it: one BROADCAST_POSTED with the text and a next update about two hours ahead.
        Api api = host.as(pilot.username());
        var list = api.get("/iterations/" + iteration + "/broadcasts").json().get("broadcasts");
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("text").asText()).isEqualTo(HOSTILE);
        Instant next = Instant.parse(list.get(0).get("nextUpdateAt").asText());
        assertThat(next).isBetween(Instant.now().plus(110, ChronoUnit.MINUTES), Instant.now().plus(121, ChronoUnit.MINUTES));

        // A reader's session: the banner from the snapshot, no form.
        open(viewer, null);
        waitFor("the reader's banner", () -> banner().isDisplayed());
        assertThat(browser.findElement(By.cssSelector("[data-testid=broadcast-text]")).getText()).isEqualTo(HOSTILE);
        assertThat(browser.findElements(By.cssSelector("[data-testid=broadcast-form]")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
        assertThat(browser.findElement(By.cssSelector("[data-testid=broadcast-open]")).isDisplayed()).isFalse();

        // The pilot posts again elsewhere, with the next update due in 3 s: the reader's page shows it by polling.
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("text", "Ledger migration 60% done");
        post.put("nextUpdateAt", Instant.now().plusSeconds(3).toString());
        assertThat(api.post("/iterations/" + iteration + "/broadcasts", post).status()).isEqualTo(201);
        waitFor("the new broadcast through polling", () ->
                browser.findElement(By.cssSelector("[data-testid=broadcast-text]")).getText().equals("Ledger migration 60% done"));
        assertThat(bannerText()).contains("Posted by " + pilot.username());
        // Once its next update has passed, the next render (any change the poll brings) says it is overdue.
        waitFor("the next update to pass", () -> Instant.now().isAfter(Instant.parse(post.get("nextUpdateAt").toString()).plusSeconds(1)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("stakeholders", List.of());
        settings.put("hourlySummary", false);
        assertThat(api.put("/iterations/" + iteration + "/broadcast-settings", settings).status()).isEqualTo(200);
        waitFor("the overdue hint", () -> browser.findElement(By.cssSelector("[data-testid=broadcast-overdue]")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("[data-testid=broadcast-overdue]")).getText()).startsWith("\u26A0 Overdue by");
        AxeCheck.assertNoViolations(browser, "[data-testid=broadcast-banner]");
    }

    @Test
    void theNotificationsViewEditsTheStakeholderListAndTheHourlySummary() {
        open(pilot, "admin");
        WebElement form = browser.findElement(By.cssSelector("[data-testid=broadcast-settings]"));
        waitFor("the broadcast settings", form::isDisplayed);
        WebElement list = browser.findElement(By.cssSelector("[data-testid=broadcast-stakeholders]"));
        list.sendKeys("cio@bank.example\nnot an address\n");
        js("arguments[0].click()", browser.findElement(By.cssSelector("[data-testid=broadcast-hourly]")));
        js("arguments[0].requestSubmit()", form);
        waitFor("the line's error", () -> "true".equals(list.getDomAttribute("aria-invalid")));
        assertThat(form.getText()).contains("Line 2 (not an address)");
        AxeCheck.assertNoViolations(browser, "[data-testid=broadcast-settings]");
        list.clear();
        list.sendKeys("cio@bank.example\n ops@bank.example \n");
        js("arguments[0].requestSubmit()", form);
        waitFor("the saved message", () -> form.getText().contains("Broadcast settings saved: 2 stakeholders, hourly summary on."));
        var stored = host.as(pilot.username()).get("/iterations/" + iteration + "/broadcast-settings").json();
        assertThat(stored.get("stakeholders")).extracting(n -> n.asText()).containsExactly("cio@bank.example", "ops@bank.example");
        assertThat(stored.get("hourlySummary").asBoolean()).isTrue();
        AxeCheck.assertNoViolations(browser, "[data-testid=broadcast-settings]");
        // Reloaded, the view shows what is stored.
        open(pilot, "admin");
        WebElement again = browser.findElement(By.cssSelector("[data-testid=broadcast-stakeholders]"));
        waitFor("the stored list", () -> again.getDomProperty("value").equals("cio@bank.example\nops@bank.example"));
        assertThat(browser.findElement(By.cssSelector("[data-testid=broadcast-hourly]")).isSelected()).isTrue();
    }
}
