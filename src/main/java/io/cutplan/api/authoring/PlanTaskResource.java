package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.TaskInput;
import io.cutplan.service.authoring.TaskService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * A canonical task ({@code /plans/{planId}/tasks/{taskId}}; created under its step) and its links to controls.
 * Reads: every authenticated user; writes: ADMIN, with an optional {@code If-Match: "<plan revision>"}.
 */
@LicensedOnly
@Path("/plans/{planId}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanTaskResource {
    private final TaskService tasks;
    private final Callers callers;

    @Inject
    public PlanTaskResource(TaskService tasks, CallerService callers, CallerSource callerSource) {
        this.tasks = tasks;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    @Path("{taskId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("taskId") String taskIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID taskId = Params.uuid("taskId", taskIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.task(planId, taskId)).build());
    }

    @PUT
    @Path("{taskId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("taskId") String taskIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, TaskInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID taskId = Params.uuid("taskId", taskIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.updateTask(caller, planId, taskId, Params.ifMatch(ifMatch),
                in)).build());
    }

    @DELETE
    @Path("{taskId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("taskId") String taskIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID taskId = Params.uuid("taskId", taskIdText);
        return callers.of(sc).as(caller -> {
            tasks.deleteTask(caller, planId, taskId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("{taskId}/controls/{controlId}")
    public Response link(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("taskId") String taskIdText,
                         @PathParam("controlId") String controlIdText, @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID taskId = Params.uuid("taskId", taskIdText);
        UUID controlId = Params.uuid("controlId", controlIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.link(caller, planId, taskId, controlId,
                Params.ifMatch(ifMatch))).build());
    }

    @DELETE
    @Path("{taskId}/controls/{controlId}")
    public Response unlink(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("taskId") String taskIdText,
                           @PathParam("controlId") String controlIdText,
                                   @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID taskId = Params.uuid("taskId", taskIdText);
        UUID controlId = Params.uuid("controlId", controlIdText);
        return callers.of(sc).as(caller -> Response.ok(tasks.unlink(caller, planId, taskId, controlId,
                Params.ifMatch(ifMatch))).build());
    }
}
