package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.RunbookService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Ticking and unticking a task instance ({@code taskId} is the instance id from the step detail). */
@LicensedOnly
@Path("/iterations/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {
    private final RunbookService runbook;
    private final Callers callers;

    @Inject
    public TaskResource(RunbookService runbook, CallerService callers, CallerSource callerSource) {
        this.runbook = runbook;
        this.callers = new Callers(callerSource, callers);
    }

    @POST
    @Path("{taskId}/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeResult completion(@Context SecurityContext sc, @PathParam("id") String id, @PathParam("taskId") String taskId,
                                   RunbookBodies.Completion body) {
        var iterationId = Params.uuid("id", id);
        var taskInstanceId = Params.uuid("taskId", taskId);
        RunbookBodies.Completion b = Params.body(body);
        return callers.of(sc).as(caller -> runbook.setTaskDone(caller, iterationId, taskInstanceId, b.done(),
                b.expectedVersion()));
    }
}
