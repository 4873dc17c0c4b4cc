package io.cutplan.service;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.store.Database;
import io.cutplan.store.UserDao;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the host's username into a {@link Caller} with role and teams. A request does this with {@link #as}: the
 * lookup and the use case share one pooled connection (see {@link io.cutplan.store.Transactor#onOneConnection}).
 */
public final class CallerService {
    private final Database database;

    public CallerService(Database database) {
        this.database = database;
    }

    /**
     * Runs one request's use case as its caller: resolves the username, then hands the caller to {@code useCase},
     * whose transactions reuse the connection the lookup used, so the request checks out one connection.
     */
    public <T> T as(Optional<String> username, Function<Caller, T> useCase) {
        return as(username, Optional.empty(), useCase);
    }

    /**
     * As {@link #as(Optional, Function)}, for a login the host checked against the credential of the given version
     * (see {@link io.cutplan.service.spi.CallerSource#credentialVersion}): unless that user is still active with that
     * credential, the request is 401 {@code login_expired}.
     */
    public <T> T as(Optional<String> username, Optional<Instant> credentialVersion, Function<Caller, T> useCase) {
        String name = requireUsername(username);
        return database.transactor().onOneConnection(() -> useCase.apply(credentialVersion.isPresent()
                ? loggedIn(name, credentialVersion.get()) : lookup(name)));
    }

    private Caller loggedIn(String name, Instant credentialVersion) {
        return database.transactor().readOnly(c -> UserDao.findCaller(c, name, credentialVersion)).orElseThrow(() ->
                new DomainException(ErrorKind.UNAUTHENTICATED, "login_expired",
                        "This login is no longer valid (the password was changed or the user deactivated); log in again"));
    }

    /** The caller for a username, outside a request (tests, tools); no username at all is unauthenticated (401). */
    public Caller resolve(Optional<String> username) {
        return lookup(requireUsername(username));
    }

    private static String requireUsername(Optional<String> username) {
        return username.filter(u -> !u.isBlank()).orElseThrow(() ->
                new DomainException(ErrorKind.UNAUTHENTICATED, "authentication_required", "Log in to use Cutplan"));
    }

    private Caller lookup(String name) {
        return database.transactor().readOnly(c -> UserDao.findCaller(c, name)).orElseGet(() -> Caller.unknown(name));
    }
}
