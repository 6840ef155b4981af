package dev.statekeeper.server.dashboard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's one place of escaping. */
class HtmlTest {
    @Test
    void everyArgumentIsEscapedButHtml() {
        Html html = Html.of("<a href=\"{}\" title='{}'>{}</a>{}", "/x?a=1&b=\"2\"", "it's", "<script>alert(1)</script>",
                Html.of("<b>{}</b>", "&"));
        assertThat(html.value()).isEqualTo("<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title='it&#39;s'>"
                + "&lt;script&gt;alert(1)&lt;/script&gt;</a><b>&amp;</b>");
        assertThat(Html.of("{}|{}|{}", null, 42, List.of("<")).value()).isEqualTo("|42|[&lt;]");
    }

    @Test
    void controlCharactersBecomeTheReplacementCharacterAndPlainTextIsUnchanged() {
        assertThat(Html.escape("a\u0000b\u0001c\u007fd\u009fe\tf\ng\rh")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng\rh");
        String plain = "plain text, ünïcode ✓";
        assertThat(Html.escape(plain)).isSameAs(plain);
        assertThat(Html.escape("x".repeat(100_000) + "<")).hasSize(100_004).endsWith("&lt;");
    }

    @Test
    void aTemplateAndItsArgumentsMustMatch() {
        assertThatThrownBy(() -> Html.of("{} {}", "one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("more holes than arguments in: {} {}");
        assertThatThrownBy(() -> Html.of("{}", "one", "two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("more arguments than holes in: {}");
    }

    @Test
    void aSegmentIsPercentEncoded() {
        assertThat(Html.segment("a b/c?d&e<")).isEqualTo("a%20b%2Fc%3Fd%26e%3C");
    }
}
