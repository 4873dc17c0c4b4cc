package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.StepInput;
import io.cutplan.service.authoring.AuthoringInputs.TaskInput;
import io.cutplan.service.authoring.StepService;
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
import jakarta.ws.rs.QueryParam;

/**
 * The canonical steps of a plan and the tasks of each step. Reads: every authenticated user; writes: ADMIN, with
 * an optional {@code If-Match: "<plan revision>"} (409 when the plan moved on).
 */
@LicensedOnly
@Path("/plans/{planId}/steps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanStepResource {
    private final StepService steps;
    private final TaskService tasks;
    private final Callers callers;

    @Inject
    public PlanStepResource(StepService steps, TaskService tasks, CallerService callers, CallerSource callerSource) {
        this.steps = steps;
        this.tasks = tasks;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @QueryParam("chapterId") String chapterIdText,
                         @QueryParam("offset") String offsetText, @QueryParam("limit") String limitText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID chapterId = Params.optionalUuid("chapterId", chapterIdText);
        Integer offset = Params.optionalInt("offset", offsetText);
        Integer limit = Params.optionalInt("limit", limitText);
        return callers.of(sc).as(caller -> Response.ok(steps.list(planId, chapterId, offset, limit)).build());
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") String planIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, StepInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            var step = steps.create(caller, planId, Params.ifMatch(ifMatch), in);
            return AuthoringHttp.created(uri, step.id(), step);
        });
    }

    @GET
    @Path("{stepId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("stepId") String stepIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID stepId = Params.uuid("stepId", stepIdText);
        return callers.of(sc).as(caller -> Response.ok(steps.get(planId, stepId)).build());
    }

    @PUT
    @Path("{stepId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("stepId") String stepIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, StepInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID stepId = Params.uuid("stepId", stepIdText);
        return callers.of(sc).as(caller -> Response.ok(steps.update(caller, planId, stepId, Params.ifMatch(ifMatch),
                in)).build());
    }

    @DELETE
    @Path("{stepId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("stepId") String stepIdText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID stepId = Params.uuid("stepId", stepIdText);
        return callers.of(sc).as(caller -> {
            steps.delete(caller, planId, stepId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{stepId}/tasks")
    public Response tasks(@Context SecurityContext sc, @PathParam("planId") String planIdText,
            @PathParam("stepId") String stepIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID stepId = Params.uuid("stepId", stepIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(tasks.tasks(planId, stepId))).build());
    }

    /** Creates a task; its Location is {@code /plans/{planId}/tasks/{taskId}}, where it is read and edited. */
    @POST
    @Path("{stepId}/tasks")
    public Response createTask(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") String planIdText,
                               @PathParam("stepId") String stepIdText, @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch,
                               TaskInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID stepId = Params.uuid("stepId", stepIdText);
        return callers.of(sc).as(caller -> {
            var task = tasks.createTask(caller, planId, stepId, Params.ifMatch(ifMatch), in);
            return Response.created(uri.getBaseUriBuilder().path("plans").path(planId.toString()).path("tasks")
                    .path(task.id().toString()).build()).entity(task).build();
        });
    }
}
