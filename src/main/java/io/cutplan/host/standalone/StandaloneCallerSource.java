package io.cutplan.host.standalone;

import io.cutplan.api.CallerSource;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/** The caller is whoever {@link BasicAuthFilter} authenticated for this request. */
final class StandaloneCallerSource implements CallerSource {
    @Override
    public Optional<String> username(SecurityContext securityContext) {
        return Optional.ofNullable(securityContext).map(SecurityContext::getUserPrincipal).map(Principal::getName);
    }
}
