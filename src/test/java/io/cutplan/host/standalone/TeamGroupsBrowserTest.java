package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.TestHost;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Teams and Confluence groups" in the Notifications view, in headless Chromium. A host with groups (Confluence)
 * is stood in for by the standalone server with a caller source that says {@code hostGroups} (logins stay HTTP
 * Basic): an administrator links a team to a group and unlinks it in the page, checked in the database; axe finds
 * no violation. A pilot, and an administrator on a host without groups (the plain standalone host), see no table.
 */
class TeamGroupsBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID iteration;
    private static StandaloneServer withGroups;

    /** The standalone caller source, on a host that has groups a team can follow. */
    static final class GroupsCallerSource implements CallerSource {
        private final StandaloneCallerSource logins = new StandaloneCallerSource();

        @Override
        public Optional<String> username(Principal principal) {
            return logins.username(principal);
        }

        @Override
        public Optional<Instant> credentialVersion(Principal principal) {
            return logins.credentialVersion(principal);
        }

        @Override
        public boolean hostGroups() {
            return true;
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        iteration = demo.iteration("CUTOVER");
        CutplanServices services = host.host().services();
        List<Object> bindings = new ArrayList<>(services.all());
        bindings.add(new GroupsCallerSource());
        withGroups = new StandaloneServer("127.0.0.1", 0, host.database(), bindings);
        withGroups.start();
        browser = Browser.get();
        Browser.resetSize();
    }

    @AfterAll
    static void tearDown() throws Exception {
        withGroups.close();
    }

    private static void open(String base, String user) {
        Browser.loginAs(user, user);
        browser.get(base + "/runbook?iteration=" + iteration + "&view=admin");
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static WebElement groups() {
        return browser.findElement(By.cssSelector("[data-testid=cp-team-groups]"));
    }

    private static String hostGroup(UUID team) {
        return host.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT host_group FROM teams WHERE id = ?",
                rs -> Optional.ofNullable(rs.getString(1)), team)).orElseThrow().orElse(null);
    }

    @Test
    void anAdministratorLinksATeamToAGroupAndUnlinksItInThePage() {
        String base = "http://127.0.0.1:" + withGroups.port();
        open(base, "admin");
        waitFor("the teams table", () -> groups().isDisplayed() && !groups().findElements(By.cssSelector("tbody tr[data-team-row]")).isEmpty());
        WebElement row = groups().findElements(By.cssSelector("tbody tr[data-team-row]")).get(0);
        UUID team = UUID.fromString(row.getDomAttribute("data-team-row"));
        assertThat(hostGroup(team)).isNull();
        String teamLabel = row.findElement(By.tagName("th")).getDomProperty("textContent");
        WebElement input = row.findElement(By.cssSelector("input[data-team]"));
        assertThat(input.getDomAttribute("aria-label")).isEqualTo("Confluence group of " + teamLabel);
        assertThat(row.findElements(By.cssSelector("button[data-unlink]"))).as("nothing to unlink yet").isEmpty();
        input.sendKeys("cutover-dba");
        row.findElement(By.cssSelector("button[data-link]")).click();
        waitFor("the linked message", () -> groups().findElement(By.cssSelector(".cp-msg")).getText().contains("now follows the group"));
        assertThat(hostGroup(team)).isEqualTo("cutover-dba");
        waitFor("the unlink button", () -> !browser.findElements(By.cssSelector("[data-testid=cp-team-groups] button[data-unlink='" + team + "']")).isEmpty());
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-team-groups]");

        browser.findElement(By.cssSelector("[data-testid=cp-team-groups] button[data-unlink='" + team + "']")).click();
        waitFor("the unlinked message", () -> groups().findElement(By.cssSelector(".cp-msg")).getText().contains("no longer follows a group"));
        assertThat(hostGroup(team)).isNull();
        waitFor("the link button again", () -> browser.findElements(By.cssSelector("[data-testid=cp-team-groups] button[data-unlink]")).isEmpty());
    }

    @Test
    void aTooLongGroupNameIsShownAtTheFieldAndNothingIsSaved() {
        String base = "http://127.0.0.1:" + withGroups.port();
        open(base, "admin");
        waitFor("the teams table", () -> groups().isDisplayed() && !groups().findElements(By.cssSelector("tbody tr[data-team-row]")).isEmpty());
        WebElement row = groups().findElements(By.cssSelector("tbody tr[data-team-row]")).get(0);
        UUID team = UUID.fromString(row.getDomAttribute("data-team-row"));
        WebElement input = row.findElement(By.cssSelector("input[data-team]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('maxlength'); arguments[0].value = arguments[1];",
                input, "g".repeat(300));
        row.findElement(By.cssSelector("button[data-link]")).click();
        waitFor("the field error", () -> "true".equals(input.getDomAttribute("aria-invalid")));
        assertThat(groups().findElement(By.cssSelector(".cp-msg")).getText()).startsWith("Not saved");
        assertThat(hostGroup(team)).isNull();
    }

    @Test
    void pilotsAndHostsWithoutGroupsShowNoTable() {
        open("http://127.0.0.1:" + withGroups.port(), "pilot");
        waitFor("the settings", () -> browser.findElement(By.cssSelector(".cp-settings")).isDisplayed());
        assertThat(groups().isDisplayed()).isFalse();
        open(host.baseUrl(), "admin");
        waitFor("the outbox", () -> !browser.findElements(By.cssSelector(".cp-outbox thead th")).isEmpty());
        assertThat(groups().isDisplayed()).as("the standalone host has no groups").isFalse();
    }
}
