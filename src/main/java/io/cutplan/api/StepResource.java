package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.runbook.RunbookService;
import io.cutplan.service.runbook.TransitionCommand;
import io.cutplan.service.runbook.RunbookViews;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/** One step instance of an iteration: its detail, its status moves and its comments. {@code stepId} is the instance id. */
@LicensedOnly
@Path("/iterations/{id}/steps")
@Produces(MediaType.APPLICATION_JSON)
public class StepResource {
    private final RunbookService runbook;
    private final RunbookQueries queries;
    private final Callers callers;

    @Inject
    public StepResource(RunbookService runbook, RunbookQueries queries, CallerService callers, CallerSource callerSource) {
        this.runbook = runbook;
        this.queries = queries;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    @Path("{stepId}")
    public RunbookViews.StepDetail get(@Context SecurityContext sc, @PathParam("id") String id, @PathParam("stepId") String stepId) {
        UUID iterationId = Params.uuid("id", id);
        UUID stepInstanceId = Params.uuid("stepId", stepId);
        return callers.of(sc).as(caller -> queries.step(caller, iterationId, stepInstanceId));
    }

    @POST
    @Path("{stepId}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transition(@Context SecurityContext sc, @PathParam("id") String id, @PathParam("stepId") String stepId,
                               RunbookBodies.Transition body) {
        var iterationId = Params.uuid("id", id);
        var stepInstanceId = Params.uuid("stepId", stepId);
        RunbookBodies.Transition b = Params.body(body);
        return callers.of(sc).as(caller -> {
            ChangeResult r = runbook.transition(caller, iterationId, stepInstanceId,
                    new TransitionCommand(b.to(), b.expectedVersion(), b.reason(), Boolean.TRUE.equals(b.override())));
            // A four-eyes override request is accepted but not applied: the step waits for a second pilot.
            return Response.status(r.pendingOverride() == null ? 200 : 202).entity(r).build();
        });
    }

    /** Four-eyes: a second pilot confirms the pending gate override, which completes the step. */
    @POST
    @Path("{stepId}/override-confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeResult confirmOverride(@Context SecurityContext sc, @PathParam("id") String id,
                                        @PathParam("stepId") String stepId, RunbookBodies.OverrideConfirmation body) {
        var iterationId = Params.uuid("id", id);
        var stepInstanceId = Params.uuid("stepId", stepId);
        Integer expected = body == null ? null : body.expectedVersion();
        return callers.of(sc).as(caller -> runbook.confirmOverride(caller, iterationId, stepInstanceId, expected));
    }

    /** Four-eyes: a pilot rejects (or the requester withdraws) the pending gate override, with a reason. */
    @POST
    @Path("{stepId}/override-rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeResult rejectOverride(@Context SecurityContext sc, @PathParam("id") String id,
                                       @PathParam("stepId") String stepId, RunbookBodies.OverrideRejection body) {
        var iterationId = Params.uuid("id", id);
        var stepInstanceId = Params.uuid("stepId", stepId);
        RunbookBodies.OverrideRejection b = Params.body(body);
        return callers.of(sc).as(caller -> runbook.rejectOverride(caller, iterationId, stepInstanceId, b.reason(),
                b.expectedVersion()));
    }

    @POST
    @Path("{stepId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@Context SecurityContext sc, @PathParam("id") String id, @PathParam("stepId") String stepId,
                            RunbookBodies.Comment body) {
        var iterationId = Params.uuid("id", id);
        var stepInstanceId = Params.uuid("stepId", stepId);
        return callers.of(sc).as(caller -> {
            ChangeResult r = runbook.addComment(caller, iterationId, stepInstanceId, Params.body(body).body());
            return Response.status(201).entity(r).build();
        });
    }
}
