package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.testing.Api;
import io.cutplan.testing.Browser;
import io.cutplan.testing.DemoApi;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Measures the dashboard on the {@code realistic} demo (about 1,200 steps) in headless Chromium: the first
 * render, a forced full re-render with layout, and applying deltas of a few changed steps, both as they arrive
 * from real polls and replayed in the page. Figures are printed and written to target/performance-dashboard.txt;
 * the normal run asserts only that they were measured (timing thresholds belong to a quiet machine, not CI).
 */
class DashboardPerformanceTest {
    private static TestHost host;
    private static ChromeDriver browser;
    private static UUID iteration;
    private static int stepCount;

    @BeforeAll
    static void setUp() {
        host = TestHost.get();
        DemoSummary demo = DemoRunbooks.load(host.database(), "realistic", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        iteration = demo.iterationIds().containsKey("DR2") ? demo.iteration("DR2") : demo.iterationIds().values().iterator().next();
        browser = Browser.get();
        Browser.resetSize();
    }

    @Test
    void renderAndDeltaTimesOnTheRealisticRunbook() throws IOException {
        Api pilot = DemoApi.as("pilot");
        JsonNode snapshot = pilot.get("/iterations/" + iteration + "/dashboard").json();
        stepCount = snapshot.path("steps").size();
        assertThat(stepCount).isGreaterThan(1000);

        Browser.loginAs("pilot", "pilot");
        browser.get(host.baseUrl() + "/runbook?iteration=" + iteration + "&poll=1");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector(".cp-row[data-id]"))).hasSize(stepCount);
        double firstRender = num("return Cutplan.apps[0].metrics.renderMs");
        double firstLayout = num("return Cutplan.apps[0].metrics.firstLayoutMs");
        double loadToReady = num("return performance.now()");

        // A full re-render of every row, group and aggregate, with the layout it causes forced inside the timing.
        List<Double> rerender = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rerender.add(num("var a = Cutplan.apps[0]; var t = performance.now(); a.state.index.generation++;"
                    + " a.state.changed = {all: true, structure: true, stepIds: [], moved: []}; a.render();"
                    + " document.body.getBoundingClientRect(); void document.body.offsetHeight;"
                    + " return performance.now() - t;"));
        }

        // Deltas replayed in the page: three steps change status, applied with forced layout, 30 times.
        List<Double> replay = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replay.add(num("var a = Cutplan.apps[0]; var ids = Array.from(a.state.steps.keys()); var steps = [];"
                    + " for (var k = 0; k < 3; k++) { var s = a.state.steps.get(ids[(arguments[0] * 37 + k * 401) % ids.length]);"
                    + "   steps.push(Object.assign({}, s, {status: s.status === 'DONE' ? 'IN_PROGRESS' : 'DONE', version: s.version + 1})); }"
                    + " var body = {kind: 'delta', changed: true, since: a.state.version, version: a.state.version, steps: steps};"
                    + " var t = performance.now(); a.applyPoll(body); void document.body.offsetHeight; return performance.now() - t;", i));
        }
        // Where the time of a 3-step delta goes: the state, the render (rows, groups, summary, filters), then layout.
        String breakdown = String.valueOf(browser.executeScript("var a = Cutplan.apps[0]; var ids = Array.from(a.state.steps.keys()); var out = [];"
                + " for (var r = 0; r < 10; r++) { var steps = [];"
                + "   for (var k = 0; k < 3; k++) { var s = a.state.steps.get(ids[(r * 37 + k * 401) % ids.length]);"
                + "     steps.push(Object.assign({}, s, {status: s.status === 'DONE' ? 'IN_PROGRESS' : 'DONE', version: s.version + 1})); }"
                + "   var body = {kind: 'delta', changed: true, since: a.state.version, version: a.state.version, steps: steps};"
                + "   var t0 = performance.now(); Cutplan.store.applyDelta(a.state, body); var t1 = performance.now();"
                + "   a.render(); var t2 = performance.now(); void document.body.offsetHeight; var t3 = performance.now();"
                + "   out.push([t1 - t0, t2 - t1, t3 - t2].map(function (x) { return x.toFixed(1); }).join(' ')); } return out.join('\\n');"));
        // Put the page back in step with the server before the live part.
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));

        // Real deltas: another user changes three steps through the API; the page polls every second.
        List<Double> live = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        snapshot = pilot.get("/iterations/" + iteration + "/dashboard").json();
        for (JsonNode s : snapshot.path("steps")) {
            if (s.path("status").asText().equals("READY")) {
                ready.add(s.path("id").asText());
            }
        }
        for (int round = 0; round < Math.min(3, ready.size() / 3); round++) {
            double deltasBefore = num("return Cutplan.apps[0].metrics.deltas");
            for (int k = 0; k < 3; k++) {
                String id = ready.get(round * 3 + k);
                int version = pilot.get("/iterations/" + iteration + "/steps/" + id).json().path("step").path("version").asInt();
                Api.Response r = pilot.post("/iterations/" + iteration + "/steps/" + id + "/transitions",
                        Map.of("to", "ON_HOLD", "expectedVersion", version, "reason", "performance test"));
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> num("return Cutplan.apps[0].metrics.deltas") > deltasBefore
                    && ((Number) browser.executeScript("return document.querySelectorAll('.cp-row--on_hold').length")).intValue() > 0);
            live.add(num("return Cutplan.apps[0].metrics.lastApplyMs"));
            // Release the holds again so the data stays as the demo made it.
            for (int k = 0; k < 3; k++) {
                String id = ready.get(round * 3 + k);
                int version = pilot.get("/iterations/" + iteration + "/steps/" + id).json().path("step").path("version").asInt();
                pilot.post("/iterations/" + iteration + "/steps/" + id + "/transitions", Map.of("to", "READY", "expectedVersion", version));
            }
        }
        String chromium = String.valueOf(browser.getCapabilities().getBrowserVersion());
        String report = String.format(Locale.ROOT, """
                Dashboard performance (headless Chromium %s, realistic demo, %d steps)
                  first render (snapshot -> rows, groups, aggregates; script time):  %.1f ms
                  first layout of the rendered page (forced once, right after):       %.1f ms
                  page navigation start -> dashboard ready (incl. network, parse):    %.0f ms
                  full re-render with forced layout, 5 runs:  median %.1f ms, max %.1f ms
                  delta of 3 steps replayed, with forced layout, 30 runs:  median %.2f ms, p95 %.2f ms, max %.2f ms
                  delta of 3 steps from real polls (script time), %d rounds:  %s ms
                  breakdown of replayed deltas (ms: state, render, forced layout):
                %s
                """, chromium, stepCount, firstRender, firstLayout, loadToReady, median(rerender), max(rerender),
                median(replay), p95(replay), max(replay), live.size(), live.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
                breakdown.lines().map(l -> "    " + l).collect(java.util.stream.Collectors.joining("\n")));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "performance-dashboard.txt"), report);
        assertThat(firstRender).isPositive();
        assertThat(replay).allSatisfy(v -> assertThat(v).isPositive());
    }

    private static double num(String script, Object... args) {
        return ((Number) browser.executeScript(script, args)).doubleValue();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static double p95(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.95) - 1));
    }

    private static double max(List<Double> v) {
        return Collections.max(v);
    }
}
