package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEntitiesTest {
    @Test
    void decodesNamedAndNumericReferences() {
        assertThat(HtmlEntities.decode("Caf&eacute; &amp; cr&egrave;me &lt;b&gt; &quot;x&quot; &apos;y&apos;"))
                .isEqualTo("Café & crème <b> \"x\" 'y'");
        assertThat(HtmlEntities.decode("&#233;&#xE9;&#XE9; &#128512; &nbsp;|")).isEqualTo("ééé \uD83D\uDE00 \u00A0|");
        assertThat(HtmlEntities.decode("&NotEqualTilde; &euro;&hellip;&mdash;")).isEqualTo("\u2242\u0338 €…—");
    }

    @Test
    void decodesOnceOnly() {
        assertThat(HtmlEntities.decode("&amp;lt;")).isEqualTo("&lt;");
    }

    @Test
    void keepsWhatIsNotAReference() {
        assertThat(HtmlEntities.decode("R&D a&b &unknown; & &; &#; &#x; &#xZZ; &#55296; &#1114112; &amp"))
                .isEqualTo("R&D a&b &unknown; & &; &#; &#x; &#xZZ; &#55296; &#1114112; &amp");
        assertThat(HtmlEntities.decode("no references")).isEqualTo("no references");
        assertThat(HtmlEntities.decode(null)).isNull();
        assertThat(HtmlEntities.decode("trailing &")).isEqualTo("trailing &");
    }
}
