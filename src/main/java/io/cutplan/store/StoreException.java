package io.cutplan.store;

import java.sql.SQLException;

/** An unexpected database failure (a bug or a broken invariant), reported as an internal error. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("Database error " + cause.getSQLState() + ": " + cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
