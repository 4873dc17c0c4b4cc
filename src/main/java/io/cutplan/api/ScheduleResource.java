package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.DomainException;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.ScheduleService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import java.time.Instant;

/**
 * {@code /iterations/{id}/schedule}: read the chapter schedule with actual times (everyone), set it or copy it
 * from another iteration of the same plan (pilots and admins). Coexists with the engine's {@code /iterations}.
 */
@LicensedOnly
@Path("/iterations/{id}/schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {
    private final ScheduleService schedules;
    private final Callers callers;

    @Inject
    public ScheduleResource(ScheduleService schedules, CallerService callers, CallerSource callerSource) {
        this.schedules = schedules;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response get(@PathParam("id") String id, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> ok(ScheduleJson.of(schedules.view(caller, iterationId),
                schedules.mayEdit(caller), Instant.now())));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, ScheduleService.Update body, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> {
            if (body == null) {
                throw DomainException.invalid("entries", "The body must be an object {\"entries\": [...]}");
            }
            return ok(ScheduleJson.of(schedules.update(caller, iterationId, body), true, Instant.now()));
        });
    }

    @POST
    @Path("copy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("id") String id, ScheduleService.CopyRequest body, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> {
            if (body == null) {
                throw DomainException.invalid("fromIterationId", "The body must be an object {\"fromIterationId\": ...}");
            }
            ScheduleService.CopyResult r = schedules.copy(caller, iterationId, body);
            return ok(new ScheduleJson.CopyResult(r.copied(), r.offsetMinutes(), r.skippedChapterIds(),
                    ScheduleJson.of(r.schedule(), true, Instant.now())));
        });
    }

    /**
     * What the copy would do, written nowhere: the target, how many chapters it plans and which planned chapters
     * it overwrites. Same parameters and refusals as the copy; the confirmation dialog shows it.
     */
    @GET
    @Path("copy-preview")
    public Response copyPreview(@PathParam("id") String id, @QueryParam("fromIterationId") String from,
                                @QueryParam("offsetMinutes") String offset, @QueryParam("alignToWindowStart") String align,
                                @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        UUID fromIterationId = Params.optionalUuid("fromIterationId", from);
        Integer offsetMinutes = Params.optionalInt("offsetMinutes", offset);
        Boolean alignToWindowStart = align == null ? null : Params.flag("alignToWindowStart", align);
        return callers.of(security).as(caller -> ok(schedules.previewCopy(caller, iterationId,
                new ScheduleService.CopyRequest(fromIterationId, offsetMinutes, alignToWindowStart))));
    }

    /** Restores the schedule this iteration had before its last copy (pilots and admins). */
    @POST
    @Path("copy-undo")
    public Response copyUndo(@PathParam("id") String id, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> {
            ScheduleService.UndoResult r = schedules.undoCopy(caller, iterationId);
            return ok(new ScheduleJson.UndoResult(r.restored(), r.cleared(), r.fromIterationCode(),
                    ScheduleJson.of(r.schedule(), true, Instant.now())));
        });
    }

    private static Response ok(Object entity) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(entity).cacheControl(noStore).build();
    }
}
