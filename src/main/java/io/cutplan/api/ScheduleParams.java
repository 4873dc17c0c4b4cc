package io.cutplan.api;

import io.cutplan.domain.DomainException;
import java.util.Locale;
import java.util.UUID;

/** Path and query parameters of the schedule resources, parsed here so a bad one is a 400 naming it. */
final class ScheduleParams {
    private ScheduleParams() {
    }

    static UUID uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field, field + " is required (an iteration id)");
        }
        try {
            UUID id = UUID.fromString(value.strip());
            if (!id.toString().equalsIgnoreCase(value.strip())) {
                throw new IllegalArgumentException("not canonical");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, field + " must be a UUID");
        }
    }

    /** {@code true}/{@code false} (absent is false); anything else is a 400. */
    static boolean flag(String value, String field) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw DomainException.invalid(field, field + " must be true or false");
        };
    }
}
