package io.cutplan.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the caller can act on. {@code code} is a stable machine-readable identifier
 * (for example {@code stale_version}); {@code field} names the offending input where there is one;
 * {@code details} carries extra structured context (for example the current state on a conflict).
 */
public class DomainException extends RuntimeException {
    private final ErrorKind kind;
    private final String code;
    private final String field;
    private final transient Object details;

    public DomainException(ErrorKind kind, String code, String message, String field, Object details) {
        this(kind, code, message, field, details, null);
    }

    /** With the underlying failure kept as the cause, for logs; it never reaches a response. */
    public DomainException(ErrorKind kind, String code, String message, String field, Object details, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.field = field;
        this.details = details;
    }

    public DomainException(ErrorKind kind, String code, String message) {
        this(kind, code, message, null, null);
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(ErrorKind.INVALID, "invalid_input", message, field, null);
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(ErrorKind.NOT_FOUND, "not_found", what + " " + id + " does not exist",
                null, Map.of("type", what, "id", String.valueOf(id)));
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorKind.FORBIDDEN, "forbidden", message);
    }

    public static DomainException rule(String code, String message) {
        return new DomainException(ErrorKind.RULE_VIOLATION, code, message);
    }

    public static DomainException stale(String message, Object current) {
        return new DomainException(ErrorKind.CONFLICT, "stale_version", message, "expectedVersion", current);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Object details() {
        return details;
    }
}
