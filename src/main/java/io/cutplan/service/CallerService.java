package io.cutplan.service;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.store.Database;
import io.cutplan.store.UserDao;
import java.util.Optional;

/** Turns the host's username into a {@link Caller} with role and teams. */
public final class CallerService {
    private final Database database;

    public CallerService(Database database) {
        this.database = database;
    }

    /** The caller for a username; no username at all is an unauthenticated request (401). */
    public Caller resolve(Optional<String> username) {
        String name = username.filter(u -> !u.isBlank()).orElseThrow(() ->
                new DomainException(ErrorKind.UNAUTHENTICATED, "authentication_required", "Log in to use Cutplan"));
        return database.transactor().readOnly(c -> UserDao.findCaller(c, name)).orElseGet(() -> Caller.unknown(name));
    }
}
