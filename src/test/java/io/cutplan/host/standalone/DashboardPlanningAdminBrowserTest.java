package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.Api;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The planning view (issue 5) and the notifications area (issue 6) in headless Chromium, on the small demo's
 * CUTOVER iteration (planned, so editing it disturbs no other test): pilots edit with errors shown at the field,
 * copy a schedule, get export links; viewers read only and never see the notifications area.
 */
class DashboardPlanningAdminBrowserTest {
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

    private static void open(String user, String view) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + cutover + "&view=" + view);
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
    }

    @Test
    void aPilotEditsTheScheduleWithErrorsShownAtTheField() {
        open("pilot", "planning");
        waitFor("the schedule table", () -> !browser.findElements(By.cssSelector(".cp-schedule input[data-field=plannedEnd]")).isEmpty());
        WebElement start = browser.findElements(By.cssSelector(".cp-schedule input[data-field=plannedStart]")).get(0);
        WebElement end = browser.findElements(By.cssSelector(".cp-schedule input[data-field=plannedEnd]")).get(0);
        String chapter = end.getDomAttribute("data-chapter");
        // End before start: refused at the field, nothing sent.
        setValue(end, start.getDomProperty("value").substring(0, 11) + "00:00");
        setValue(start, start.getDomProperty("value").substring(0, 11) + "06:00");
        browser.findElement(By.cssSelector(".cp-schedule-form button[type=submit]")).click();
        waitFor("the field error", () -> "true".equals(end.getDomAttribute("aria-invalid")));
        assertThat(end.findElement(By.xpath("following-sibling::span[contains(@class,'cp-field-error')]")).getText()).contains("after the start");
        // A valid window inside the iteration: saved through the API.
        JsonNode before = DemoApi.as("pilot").get("/iterations/" + cutover + "/schedule").json();
        Instant windowStart = Instant.parse(before.path("windowStart").asText());
        String day = (String) ((JavascriptExecutor) browser).executeScript(
                "var d = new Date(arguments[0]); d.setHours(d.getHours() + 2);"
                        + "function p(n) { return n < 10 ? '0' + n : '' + n; }"
                        + "return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());",
                windowStart.toString());
        setValue(start, day);
        setValue(end, day.substring(0, 11) + String.format("%02d", Integer.parseInt(day.substring(11, 13)) + 1) + day.substring(13));
        browser.findElement(By.cssSelector(".cp-schedule-form button[type=submit]")).click();
        waitFor("the saved message", () -> browser.findElement(By.cssSelector(".cp-planning .cp-msg")).getText().startsWith("Schedule saved"));
        JsonNode after = DemoApi.as("pilot").get("/iterations/" + cutover + "/schedule").json();
        JsonNode row = null;
        for (JsonNode c : after.path("chapters")) {
            if (c.path("chapterId").asText().equals(chapter)) {
                row = c;
            }
        }
        assertThat(row).isNotNull();
        assertThat(Instant.parse(row.path("plannedStart").asText())).isEqualTo(windowStart.plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        assertThat(Duration.between(Instant.parse(row.path("plannedStart").asText()), Instant.parse(row.path("plannedEnd").asText()))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aPilotCopiesAScheduleAndGetsTheExports() {
        open("pilot", "planning");
        waitFor("the copy form", () -> browser.findElement(By.cssSelector(".cp-copy-form")).isDisplayed());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector(".cp-copy-form select"))).selectByValue(rehearsal.toString());
        browser.findElement(By.cssSelector(".cp-copy-form input[type=checkbox]")).click();
        browser.findElement(By.cssSelector(".cp-copy-form button[type=submit]")).click();
        waitFor("the confirmation", () -> browser.findElement(By.cssSelector("[data-testid=schedule-copy-confirm-ok]")).isDisplayed());
        browser.findElement(By.cssSelector("[data-testid=schedule-copy-confirm-ok]")).click();
        waitFor("the copy message", () -> browser.findElement(By.cssSelector(".cp-planning .cp-msg")).getText().startsWith("Copied"));
        List<String> links = browser.findElements(By.cssSelector(".cp-planning .cp-toolbar a")).stream().map(a -> a.getDomAttribute("href")).toList();
        assertThat(links).hasSize(2);
        assertThat(links.get(0)).contains("/schedule/export?iteration=" + cutover).contains("format=html").contains("download=true");
        assertThat(links.get(1)).contains("format=csv");
        Api.Response csv = DemoApi.as("pilot").get(links.get(1).replaceFirst("^/rest/cutplan/1.0", ""));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
    }

    @Test
    void anAdministratorSeesTheOutboxWithTheTransportState() {
        open("admin", "admin");
        waitFor("the outbox", () -> !browser.findElements(By.cssSelector(".cp-outbox thead th")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".cp-transport")).getText()).contains("not configured");
        assertThat(browser.findElements(By.cssSelector(".cp-counts--mail .cp-count"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector(".cp-outbox-area")).isDisplayed()).isTrue();
    }

    @Test
    void aViewerReadsTheScheduleAndHasNoNotificationsArea() {
        open("viewer", "planning");
        waitFor("the schedule table", () -> !browser.findElements(By.cssSelector(".cp-schedule tbody tr")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".cp-schedule input"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".cp-copy-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".cp-planning-summary")).getText()).contains("read only");
        assertThat(browser.findElement(By.cssSelector(".cp-tab[data-view=admin]")).isDisplayed()).isFalse();
    }

    @Test
    void aPilotSetsTheNotificationModeAndSeesTheOutbox() {
        open("pilot", "admin");
        waitFor("the settings", () -> browser.findElements(By.cssSelector(".cp-settings input[type=radio]")).stream().anyMatch(WebElement::isSelected));
        browser.findElement(By.cssSelector(".cp-settings input[value=TEST]")).click();
        WebElement address = browser.findElement(By.cssSelector(".cp-settings input[type=email]"));
        setValue(address, "");
        browser.findElement(By.cssSelector(".cp-settings button[type=submit]")).click();
        waitFor("the address error", () -> "true".equals(address.getDomAttribute("aria-invalid")));
        setValue(address, "rehearsal-inbox@bank.example");
        browser.findElement(By.cssSelector(".cp-settings button[type=submit]")).click();
        waitFor("saved", () -> browser.findElement(By.cssSelector(".cp-admin .cp-msg")).getText().contains("saved"));
        JsonNode settings = DemoApi.as("pilot").get("/iterations/" + cutover + "/notification-settings").json();
        assertThat(settings.path("mode").asText()).isEqualTo("TEST");
        assertThat(settings.path("testAddress").asText()).isEqualTo("rehearsal-inbox@bank.example");
        // The outbox itself is for administrators.
        waitFor("the outbox note", () -> browser.findElement(By.cssSelector(".cp-admin > p.cp-muted")).getText().contains("Only administrators"));
        assertThat(browser.findElement(By.cssSelector(".cp-outbox-area")).isDisplayed()).isFalse();
        // Put the iteration back to no mail.
        setValue(address, "rehearsal-inbox@bank.example");
        browser.findElement(By.cssSelector(".cp-settings input[value=OFF]")).click();
        browser.findElement(By.cssSelector(".cp-settings button[type=submit]")).click();
        waitFor("saved again", () -> DemoApi.as("pilot").get("/iterations/" + cutover + "/notification-settings").json().path("mode").asText().equals("OFF"));
    }
}
