package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.ControlInput;
import io.cutplan.service.authoring.TaskService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/**
 * The controls of a canonical plan. Reads: every authenticated user; writes: ADMIN, with an optional
 * {@code If-Match: "<plan revision>"}.
 */
@LicensedOnly
@Path("/plans/{planId}/controls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanControlResource {
    private final TaskService tasks;
    private final Callers callers;

    @Inject
    public PlanControlResource(TaskService tasks, CallerService callers, CallerSource callerSource) {
        this.tasks = tasks;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @PathParam("planId") String planIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(tasks.controls(planId))).build());
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") String planIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, ControlInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            var control = tasks.createControl(caller, planId, Params.ifMatch(ifMatch), in);
            return AuthoringHttp.created(uri, control.id(), control);
        });
    }

    @GET
    @Path("{controlId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("controlId") String controlIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID controlId = Params.uuid("controlId", controlIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.control(planId, controlId)).build());
    }

    @PUT
    @Path("{controlId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("controlId") String controlIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, ControlInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID controlId = Params.uuid("controlId", controlIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.updateControl(caller, planId, controlId, Params.ifMatch(ifMatch),
                in)).build());
    }

    @DELETE
    @Path("{controlId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("controlId") String controlIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID controlId = Params.uuid("controlId", controlIdText);
        return callers.of(sc).as(caller -> {
            tasks.deleteControl(caller, planId, controlId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }
}
