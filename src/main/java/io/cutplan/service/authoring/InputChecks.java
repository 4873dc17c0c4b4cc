package io.cutplan.service.authoring;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validation of request fields: every failure is a 400 naming the field. Text is trimmed of white space and of
 * invisible characters at both ends ({@link Text#stripInvisible}): text of only NBSP or zero-width characters is
 * blank (required: refused; optional: null). Bidirectional controls are refused in every text field
 * ({@link Text#requireNoBidiControls}).
 */
final class InputChecks {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    static final int MAX_DESCRIPTION = 20_000;

    private InputChecks() {
    }

    static String required(String value, String field, int max) {
        // Bidi controls first: they are invisible, and trimming would hide one at either end.
        Text.requireNoBidiControls(value, field);
        String s = value == null ? "" : Text.stripInvisible(value);
        if (s.isEmpty()) {
            throw DomainException.invalid(field, value == null || value.isEmpty() ? field + " is required"
                    : field + " is required (it holds only white space or invisible characters)");
        }
        if (s.length() > max) {
            throw DomainException.invalid(field, field + " is longer than " + max + " characters");
        }
        if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            throw DomainException.invalid(field, field + " must be a single line without control characters");
        }
        return s;
    }

    static String optional(String value, String field, int max) {
        Text.requireNoBidiControls(value, field);
        if (Text.visiblyBlank(value)) {
            return null;
        }
        String s = Text.stripInvisible(value);
        if (s.length() > max) {
            throw DomainException.invalid(field, field + " is longer than " + max + " characters");
        }
        return s;
    }

    /** A short identifier: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64. */
    static String code(String value, String field) {
        String s = value == null ? "" : value.strip();
        if (!CODE.matcher(s).matches()) {
            throw DomainException.invalid(field, field + " must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit)");
        }
        return s;
    }

    static String email(String value, String field) {
        String s = optional(value, field, 254);
        if (s != null && !EMAIL.matcher(s).matches()) {
            throw DomainException.invalid(field, field + " is not an e-mail address");
        }
        return s;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw DomainException.invalid(field, field + " is required");
        }
        return value;
    }

    static int range(Integer value, String field, int min, int max) {
        if (value == null) {
            throw DomainException.invalid(field, field + " is required");
        }
        if (value < min || value > max) {
            throw DomainException.invalid(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    static Integer position(Integer value, String field) {
        if (value != null && value < 0) {
            throw DomainException.invalid(field, field + " must be 0 or more");
        }
        return value;
    }

    /** Distinct ids in their given order; a null element is refused. */
    static List<UUID> ids(List<UUID> ids, String field) {
        if (ids == null) {
            return null;
        }
        if (ids.size() > 1000) {
            throw DomainException.invalid(field, field + " may hold at most 1000 ids");
        }
        for (UUID id : ids) {
            if (id == null) {
                throw DomainException.invalid(field, field + " must not contain null");
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    /** Paging parameters: offset 0 or more, limit 1..max (default when absent). */
    static int[] paging(Integer offset, Integer limit, int defaultLimit, int maxLimit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null ? defaultLimit : limit;
        if (o < 0) {
            throw DomainException.invalid("offset", "offset must be 0 or more");
        }
        if (l < 1 || l > maxLimit) {
            throw DomainException.invalid("limit", "limit must be between 1 and " + maxLimit);
        }
        return new int[] {o, l};
    }
}
