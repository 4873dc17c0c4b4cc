package io.cutplan.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, Deliver 2: a key and self-signed certificate for an organisation that has none, a {@code <jar>.sig} made
 * with it, verified with the certificate here and, where openssl is installed, with exactly the commands of
 * Atlassian's "App signing troubleshooting" page (public key from the certificate, base64-decoded signature,
 * {@code openssl pkeyutl -verify -pubin -rawin}). A changed jar fails both checks.
 */
class AppSignatureTest {
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    Path dir;

    private Path jar() throws Exception {
        Path jar = dir.resolve("cutplan-confluence10-1.2.3.jar");
        Path built = Path.of(System.getProperty("cutplan.bundle.confluence10", "missing"));
        if (Files.isRegularFile(built)) {
            Files.copy(built, jar);
        } else {
            byte[] bytes = new byte[200_000];
            new java.util.Random(7).nextBytes(bytes);
            Files.write(jar, bytes);
        }
        return jar;
    }

    @Test
    void keygenSignAndVerifyWithTheCertificate() throws Exception {
        Path keystore = dir.resolve("signing.p12");
        Path cert = dir.resolve("signing.crt");
        AppSignature.keygen(keystore, cert, "CN=Cutplan app signing, O=Example Ltd", AppSignature.DEFAULT_ALIAS, 30, PASSWORD);
        X509Certificate certificate = AppSignature.certificate(cert);
        assertThat(certificate.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(certificate.getSubjectX500Principal().getName()).contains("O=Example Ltd");
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");

        Path jar = jar();
        PrivateKey key = AppSignature.keystoreKey(keystore, AppSignature.DEFAULT_ALIAS, PASSWORD);
        Path sig = AppSignature.sign(jar, key);
        assertThat(sig.getFileName().toString()).isEqualTo("cutplan-confluence10-1.2.3.jar.sig");
        String text = Files.readString(sig, StandardCharsets.US_ASCII);
        assertThat(Base64.getDecoder().decode(text)).as("base64 of a raw 64-byte Ed25519 signature").hasSize(64);
        assertThat(AppSignature.verify(jar, sig, certificate)).isTrue();
        assertThat(AppSignature.run(List.of("verify", "--cert", cert.toString(), jar.toString()))).isZero();

        openssl(cert, jar, sig, true);
        byte[] changed = Files.readAllBytes(jar);
        changed[changed.length / 2] ^= 1;
        Files.write(jar, changed);
        assertThat(AppSignature.verify(jar, sig, certificate)).as("a changed jar").isFalse();
        openssl(cert, jar, sig, false);
    }

    /** Atlassian's OpenSSL route for the key (openssl genpkey -algorithm ed25519) works with this tool too. */
    @Test
    void signsWithAnOpensslEd25519Key() throws Exception {
        assumeThat(opensslPresent()).as("openssl installed").isTrue();
        Path key = dir.resolve("app-signing.key");
        Path cert = dir.resolve("app-signing.crt");
        exec("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
        exec("openssl", "req", "-new", "-x509", "-key", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=Cutplan test/O=Example Ltd");
        Path jar = jar();
        assertThat(AppSignature.run(List.of("sign", "--key", key.toString(), jar.toString()))).isZero();
        assertThat(AppSignature.verify(jar, AppSignature.signatureFile(jar), AppSignature.certificate(cert))).isTrue();
        openssl(cert, jar, AppSignature.signatureFile(jar), true);
    }

    private void openssl(Path cert, Path jar, Path sig, boolean expectValid) throws Exception {
        if (!opensslPresent()) {
            return;
        }
        Path pub = dir.resolve("public_key.pem");
        Path raw = dir.resolve("signature.bin");
        Files.writeString(pub, exec("openssl", "x509", "-in", cert.toString(), "-noout", "-pubkey").output());
        Files.write(raw, Base64.getDecoder().decode(Files.readString(sig).strip()));
        Result r = run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", jar.toString(),
                "-sigfile", raw.toString());
        assertThat(r.exit() == 0).as("openssl verify: " + r.output()).isEqualTo(expectValid);
        if (expectValid) {
            assertThat(r.output()).contains("Signature Verified Successfully");
        }
    }

    private static boolean opensslPresent() {
        try {
            return run("openssl", "version").exit() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    record Result(int exit, String output) {
    }

    private static Result exec(String... command) throws Exception {
        Result r = run(command);
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r.output()).isZero();
        return r;
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out + err);
    }
}
