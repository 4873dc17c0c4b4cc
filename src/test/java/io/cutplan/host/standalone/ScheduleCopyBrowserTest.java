package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Safer schedule copy (issue 17, Deliver 6) in headless Chromium on the small demo's CUTOVER: no source is chosen
 * by default and the button waits for one; the confirmation dialog names the target and how many planned chapters
 * the copy overwrites; cancel changes nothing; confirm copies; "Undo copy" puts the schedule back as it was.
 */
class ScheduleCopyBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID cutover;
    private static UUID rehearsal;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        cutover = demo.iteration("CUTOVER");
        rehearsal = demo.iteration("DR1");
        browser = Browser.get();
        Browser.resetSize();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid=" + id + "]"));
    }

    private static String path() {
        return "/iterations/" + cutover + "/schedule";
    }

    /** The planned times of every chapter of CUTOVER, in plan order. */
    private static List<String> planned() {
        List<String> out = new ArrayList<>();
        for (JsonNode c : DemoApi.as("pilot").get(path()).json().path("chapters")) {
            out.add(c.path("chapterId").asText() + "@" + c.path("plannedStart").asText() + "-" + c.path("plannedEnd").asText());
        }
        return out;
    }

    @Test
    void theCopyAsksForConfirmationNamingTheTargetAndTheCountAndCanBeCancelledOrUndone() {
        Api pilot = DemoApi.as("pilot");
        String preview = path() + "/copy-preview?fromIterationId=" + rehearsal + "&alignToWindowStart=true";
        if (pilot.get(preview).json().path("overwrites").asInt() == 0) {
            // Make sure the copy overwrites something: plan the first chapter one hour into the window, by hand.
            JsonNode s = pilot.get(path()).json();
            java.time.Instant w0 = java.time.Instant.parse(s.path("windowStart").asText());
            Api.Response put = pilot.put(path(), Map.of("entries", List.of(Map.of("chapterId", s.path("chapters").get(0).path("chapterId").asText(),
                    "plannedStart", w0.plusSeconds(3600).toString(), "plannedEnd", w0.plusSeconds(7200).toString()))));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
        }
        JsonNode expected = pilot.get(preview).json();
        int overwrites = expected.path("overwrites").asInt();
        assertThat(overwrites).isPositive();
        List<String> before = planned();
        long versionBefore = pilot.get(path()).json().path("scheduleVersion").asLong();

        Browser.loginAs("pilot", "pilot");
        browser.get(host.baseUrl() + "/runbook?iteration=" + cutover + "&view=planning");
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        waitFor("the copy form", () -> browser.findElement(By.cssSelector(".cp-copy-form")).isDisplayed()
                && byTestId("schedule-copy-from").findElements(By.tagName("option")).size() > 1);

        // No default source: the placeholder is selected and the button waits for a choice.
        Select from = new Select(byTestId("schedule-copy-from"));
        assertThat(from.getFirstSelectedOption().getText()).isEqualTo("choose an iteration");
        assertThat(from.getFirstSelectedOption().getDomAttribute("value")).isEmpty();
        assertThat(byTestId("schedule-copy").isEnabled()).isFalse();
        from.selectByValue(rehearsal.toString());
        assertThat(byTestId("schedule-copy").isEnabled()).isTrue();
        browser.findElement(By.cssSelector(".cp-copy-form input[type=checkbox]")).click();

        // The dialog names the target and the count; cancel changes nothing.
        byTestId("schedule-copy").click();
        waitFor("the confirmation dialog", () -> byTestId("schedule-copy-confirm").isDisplayed());
        String text = byTestId("schedule-copy-confirm-text").getText();
        assertThat(text).contains("CUTOVER").contains("DR1")
                .contains(overwrites + " chapter" + (overwrites == 1 ? "" : "s") + " with planned times overwritten");
        assertThat(byTestId("schedule-copy-confirm").getText()).contains("Replace the schedule of CUTOVER?");
        assertThat(byTestId("schedule-copy-confirm-list").findElements(By.tagName("li"))).hasSize(overwrites);
        AxeCheck.assertNoViolations(browser, "[data-testid=schedule-copy-confirm]");
        byTestId("schedule-copy-confirm-cancel").click();
        waitFor("the dialog closed", () -> !byTestId("schedule-copy-confirm").isDisplayed());
        assertThat(planned()).as("cancel copies nothing").isEqualTo(before);
        assertThat(pilot.get(path()).json().path("scheduleVersion").asLong()).isEqualTo(versionBefore);

        // Confirm: copied, and "Undo copy" is offered.
        byTestId("schedule-copy").click();
        waitFor("the confirmation dialog again", () -> byTestId("schedule-copy-confirm").isDisplayed());
        byTestId("schedule-copy-confirm-ok").click();
        waitFor("the copy message", () -> browser.findElement(By.cssSelector(".cp-planning .cp-msg")).getText().startsWith("Copied"));
        assertThat(planned()).isNotEqualTo(before);
        waitFor("the undo offer", () -> byTestId("schedule-copy-undo-bar").isDisplayed());
        assertThat(byTestId("schedule-copy-undo-text").getText()).contains("copied from DR1");
        AxeCheck.assertNoViolations(browser, ".cp-planning");

        // Undo: the schedule before the copy is back, and the offer goes away.
        byTestId("schedule-copy-undo").click();
        waitFor("the undo message", () -> browser.findElement(By.cssSelector(".cp-planning .cp-msg")).getText().contains("undone"));
        assertThat(planned()).as("undo restores the schedule before the copy").isEqualTo(before);
        waitFor("the undo offer gone", () -> !byTestId("schedule-copy-undo-bar").isDisplayed());
        assertThat(pilot.post(path() + "/copy-undo", Map.of()).json().path("error").asText()).isEqualTo("nothing_to_undo");
    }
}
