package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Browser;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The instruction text renderer (web/js/instructions.js) in Chromium: line breaks kept, only http/https URLs become
 * links, nothing else becomes markup, long text folds behind "more". Pure function, checked on hostile input.
 */
class InstructionTextTest {
    private static ChromeDriver browser;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        Fixtures.TestUser user = Fixtures.in(host.database()).user("instructions", Role.NORMAL);
        browser = Browser.get();
        Browser.loginAs(user.username(), Fixtures.PASSWORD);
        browser.get(host.baseUrl() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".cutplan-index h1")).isEmpty());
    }

    /** Renders text and describes the result: every element's tag, the links' href and text, the whole text. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(String text) {
        return (Map<String, Object>) browser.executeScript("var n = Cutplan.Instructions.render(arguments[0]);"
                + "if (!n) return null;"
                + "var tags = Array.prototype.map.call(n.querySelectorAll('*'), function (e) { return e.tagName.toLowerCase(); });"
                + "var links = Array.prototype.map.call(n.querySelectorAll('a'), function (a) {"
                + "  return [a.getAttribute('href'), a.textContent, a.getAttribute('target'), a.getAttribute('rel')]; });"
                + "var more = n.querySelector('.cp-instructions-more');"
                + "if (more) more.remove();"
                + "var ell = n.querySelector('.cp-instructions-ellipsis'); if (ell) ell.remove();"
                + "return {tags: tags, links: links, text: n.textContent, folded: !!more};", text);
    }

    @Test
    void lineBreaksAreKeptAndTheTextComesBackUnchanged() {
        String text = "1. Stop the scheduler\r\n2. Wait   for the queue\n\n3. Check <b>bold</b> & &amp; **not markdown**";
        Map<String, Object> out = render(text);
        assertThat(out.get("text")).isEqualTo(text.replace("\r\n", "\n"));
        assertThat((List<?>) out.get("tags")).isEmpty();
        assertThat(browser.executeScript("var n = Cutplan.Instructions.render('a\\nb'); document.body.appendChild(n);"
                + "var ws = getComputedStyle(n).whiteSpace; n.remove(); return ws;")).isEqualTo("pre-wrap");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyHttpAndHttpsUrlsBecomeLinksWithoutTheirTrailingPunctuation() {
        Map<String, Object> out = render("See https://wiki.example.com/Runbook_(v2)/step?id=4&x=1. Then (http://console.example.com:8443/a)"
                + " but not javascript:alert(1), ftp://files.example.com, xhttp://evil.example.com, mailto:ops@example.com"
                + " or <a href=\"http://inline.example.com\">html</a>");
        assertThat((List<Object>) out.get("links")).containsExactly(
                List.of("https://wiki.example.com/Runbook_(v2)/step?id=4&x=1", "https://wiki.example.com/Runbook_(v2)/step?id=4&x=1",
                        "_blank", "noopener noreferrer"),
                List.of("http://console.example.com:8443/a", "http://console.example.com:8443/a", "_blank", "noopener noreferrer"),
                List.of("http://inline.example.com/", "http://inline.example.com", "_blank", "noopener noreferrer"));
        // The only elements are those three links: the inline HTML stays text around its URL.
        assertThat((List<Object>) out.get("tags")).containsExactly("a", "a", "a");
        assertThat((String) out.get("text")).contains("<a href=\"").contains("\">html</a>").contains("javascript:alert(1)");
    }

    @Test
    void aUrlThatIsNotAValidAddressStaysText() {
        assertThat((List<?>) render("broken http:// and https://[::1 here").get("links")).isEmpty();
        assertThat(render("   \n ")).isNull();
        assertThat(render(null)).isNull();
    }

    @Test
    void longTextFoldsBehindMoreWithoutLosingALinkAndUnfoldsInPlace() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            sb.append("Line ").append(i).append(": check https://grafana.example.com/d/").append(i).append(" and report\n");
        }
        String text = sb.toString();
        Map<String, Object> out = render(text);
        assertThat(out.get("folded")).isEqualTo(true);
        assertThat(out.get("text")).isEqualTo(text);
        assertThat((List<?>) out.get("links")).hasSize(40);
        @SuppressWarnings("unchecked")
        List<Object> state = (List<Object>) browser.executeScript("var n = Cutplan.Instructions.render(arguments[0]); document.body.appendChild(n);"
                + "var rest = n.querySelector('.cp-instructions-rest'), b = n.querySelector('button');"
                + "var before = [rest.hidden, b.textContent, b.getAttribute('aria-expanded'), n.querySelector('.cp-instructions-shown').textContent.split('\\n').length];"
                + "b.click(); var after = [rest.hidden, b.textContent, b.getAttribute('aria-expanded')]; n.remove(); return before.concat(after);", text);
        assertThat(state.subList(0, 3)).containsExactly(true, "more", "false");
        assertThat(((Number) state.get(3)).intValue()).isLessThanOrEqualTo(9);
        assertThat(state.subList(4, 7)).containsExactly(false, "less", "true");
        // A short text does not fold.
        assertThat(render("Short enough.").get("folded")).isEqualTo(false);
    }
}
