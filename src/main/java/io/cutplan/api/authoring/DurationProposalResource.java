package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.domain.DurationStatistic;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.CalibrationService;
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
import java.util.List;
import java.util.UUID;

/**
 * Duration calibration: {@code GET /plans/{planId}/duration-proposals[?iterations=a,b][&statistic=median|p80]}
 * (every authenticated user) and {@code POST .../apply} (ADMIN) with {@code {revision, steps:[{stepId, minutes}]}}.
 */
@LicensedOnly
@Path("/plans/{planId}/duration-proposals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DurationProposalResource {
    private final CalibrationService calibration;
    private final Callers callers;

    @Inject
    public DurationProposalResource(CalibrationService calibration, CallerService callers, CallerSource callerSource) {
        this.calibration = calibration;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response proposals(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                              @QueryParam("iterations") String iterationsText, @QueryParam("statistic") String statisticText) {
        UUID planId = Params.uuid("planId", planIdText);
        List<UUID> iterations = Params.optionalUuidList("iterations", iterationsText);
        DurationStatistic statistic = Params.optionalEnum("statistic", statisticText, DurationStatistic.class);
        return callers.of(sc).as(caller -> Response.ok(calibration.proposals(caller, planId, iterations, statistic)).build());
    }

    @POST
    @Path("apply")
    public Response apply(@Context SecurityContext sc, @PathParam("planId") String planIdText, CalibrationService.ApplyInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> Response.ok(calibration.apply(caller, planId, in)).build());
    }
}
