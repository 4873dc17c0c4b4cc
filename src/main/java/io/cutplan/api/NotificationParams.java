package io.cutplan.api;

import io.cutplan.domain.DomainException;
import java.util.UUID;

/** Parses path and query parameters into precise errors instead of the JAX-RS defaults (plain 404s). */
final class NotificationParams {
    private NotificationParams() {
    }

    /** A path id: a malformed one names nothing, so 404. */
    static UUID uuid(String what, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound(what, value);
        }
    }

    /** A query parameter that must be a UUID: 400 naming it. */
    static UUID uuidField(String field, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, field + " must be a UUID");
        }
    }

    static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, field + " must be an integer");
        }
    }
}
