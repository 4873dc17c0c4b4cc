package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Compare and Calibrate views and the header's finish probability (issue 14), in headless Chromium against
 * the realistic demo: the compare chart draws one series per completed iteration and one per chapter, and an admin
 * applies two proposals, which changes exactly those two steps' planned durations.
 */
class CalibrationBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static DemoSummary demo;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        browser = Browser.get();
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static void open(String user, String view) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + demo.iteration("DR2") + "&view=" + view + "&poll=300");
        waitFor("the dashboard", () -> "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    @Test
    void theCompareViewDrawsOneSeriesPerCompletedIterationAndOnePerChapter() {
        open("viewer", "compare");
        waitFor("the total chart", () -> !browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-total svg")).isEmpty());
        List<String> codes = new ArrayList<>();
        for (WebElement g : browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-total .cp-cmp-series"))) {
            codes.add(g.getDomAttribute("data-series"));
        }
        assertThat(codes).containsExactly("RUN1", "RUN2", "RUN3", "DR1");
        assertThat(browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-chapters .cp-cmp-series"))).hasSize(66);
        // A chapter with four completed runs draws a line through four dots.
        WebElement first = browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-chapters .cp-cmp-series")).get(0);
        assertThat(first.findElements(By.cssSelector("circle"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-variable tbody tr"))).hasSize(10);
        shot("compare-desktop.png");

        browser.findElement(By.cssSelector("[data-testid=compare] button[aria-pressed]")).click();
        waitFor("the tables", () -> browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-total table tbody tr")).size() == 4);
        assertThat(browser.findElements(By.cssSelector("[data-testid=compare] .cp-cmp-chapters table tbody tr"))).hasSize(66);
        // Calibrate is for admins only.
        assertThat(browser.findElement(By.cssSelector(".cp-tab[data-view=calibrate]")).isDisplayed()).isFalse();
    }

    @Test
    void theHeaderShowsTheChanceOfFinishingInTheWindow() {
        JsonNode p = DemoApi.as("viewer").get("/iterations/" + demo.iteration("DR2") + "/forecast/probability").json();
        open("viewer", "runsheet");
        WebElement shown = browser.findElement(By.cssSelector("[data-testid=finish-probability]"));
        waitFor("the probability", shown::isDisplayed);
        assertThat(shown.getText()).isEqualTo(p.path("percentInWindow").asInt() + "% to finish in the window");
        assertThat(shown.getDomAttribute("title")).startsWith("P50 ").contains("P80 ", "P95 ");
    }

    @Test
    void anAdminAppliesTwoProposals() {
        open("admin", "calibrate");
        waitFor("the proposals", () -> browser.findElements(By.cssSelector("[data-testid=calibrate] tbody input[type=checkbox]")).size() > 2);
        List<WebElement> boxes = browser.findElements(By.cssSelector("[data-testid=calibrate] tbody input[type=checkbox]"));
        List<UUID> chosen = new ArrayList<>();
        List<Integer> minutes = new ArrayList<>();
        for (WebElement b : boxes.subList(0, 2)) {
            b.click();
            chosen.add(UUID.fromString(b.getDomAttribute("data-step-id")));
            minutes.add(Integer.parseInt(b.getDomAttribute("data-minutes")));
        }
        shot("calibrate-desktop.png");
        long revision = revision();
        WebElement apply = browser.findElement(By.cssSelector("[data-testid=calibrate] button[type=submit]"));
        assertThat(apply.getText()).isEqualTo("Apply 2 ticked proposals");
        apply.click();
        waitFor("the confirmation", () -> browser.findElement(By.cssSelector("[data-testid=calibrate] .cp-msg")).getText().startsWith("Applied 2 durations"));
        assertThat(revision()).isEqualTo(revision + 1);
        for (int i = 0; i < 2; i++) {
            UUID step = chosen.get(i);
            int planned = host.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT planned_duration_minutes FROM steps WHERE id = ?",
                    rs -> rs.getInt(1), step)).orElseThrow();
            assertThat(planned).isEqualTo(minutes.get(i));
        }
        // Reloaded: the applied steps no longer differ from their proposal, so they are not offered again.
        waitFor("the reload", () -> browser.findElements(By.cssSelector("[data-testid=calibrate] tr[data-step-id='" + chosen.get(0) + "']")).isEmpty());
    }

    /** For people (target/screenshots), not asserted. */
    private static void shot(String name) {
        try {
            java.nio.file.Files.createDirectories(ForecastBrowserTest.SHOTS);
            java.nio.file.Files.write(ForecastBrowserTest.SHOTS.resolve(name), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long revision() {
        return host.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT revision FROM plans WHERE id = ?", rs -> rs.getLong(1),
                demo.planId())).orElseThrow();
    }
}
