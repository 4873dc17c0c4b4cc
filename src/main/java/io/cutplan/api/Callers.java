package io.cutplan.api;

import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import jakarta.ws.rs.core.SecurityContext;

/** Resolves the {@link Caller} of a request: the host says who it is, the users table says what they may do. */
final class Callers {
    private Callers() {
    }

    static Caller of(CallerSource source, CallerService callers, SecurityContext securityContext) {
        return callers.resolve(source.username(securityContext));
    }
}
