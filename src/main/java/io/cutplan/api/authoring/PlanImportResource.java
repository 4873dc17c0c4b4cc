package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.PlanImportService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code POST /import/plan?code=&name=[&description=][&dryRun=true][&createTeams=true][&repair=true]} with a
 * {@code text/csv} body: 201 with the new plan's counts and warnings, 200 for a dry run that would succeed, 422 with
 * every problem otherwise (nothing written). See docs/import-csv.md.
 */
@LicensedOnly
@Path("/import")
@Produces(MediaType.APPLICATION_JSON)
public class PlanImportResource {
    private final PlanImportService imports;
    private final Callers callers;

    @Inject
    public PlanImportResource(PlanImportService imports, CallerService callers, CallerSource callerSource) {
        this.imports = imports;
        this.callers = new Callers(callerSource, callers);
    }

    @POST
    @Path("plan")
    @Consumes({"text/csv", "text/plain"})
    public Response importPlan(@Context SecurityContext sc, @Context UriInfo uri, @QueryParam("code") String code,
                               @QueryParam("name") String name, @QueryParam("description") String description,
                               @QueryParam("dryRun") String dryRunText, @QueryParam("createTeams") String createTeamsText,
                               @QueryParam("repair") String repairText, CsvText csv) {
        boolean dryRun = Params.flag("dryRun", dryRunText);
        boolean createTeams = Params.flag("createTeams", createTeamsText);
        boolean repair = Params.flag("repair", repairText);
        return callers.of(sc).as(caller -> {
            var report = imports.importPlan(caller, csv.text(),
                    new PlanImportService.Options(code, name, description, dryRun, createTeams, repair));
            if (report.planId() == null) {
                return Response.ok(report).build();
            }
            return Response.created(uri.getBaseUriBuilder().path("plans").path(report.planId().toString()).build())
                    .entity(report).build();
        });
    }
}
