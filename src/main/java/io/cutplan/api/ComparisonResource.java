package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.schedule.ReportFormat;
import io.cutplan.domain.schedule.ExportFormat;
import io.cutplan.domain.schedule.ScheduleTimes;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.CalibrationService;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /migrations/{id}/comparison[?iterations=a,b,c][&format=json|html|csv][&tz=..][&download=true]}: the
 * iterations of a migration side by side (see {@code docs/calibration.md}); every authenticated user may read it.
 */
@LicensedOnly
@Path("/migrations/{migrationId}/comparison")
public class ComparisonResource {
    private final CalibrationService calibration;
    private final Callers callers;

    @Inject
    public ComparisonResource(CalibrationService calibration, CallerService callers, CallerSource callerSource) {
        this.calibration = calibration;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response comparison(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText,
                               @QueryParam("iterations") String iterationsText, @QueryParam("format") String formatText,
                               @QueryParam("tz") String tz, @QueryParam("download") String downloadText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        List<UUID> iterations = Params.optionalUuidList("iterations", iterationsText);
        ReportFormat report = ReportFormat.parse(formatText, "format");
        if (report == ReportFormat.JSON) {
            Params.flag("download", downloadText);
            return callers.of(sc).as(caller -> Response.ok(calibration.comparison(caller, migrationId, iterations))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        ExportFormat format = report.export();
        ZoneId zone = ScheduleTimes.parseZone(tz, ZoneId.systemDefault(), "tz");
        boolean attachment = Params.flag("download", downloadText);
        return callers.of(sc).as(caller -> {
            return ExportResponses.of(calibration.comparisonExport(caller, migrationId, iterations, zone, format), attachment).build();
        });
    }
}
