package io.cutplan.api;

import io.cutplan.domain.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one parser of path, query and header parameters for every resource. Resources declare parameters as
 * {@code String} and parse them here, never through JAX-RS conversion (which answers a bad value with a bare 404):
 * a malformed value is always a 400 {@code invalid_input} whose {@code field} names the parameter; a well-formed id
 * of nothing is the service's 404. Surrounding blanks are ignored; enum values are matched case-insensitively,
 * everywhere.
 */
public final class Params {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    /** A required id. */
    public static UUID uuid(String name, String value) {
        if (absent(value)) {
            throw DomainException.invalid(name, "'" + name + "' is required (a UUID)");
        }
        String v = value.strip();
        if (!UUID_TEXT.matcher(v).matches()) {
            throw DomainException.invalid(name, "'" + name + "' must be a UUID");
        }
        return UUID.fromString(v);
    }

    /** An optional id: absent or empty is null. */
    public static UUID optionalUuid(String name, String value) {
        return absent(value) ? null : uuid(name, value);
    }

    /** An optional comma-separated list of ids ({@code a,b,c}); absent or empty is null; any bad id is a 400 naming the field. */
    public static java.util.List<UUID> optionalUuidList(String name, String value) {
        if (absent(value)) {
            return null;
        }
        java.util.List<UUID> out = new java.util.ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (part.isBlank() || !UUID_TEXT.matcher(part.strip()).matches()) {
                throw DomainException.invalid(name, "'" + name + "' must be a comma-separated list of UUIDs");
            }
            out.add(UUID.fromString(part.strip()));
        }
        return java.util.List.copyOf(out);
    }

    public static Long optionalLong(String name, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, "'" + name + "' must be a whole number");
        }
    }

    /** An optional whole number that fits an int (offsets, limits); the service checks its range. */
    public static Integer optionalInt(String name, String value) {
        Long v = optionalLong(name, value);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw DomainException.invalid(name, "'" + name + "' is out of range");
        }
        return v.intValue();
    }

    /** {@code true}/{@code false} (also 1/0, yes/no, any case); absent is false; anything else is a 400. */
    public static boolean flag(String name, String value) {
        if (absent(value)) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw DomainException.invalid(name, "'" + name + "' must be true or false");
        };
    }

    /** An optional enum constant, matched case-insensitively ({@code ready} is {@code READY}). */
    public static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        if (absent(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name, "'" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * The plan revision a client expects, from {@code If-Match: "12"} (quotes and a weak prefix are tolerated);
     * null when the header is absent or {@code *}.
     */
    public static Long ifMatch(String header) {
        if (absent(header) || header.strip().equals("*")) {
            return null;
        }
        String s = header.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        s = s.replace("\"", "");
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "If-Match must be a plan revision such as \"12\"");
        }
    }

    /** A required JSON body. */
    public static <T> T body(T body) {
        if (body == null) {
            throw DomainException.invalid(null, "A JSON object body is required");
        }
        return body;
    }

    private static boolean absent(String value) {
        return value == null || value.isBlank();
    }
}
