package io.cutplan.service.spi;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling, as the host knows it: Confluence's SAL UserManager in the plugin, HTTP Basic in the standalone
 * host. Given the request's authenticated principal (null when anonymous; a host may know better and ignore it),
 * returns the username, or empty for an anonymous request. Roles and teams come from Cutplan's own users table,
 * and, where the host has a directory of its own ({@link #hostUser}: Confluence), also from the host's groups.
 */
public interface CallerSource {
    Optional<String> username(Principal requestPrincipal);

    /**
     * When the host keeps logins itself (the standalone host): the version ({@code updated_at}) of the stored
     * credential this request's login was checked against. Then the caller must be an active user whose credential
     * still has that version, else the request is 401: a password set again (by any process, the {@code --set-password}
     * command included) or a deactivation ends a remembered login at once, at no extra query. Empty (Confluence): the
     * host vouches for the login.
     */
    default Optional<Instant> credentialVersion(Principal requestPrincipal) {
        return Optional.empty();
    }

    /**
     * The request's user as the host's directory describes them, when the host has one (Confluence); then the user
     * is Cutplan's user without an administrator creating a row (see {@link HostUser}). Empty (the standalone
     * host, or an anonymous request): only {@link #username} counts and Cutplan's own rows decide.
     */
    default Optional<HostUser> hostUser(Principal requestPrincipal) {
        return Optional.empty();
    }

    /** Whether the host has groups a team can follow ({@code GET /me}'s {@code hostGroups}; Confluence: true). */
    default boolean hostGroups() {
        return false;
    }
}
