package io.cutplan.api;

import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.spi.HostUser;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way a resource learns who calls: {@code callers.of(sc).as(caller -> service.useCase(caller, ...))}. The
 * host names the user ({@link CallerSource}; in Confluence it describes them, {@link HostUser}, and the user's row is
 * created or kept current), Cutplan's users table gives role and teams ({@link CallerService}), and
 * the lookup and the use case share one pooled connection. No username is a 401 before any database work.
 * A resource builds one in its constructor from the two objects both hosts inject.
 *
 * <p>Why two steps ({@code of} then {@code as}): the generic method must not name a JAX-RS type, or the Eclipse
 * Transformer leaves a {@code jakarta} generic signature behind in the Confluence 9.2 jar (BundleContentTest).
 */
public final class Callers {
    private final CallerSource source;
    private final CallerService callers;

    public Callers(CallerSource source, CallerService callers) {
        this.source = source;
        this.callers = callers;
    }

    /** The caller of this request, still to be looked up by {@link RequestCaller#as}. */
    public RequestCaller of(SecurityContext securityContext) {
        return new RequestCaller(securityContext == null ? null : securityContext.getUserPrincipal());
    }

    /** One request's caller: run its use case with {@link #as}. */
    public final class RequestCaller {
        private final Principal principal;

        private RequestCaller(Principal principal) {
            this.principal = principal;
        }

        /** Runs the use case as the request's caller and returns its answer. */
        public <T> T as(Function<Caller, T> useCase) {
            Optional<HostUser> hostUser = source.hostUser(principal);
            if (hostUser.isPresent()) {
                return callers.asHostUser(hostUser.get(), useCase);
            }
            return callers.as(source.username(principal), source.credentialVersion(principal), useCase);
        }
    }
}
