package io.cutplan.store;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;

/** The database cannot be reached or refused the connection; callers answer 503 and may retry. */
public final class DatabaseUnavailableException extends DomainException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, "database_unavailable", message, null, null, cause);
    }
}
