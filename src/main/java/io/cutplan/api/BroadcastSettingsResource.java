package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.broadcast.BroadcastService;
import io.cutplan.service.broadcast.BroadcastSettings;
import io.cutplan.service.broadcast.BroadcastSettingsUpdate;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * {@code GET/PUT /iterations/{id}/broadcast-settings}: the stakeholder list and the hourly summary. Pilots and
 * administrators change them and see the addresses; every other reader sees the number of stakeholders only.
 */
@LicensedOnly
@Path("/iterations/{id}/broadcast-settings")
@Produces(MediaType.APPLICATION_JSON)
public class BroadcastSettingsResource {
    private final BroadcastService broadcasts;
    private final Callers callers;

    @Inject
    public BroadcastSettingsResource(BroadcastService broadcasts, CallerService callers, CallerSource callerSource) {
        this.broadcasts = broadcasts;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public BroadcastSettings settings(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> broadcasts.settings(caller, iterationId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public BroadcastSettings updateSettings(@Context SecurityContext sc, @PathParam("id") String id, BroadcastSettingsUpdate body) {
        UUID iterationId = Params.uuid("id", id);
        BroadcastSettingsUpdate b = Params.body(body);
        return callers.of(sc).as(caller -> broadcasts.updateSettings(caller, iterationId, b));
    }
}
