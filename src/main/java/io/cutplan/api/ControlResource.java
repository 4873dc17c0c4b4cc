package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.RunbookService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** A control's outcome in one iteration ({@code controlId} is the canonical control id). */
@LicensedOnly
@Path("/iterations/{id}/controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {
    private final RunbookService runbook;
    private final Callers callers;

    @Inject
    public ControlResource(RunbookService runbook, CallerService callers, CallerSource callerSource) {
        this.runbook = runbook;
        this.callers = new Callers(callerSource, callers);
    }

    @PUT
    @Path("{controlId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeResult set(@Context SecurityContext sc, @PathParam("id") String id, @PathParam("controlId") String controlId,
                            RunbookBodies.ControlOutcome body) {
        var iterationId = Params.uuid("id", id);
        var control = Params.uuid("controlId", controlId);
        RunbookBodies.ControlOutcome b = Params.body(body);
        return callers.of(sc).as(caller -> runbook.setControl(caller, iterationId, control, b.status(), b.note(),
                b.expectedVersion()));
    }
}
