package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.schedule.ExportFormat;
import io.cutplan.domain.schedule.ScheduleTimes;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.ScheduleService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneId;
import java.util.UUID;

/**
 * {@code GET /schedule/export?iteration=<id>[&tz=Europe/Zurich][&format=html|csv][&download=true]}: the
 * schedule as a portable HTML table fragment or as CSV, readable by everyone who may read Cutplan.
 */
@LicensedOnly
@Path("/schedule/export")
public class ScheduleExportResource {
    private final ScheduleService schedules;
    private final Callers callers;

    @Inject
    public ScheduleExportResource(ScheduleService schedules, CallerService callers, CallerSource callerSource) {
        this.schedules = schedules;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response export(@QueryParam("iteration") String iteration, @QueryParam("tz") String tz,
                           @QueryParam("format") String format, @QueryParam("download") String download,
                           @Context SecurityContext security) {
        UUID iterationId = Params.uuid("iteration", iteration);
        ZoneId zone = ScheduleTimes.parseZone(tz, ZoneId.systemDefault(), "tz");
        ExportFormat fmt = ExportFormat.parse(format, "format");
        boolean attachment = Params.flag("download", download);
        return callers.of(security).as(caller -> {
            return ExportResponses.of(schedules.export(caller, iterationId, zone, fmt, attachment), attachment).build();
        });
    }
}
