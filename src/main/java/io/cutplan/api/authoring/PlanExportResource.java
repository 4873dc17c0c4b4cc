package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.api.Callers;
import io.cutplan.api.ExportResponses;
import io.cutplan.api.Params;
import io.cutplan.domain.DomainException;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.PlanExportService;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/**
 * {@code GET /plans/{planId}/export?format=csv[&download=true]}: the plan in the CSV import's format (UTF-8, CRLF),
 * with the plan revision as ETag. {@code download=true} asks the browser to save it as {@code plan-<code>.csv}.
 */
@LicensedOnly
@Path("/plans/{planId}/export")
public class PlanExportResource {
    private final PlanExportService exports;
    private final Callers callers;

    @Inject
    public PlanExportResource(PlanExportService exports, CallerService callers, CallerSource callerSource) {
        this.exports = exports;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    @Produces({"text/csv; charset=utf-8", "application/json"})
    public Response export(@Context SecurityContext sc, @PathParam("planId") String planIdText, @QueryParam("format") String format,
                           @QueryParam("download") String downloadText) {
        UUID planId = Params.uuid("planId", planIdText);
        boolean download = Params.flag("download", downloadText);
        if (format != null && !format.isEmpty() && !format.equals("csv")) {
            throw DomainException.invalid("format", "format must be csv (the import's format)");
        }
        return callers.of(sc).as(caller -> csv(exports.csv(caller, planId), download));
    }

    private static Response csv(PlanExportService.Export export, boolean download) {
        String fileName = "plan-" + export.planCode().replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv";
        return ExportResponses.of(export.csv(), "text/csv; charset=utf-8", fileName, download)
                .tag(new EntityTag(String.valueOf(export.revision()))).build();
    }
}
