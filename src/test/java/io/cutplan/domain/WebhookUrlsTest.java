package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {
    private static String code(String url, boolean allow) {
        try {
            WebhookUrls.check(url, allow);
            return "ok";
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void httpsIsAllowedAnywhere() {
        assertThat(code("https://hooks.slack.com/services/T0/B0/xyz", false)).isEqualTo("ok");
        assertThat(code("  https://example.com:8443/a?b=c  ", false)).isEqualTo("ok");
        assertThat(WebhookUrls.check(" https://example.com/x ", false).toString()).isEqualTo("https://example.com/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/x", "http://[::1]:9/x", "http://127.5.6.7/x",
            "http://api.localhost/x"})
    void httpToLoopbackOnlyWithTheSetting(String url) {
        assertThat(code(url, true)).isEqualTo("ok");
        assertThat(code(url, false)).isEqualTo("webhook_url_not_https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/x", "http://128.0.0.1/x", "http://127.0.0.1.evil.com/x", "http://10.0.0.1/x",
            "http://localhost.evil.com/x", "ftp://example.com/x"})
    void plainHttpElsewhereIsRefusedEvenWithTheSetting(String url) {
        assertThat(code(url, true)).isEqualTo("webhook_url_not_https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path", "https://", "https://user:pw@example.com/x", "https://example.com/x#frag",
            "mailto:a@example.com", "http://127.0.0.256/x"})
    void malformedOrCredentialCarryingUrlsAreInvalid(String url) {
        assertThat(code(url, true)).isEqualTo("webhook_url_invalid");
    }

    @Test
    void missingAndOverlongAreInvalidInput() {
        assertThat(code(null, false)).isEqualTo("invalid_input");
        assertThat(code(" ", false)).isEqualTo("invalid_input");
        assertThat(code("https://example.com/" + "a".repeat(2000), false)).isEqualTo("invalid_input");
    }

    @Test
    void theNotHttpsRuleIsA422AndNamesTheField() {
        assertThatThrownBy(() -> WebhookUrls.check("http://example.com", false)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RULE_VIOLATION);
            assertThat(e.field()).isEqualTo("url");
        });
    }

    @Test
    void redactAndSanitiseDropQueriesAndUserInfo() {
        assertThat(WebhookUrls.redact("https://u:p@example.com:8443/hook/a?token=SECRET#x")).isEqualTo("https://example.com:8443/hook/a");
        assertThat(WebhookUrls.sanitise("Failed to POST https://user:pw@example.com/hook?token=SECRET&a=b: refused\nsecond line"))
                .isEqualTo("Failed to POST https://example.com/hook refused second line")
                .doesNotContain("SECRET").doesNotContain("pw");
    }
}
