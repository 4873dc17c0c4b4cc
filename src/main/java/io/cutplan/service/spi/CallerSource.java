package io.cutplan.service.spi;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling, as the host knows it: Confluence's SAL UserManager in the plugin, HTTP Basic in the standalone
 * host. Given the request's authenticated principal (null when anonymous; a host may know better and ignore it),
 * returns the username, or empty for an anonymous request. Roles and teams come from Cutplan's own users table.
 */
public interface CallerSource {
    Optional<String> username(Principal requestPrincipal);
}
