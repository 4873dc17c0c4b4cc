package io.cutplan.api;

import io.cutplan.domain.Caller;
import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Dashboard ETags: the iteration's change version, a digest of the caller's rights (role and teams decide the
 * offered actions, so two users never share a cached answer) and the late token of the forecast the {@code late}
 * flags come from (so a flag that flipped with the clock alone ends the 304s, and the client's next If-None-Match
 * says which flags it holds). Forecast ETags: version, basis and the instant it was computed at. Weak: both answers
 * are derived views that move with the clock.
 */
final class ETags {
    private ETags() {
    }

    /** The dashboard's ETag value: {@code v{version}-{rights digest}-l{late token}}. */
    static String of(long version, Caller caller, String lateToken) {
        return of(version, caller) + "-l" + lateToken;
    }

    /** The late token of the first dashboard ETag in an If-None-Match list (null when none carries one). */
    static String lateToken(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return null;
        }
        for (String part : ifNoneMatch.split(",")) {
            java.util.regex.Matcher m = DASHBOARD_TAG.matcher(part.strip());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern DASHBOARD_TAG =
            java.util.regex.Pattern.compile("(?:W/)?\"v\\d+-[0-9a-f]{12}-l([0-9a-f]{1,16}\\.\\d{1,18})\"");

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
