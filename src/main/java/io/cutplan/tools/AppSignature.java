package io.cutplan.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom (in-house) app signatures for the Universal Plugin Manager, which checks them by default from UPM 8
 * (Confluence 10): an Ed25519 key, its X.509 certificate in UPM's {@code upmconfig/truststore}, and next to the app
 * jar a file {@code <jar>.sig} holding the base64 of the Ed25519 signature of the jar's bytes (the signature
 * Atlassian's "App signing troubleshooting" page verifies with {@code openssl pkeyutl -verify -pubin -rawin} after
 * base64-decoding it). See docs/install-confluence.md, "App signing".
 *
 * <p>JDK only (Ed25519 is in the JDK since 15; the certificate is made by the JDK's {@code keytool}), so it runs
 * without any build: {@code java src/main/java/io/cutplan/tools/AppSignature.java <command> ...} (single-file source
 * launch), from the standalone jar ({@code java -cp cutplan-standalone.jar io.cutplan.tools.AppSignature ...}), or
 * from Maven ({@code ./mvnw -Psign package}). Never part of the plugin bundles.
 *
 * <pre>
 * keygen --keystore FILE.p12 --cert FILE.crt --dname "CN=Cutplan app signing, O=Example Ltd" [--alias A] [--days N]
 * sign   --key FILE.p12|FILE.pem [--alias A] JAR...        writes JAR.sig
 * verify --cert FILE.crt JAR...                            checks JAR.sig
 * </pre>
 * Passwords (PKCS#12 keystore) come from the environment variable {@value #PASSWORD_ENV}, or are asked on the console;
 * never from the command line. A PEM key is an unencrypted PKCS#8 Ed25519 key, as {@code openssl genpkey -algorithm
 * ed25519} writes it.
 */
public final class AppSignature {
    public static final String PASSWORD_ENV = "CUTPLAN_SIGNING_PASSWORD";
    public static final String DEFAULT_ALIAS = "cutplan-app-signing";
    static final String ALGORITHM = "Ed25519";

    private AppSignature() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println("app-signature: " + e.getMessage());
            System.err.println("usage: keygen --keystore K.p12 --cert C.crt --dname \"CN=..., O=...\" [--alias A] [--days N]");
            System.err.println("       sign --key K.p12|K.pem [--alias A] JAR...   |   verify --cert C.crt JAR...");
            System.exit(2);
        }
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command is required");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                opts.put(a.substring(2), args.get(++i));
            } else {
                files.add(a);
            }
        }
        String alias = opts.getOrDefault("alias", DEFAULT_ALIAS);
        switch (args.get(0)) {
            case "keygen" -> {
                keygen(Path.of(required(opts, "keystore")), Path.of(required(opts, "cert")), required(opts, "dname"), alias,
                        Integer.parseInt(opts.getOrDefault("days", "1095")), password());
                System.out.println("Wrote " + opts.get("keystore") + " (private key, keep it safe) and " + opts.get("cert")
                        + " (certificate: copy it into UPM's upmconfig/truststore)");
                return 0;
            }
            case "sign" -> {
                requireFiles(files);
                Path key = Path.of(required(opts, "key"));
                PrivateKey privateKey = isPem(key) ? pemKey(key) : keystoreKey(key, alias, password());
                for (String f : files) {
                    Path sig = sign(Path.of(f), privateKey);
                    System.out.println("Wrote " + sig);
                }
                return 0;
            }
            case "verify" -> {
                requireFiles(files);
                X509Certificate cert = certificate(Path.of(required(opts, "cert")));
                int bad = 0;
                for (String f : files) {
                    boolean ok = verify(Path.of(f), signatureFile(Path.of(f)), cert);
                    System.out.println((ok ? "OK  " : "BAD ") + f);
                    bad += ok ? 0 : 1;
                }
                return bad == 0 ? 0 : 1;
            }
            default -> throw new IllegalArgumentException("unknown command " + args.get(0));
        }
    }

    /** {@code app.jar} -> {@code app.jar.sig}, beside it. */
    public static Path signatureFile(Path jar) {
        return jar.resolveSibling(jar.getFileName() + ".sig");
    }

    /** Signs the jar's bytes with Ed25519 and writes the base64 signature to {@code <jar>.sig}. */
    public static Path sign(Path jar, PrivateKey key) throws IOException, GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(Files.readAllBytes(jar));
        Path out = signatureFile(jar);
        Files.writeString(out, Base64.getEncoder().encodeToString(s.sign()), StandardCharsets.US_ASCII);
        return out;
    }

    /** Whether {@code sig} (base64) is a valid Ed25519 signature of the jar by the certificate's key. */
    public static boolean verify(Path jar, Path sig, X509Certificate cert) throws IOException, GeneralSecurityException {
        PublicKey key = cert.getPublicKey();
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(Files.readAllBytes(jar));
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(Files.readString(sig, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return s.verify(signature);
    }

    public static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /**
     * A new Ed25519 key and a self-signed certificate for it, made by the JDK's keytool: the key in a PKCS#12
     * keystore, the certificate as PEM (for UPM's trust store).
     */
    public static void keygen(Path keystore, Path cert, String dname, String alias, int days, char[] password)
            throws IOException, InterruptedException {
        if (Files.exists(keystore)) {
            throw new IllegalArgumentException(keystore + " exists already; refusing to overwrite a signing key");
        }
        String pass = new String(password);
        keytool(List.of("-genkeypair", "-alias", alias, "-keyalg", ALGORITHM, "-dname", dname, "-validity",
                Integer.toString(days), "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_ENV), pass);
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_ENV, "-file", cert.toString()), pass);
    }

    private static void keytool(List<String> args, String password) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output.strip());
        }
    }

    static PrivateKey keystoreKey(Path keystore, String alias, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        if (!(ks.getKey(alias, password) instanceof PrivateKey key)) {
            throw new IllegalArgumentException("no private key '" + alias + "' in " + keystore);
        }
        return key;
    }

    /** An unencrypted PKCS#8 PEM Ed25519 key ({@code openssl genpkey -algorithm ed25519 -out app-signing.key}). */
    static PrivateKey pemKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (text.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(pem + " is encrypted; decrypt it with openssl pkey first, or use a PKCS#12 keystore");
        }
        String body = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static boolean isPem(Path key) throws IOException {
        byte[] head = new byte[11];
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(key))) {
            return in.read(head) == head.length && new String(head, StandardCharsets.US_ASCII).equals("-----BEGIN ");
        }
    }

    private static char[] password() {
        String env = System.getenv(PASSWORD_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        if (System.console() == null) {
            throw new IllegalArgumentException("set " + PASSWORD_ENV + " (no console to ask for the keystore password)");
        }
        return System.console().readPassword("Keystore password: ");
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static void requireFiles(List<String> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("name at least one jar");
        }
    }
}
