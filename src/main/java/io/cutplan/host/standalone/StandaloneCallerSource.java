package io.cutplan.host.standalone;

import io.cutplan.service.spi.CallerSource;
import java.security.Principal;
import java.util.Optional;

/** The caller is whoever {@link BasicAuthFilter} authenticated for this request. */
final class StandaloneCallerSource implements CallerSource {
    @Override
    public Optional<String> username(Principal requestPrincipal) {
        return Optional.ofNullable(requestPrincipal).map(Principal::getName);
    }
}
