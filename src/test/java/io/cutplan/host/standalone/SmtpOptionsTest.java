package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpOptionsTest {

    @Test
    void smtpFromEnvironmentAndFlagsWithPasswordNeverShown() {
        StandaloneOptions o = StandaloneOptions.parse(new String[] {"--smtp-tls", "starttls", "--mail-max-attempts", "3"}, Map.of(
                "CUTPLAN_SMTP_HOST", "mail.bank.example", "CUTPLAN_SMTP_USER", "cutplan",
                "CUTPLAN_SMTP_PASSWORD", "s3cret-value", "CUTPLAN_SMTP_FROM", "cutover@bank.example"));
        SmtpSettings s = o.smtp().orElseThrow();
        assertThat(s.port()).isEqualTo(587);
        assertThat(s.tls()).isEqualTo(SmtpSettings.Tls.STARTTLS);
        assertThat(s.password()).contains("s3cret-value");
        assertThat(o.mailDispatch().maxAttempts()).isEqualTo(3);
        assertThat(o.toString()).doesNotContain("s3cret-value").contains("mail.bank.example");
        assertThat(s.describe()).doesNotContain("s3cret-value");
        assertThat(new SmtpMailTransport(s).describe()).isEqualTo("SMTP mail.bank.example:587, STARTTLS, as cutplan, from cutover@bank.example");
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultsAndMistakes() {
        StandaloneOptions none = StandaloneOptions.parse(new String[0], Map.of());
        assertThat(none.smtp()).isEmpty();
        assertThat(none.mailDispatch().maxAttempts()).isEqualTo(8);
        assertThat(StandaloneOptions.parse(new String[] {"--smtp-host", "h", "--smtp-tls", "tls"}, Map.of()).smtp().orElseThrow().port())
                .isEqualTo(465);
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--smtp-port", "25"}, Map.of()))
                .hasMessageContaining("--smtp-host");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--smtp-host", "h", "--smtp-tls", "ssl3"}, Map.of()))
                .hasMessageContaining("none, starttls or tls");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--smtp-host", "h", "--smtp-user", "u"}, Map.of()))
                .hasMessageContaining("password");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--mail-max-attempts", "0"}, Map.of()))
                .hasMessageContaining("--mail-max-attempts");
        assertThatThrownBy(() -> new SmtpMailTransport(SmtpSettings.of("h", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("not an address"))))
                .hasMessageContaining("--smtp-from");
    }
}
