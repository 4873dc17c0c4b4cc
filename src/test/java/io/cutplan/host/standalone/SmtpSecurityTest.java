package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import io.cutplan.testing.TestCertificate;
import io.cutplan.testing.TinySmtpServer;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Holds finding 8 of issue 15 (SMTP AUTH in clear text with the default {@code --smtp-tls none}, no warning; and
 * every failure retried alike). On main before the fix: a user with {@code none} started without a word and sent
 * {@code AUTH PLAIN} over the plain socket, and a {@code 550} was an ordinary, retried failure.
 */
class SmtpSecurityTest {
    private static final OutgoingMail MAIL = new OutgoingMail("ops@bank.example", "[Cutplan] RUN1 · TRT-1 is READY",
            "<p>h</p>", "t");

    private static SmtpSettings settings(int port, String tls, Optional<String> user) {
        return SmtpSettings.of("127.0.0.1", Optional.of(String.valueOf(port)), Optional.of(tls), user,
                user.map(u -> "the-smtp-secret"), Optional.of("cutplan@bank.example"));
    }

    @Test
    void authWithoutTlsIsRefusedAtStartUpUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--smtp-host", "mail", "--smtp-user", "cutplan",
                "--smtp-password", "x"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clear text").hasMessageContaining("--smtp-allow-plaintext-auth")
                .hasMessageNotContaining("x\"");
        assertThatThrownBy(() -> settings(25, "none", Optional.of("cutplan"))).hasMessageContaining("--smtp-tls starttls or tls");
        assertThat(StandaloneOptions.parse(new String[] {"--smtp-host", "mail", "--smtp-user", "cutplan",
                "--smtp-allow-plaintext-auth"}, Map.of("CUTPLAN_SMTP_PASSWORD", "x")).smtp().orElseThrow().plaintextAuth()).isTrue();
        assertThat(StandaloneOptions.parse(new String[] {"--smtp-host", "mail", "--smtp-user", "cutplan"},
                Map.of("CUTPLAN_SMTP_PASSWORD", "x", "CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH", "true")).smtp().orElseThrow()
                .allowPlaintextAuth()).isTrue();
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--smtp-host", "mail"},
                Map.of("CUTPLAN_SMTP_ALLOW_PLAINTEXT_AUTH", "perhaps"))).hasMessageContaining("true or false");
        // Without a user there is no password to protect; with TLS there is no refusal.
        assertThat(settings(25, "none", Optional.empty()).plaintextAuth()).isFalse();
        assertThat(settings(587, "starttls", Optional.of("cutplan")).plaintextAuth()).isFalse();
    }

    @Test
    void starttlsUpgradesBeforeTheLoginAndTheCertificateIsVerified() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(TestCertificate.get().serverContext())) {
            SmtpSettings s = settings(server.port(), "starttls", Optional.of("cutplan"));
            new SmtpMailTransport(s, TestCertificate.get().trustingClient()).send(MAIL);
            assertThat(server.messages()).hasSize(1);
            assertThat(server.log()).anySatisfy(l -> assertThat(l).isEqualTo("clear:STARTTLS"));
            assertThat(server.log()).filteredOn(l -> l.contains("AUTH")).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("tls:AUTH").contains("the-smtp-secret"));
            assertThat(server.log()).filteredOn(l -> l.startsWith("clear:")).noneSatisfy(l -> assertThat(l).contains("secret"));

            // The JDK's own trust (production): a self-signed certificate is refused, and no password is sent.
            int before = server.log().size();
            assertThatThrownBy(() -> new SmtpMailTransport(s).send(MAIL)).isInstanceOf(MailDeliveryException.class)
                    .satisfies(e -> assertThat(((MailDeliveryException) e).permanent()).isFalse());
            assertThat(server.log().subList(before, server.log().size())).noneSatisfy(l -> assertThat(l).contains("AUTH"));
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void tlsFromTheStartAgainstGreenMail() throws Exception {
        // GreenMail's own certificate names no host; it reads the key store from these properties (test JVM only).
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, TestCertificate.get().keystore().toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TestCertificate.PASSWORD);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, TestCertificate.PASSWORD);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("cutplan", "the-smtp-secret"));
        server.start();
        try {
            SmtpSettings s = settings(port, "tls", Optional.of("cutplan"));
            new SmtpMailTransport(s, TestCertificate.get().trustingClient()).send(MAIL);
            assertThat(server.getReceivedMessages()).hasSize(1);
            assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("[Cutplan] RUN1 · TRT-1 is READY");
            assertThatThrownBy(() -> new SmtpMailTransport(s).send(MAIL)).as("an untrusted certificate")
                    .isInstanceOf(MailDeliveryException.class);
            assertThat(server.getReceivedMessages()).hasSize(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void aPermanent5xxRejectionIsPermanentAndA4xxIsNot() {
        try (TinySmtpServer server = new TinySmtpServer(null)) {
            SmtpMailTransport transport = new SmtpMailTransport(settings(server.port(), "none", Optional.empty()));
            server.answerRcpt("550 5.1.1 <ops@bank.example>: no such user");
            assertThatThrownBy(() -> transport.send(MAIL)).isInstanceOf(MailDeliveryException.class)
                    .satisfies(e -> {
                        assertThat(((MailDeliveryException) e).permanent()).as("550").isTrue();
                        assertThat(e.getMessage()).contains("550").contains("no such user");
                    });
            server.answerRcpt("450 4.2.1 mailbox busy, try later");
            assertThatThrownBy(() -> transport.send(MAIL)).isInstanceOf(MailDeliveryException.class)
                    .satisfies(e -> assertThat(((MailDeliveryException) e).permanent()).as("450").isFalse());
            server.answerRcpt("250 2.1.5 ok");
            assertThatThrownBy(() -> new SmtpMailTransport(settings(server.port(), "none", Optional.empty()))
                    .send(new OutgoingMail("a@b.example, c@d.example", "s", "<p>h</p>", "t")))
                    .satisfies(e -> assertThat(((MailDeliveryException) e).permanent()).as("an unbuildable message").isTrue());
        }
    }
}
