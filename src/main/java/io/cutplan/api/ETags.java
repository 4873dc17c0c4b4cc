package io.cutplan.api;

import io.cutplan.domain.Caller;
import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Dashboard ETags: the iteration's change version plus a digest of the caller's rights (role and teams decide the
 * offered actions), so two users never share a cached answer. Weak, because the late flags follow the clock.
 */
final class ETags {
    private ETags() {
    }

    static String of(long version, Caller caller) {
        String rights = caller.username() + "|" + caller.role() + "|" + new TreeSet<>(caller.teamIds().stream().map(Object::toString).toList());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(rights.getBytes(StandardCharsets.UTF_8));
            return "v" + version + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static EntityTag entityTag(String value) {
        return new EntityTag(value, true);
    }

    /** Weak comparison against a comma-separated If-None-Match list. */
    static boolean matches(String ifNoneMatch, String value) {
        for (String part : ifNoneMatch.split(",")) {
            String t = part.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
