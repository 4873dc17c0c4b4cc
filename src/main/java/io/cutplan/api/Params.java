package io.cutplan.api;

import io.cutplan.domain.DomainException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters parsed by hand, so a malformed one is a 400 that names it. */
final class Params {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw DomainException.invalid(name, "'" + name + "' must be a UUID");
        }
        return UUID.fromString(value);
    }

    static UUID optionalUuid(String name, String value) {
        return value == null || value.isEmpty() ? null : uuid(name, value);
    }

    static Long optionalLong(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, "'" + name + "' must be a whole number");
        }
    }

    static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name, "'" + name + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    static <T> T body(T body) {
        if (body == null) {
            throw DomainException.invalid(null, "A JSON object body is required");
        }
        return body;
    }
}
