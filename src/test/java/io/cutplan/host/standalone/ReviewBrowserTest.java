package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Review view (issue 14) in headless Chromium on the realistic demo's DR1, which finished late: the header shows
 * the overrun the API states, the delay chain lists the API's chain in order, and a pilot saves a lesson that the
 * API then returns (a viewer reads it and gets no editor).
 */
class ReviewBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID dr1;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        dr1 = demo.iteration("DR1");
        browser = Browser.get();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static void openReview(String user) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + dr1 + "&poll=300");
        waitFor("the dashboard", () -> "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        browser.executeScript("arguments[0].click()", browser.findElement(By.cssSelector(".cp-tab[data-view=review]")));
        waitFor("the review's delay chain", () -> !browser.findElements(By.cssSelector("[data-testid=review-chain] tbody tr")).isEmpty());
    }

    /** As the page writes minutes (util.js fmtDuration): "16 h 47 min", "2 h", "40 min". */
    private static String fmt(long minutes) {
        long m = Math.abs(minutes);
        return m < 60 ? m + " min" : (m / 60) + " h" + (m % 60 == 0 ? "" : " " + (m % 60) + " min");
    }

    @Test
    void theReviewShowsTheOverrunAndTheDelayChain() {
        JsonNode review = DemoApi.as("viewer").get("/iterations/" + dr1 + "/review").json();
        long overrun = review.path("counts").path("overrunMinutes").asLong();
        assertThat(overrun).isPositive();
        openReview("viewer");
        WebElement figure = browser.findElement(By.cssSelector("[data-testid=review] [data-testid=review-overrun]"));
        assertThat(figure.getText()).contains(fmt(overrun) + " late");
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=review-chain] tbody tr"));
        JsonNode chain = review.path("delayChain").path("links");
        assertThat(rows).hasSize(chain.size());
        for (int i = 0; i < rows.size(); i += Math.max(1, rows.size() / 7)) {
            assertThat(rows.get(i).getDomAttribute("data-step-id")).isEqualTo(chain.get(i).path("step").path("id").asText());
            assertThat(rows.get(i).getText()).contains(chain.get(i).path("step").path("code").asText());
        }
        assertThat(browser.findElements(By.cssSelector("[data-testid=review-chapters] tr[data-chapter-id]"))).hasSize(66);
        assertThat(browser.findElements(By.cssSelector("[data-testid=review-chapters] .cp-rv-bar-fill"))).as("variance bars").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-testid=review-failures] tbody tr"))).hasSize(review.path("failures").size());
        assertThat(browser.findElements(By.cssSelector("[data-testid=review-lesson-input]"))).as("a viewer edits no lesson").isEmpty();
        // The accessibility suite sees the small demo's running rehearsal; here a finished, late one (red figures, bars).
        AxeCheck.assertNoViolations(browser, "[data-testid=review]");
        // A chain step opens in the step panel.
        browser.findElement(By.cssSelector("[data-testid=review-chain] tbody tr button[data-step]")).click();
        waitFor("the step panel", () -> chain.get(0).path("step").path("id").asText()
                .equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
    }

    @Test
    void aPilotSavesALesson() {
        openReview("pilot");
        String lesson = "Rehearsal " + UUID.randomUUID() + ": book the vendor's DBA for the whole load <b>night</b>";
        WebElement input = browser.findElement(By.cssSelector("[data-testid=review-lesson-input]"));
        input.clear();
        input.sendKeys(lesson);
        browser.findElement(By.cssSelector(".cp-rv-note-form button[type=submit]")).click();
        waitFor("the lesson saved", () -> browser.findElement(By.cssSelector("[data-testid=review] .cp-review > .cp-msg")).getText()
                .contains("Lesson saved"));
        assertThat(DemoApi.as("viewer").get("/iterations/" + dr1 + "/review/notes").json().path("iteration").path("text").asText())
                .isEqualTo(lesson);
        // Another reader sees it as text.
        openReview("viewer");
        waitFor("the lesson for a viewer", () -> browser.findElement(By.cssSelector("[data-testid=review-lesson]")).getText().equals(lesson));
    }
}
