package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The compact dashboard (the macro's "Compact" parameter; {@code /runbook?compact=1} on the standalone page) in
 * Chromium: the container carries the class, the header's extras are gone, the header and the tabs take less room
 * than on the normal page, every view still works, and axe finds nothing at desktop and phone width.
 */
class DashboardCompactBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID iteration;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        iteration = demo.iteration("DR1");
        browser = Browser.get();
        Browser.loginAs("executor", "executor");
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static void open(String query) {
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=300" + query);
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static Object js(String script) {
        return browser.executeScript(script);
    }

    private static double number(String script) {
        return ((Number) js(script)).doubleValue();
    }

    private static final String HEADER_HEIGHT = "return document.querySelector('.cp-header').getBoundingClientRect().height";
    private static final String TAB_HEIGHT = "return document.querySelector('.cp-tab').getBoundingClientRect().height";

    @Test
    void compactModeHidesTheHeaderExtrasShrinksTheTabsAndPassesAxe() {
        open("");
        assertThat(js("return document.querySelector('.cutplan-dashboard').classList.contains('cp-compact')")).isEqualTo(false);
        assertThat(browser.findElement(By.cssSelector(".cp-migration")).isDisplayed()).isTrue();
        double normalHeader = number(HEADER_HEIGHT);
        double normalTab = number(TAB_HEIGHT);

        open("&compact=1");
        assertThat(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-compact")).isEqualTo("true");
        assertThat(js("return document.querySelector('.cutplan-dashboard').classList.contains('cp-compact')")).isEqualTo(true);
        for (String extra : new String[] {".cp-migration", ".cp-user", ".cp-chip--type", ".cp-window", ".cp-probability"}) {
            assertThat(browser.findElement(By.cssSelector(extra)).isDisplayed()).as(extra).isFalse();
        }
        assertThat(browser.findElement(By.cssSelector(".cp-title")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector(".cp-live")).isDisplayed()).as("the live state stays").isTrue();
        assertThat(number(HEADER_HEIGHT)).as("header height").isLessThan(normalHeader);
        assertThat(number(TAB_HEIGHT)).as("tab height").isLessThan(normalTab);
        AxeCheck.assertNoViolations(browser, ".cp-header");
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-view-runsheet]");

        // The tabs still switch views.
        browser.executeScript("arguments[0].click()", browser.findElement(By.cssSelector(".cp-tab[data-view=coming-up]")));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "coming-up".equals(js("return Cutplan.apps[0].state.ui.view")));
    }

    @Test
    void compactModeOnAPhonePassesAxe() {
        Browser.size(390, 844);
        open("&compact=1&view=coming-up");
        assertThat(js("return Cutplan.apps[0].state.ui.view")).isEqualTo("coming-up");
        assertThat(browser.findElement(By.cssSelector(".cp-user")).isDisplayed()).isFalse();
        AxeCheck.assertNoViolations(browser, ".cutplan-dashboard");
    }

    @Test
    void aCompactValueOtherThanOneOrZeroIsRefused() {
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&compact=yes");
        assertThat(browser.findElement(By.cssSelector(".cp-page-message")).getText())
                .contains("The compact parameter must be 1 (the compact dashboard) or 0.");
        assertThat(browser.findElements(By.cssSelector(".cutplan-dashboard"))).isEmpty();
    }
}
