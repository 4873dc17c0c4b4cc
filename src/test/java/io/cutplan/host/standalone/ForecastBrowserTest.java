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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The forecast on the page (issue 12), in headless Chromium against the realistic demo (66 chapters, about 1,200
 * steps, DR2 under way, DR1 finished late): every figure the page shows is checked against
 * {@code GET /iterations/{id}/forecast} from the same computation (same {@code computedAt}), so the test says
 * exactly what the API says, whatever the clock.
 */
class ForecastBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID running;
    private static UUID finished;

    @BeforeAll
    static void setUp() throws IOException {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        running = demo.iteration("DR2");
        finished = demo.iteration("DR1");
        browser = Browser.get();
        Files.createDirectories(SHOTS);
        // The server keeps one forecast computation per iteration for up to 30 s and the page refetches every 30 s; on
        // a loaded machine the two can miss each other for longer than any wait. With the clock held still, the page
        // and the API read the same computation for as long as nothing changes.
        host.host().services().clock().pin(Instant.now());
    }

    @AfterAll
    static void releaseTheClock() {
        host.host().services().clock().release();
    }

    @AfterEach
    void reset() {
        Browser.resetSize();
    }

    private static void open(String user, UUID iteration, String query) {
        Browser.loginAs(user, user);
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + query);
        waitFor(Duration.ofSeconds(30), "the dashboard with its forecast", () ->
                "ready".equals(root().getDomAttribute("data-state")) && computedAtOnThePage() != null);
    }

    private static String computedAtOnThePage() {
        String at = browser.findElement(By.cssSelector("[data-testid='forecast-end']")).getDomAttribute("data-computed-at");
        return at == null || at.isEmpty() ? null : at;
    }

    private static WebElement root() {
        return browser.findElement(By.cssSelector(".cutplan-dashboard"));
    }

    private static void waitFor(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).withMessage("waiting for " + what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static Object js(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    /**
     * The API's forecast from the computation the page shows: with the clock pinned, the server keeps one computation
     * per iteration version, so the two meet as soon as the page has its answer.
     */
    private static JsonNode forecastAsOnThePage(UUID iteration, String user) {
        Api api = DemoApi.as(user);
        JsonNode[] hit = new JsonNode[1];
        waitFor(Duration.ofSeconds(45), "the page and the API to show the same forecast computation", () -> {
            JsonNode f = api.get("/iterations/" + iteration + "/forecast").json();
            hit[0] = f;
            return f.path("computedAt").asText().equals(computedAtOnThePage());
        });
        return hit[0];
    }

    private static JsonNode dashboard(UUID iteration, String user) {
        return DemoApi.as(user).get("/iterations/" + iteration + "/dashboard").json();
    }

    private static List<String> visibleRowIds() {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) js("return Array.prototype.filter.call(document.querySelectorAll('.cp-row[data-id]'),"
                + " function (r) { return !r.closest('[hidden]'); }).map(function (r) { return r.getAttribute('data-id'); });");
        return ids;
    }

    private static String fmtTime(String instant) {
        return (String) js("return Cutplan.util.fmtTime(arguments[0]);", instant);
    }

    private static String fmtNumber(long n) {
        return (String) js("return Cutplan.util.fmtNumber(arguments[0]);", n);
    }

    private static String fmtDuration(long minutes) {
        return (String) js("return Cutplan.util.fmtDuration(arguments[0]);", minutes);
    }

    private static void showView(String view) {
        browser.findElement(By.cssSelector(".cp-tab[data-view='" + view + "']")).click();
        waitFor(Duration.ofSeconds(10), "the " + view + " view", () -> browser.findElement(By.cssSelector("[data-testid='" + view + "']")).isDisplayed());
    }

    @Test
    void theHeaderShowsTheForecastEndAndTheOverrunAsTheApiComputesIt() {
        open("pilot", running, "");
        JsonNode it = forecastAsOnThePage(running, "pilot").path("iteration");
        assertThat(it.path("finished").asBoolean()).isFalse();
        long over = it.path("overWindowMinutes").asLong();
        long variance = it.path("varianceMinutes").asLong();
        WebElement line = browser.findElement(By.cssSelector("[data-testid='forecast-end']"));
        String expected = "forecast " + fmtTime(it.path("forecastEnd").asText()) + ", "
                + (over > 0 ? fmtDuration(over) + " over the window"
                : variance >= 15 ? fmtDuration(variance) + " behind plan, inside the window"
                : over < 0 ? fmtDuration(-over) + " inside the window" : "exactly at the window\u2019s end");
        assertThat(line.findElement(By.cssSelector(".cp-forecast-text")).getText()).isEqualTo(expected);
        // The colour is a second signal, never the only one: the class follows the words.
        assertThat(line.getDomAttribute("class")).contains(over > 0 ? "cp-forecast--over" : variance >= 15 ? "cp-forecast--behind" : "cp-forecast--ok");
    }

    @Test
    void aFinishedIterationShowsItsActualEndAndItsOverrun() {
        open("pilot", finished, "");
        JsonNode it = forecastAsOnThePage(finished, "pilot").path("iteration");
        assertThat(it.path("finished").asBoolean()).isTrue();
        long over = it.path("overWindowMinutes").asLong();
        String text = browser.findElement(By.cssSelector("[data-testid='forecast-end'] .cp-forecast-text")).getText();
        assertThat(text).startsWith("finished " + fmtTime(it.path("forecastEnd").asText()) + ", ");
        if (over > 0) {
            assertThat(text).endsWith(fmtDuration(over) + " over the window");
        } else {
            assertThat(text).endsWith("inside the window");
        }
    }

    @Test
    void theCriticalPathFilterShowsExactlyTheCriticalPath() {
        open("pilot", running, "");
        JsonNode f = forecastAsOnThePage(running, "pilot");
        Set<String> critical = new HashSet<>();
        f.path("criticalPath").forEach(id -> critical.add(id.asText()));
        assertThat(critical).isNotEmpty();
        new Select(browser.findElement(By.cssSelector(".cp-filters select[aria-label='Status']"))).selectByValue("CRITICAL");
        waitFor(Duration.ofSeconds(5), "the filter to apply", () -> visibleRowIds().size() == critical.size());
        assertThat(new HashSet<>(visibleRowIds())).isEqualTo(critical);
        // Every one of them carries the marker, in words.
        for (String id : critical) {
            assertThat(browser.findElement(By.cssSelector(".cp-row[data-id='" + id + "'] .cp-crit")).getText()).contains("Critical");
        }
    }

    @Test
    void overrunningStepsShowTheirMinutesAndTheLateCounterCountsWhatNeedsAttention() {
        open("pilot", running, "");
        JsonNode f = forecastAsOnThePage(running, "pilot");
        Map<String, String> status = new HashMap<>();
        dashboard(running, "pilot").path("steps").forEach(s -> status.put(s.path("id").asText(), s.path("status").asText()));
        int attention = 0;
        int waitingLate = 0;
        int checked = 0;
        for (JsonNode s : f.path("steps")) {
            String kind = s.path("lateness").path("kind").asText("");
            if (kind.equals("OVERRUNNING") || kind.equals("LATE_START")) {
                // A waiting step forecast to start late is a forecast, not something anyone can act on now.
                if (status.get(s.path("id").asText()).equals("PENDING")) {
                    waitingLate++;
                } else {
                    attention++;
                }
            }
            if (kind.equals("OVERRUNNING") && checked < 15) {
                checked++;
                WebElement flag = browser.findElement(By.cssSelector(".cp-row[data-id='" + s.path("id").asText() + "'] .cp-c-flag"));
                assertThat(flag.getDomProperty("textContent")).isEqualTo("\u26A0 Overrunning " + fmtDuration(s.path("lateness").path("minutes").asLong()));
                assertThat(flag.getDomAttribute("title")).isEqualTo(s.path("lateness").path("reason").asText());
            }
        }
        assertThat(checked).as("overrunning steps in the demo's running iteration").isPositive();
        assertThat(waitingLate).as("waiting steps forecast to start late in the demo (DR2 runs hours behind)").isPositive();
        WebElement counter = browser.findElement(By.cssSelector("[data-testid='late-count']"));
        assertThat(counter.findElement(By.cssSelector(".cp-count-n")).getDomProperty("textContent")).isEqualTo(fmtNumber(attention));
        assertThat(counter.getDomAttribute("title")).contains("attention now").contains("overrunning").contains("late start")
                .contains(fmtNumber(waitingLate) + " waiting steps are forecast to start late");
        // Their rows say so without the warning sign; the steps that need someone now keep it.
        String waitingId = null;
        for (JsonNode s : f.path("steps")) {
            if (s.path("lateness").path("kind").asText("").equals("LATE_START") && status.get(s.path("id").asText()).equals("PENDING")) {
                waitingId = s.path("id").asText();
                break;
            }
        }
        WebElement waitingFlag = browser.findElement(By.cssSelector(".cp-row[data-id='" + waitingId + "'] .cp-c-flag"));
        assertThat(waitingFlag.getDomProperty("textContent")).startsWith("Late start ");
        assertThat(waitingFlag.getDomAttribute("class")).contains("cp-flag--later");
    }

    @Test
    void thePageOpensAtCurrentWork() {
        Browser.size(1366, 768);
        open("pilot", running, "");
        waitFor(Duration.ofSeconds(5), "the first scroll", () -> ((Number) js("return window.scrollY")).longValue() > 0);
        // The first running or ready row is on screen, not the top of 160 finished Preparation steps.
        Object onScreen = js("var r = document.querySelector('.cp-row--in_progress, .cp-row--failed, .cp-row--on_hold, .cp-row--ready');"
                + " var b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight;");
        assertThat(onScreen).isEqualTo(true);
    }

    /** The API's next steps: waiting (PENDING or READY), forecast to start before the page's horizon, soonest first. */
    private static List<String> comingUpFromTheApi(JsonNode forecast, JsonNode dashboard, Instant horizon, Set<String> teams) {
        Map<String, Instant> start = new HashMap<>();
        forecast.path("steps").forEach(s -> start.put(s.path("id").asText(), Instant.parse(s.path("forecastStart").asText())));
        List<String> ids = new ArrayList<>();
        for (JsonNode s : dashboard.path("steps")) {
            String status = s.path("status").asText();
            String id = s.path("id").asText();
            boolean waiting = status.equals("PENDING") || status.equals("READY");
            if (waiting && start.containsKey(id) && !start.get(id).isAfter(horizon)
                    && (teams == null || teams.contains(s.path("ownerTeam").path("id").asText()))) {
                ids.add(id);
            }
        }
        // Plan order breaks ties (a stable sort of the plan-ordered list).
        ids.sort(Comparator.comparing(start::get));
        return ids;
    }

    private static List<String> comingUpOnThePage() {
        return browser.findElements(By.cssSelector("[data-testid='coming-up'] [data-step-id]")).stream()
                .map(e -> e.getDomAttribute("data-step-id")).toList();
    }

    @Test
    void comingUpListsTheApisNextStepsInOrderForEveryoneAndForMyTeams() {
        open("pilot", running, "");
        showView("coming-up");
        JsonNode f = forecastAsOnThePage(running, "pilot");
        WebElement view = browser.findElement(By.cssSelector("[data-testid='coming-up']"));
        Instant horizon = Instant.parse(view.findElement(By.cssSelector(".cp-cu-list")).getDomAttribute("data-horizon-end"));
        List<String> expected = comingUpFromTheApi(f, dashboard(running, "pilot"), horizon, null);
        assertThat(expected).as("steps coming up in the demo").isNotEmpty();
        assertThat(comingUpOnThePage()).isEqualTo(expected);

        // The executor sees their teams' by default.
        open("executor", running, "");
        showView("coming-up");
        JsonNode dash = dashboard(running, "executor");
        Set<String> teams = new HashSet<>();
        dash.path("caller").path("teamIds").forEach(t -> teams.add(t.asText()));
        f = forecastAsOnThePage(running, "executor");
        horizon = Instant.parse(browser.findElement(By.cssSelector("[data-testid='coming-up'] .cp-cu-list")).getDomAttribute("data-horizon-end"));
        List<String> mine = comingUpFromTheApi(f, dash, horizon, teams);
        assertThat(comingUpOnThePage()).isEqualTo(mine);
        assertThat(mine.size()).isLessThan(expected.size());
    }

    @Test
    void theTimelineDrawsOneBarPerChapterAndAChaptersStepsOnClick() {
        Browser.size(1366, 768);
        open("pilot", running, "");
        showView("timeline");
        JsonNode f = forecastAsOnThePage(running, "pilot");
        JsonNode dash = dashboard(running, "pilot");
        List<String> chapterIds = new ArrayList<>();
        dash.path("chapters").forEach(c -> chapterIds.add(c.path("id").asText()));
        assertThat(chapterIds).hasSize(66);
        // Read in one script: the view redraws when the forecast's next answer arrives, which would leave element
        // references stale between two WebDriver calls.
        @SuppressWarnings("unchecked")
        List<String> drawn = (List<String>) js("return Array.prototype.map.call(document.querySelectorAll("
                + "\"[data-testid='timeline'] .cp-tl-svg--chapter .cp-tl-row\"), function (e) { return e.getAttribute('data-row-id'); });");
        assertThat(drawn).isEqualTo(chapterIds);
        assertThat(browser.findElements(By.cssSelector("[data-testid='timeline'] .cp-tl-svg--chapter .cp-tl-bar"))).hasSize(66);
        Set<String> critical = new HashSet<>();
        f.path("chapters").forEach(c -> { if (c.path("critical").asBoolean()) critical.add(c.path("id").asText()); });
        @SuppressWarnings("unchecked")
        Set<String> drawnCritical = new HashSet<>((List<String>) js("return Array.prototype.map.call(document.querySelectorAll("
                + "'.cp-tl-svg--chapter .cp-tl-row--critical'), function (e) { return e.getAttribute('data-row-id'); });"));
        assertThat(drawnCritical).isEqualTo(critical).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".cp-tl-svg--chapter .cp-tl-now line"))).hasSize(1);
        // Readable on a laptop: the chart fits the width (no sideways scrolling), once the page's vertical scroll bar
        // has appeared and the chart has been redrawn to the narrower width.
        waitFor(Duration.ofSeconds(5), "the chart to fit the width", () -> ((Number) js("var s = document.querySelector("
                + "'[data-testid=timeline] .cp-timeline-scroll'); return s.scrollWidth - s.clientWidth;")).intValue() <= 0);

        String chapter = chapterIds.get(chapterIds.size() / 2);
        int steps = 0;
        for (JsonNode s : dash.path("steps")) {
            if (s.path("chapterId").asText().equals(chapter)) {
                steps++;
            }
        }
        js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));",
                browser.findElement(By.cssSelector(".cp-tl-svg--chapter .cp-tl-row[data-row-id='" + chapter + "'] .cp-tl-hit")));
        int expectedSteps = steps;
        waitFor(Duration.ofSeconds(5), "the chapter's steps", () ->
                browser.findElements(By.cssSelector(".cp-tl-svg--step .cp-tl-row")).size() == expectedSteps);

        browser.findElement(By.xpath("//*[@data-testid='timeline']//button[normalize-space()='Show as table']")).click();
        waitFor(Duration.ofSeconds(5), "the table", () -> browser.findElements(By.cssSelector("[data-testid='timeline'] .cp-tl-table")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("[data-testid='timeline'] .cp-tl-table tbody tr[data-row-id]"))).hasSize(66 + steps);
    }

    @Test
    void axePassesOnTheRunsheetWithForecastColumnsComingUpAndTheTimelineInBothForms() {
        open("pilot", running, "");
        forecastAsOnThePage(running, "pilot");
        // The forecast is on screen: critical markers, float and lateness are in the rows axe checks.
        assertThat(browser.findElements(By.cssSelector(".cp-row .cp-crit:not([hidden])"))).isNotEmpty();
        AxeCheck.assertNoViolations(browser, ".cp-header");
        // The critical path rows carry every forecast column (marker, start, float, lateness). axe over the whole
        // 1,200-row runsheet (hidden rows included) outlasts the script timeout on a loaded machine, so it checks the
        // summary, the filters, the column heads and the chapters the filter shows.
        new Select(browser.findElement(By.cssSelector(".cp-filters select[aria-label='Status']"))).selectByValue("CRITICAL");
        String shown = "[data-testid='cp-view-runsheet'] ";
        AxeCheck.assertNoViolations(browser, shown + ".cp-summary, " + shown + ".cp-filters, " + shown + ".cp-rs-head, "
                + shown + ".cp-phase-group:not([hidden]), " + shown + ".cp-chapter-group:not([hidden])");
        showView("coming-up");
        AxeCheck.assertNoViolations(browser, "[data-testid='coming-up']");
        showView("timeline");
        js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));",
                browser.findElements(By.cssSelector(".cp-tl-svg--chapter .cp-tl-row--critical .cp-tl-hit")).get(0));
        waitFor(Duration.ofSeconds(5), "the step timeline", () -> !browser.findElements(By.cssSelector(".cp-tl-svg--step")).isEmpty());
        AxeCheck.assertNoViolations(browser, "[data-testid='timeline']");
        browser.findElement(By.xpath("//*[@data-testid='timeline']//button[normalize-space()='Show as table']")).click();
        waitFor(Duration.ofSeconds(5), "the table", () -> !browser.findElements(By.cssSelector("[data-testid='timeline'] .cp-tl-table")).isEmpty());
        AxeCheck.assertNoViolations(browser, "[data-testid='timeline']");
    }

    @Test
    void theForecastKeepsItsOwnCadenceWhileDeltasPollEverySecond() {
        open("viewer", running, "&poll=1");
        js("window.__forecastFetches = 0; var f = window.fetch; window.fetch = function (u) {"
                + " if (String(u).indexOf('/forecast') >= 0) window.__forecastFetches++; return f.apply(this, arguments); };");
        long polls = ((Number) js("return Cutplan.apps[0].metrics.polls;")).longValue();
        waitFor(Duration.ofSeconds(20), "eight delta polls", () -> ((Number) js("return Cutplan.apps[0].metrics.polls;")).longValue() >= polls + 8);
        // Nothing changed (no new version) and 30 s have not passed: the delta polls fetched no forecast.
        assertThat(((Number) js("return window.__forecastFetches;")).intValue()).isZero();
    }

    @Test
    void screenshotsOfTheForecastViewsAtLaptopAndPhoneSizes() throws IOException {
        Browser.size(1366, 768);
        open("pilot", running, "");
        shot("forecast-runsheet-desktop.png");
        showView("timeline");
        shot("forecast-timeline-desktop.png");
        showView("coming-up");
        shot("forecast-coming-up-desktop.png");
        Browser.size(390, 844);
        open("executor", running, "");
        shot("forecast-runsheet-phone.png");
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
        showView("coming-up");
        shot("forecast-coming-up-phone.png");
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
        showView("timeline");
        shot("forecast-timeline-phone.png");
        // Only the chart's own box scrolls sideways on a phone, never the page.
        assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
