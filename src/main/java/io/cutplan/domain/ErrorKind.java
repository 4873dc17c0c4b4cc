package io.cutplan.domain;

/**
 * What went wrong, independent of any transport. The REST layer maps each kind to one HTTP status.
 */
public enum ErrorKind {
    /** Malformed or invalid input (a field is missing, has the wrong type or an impossible value). */
    INVALID,
    /** The caller may not do this. */
    FORBIDDEN,
    /** The caller is not authenticated where authentication is required. */
    UNAUTHENTICATED,
    /** An id names nothing. */
    NOT_FOUND,
    /** The caller's expected version is stale, or the row changed under it. */
    CONFLICT,
    /** The input is well-formed but breaks a business rule (a gate, a cycle, a forbidden transition). */
    RULE_VIOLATION,
    /** The payload is larger than the limit. */
    TOO_LARGE,
    /** The database or another dependency cannot be reached right now. */
    UNAVAILABLE
}
