package io.cutplan.host.standalone;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 password hashes in the form {@code pbkdf2$iterations$salt$hash} (JDK only). */
public final class PasswordHasher {
    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when a user name is unknown, so an unknown user costs the same PBKDF2 work as a known one. */
    private static final String DUMMY = hash(Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong()));
    /** Password checks run so far (all of them, the dummy's too): a test counts them instead of timing logins. */
    static final java.util.concurrent.atomic.AtomicLong VERIFICATIONS = new java.util.concurrent.atomic.AtomicLong();

    private PasswordHasher() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /**
     * Checks a login: the stored hash when the user has one, else the dummy hash with the same parameters and then
     * false, so the answer takes as long for an unknown user as for a known one with a wrong password.
     */
    public static boolean matchesOrDummy(String password, java.util.Optional<String> stored) {
        boolean ok = matches(password, stored.filter(PasswordHasher::wellFormed).orElse(DUMMY));
        return ok && stored.isPresent();
    }

    private static boolean wellFormed(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length == 4 && parts[0].equals("pbkdf2");
    }

    public static boolean matches(String password, String stored) {
        VERIFICATIONS.incrementAndGet();
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2")) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
