package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.runbook.RunbookViews;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * {@code GET /iterations/{id}/forecast/probability}: the finish probability (P50/P80/P95 ends and the chance of
 * finishing inside the window), shared by every caller, at most a minute old, recomputed at most every 15 s.
 * See {@code docs/calibration.md}.
 */
@LicensedOnly
@Path("/iterations/{id}/forecast/probability")
@Produces(MediaType.APPLICATION_JSON)
public class ProbabilityResource {
    private final RunbookQueries queries;
    private final Callers callers;

    @Inject
    public ProbabilityResource(RunbookQueries queries, CallerService callers, CallerSource callerSource) {
        this.queries = queries;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public RunbookViews.Probability probability(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> queries.probability(caller, iterationId));
    }
}
