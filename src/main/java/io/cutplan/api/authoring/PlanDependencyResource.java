package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.DependencyInput;
import io.cutplan.service.authoring.StepService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
 * Step dependencies of a canonical plan (predecessor -> successor). Adding one that would close a cycle is a 422
 * naming the cycle's step codes in order. Reads: every authenticated user; writes: ADMIN.
 */
@LicensedOnly
@Path("/plans/{planId}/dependencies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanDependencyResource {
    private final StepService steps;
    private final Callers callers;

    @Inject
    public PlanDependencyResource(StepService steps, CallerService callers, CallerSource callerSource) {
        this.steps = steps;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @PathParam("planId") String planIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(steps.dependencies(planId))).build());
    }

    @POST
    public Response add(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") String planIdText,
                        @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch, DependencyInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            var d = steps.addDependency(caller, planId, Params.ifMatch(ifMatch), in);
            return Response.created(uri.getAbsolutePathBuilder().path(d.predecessorStepId().toString())
                    .path(d.successorStepId().toString()).build()).entity(d).build();
        });
    }

    @DELETE
    @Path("{predecessorStepId}/{successorStepId}")
    public Response remove(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                           @PathParam("predecessorStepId") String predecessorText,
                                   @PathParam("successorStepId") String successorText,
                           @HeaderParam(AuthoringHttp.IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID predecessor = Params.uuid("predecessorStepId", predecessorText);
        UUID successor = Params.uuid("successorStepId", successorText);
        return callers.of(sc).as(caller -> {
            steps.removeDependency(caller, planId, predecessor, successor, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }
}
