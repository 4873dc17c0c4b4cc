package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.Caller;
import io.cutplan.domain.Role;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /me}: who the caller is to Cutplan (role, teams, whether Cutplan knows them). Pages that are not about one
 * iteration (the plan editor, the import wizard) use it to offer only what the caller may do; the services still
 * check every write.
 */
@LicensedOnly
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final Callers callers;
    private final boolean hostGroups;

    @Inject
    public MeResource(CallerService callers, CallerSource callerSource) {
        this.callers = new Callers(callerSource, callers);
        this.hostGroups = callerSource.hostGroups();
    }

    /**
     * The caller as the page sees it; {@code role} is null for a user Cutplan does not know (read only).
     * {@code hostGroups}: the host has groups a team can follow (Confluence), so the admin view offers the link.
     */
    public record Me(UUID userId, String username, String displayName, boolean known, Role role, boolean admin,
                     boolean pilot, List<UUID> teamIds, boolean hostGroups) {
        static Me of(Caller c, boolean hostGroups) {
            return new Me(c.userId(), c.username(), c.displayName(), c.known(), c.role(), c.isAdmin(), c.isPilot(),
                    c.teamIds().stream().sorted().toList(), hostGroups);
        }
    }

    @GET
    public Response get(@Context SecurityContext sc) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(callers.of(sc).as(c -> Me.of(c, hostGroups))).cacheControl(noStore).build();
    }
}
