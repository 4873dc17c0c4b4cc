package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.Api;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.Browser;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The {@code small} demo (loaded into the shared test host's database by the demo loader, with its demo
 * accounts) in headless Chromium: the page shows every step of the in-progress rehearsal, and screenshots at
 * desktop and phone widths are saved under target/screenshots/ for people to look at.
 */
class DashboardDemoBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    private static TestHost host;
    private static ChromeDriver browser;
    private static DemoSummary demo;
    private static UUID iteration;

    @BeforeAll
    static void setUp() throws IOException {
        host = TestHost.get();
        demo = DemoRunbooks.load(host.database(), "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        iteration = demo.iteration("DR1");
        browser = Browser.get();
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private void open(String user, String query) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + query);
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard to render")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    @Test
    void thePageShowsEveryStepOfTheSmallDemoRehearsal() {
        Api.Response snapshot = DemoApi.as("pilot").get("/iterations/" + iteration + "/dashboard");
        assertThat(snapshot.status()).isEqualTo(200);
        int steps = snapshot.json().path("steps").size();
        assertThat(steps).isGreaterThan(80);
        open("pilot", "");
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(steps);
        assertThat(browser.findElement(By.cssSelector(".cp-title")).getText()).contains("DR1");
        // Some of the rehearsal has run: finished steps and progress show.
        assertThat(browser.findElement(By.cssSelector(".cp-overall-text")).getText()).matches("[0-9,]+ of [0-9,]+ steps finished.*");
        assertThat(browser.findElements(By.cssSelector(".cp-row--done"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".cp-phase"))).hasSize(5);
    }

    @Test
    void aLiveChangeKeepsTheScrollPosition() {
        Browser.loginAs("viewer", "viewer");
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=1");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        browser.executeScript("window.scrollTo(0, 1800)");
        long y = ((Number) browser.executeScript("return window.scrollY")).longValue();
        assertThat(y).isGreaterThan(1000);
        Api pilot = DemoApi.as("pilot");
        String step = null;
        for (com.fasterxml.jackson.databind.JsonNode s : pilot.get("/iterations/" + iteration + "/dashboard").json().path("steps")) {
            if (s.path("status").asText().equals("READY")) {
                step = s.path("id").asText();
                break;
            }
        }
        assertThat(step).as("a ready step in the demo").isNotNull();
        String path = "/iterations/" + iteration + "/steps/" + step;
        Api.Response held = pilot.post(path + "/transitions", java.util.Map.of("to", "ON_HOLD",
                "expectedVersion", pilot.get(path).json().path("step").path("version").asInt()));
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String css = ".cp-row[data-id='" + step + "'] .cp-status-text";
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(By.cssSelector(css)).getDomProperty("textContent").equals("On hold"));
        assertThat(((Number) browser.executeScript("return window.scrollY")).longValue()).isEqualTo(y);
        pilot.post(path + "/transitions", java.util.Map.of("to", "READY",
                "expectedVersion", pilot.get(path).json().path("step").path("version").asInt()));
    }

    @Test
    void aMigrationCodeAndIterationCodeNameTheIterationToo() {
        Browser.loginAs("viewer", "viewer");
        browser.get(host.baseUrl() + "/runbook?migration=DEMO-SMALL&code=DR1");
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard resolved by codes")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector(".cp-title")).getText()).contains("DR1");
        browser.get(host.baseUrl() + "/runbook?migration=DEMO-SMALL&code=NOPE");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                "error".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector(".cutplan-dashboard [role=alert]")).getText()).contains("does not exist");
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidths() throws IOException {
        Browser.size(1440, 900);
        open("pilot", "");
        shot("dashboard-desktop.png");
        // "Jump to current work" brings the first running, failed, held or ready step into view and focus.
        browser.findElement(By.cssSelector(".cp-jump")).click();
        WebElement current = browser.switchTo().activeElement();
        assertThat(current.getDomAttribute("class")).containsAnyOf("cp-row--in_progress", "cp-row--failed", "cp-row--on_hold", "cp-row--ready");
        shot("dashboard-desktop-current.png");
        WebElement running = firstRow(".cp-row--in_progress", ".cp-row--ready");
        running.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded") != null);
        shot("dashboard-desktop-panel.png");
        browser.findElement(By.cssSelector(".cp-tab[data-view=planning]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".cp-schedule tbody tr")).isEmpty());
        shot("dashboard-desktop-planning.png");

        browser.get(host.baseUrl() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".cp-index-migration")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".cp-index-table a[href^='/runbook?iteration=" + iteration + "']"))).isNotEmpty();
        shot("index-desktop.png");

        Browser.size(390, 844);
        open("executor", "&view=ready");
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]:not([hidden])"))).isNotEmpty();
        shot("dashboard-phone-ready.png");
        open("executor", "");
        shot("dashboard-phone.png");
        firstRow(".cp-row--ready", ".cp-row--in_progress").click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded") != null);
        shot("dashboard-phone-panel.png");
        // Every registered view at both widths, as an administrator sees them (all views visible).
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            Browser.size(size[0], size[1]);
            open("admin", "");
            @SuppressWarnings("unchecked")
            List<String> views = (List<String>) browser.executeScript("return Cutplan.views.list().map(function (v) { return v.id; })");
            for (String view : views) {
                // Activated on the tab element: on a phone the sideways-scrolling strip shifts when the forecast's
                // counts arrive, and a pointer click at a computed point can land on the neighbouring tab.
                browser.executeScript("arguments[0].click()", browser.findElement(By.cssSelector(".cp-tab[data-view=" + view + "]")));
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> view.equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-view")));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                shot("view-" + view + (size[0] < 600 ? "-phone" : "-desktop") + ".png");
                Number sideways = (Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(sideways.intValue()).as("horizontal overflow of " + view + " at " + size[0] + " px").isLessThanOrEqualTo(0);
            }
        }
        Browser.size(390, 844);
        assertThat(Files.size(SHOTS.resolve("dashboard-desktop.png"))).isGreaterThan(10_000);
        assertThat(Files.size(SHOTS.resolve("dashboard-phone.png"))).isGreaterThan(10_000);
        // On a phone the page never scrolls sideways.
        Number overflow = (Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow on a phone").isLessThanOrEqualTo(0);
    }

    private WebElement firstRow(String... selectors) {
        for (String s : selectors) {
            List<WebElement> rows = browser.findElements(By.cssSelector(s));
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
        }
        return browser.findElements(By.cssSelector(".cp-row[data-id]")).get(0);
    }

    private void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
