package io.cutplan.api;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Who is calling, as the host knows it: Confluence's SAL UserManager in the plugin, HTTP Basic in the
 * standalone host. Returns the username, or empty for an anonymous request.
 */
public interface CallerSource {
    Optional<String> username(SecurityContext securityContext);
}
