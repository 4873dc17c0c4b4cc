package io.cutplan.api.authoring;

import io.cutplan.api.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.TaskInput;
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
 * A canonical task ({@code /plans/{planId}/tasks/{taskId}}; created under its step) and its links to controls.
 * Reads: every authenticated user; writes: ADMIN, with an optional {@code If-Match: "<plan revision>"}.
 */
@Path("/plans/{planId}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanTaskResource {
    private final TaskService tasks;
    private final CallerService callers;
    private final CallerSource callerSource;

    @Inject
    public PlanTaskResource(TaskService tasks, CallerService callers, CallerSource callerSource) {
        this.tasks = tasks;
        this.callers = callers;
        this.callerSource = callerSource;
    }

    private Caller caller(SecurityContext sc) {
        return Callers.of(callerSource, callers, sc);
    }

    @GET
    @Path("{taskId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId) {
        caller(sc);
        return Response.ok(tasks.task(planId, taskId)).build();
    }

    @PUT
    @Path("{taskId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, TaskInput in) {
        return Response.ok(tasks.updateTask(caller(sc), planId, taskId, AuthoringHttp.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{taskId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        tasks.deleteTask(caller(sc), planId, taskId, AuthoringHttp.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @PUT
    @Path("{taskId}/controls/{controlId}")
    public Response link(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                         @PathParam("controlId") UUID controlId, @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        return Response.ok(tasks.link(caller(sc), planId, taskId, controlId, AuthoringHttp.ifMatch(ifMatch))).build();
    }

    @DELETE
    @Path("{taskId}/controls/{controlId}")
    public Response unlink(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                           @PathParam("controlId") UUID controlId, @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        return Response.ok(tasks.unlink(caller(sc), planId, taskId, controlId, AuthoringHttp.ifMatch(ifMatch))).build();
    }
}
