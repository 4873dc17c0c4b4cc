package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("\" onmouseover='x'")).isEqualTo("&quot; onmouseover=&#39;x&#39;");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("Zürich — ok")).isEqualTo("Zürich — ok");
    }

    @Test
    void replacesControlCharactersButKeepsWhitespace() {
        assertThat(Html.escape("a\u0000b\u0007c\u0085d")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(Html.escape("`x`")).isEqualTo("&#96;x&#96;");
        assertThat(Html.escape("tab\tnl\ncr\r")).isEqualTo("tab\tnl\ncr\r");
    }
}
