package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import org.junit.jupiter.api.Test;

/** The caller from SAL's UserManager, and mail through Confluence's default SMTP server. */
class ConfluenceAdaptersTest {
    private final HostFakes.Settings settings = new HostFakes.Settings();
    private final ConfluenceSettingsStore store = new ConfluenceSettingsStore(settings);
    private final HostFakes.Mail servers = new HostFakes.Mail();
    private final ConfluenceMailTransport transport = new ConfluenceMailTransport(servers, store);
    private final OutgoingMail mail = new OutgoingMail("pilot@example.com", "DR1: STEP-10 is READY", "<p>Ready</p>", "Ready");

    @Test
    void theCallerIsTheUserConfluenceSaysIsLoggedIn() {
        CutplanRuntime runtime = new CutplanRuntime(store, transport, new HostFakes.App());
        assertThat(new ConfluenceCallerSource(new HostFakes.Users("jdoe", false), runtime).username(null)).contains("jdoe");
        assertThat(new ConfluenceCallerSource(HostFakes.Users.anonymous(), runtime).username(null)).isEmpty();
        assertThat(new ConfluenceCallerSource(HostFakes.Users.anonymous(), runtime).hostUser(null)).isEmpty();
    }

    @Test
    void withoutADefaultSmtpServerMailIsNotConfiguredAndSaysSo() {
        assertThat(transport.isConfigured()).isFalse();
        assertThat(transport.describe()).contains("no default SMTP mail server").contains("Mail Servers");
        assertThatThrownBy(() -> transport.send(mail)).isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("no default SMTP mail server");
    }

    @Test
    void mailGoesThroughTheDefaultServerAsHtml() throws Exception {
        HostFakes.RecordingSmtp smtp = new HostFakes.RecordingSmtp();
        servers.server = smtp;
        store.save(new PluginConfig(null, null, null, 5, true, "Cutover desk"));
        assertThat(transport.isConfigured()).isTrue();
        assertThat(transport.describe()).contains("confluence@example.com");
        transport.send(mail);
        assertThat(smtp.sent).hasSize(1);
        Email sent = smtp.sent.get(0);
        assertThat(HostFakes.field(sent, "to")).isEqualTo("pilot@example.com");
        assertThat(HostFakes.field(sent, "subject")).isEqualTo("DR1: STEP-10 is READY");
        assertThat(HostFakes.field(sent, "body")).isEqualTo("<p>Ready</p>");
        assertThat(HostFakes.field(sent, "mimeType")).isEqualTo("text/html");
        assertThat(HostFakes.field(sent, "fromName")).isEqualTo("Cutover desk");
    }

    @Test
    void aRefusingServerBecomesADeliveryFailureToRetry() {
        HostFakes.RecordingSmtp smtp = new HostFakes.RecordingSmtp();
        smtp.failWith = new MailException("421 try later");
        servers.server = smtp;
        assertThatThrownBy(() -> transport.send(mail)).isInstanceOf(MailDeliveryException.class).hasMessageContaining("421 try later");
    }

    @Test
    void switchedOffInCutplansSettingsNothingIsSent() {
        HostFakes.RecordingSmtp smtp = new HostFakes.RecordingSmtp();
        servers.server = smtp;
        store.save(new PluginConfig(null, null, null, 5, false, "Cutplan"));
        assertThat(transport.isConfigured()).isFalse();
        assertThat(transport.describe()).contains("switched off");
        assertThatThrownBy(() -> transport.send(mail)).isInstanceOf(MailDeliveryException.class);
        assertThat(smtp.sent).isEmpty();
    }

    @Test
    void settingsRoundTripThroughPluginSettingsAsStrings() {
        PluginConfig config = new PluginConfig("jdbc:postgresql://db/cutplan", "user", "pw", 7, false, "Desk");
        store.save(config);
        assertThat(settings.values.values()).allMatch(v -> v instanceof String);
        assertThat(store.load()).isEqualTo(config);
        assertThat(config.toString()).doesNotContain("pw\"").contains("dbPassword=***");
        store.save(new PluginConfig(null, null, null, 5, true, "Cutplan"));
        assertThat(settings.values).doesNotContainKeys(ConfluenceSettingsStore.DB_URL, ConfluenceSettingsStore.DB_PASSWORD);
        assertThat(store.load().databaseConfigured()).isFalse();
    }
}
