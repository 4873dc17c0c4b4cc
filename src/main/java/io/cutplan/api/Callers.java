package io.cutplan.api;

import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.function.Function;

/**
 * The one way a resource learns who calls: {@code callers.from(sc).as(caller -> service.useCase(caller, ...))}. The
 * host names the user ({@link CallerSource}), Cutplan's users table gives role and teams ({@link CallerService}), and
 * the lookup and the use case share one pooled connection. No username is a 401 before any database work.
 * A resource builds one in its constructor from the two objects both hosts inject.
 *
 * <p>Why two steps rather than {@code as(sc, useCase)}: a generic method whose signature names
 * {@code SecurityContext} keeps a stale {@code jakarta/} signature constant after the Eclipse Transformer derives the
 * Confluence 9.2 jar, which must name {@code javax.*} only. Only the non-generic {@link #from} sees the JAX-RS type.
 */
public final class Callers {
    private final CallerSource source;
    private final CallerService callers;

    public Callers(CallerSource source, CallerService callers) {
        this.source = source;
        this.callers = callers;
    }

    /** The request's caller, still to be looked up: the lookup happens with the use case, in {@link Request#as}. */
    public Request from(SecurityContext securityContext) {
        return new Request(securityContext == null ? null : securityContext.getUserPrincipal());
    }

    /** One request's user, named by the host. */
    public final class Request {
        private final Principal user;

        private Request(Principal user) {
            this.user = user;
        }

        /** Runs the use case as this request's caller and returns its answer. */
        public <T> T as(Function<Caller, T> useCase) {
            return callers.as(source.username(user), useCase);
        }
    }
}
