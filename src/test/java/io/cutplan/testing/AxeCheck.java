package io.cutplan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core's WCAG 2 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa) run on a part of the page in Chromium.
 * The engine's script text is injected by the test (the product never loads it); it comes from the npm package the
 * build installs (pom: axe-core.version, path in the system property {@code cutplan.axe}). One line per view:
 * {@code AxeCheck.assertNoViolations(browser, "[data-testid=cp-view-runsheet]")}.
 */
public final class AxeCheck {
    private static final String TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";
    private static String source;

    private AxeCheck() {
    }

    private static synchronized String source() {
        if (source == null) {
            Path file = Path.of(System.getProperty("cutplan.axe", "target/test-tools/node_modules/axe-core/axe.min.js"));
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("axe-core is missing at " + file + ": the build installs it with npm in the"
                        + " generate-test-resources phase (./mvnw test-compile, or .ci/run); these tests fail rather than skip.");
            }
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    /**
     * Fails with every violation inside {@code selector} (a CSS selector of the part to check; it must match):
     * rule id, impact, help text and the target selectors of each node.
     */
    @SuppressWarnings("unchecked")
    public static void assertNoViolations(ChromeDriver browser, String selector) {
        if (!Boolean.TRUE.equals(browser.executeScript("return !!window.axe"))) {
            browser.executeScript(source());
        }
        Object found = browser.executeScript("return document.querySelectorAll(arguments[0]).length", selector);
        if (((Number) found).intValue() == 0) {
            throw new AssertionError("axe: nothing on the page matches " + selector);
        }
        Object result = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document.querySelectorAll(arguments[0]), {runOnly: {type: 'tag', values: " + TAGS + "}, resultTypes: ['violations']})"
                + ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
                + " targets: v.nodes.map(function (n) { return n.target.join(' ') + (n.failureSummary ? ' -- ' + n.failureSummary.replace(/\\s+/g, ' ') : ''); })}; })); },"
                + " function (e) { done([{id: 'axe-error', impact: 'error', help: String(e), targets: []}]); });", selector);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        if (!violations.isEmpty()) {
            StringBuilder b = new StringBuilder("axe (WCAG 2 A/AA) found " + violations.size() + " violation(s) in " + selector + ":");
            for (Map<String, Object> v : violations) {
                List<String> targets = (List<String>) v.get("targets");
                b.append("\n- ").append(v.get("id")).append(" (").append(v.get("impact")).append("): ").append(v.get("help"))
                        .append(", ").append(targets.size()).append(" node(s)");
                for (String t : targets) {
                    b.append("\n    ").append(t);
                }
            }
            throw new AssertionError(b.toString());
        }
    }
}
