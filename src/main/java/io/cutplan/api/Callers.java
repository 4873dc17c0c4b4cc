package io.cutplan.api;

import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Function;

/**
 * The one way a resource learns who calls: {@code callers.as(sc, caller -> service.useCase(caller, ...))}. The host
 * names the user ({@link CallerSource}), Cutplan's users table gives role and teams ({@link CallerService}), and
 * the lookup and the use case share one pooled connection. No username is a 401 before any database work.
 * A resource builds one in its constructor from the two objects both hosts inject.
 */
public final class Callers {
    private final CallerSource source;
    private final CallerService callers;

    public Callers(CallerSource source, CallerService callers) {
        this.source = source;
        this.callers = callers;
    }

    /** Runs the use case as the request's caller and returns its answer. */
    public <T> T as(SecurityContext securityContext, Function<Caller, T> useCase) {
        return callers.as(source.username(securityContext == null ? null : securityContext.getUserPrincipal()), useCase);
    }
}
