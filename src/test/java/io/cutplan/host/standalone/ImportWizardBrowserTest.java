package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The import wizard (/admin?view=import, data-testid="import-wizard") in headless Chromium against the real import
 * API: an administrator chooses a messy file, gets every problem in one dry run as a table filtered by code and
 * downloadable, fixes nothing, imports with repairs (the warnings say what was dropped), creates a migration and an
 * iteration, opens its runsheet, and the step panel shows the task's multi-line instructions with a clickable link.
 */
class ImportWizardBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures.TestUser admin;
    private static String suffix;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        admin = fx.user("wizard-admin", Role.ADMIN);
        suffix = admin.username().substring(admin.username().indexOf('_')).replace("_", "");
        browser = Browser.get();
        Browser.resetSize();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static WebElement wizard() {
        return browser.findElement(By.cssSelector("[data-testid=import-wizard]"));
    }

    /** Four steps: a self-dependency and an unknown predecessor (both repairable), instructions with a link. */
    private static Path messyFile() throws IOException {
        String csv = """
                macro_phase,chapter_code,chapter,step_code,step_title,owner_team,duration_minutes,predecessors,task_title,task_description,task_team
                Preparation,PREP,Freeze,PRE-1,Announce the freeze,WZ%1$s,15,,Send the notice,"1. Open https://wiki.example.com/freeze
                2. Mail every team <b>now</b>",WZ%1$s
                Preparation,PREP,Freeze,PRE-2,Back up,WZ%1$s,60,PRE-1 PRE-2,Start the backup,,WZ%1$s
                Switch,SW,Switch,TRT-3,Switch the core,WZ%1$s,30,PRE-2 XYZ-99,Flip the switch,,WZ%1$s
                Switch,SW,Switch,CHK-4,Check balances,WZ%1$s,20,TRT-3,Compare totals,,WZ%1$s
                """.formatted(suffix);
        Path file = Files.createTempFile("runbook-" + suffix + "-", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    @Test
    void anAdministratorImportsAMessyFileWithRepairsCreatesAnIterationAndOpensItsRunsheet() throws IOException {
        Path file = messyFile();
        Browser.loginAs(admin.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/admin?view=import");
        waitFor("the wizard", () -> wizard().getDomAttribute("data-step") != null);
        wizard().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        waitFor("the file read", () -> wizard().findElement(By.cssSelector(".cp-wizard-chosen")).getText().contains(".csv"));
        WebElement code = wizard().findElement(By.cssSelector("input[data-field=code]"));
        code.clear();
        code.sendKeys("WIZ-" + suffix);
        wizard().findElement(By.cssSelector("input[type=checkbox]")).click();

        // Dry run: every problem at once, as a table.
        wizard().findElement(By.cssSelector("[data-action=dry-run]")).click();
        waitFor("the report", () -> "report".equals(wizard().getDomAttribute("data-step")));
        List<String> codes = wizard().findElements(By.cssSelector("[data-report=problems] tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-code")).toList();
        assertThat(codes).contains("self_dependency", "unknown_predecessor");
        // Filter by code.
        new Select(wizard().findElement(By.cssSelector("select[data-filter=problems]"))).selectByValue("unknown_predecessor");
        List<WebElement> rows = wizard().findElements(By.cssSelector("[data-report=problems] tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("XYZ-99");
        WebElement download = wizard().findElement(By.cssSelector("[data-action=download-problems]"));
        assertThat(download.getDomAttribute("href")).startsWith("blob:");
        assertThat(download.getDomAttribute("download")).endsWith(".csv");
        AxeCheck.assertNoViolations(browser, "[data-testid=import-wizard]");
        PlanEditorBrowserTest.screenshot("wizard-report-desktop");
        // Nothing was written by the dry run.
        assertThat(host.as(admin.username()).get("/plans?limit=1000").body()).doesNotContain("WIZ-" + suffix);

        // Fix nothing: import with repairs; the warnings say which dependency was dropped.
        wizard().findElement(By.cssSelector("[data-action=import-repair]")).click();
        waitFor("the import", () -> "imported".equals(wizard().getDomAttribute("data-step")));
        String warnings = wizard().findElement(By.cssSelector("[data-report=warnings]")).getText();
        assertThat(warnings).contains("self_dependency").contains("unknown_predecessor").contains("XYZ-99");
        String planId = wizard().getDomAttribute("data-plan");
        JsonNode plan = host.as(admin.username()).get("/plans/" + planId).json();
        assertThat(plan.path("code").asText()).isEqualTo("WIZ-" + suffix);
        assertThat(plan.path("counts").path("steps").asInt()).isEqualTo(4);

        // A migration and an iteration in the same flow, then its runsheet.
        WebElement migCode = wizard().findElement(By.cssSelector("input[data-field=migrationCode]"));
        waitFor("the iteration form", migCode::isDisplayed);
        wizard().findElement(By.cssSelector("[data-action=create-iteration]")).click();
        waitFor("the iteration", () -> "done".equals(wizard().getDomAttribute("data-step")));
        String iteration = wizard().getDomAttribute("data-iteration");
        Browser.size(390, 844);
        PlanEditorBrowserTest.screenshot("wizard-done-phone");
        Browser.resetSize();
        wizard().findElement(By.cssSelector("[data-action=open-runsheet]")).click();
        waitFor("the runsheet", () -> "ready".equals(browser.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(browser.getCurrentUrl()).contains(iteration);
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(4);

        // The step panel shows the task's instructions: line break kept, the URL a link, the tag as text.
        WebElement row = browser.findElements(By.cssSelector(".cp-row[data-id]")).stream()
                .filter(r -> r.getText().contains("PRE-1")).findFirst().orElseThrow();
        String rowId = row.getDomAttribute("data-id");
        row.click();
        waitFor("the panel", () -> rowId.equals(browser.findElement(By.cssSelector(".cp-panel")).getDomAttribute("data-loaded")));
        WebElement instructions = browser.findElement(By.cssSelector(".cp-panel .cp-task .cp-instructions"));
        assertThat(instructions.getText()).contains("1. Open https://wiki.example.com/freeze\n2. Mail every team <b>now</b>");
        WebElement link = instructions.findElement(By.cssSelector("a"));
        assertThat(link.getDomAttribute("href")).isEqualTo("https://wiki.example.com/freeze");
        assertThat(instructions.findElements(By.cssSelector("b"))).isEmpty();
        PlanEditorBrowserTest.screenshot("panel-instructions-desktop");
    }

    @Test
    void theReportDownloadsAsCsvThatASpreadsheetReadsAsText() throws IOException {
        Browser.loginAs(admin.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/admin?view=import");
        waitFor("the wizard", () -> wizard().getDomAttribute("data-step") != null);
        // Returned JSON-encoded, so the CRLF line ends arrive as they are.
        Object csv = browser.executeScript("return JSON.stringify(Cutplan.ImportWizard.reportCsv([{line: 3, column: 'step_title', code: 'too_long',"
                + " repairable: true, message: 'Title, \"quoted\", is 612 characters long'}, {line: 9, lines: [9, 12], column: null,"
                + " code: 'duplicate_step', repairable: false, message: '=HYPERLINK(\"x\")', steps: ['PRE-1']}]));");
        assertThat(io.cutplan.api.JsonMapper.get().readValue((String) csv, String.class)).isEqualTo("line,lines,column,code,repairable,message,steps,dependency\r\n"
                + "3,,step_title,too_long,true,\"Title, \"\"quoted\"\", is 612 characters long\",,\r\n"
                + "9,9 12,,duplicate_step,false,\"'=HYPERLINK(\"\"x\"\")\",PRE-1,\r\n");
    }
}
