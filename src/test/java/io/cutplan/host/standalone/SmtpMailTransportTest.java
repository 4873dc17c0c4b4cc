package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The standalone SMTP transport against a real SMTP server with authentication. */
class SmtpMailTransportTest {

    private static SmtpMailTransport transport(int port, String password) {
        return new SmtpMailTransport(SmtpSettings.of("127.0.0.1", Optional.of(String.valueOf(port)), Optional.of("none"),
                Optional.of("cutplan"), Optional.of(password), Optional.of("Cutplan <cutover@bank.example>"),
                true));   // GreenMail's plain SMTP: AUTH without TLS is allowed here explicitly
    }

    @Test
    void authenticatesAndSendsMultipartAlternativeWithoutEverShowingThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("cutplan", "right-secret"));
        server.start();
        try {
            transport(port, "right-secret").send(new OutgoingMail("ops@bank.example", "[Cutplan] RUN1 · TRT-1 is READY: Ünïcode",
                    "<p>HTML</p>", "text"));
            MimeMessage m = server.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("[Cutplan] RUN1 · TRT-1 is READY: Ünïcode");
            assertThat(m.getFrom()[0].toString()).contains("cutover@bank.example");
            assertThat(m.isMimeType("multipart/alternative")).isTrue();

            assertThatThrownBy(() -> transport(port, "wrong-secret").send(new OutgoingMail("ops@bank.example", "s", "<p>h</p>", "t")))
                    .isInstanceOf(MailDeliveryException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret").contains(String.valueOf(port)));
            assertThat(server.getReceivedMessages()).hasSize(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void aRecipientThatIsNotOnePlainAddressIsRefused() {
        assertThatThrownBy(() -> transport(25, "x").send(new OutgoingMail("a@b.example, c@d.example", "s", "<p>h</p>", "t")))
                .isInstanceOf(MailDeliveryException.class);
        assertThatThrownBy(() -> new OutgoingMail("a@b.example", "s\r\nBcc: c@d.example", "h", "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
