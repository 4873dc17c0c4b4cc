package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.broadcast.BroadcastList;
import io.cutplan.service.broadcast.BroadcastRequest;
import io.cutplan.service.broadcast.BroadcastService;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * {@code GET/POST /iterations/{id}/broadcasts}: pilots and administrators post a status update to the iteration's
 * stakeholders; every reader lists them, newest first. The settings are {@link BroadcastSettingsResource}.
 */
@LicensedOnly
@Path("/iterations/{id}/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
public class BroadcastResource {
    private final BroadcastService broadcasts;
    private final Callers callers;

    @Inject
    public BroadcastResource(BroadcastService broadcasts, CallerService callers, CallerSource callerSource) {
        this.broadcasts = broadcasts;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public BroadcastList list(@Context SecurityContext sc, @PathParam("id") String id,
                              @QueryParam("beforeVersion") String beforeVersion, @QueryParam("limit") String limit) {
        UUID iterationId = Params.uuid("id", id);
        Long before = Params.optionalLong("beforeVersion", beforeVersion);
        Integer max = Params.optionalInt("limit", limit);
        return callers.of(sc).as(caller -> broadcasts.list(caller, iterationId, before, max));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@Context SecurityContext sc, @PathParam("id") String id, BroadcastRequest body) {
        UUID iterationId = Params.uuid("id", id);
        BroadcastRequest b = Params.body(body);
        return callers.of(sc).as(caller -> Response.status(201).entity(broadcasts.post(caller, iterationId, b)).build());
    }
}
