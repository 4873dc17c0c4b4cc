package io.cutplan.host.standalone;

import io.cutplan.service.spi.CallerSource;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * The caller is whoever {@link BasicAuthFilter} authenticated for this request; the credential version it checked
 * travels along, so a remembered login ends as soon as the password is set again or the user deactivated.
 */
final class StandaloneCallerSource implements CallerSource {
    @Override
    public Optional<String> username(Principal requestPrincipal) {
        return Optional.ofNullable(requestPrincipal).map(Principal::getName);
    }

    @Override
    public Optional<Instant> credentialVersion(Principal requestPrincipal) {
        return requestPrincipal instanceof BasicAuthFilter.LoginPrincipal login
                ? Optional.of(login.credentialVersion()) : Optional.empty();
    }
}
