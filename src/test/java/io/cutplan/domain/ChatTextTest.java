package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ChatTextTest {
    @Test
    void slackEscapesExactlyAmpersandAndAngleBrackets() {
        assertThat(ChatText.slack("<!channel> R&D *bold* <https://x|y>"))
                .isEqualTo("&lt;!channel&gt; R&amp;D *bold* &lt;https://x|y&gt;");
        assertThat(ChatText.slack(null)).isEmpty();
    }

    @Test
    void teamsEscapesHtmlAndMarkdownMarkup() {
        assertThat(ChatText.teams("<b>x</b> & [link](http://e) *a* _b_ # h `c` \\"))
                .isEqualTo("&lt;b&gt;x&lt;/b&gt; &amp; \\[link\\](http://e) \\*a\\* \\_b\\_ \\# h \\`c\\` \\\\");
    }

    @Property
    void slackOutputHasNoControlCharactersLeftAndDecodesBack(@ForAll String s) {
        String e = ChatText.slack(s);
        assertThat(e).doesNotContain("<").doesNotContain(">");
        assertThat(e.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")).isEqualTo(s);
    }

    @Property
    void teamsOutputHasNoUnescapedMarkup(@ForAll String s) {
        String e = ChatText.teams(s);
        assertThat(e).doesNotContain("<").doesNotContain(">");
        for (int i = 0; i < e.length(); i++) {
            char ch = e.charAt(i);
            if ("`*_[]#".indexOf(ch) >= 0) {
                assertThat(e.charAt(i - 1)).isEqualTo('\\');
            }
            if (ch == '\\') {
                i++; // the escaped character
            }
        }
    }
}
