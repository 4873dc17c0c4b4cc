package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Measures the plan editor on the {@code realistic} demo's plan (about 1,200 steps) in headless Chromium: from the
 * editor's start to its tree on screen (every request, the indexes, the first render and a forced layout), then
 * expanding every chapter of the largest macro-phase and a step search. Figures are printed and written to
 * target/performance-editor.txt (docs/performance.md quotes a run); the test asserts only that they were measured.
 */
class PlanEditorPerformanceTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static String planId;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        for (var p : DemoApi.as("admin").get("/plans?limit=1000").json().path("items")) {
            if (p.path("code").asText().equals("DEMO-REALISTIC")) {
                planId = p.path("id").asText();
            }
        }
        browser = Browser.get();
        Browser.resetSize();
    }

    private double num(String script) {
        return ((Number) browser.executeScript(script)).doubleValue();
    }

    @Test
    void openingTheEditorOnA1200StepPlan() throws IOException {
        assertThat(planId).isNotNull();
        int steps = DemoApi.as("admin").get("/plans/" + planId).json().path("counts").path("steps").asInt();
        assertThat(steps).isGreaterThan(1000);
        Browser.loginAs("admin", "admin");
        List<Double> open = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser.get(host.baseUrl() + "/admin?plan=" + planId);
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                    "ready".equals(d.findElement(By.cssSelector("[data-testid=plan-editor]")).getDomAttribute("data-state")));
            open.add(num("return document.querySelector('.cutplan-authoring')._cutplan.state.editor.metrics.openMs"));
            load.add(num("return document.querySelector('.cutplan-authoring')._cutplan.state.editor.metrics.loadMs"));
            render.add(num("return document.querySelector('.cutplan-authoring')._cutplan.state.editor.metrics.renderMs"));
        }
        int treeItems = browser.findElements(By.cssSelector("[role=treeitem]")).size();
        // Expanding every chapter of the largest phase: the steps drawn on demand, with layout.
        double expand = num("var v = document.querySelector('.cutplan-authoring')._cutplan.state.editor, m = v.model;"
                + "var big = m.phases.slice().sort(function (a, b) { return (m.chaptersByPhase.get(b.id) || []).length - (m.chaptersByPhase.get(a.id) || []).length; })[0];"
                + "var t = performance.now(); (m.chaptersByPhase.get(big.id) || []).forEach(function (ch) { v.expanded.add(ch.id); });"
                + "v.renderTree(); void document.body.offsetHeight; return performance.now() - t;");
        int expandedItems = browser.findElements(By.cssSelector("[role=treeitem]")).size();
        double search = num("var m = document.querySelector('.cutplan-authoring')._cutplan.state.editor.model;"
                + "var t = performance.now(); for (var i = 0; i < 20; i++) m.search('reconcil', 20); return (performance.now() - t) / 20;");
        String report = String.format(Locale.ROOT, """
                Plan editor (headless Chromium %s, realistic demo plan, %d steps)
                  editor start -> tree on screen (requests, indexes, render, forced layout), 5 runs: median %.0f ms, max %.0f ms
                    of which the requests and indexes: median %.0f ms; first render: median %.1f ms
                  tree items on screen when opened (collapsed chapters): %d
                  expand every chapter of the largest macro-phase, with layout: %.1f ms (%d tree items then)
                  search by code or title over every step: %.2f ms
                """, browser.getCapabilities().getBrowserVersion(), steps, median(open), max(open), median(load), median(render),
                treeItems, expand, expandedItems, search);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "performance-editor.txt"), report);
        assertThat(open).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(expandedItems).isGreaterThan(treeItems);
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
