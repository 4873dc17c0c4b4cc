package io.cutplan.service.authoring;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.store.StoreException;
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The conflicts authoring reports, and a last line of defence: the services check uniqueness and usage before
 * writing, but a concurrent writer can still win the race, and then the database's constraint fires. That
 * must still be a 409 naming the problem, never a 500.
 */
final class AuthoringErrors {
    private AuthoringErrors() {
    }

    static DomainException duplicate(String field, String message) {
        return new DomainException(ErrorKind.CONFLICT, "duplicate", message, field, null);
    }

    static DomainException inUse(String message, Object details) {
        return new DomainException(ErrorKind.CONFLICT, "in_use", message, null, details);
    }

    static DomainException referenceMissing(String field, String what, Object id) {
        return DomainException.invalid(field, what + " " + id + " does not exist");
    }

    /**
     * Runs the transaction, turning a constraint violation that slipped past the checks into a precise 4xx. The
     * answer names the field, never the constraint or table (issue 15, finding 11).
     */
    static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            String constraint = constraint(e);
            switch (e.sqlState() == null ? "" : e.sqlState()) {
                case "23505" -> throw duplicate(fieldOf(constraint), "Another row already uses this value");
                case "23503" -> throw inUse("The row is still referenced elsewhere; nothing was changed", Map.of());
                case "23514", "23502", "22001" -> throw DomainException.invalid(fieldOf(constraint),
                        "A value is out of range or missing");
                default -> throw e;
            }
        }
    }

    private static String constraint(StoreException e) {
        if (e.getCause() instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null) {
                return m.getConstraint() != null ? m.getConstraint() : m.getColumn();
            }
        }
        return null;
    }

    /** "steps_plan_id_code_key" -> "code"; "users_username_key" -> "username". */
    private static String fieldOf(String constraint) {
        if (constraint == null) {
            return null;
        }
        String s = constraint.replaceAll("_(key|check|fkey)$", "");
        int cut = s.lastIndexOf('_');
        return cut < 0 ? s : s.substring(cut + 1);
    }
}
