package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The plan editor (/admin?plan=<id>, data-testid="plan-editor") in headless Chromium against the real API: an
 * administrator walks the tree with the keyboard, edits a step's duration, adds a dependency found by code, is
 * refused a cycle with the cycle shown, and a change made meanwhile by someone else is shown as a conflict (the
 * plan reloaded, nothing overwritten). A non-administrator gets no editor.
 */
class PlanEditorBrowserTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static Fixtures fx;
    private static Fixtures.TestUser admin;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        fx = Fixtures.in(host.database());
        admin = fx.user("editor-admin", Role.ADMIN);
        browser = Browser.get();
        Browser.resetSize();
    }

    private record Sample(Fixtures.Plan plan, UUID a, UUID b, UUID c) {
    }

    private static Sample plan() {
        Fixtures.Plan plan = Fixtures.in(host.database()).plan("Editor test plan");
        UUID a = plan.step("PRE-1", "Freeze the change calendar", null, 15, false);
        UUID b = plan.step("TRT-2", "Back up the core database", null, 60, false);
        plan.chapter("Chapter 2");
        UUID c = plan.step("CHK-3", "Check the balances", null, 30, true);
        plan.dependency(a, b);
        return new Sample(plan, a, b, c);
    }

    private static void open(UUID planId) {
        Browser.loginAs(admin.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/admin?plan=" + planId);
        waitFor("the editor", () -> "ready".equals(editor().getDomAttribute("data-state")));
    }

    private static WebElement editor() {
        return browser.findElement(By.cssSelector("[data-testid=plan-editor]"));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static Api api() {
        return host.as(admin.username());
    }

    private static JsonNode step(Fixtures.Plan plan, UUID id) {
        return api().get("/plans/" + plan.id + "/steps/" + id).json();
    }

    private static String message() {
        return editor().findElement(By.cssSelector(".cp-editor-message")).getText();
    }

    private static void setDuration(String minutes) {
        WebElement duration = editor().findElement(By.cssSelector("form[data-form=step] input[data-field=plannedDurationMinutes]"));
        duration.clear();
        duration.sendKeys(minutes);
        editor().findElement(By.cssSelector("form[data-form=step] button[type=submit]")).click();
    }

    private static void addPredecessor(String code) {
        WebElement q = editor().findElement(By.cssSelector(".cp-editor-deps input[type=search]"));
        q.clear();
        q.sendKeys(code);
        waitFor("the predecessor search result", () -> !editor().findElements(By.cssSelector(".cp-found-pred")).isEmpty());
        // Keyboard: Down into the results, Enter on the first.
        q.sendKeys(Keys.ARROW_DOWN);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    }

    @Test
    void anAdministratorEditsADurationAndAddsADependencyWithTheKeyboardAndIsRefusedACycle() throws IOException {
        Sample s = plan();
        open(s.plan.id);
        assertThat(editor().getText()).contains("Editor test plan").contains("3 steps");
        // Keyboard through the tree: the phase is open; Right enters it, Right opens Chapter 1, Down reaches PRE-1,
        // Down TRT-2, Enter opens its form.
        WebElement first = editor().findElement(By.cssSelector("[role=treeitem] > .cp-tree-row"));
        first.click();
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        waitFor("chapter 1 expanded", () -> !editor().findElements(By.cssSelector("[data-kind=step]")).isEmpty());
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-id")).isEqualTo(s.b.toString());
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor("the step form", () -> !editor().findElements(By.cssSelector("form[data-form=step]")).isEmpty());
        // Chapter 2 was never expanded: its step is not in the page (lazy tree).
        assertThat(editor().findElements(By.cssSelector("[data-id='" + s.c + "']"))).isEmpty();

        setDuration("45");
        waitFor("saved", () -> message().startsWith("Saved"));
        assertThat(step(s.plan, s.b).path("plannedDurationMinutes").asInt()).isEqualTo(45);
        // The other fields were sent back unchanged (PUT replaces every field).
        assertThat(step(s.plan, s.b).path("title").asText()).isEqualTo("Back up the core database");
        assertThat(step(s.plan, s.b).path("predecessorIds").get(0).asText()).isEqualTo(s.a.toString());

        // A second dependency for TRT-2: CHK-3, found by its code (a second write, so the revision moved on by one).
        addPredecessor("CHK-3");
        waitFor("the dependency saved", () -> message().startsWith("Saved")
                && editor().findElements(By.cssSelector("[data-testid=predecessors] .cp-editor-dep")).size() == 2);
        assertThat(step(s.plan, s.b).path("predecessorIds").toString()).contains(s.c.toString()).contains(s.a.toString());

        // PRE-1 waiting for TRT-2 would close PRE-1 -> TRT-2 -> PRE-1: refused, the cycle shown step by step.
        WebElement search = editor().findElement(By.cssSelector(".cp-editor-search"));
        search.sendKeys("PRE-1");
        waitFor("the step search result", () -> !editor().findElements(By.cssSelector(".cp-found-step")).isEmpty());
        editor().findElement(By.cssSelector(".cp-found-step")).click();
        waitFor("PRE-1's form", () -> editor().findElement(By.cssSelector(".cp-editor-form-title")).getText().contains("PRE-1"));
        addPredecessor("TRT-2");
        waitFor("the cycle", () -> !editor().findElements(By.cssSelector("[data-testid=cycle] li")).isEmpty());
        List<String> cycle = editor().findElements(By.cssSelector("[data-testid=cycle] li")).stream().map(WebElement::getText).toList();
        assertThat(cycle).contains("PRE-1", "TRT-2");
        assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
        assertThat(message()).contains("cycle");
        assertThat(step(s.plan, s.a).path("predecessorIds").size()).isZero();
        // WCAG 2 A/AA on the editor with a step form, the cycle message and the expanded tree.
        AxeCheck.assertNoViolations(browser, "[data-testid=plan-editor]");
        screenshot("editor-desktop");
        Browser.size(390, 844);
        screenshot("editor-phone");
        Browser.resetSize();
    }

    @Test
    void aChangeMadeMeanwhileBySomeoneElseIsShownAndThePlanReloadedInsteadOfOverwritten() {
        Sample s = plan();
        open(s.plan.id);
        WebElement search = editor().findElement(By.cssSelector(".cp-editor-search"));
        search.sendKeys("trt");
        waitFor("the step search result", () -> !editor().findElements(By.cssSelector(".cp-found-step")).isEmpty());
        editor().findElement(By.cssSelector(".cp-found-step")).click();
        waitFor("TRT-2's form", () -> !editor().findElements(By.cssSelector("form[data-form=step]")).isEmpty());
        // Another administrator retitles TRT-2 through the API meanwhile.
        JsonNode current = step(s.plan, s.b);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("chapterId", current.path("chapterId").asText(), "code", "TRT-2",
                "title", "Back up the core database twice", "plannedDurationMinutes", 60));
        Api.Response r = api().put("/plans/" + s.plan.id + "/steps/" + s.b, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        setDuration("90");
        waitFor("the conflict", () -> "true".equals(editor().getDomAttribute("data-conflict")));
        assertThat(message()).contains("Someone else changed this plan").contains("was not saved");
        // Nothing of ours was written; theirs is kept and now shown.
        JsonNode after = step(s.plan, s.b);
        assertThat(after.path("plannedDurationMinutes").asInt()).isEqualTo(60);
        assertThat(after.path("title").asText()).isEqualTo("Back up the core database twice");
        long revision = api().get("/plans/" + s.plan.id).json().path("revision").asLong();
        waitFor("the reloaded revision", () -> String.valueOf(revision).equals(editor().getDomAttribute("data-revision")));
        waitFor("the reloaded title", () -> editor().findElement(By.cssSelector("form[data-form=step] input[data-field=title]"))
                .getDomProperty("value").equals("Back up the core database twice"));
        // Made again on the fresh view, the change goes through.
        setDuration("90");
        waitFor("saved", () -> message().startsWith("Saved"));
        assertThat(step(s.plan, s.b).path("plannedDurationMinutes").asInt()).isEqualTo(90);
    }

    @Test
    void aNonAdministratorGetsNoEditor() {
        Sample s = plan();
        Fixtures.TestUser pilot = fx.user("editor-pilot", Role.PILOT);
        Browser.loginAs(pilot.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/admin?plan=" + s.plan.id);
        waitFor("the refusal", () -> "forbidden".equals(browser.findElement(By.cssSelector(".cutplan-authoring")).getDomAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=plan-editor]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".cutplan-authoring")).getText()).contains("Only Cutplan administrators");
    }

    static void screenshot(String name) throws IOException {
        ChromeDriver browser = Browser.get();
        browser.executeScript("window.scrollTo(0, 0)");
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
