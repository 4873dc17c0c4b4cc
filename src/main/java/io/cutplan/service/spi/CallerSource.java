package io.cutplan.service.spi;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling, as the host knows it: Confluence's SAL UserManager in the plugin, HTTP Basic in the standalone
 * host. Given the request's authenticated principal (null when anonymous; a host may know better and ignore it),
 * returns the username, or empty for an anonymous request. Roles and teams come from Cutplan's own users table.
 */
public interface CallerSource {
    Optional<String> username(Principal requestPrincipal);

    /**
     * When the host keeps logins itself (the standalone host): the version ({@code updated_at}) of the stored
     * credential this request's login was checked against. Then the caller must be an active user whose credential
     * still has that version, else the request is 401: a password set again (by any process, the {@code --set-password}
     * command included) or a deactivation ends a remembered login at once, at no extra query. Empty (Confluence): the
     * host vouches for the login, and a user Cutplan does not know may read.
     */
    default Optional<Instant> credentialVersion(Principal requestPrincipal) {
        return Optional.empty();
    }
}
