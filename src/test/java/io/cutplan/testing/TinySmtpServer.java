package io.cutplan.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real SMTP receiver on a loopback socket, small enough to read: EHLO, STARTTLS (when given a TLS context),
 * AUTH PLAIN and LOGIN, MAIL, RCPT (answered with a chosen reply, e.g. {@code 550 5.1.1 no such user}), DATA, RSET,
 * NOOP, QUIT. It records what crossed the wire and whether TLS was on at the time, so a test can prove a password
 * never went over the network in clear text. GreenMail (2.1.2) has no STARTTLS and cannot answer 5xx on demand.
 */
public final class TinySmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final SSLContext tls;
    private volatile String rcptReply = "250 2.1.5 ok";
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    /** @param tls offered through STARTTLS when not null */
    public TinySmtpServer(SSLContext tls) {
        this.tls = tls;
        try {
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "tiny-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The reply to every RCPT TO from now on, e.g. {@code "550 5.1.1 no such user"} or {@code "450 4.2.1 try later"}. */
    public TinySmtpServer answerRcpt(String reply) {
        this.rcptReply = reply;
        return this;
    }

    /** Every command received, prefixed {@code tls:} or {@code clear:} (AUTH payloads decoded). */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The DATA of every message accepted. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(10_000);
                session(s);
            } catch (IOException | RuntimeException e) {
                // a client that went away; the next one is served
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket s = plain;
        boolean secure = false;
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        reply(out, "220 tiny ESMTP");
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String where = secure ? "tls:" : "clear:";
            String cmd = line.toUpperCase(Locale.ROOT);
            if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
                log.add(where + line);
                StringBuilder b = new StringBuilder("250-tiny\r\n");
                if (tls != null && !secure) {
                    b.append("250-STARTTLS\r\n");
                }
                b.append("250 AUTH PLAIN LOGIN");
                reply(out, b.toString());
            } else if (cmd.equals("STARTTLS") && tls != null && !secure) {
                log.add(where + line);
                reply(out, "220 2.0.0 go ahead");
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(s, "127.0.0.1", s.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.startHandshake();
                s = upgraded;
                secure = true;
                in = reader(s);
                out = s.getOutputStream();
            } else if (cmd.startsWith("AUTH PLAIN")) {
                String payload = line.length() > 11 ? line.substring(11).trim() : "";
                if (payload.isEmpty()) {
                    reply(out, "334 ");
                    payload = in.readLine();
                }
                log.add(where + "AUTH PLAIN " + new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8)
                        .replace('\0', '|'));
                reply(out, "235 2.7.0 ok");
            } else if (cmd.startsWith("AUTH LOGIN")) {
                reply(out, "334 VXNlcm5hbWU6");
                String user = new String(Base64.getDecoder().decode(in.readLine()), StandardCharsets.UTF_8);
                reply(out, "334 UGFzc3dvcmQ6");
                String password = new String(Base64.getDecoder().decode(in.readLine()), StandardCharsets.UTF_8);
                log.add(where + "AUTH LOGIN " + user + "|" + password);
                reply(out, "235 2.7.0 ok");
            } else if (cmd.startsWith("MAIL")) {
                log.add(where + line);
                reply(out, "250 2.1.0 ok");
            } else if (cmd.startsWith("RCPT")) {
                log.add(where + line);
                reply(out, rcptReply);
            } else if (cmd.equals("DATA")) {
                log.add(where + line);
                reply(out, "354 go on");
                StringBuilder data = new StringBuilder();
                for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                    data.append(d).append('\n');
                }
                messages.add(data.toString());
                reply(out, "250 2.0.0 queued");
            } else if (cmd.equals("QUIT")) {
                log.add(where + line);
                reply(out, "221 bye");
                return;
            } else {
                log.add(where + line);
                reply(out, cmd.equals("RSET") || cmd.equals("NOOP") ? "250 ok" : "502 5.5.2 not here");
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
    }
}
