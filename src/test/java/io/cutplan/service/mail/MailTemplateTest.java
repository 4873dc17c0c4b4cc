package io.cutplan.service.mail;

import io.cutplan.service.spi.DispatcherSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplateTest {

    @Test
    void placeholdersEscapeInHtmlAndRawOnlyTakesRenderedMarkup() {
        MailTemplate t = MailTemplate.parse("<p title=\"{{a}}\">{{a}}</p>{{&b}}");
        SafeHtml inner = MailTemplate.parse("<i>{{x}}</i>").html(Map.of("x", "<b>&'\""));
        assertThat(t.html(Map.of("a", "\"><script>x</script>", "b", inner)).html())
                .isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&quot;&gt;&lt;script&gt;x&lt;/script&gt;</p>"
                        + "<i>&lt;b&gt;&amp;&#39;&quot;</i>");
        assertThatThrownBy(() -> t.html(Map.of("a", "x", "b", "<script>"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> t.html(Map.of("a", "x"))).hasMessageContaining("'b'");
        assertThatThrownBy(() -> MailTemplate.parse("{{a}}").html(Map.of("a", inner))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MailTemplate.parse("{{a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textKeepsLineFeedsButNoOtherControlCharacters() {
        assertThat(MailTemplate.parse("[{{a}}]").text(Map.of("a", "one\r\ntwo\rthree\u0007\tfour"))).isEqualTo("[one\ntwo\nthree\tfour]");
    }

    @Test
    void oneLineFlattensEveryKindOfLineBreakAndCuts() {
        assertThat(MailTemplate.oneLine("  a\r\nBcc: x@y\u2028b\u0085c\td\u000b  ", 100)).isEqualTo("a Bcc: x@y b c d");
        assertThat(MailTemplate.oneLine("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(MailTemplate.oneLine("abc\uD83D\uDE00def", 5)).isEqualTo("abc…");
    }

    @Test
    void backoffDoublesUpToTheCap() {
        DispatcherSettings s = DispatcherSettings.defaults();
        assertThat(s.maxAttempts()).isEqualTo(8);
        assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(s.backoffAfter(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.backoffAfter(60)).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> s.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
