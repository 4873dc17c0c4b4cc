package io.cutplan.api;

import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationStatus;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.runbook.RunbookQueries;
import io.cutplan.service.iteration.IterationRefreshService;
import io.cutplan.service.runbook.RunbookViews;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads of iterations: the list, one iteration, the live dashboard (snapshot or delta, with ETag) and the audit
 * trail. Every authenticated user may read, including users Cutplan does not know.
 */
@Path("/iterations")
@Produces(MediaType.APPLICATION_JSON)
public class IterationResource {
    /** One forecast computation, written once for all its readers (resources are created per request). */
    private static final SharedJson FORECASTS = new SharedJson();

    private final RunbookQueries queries;
    private final IterationRefreshService refreshes;
    private final Callers callers;

    @Inject
    public IterationResource(RunbookQueries queries, IterationRefreshService refreshes, CallerService callers,
                             CallerSource callerSource) {
        this.queries = queries;
        this.refreshes = refreshes;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public RunbookViews.IterationList list(@Context SecurityContext sc, @QueryParam("migration") String migration,
                                    @QueryParam("status") String status) {
        UUID migrationId = Params.optionalUuid("migration", migration);
        IterationStatus wanted = Params.optionalEnum("status", status, IterationStatus.class);
        return callers.of(sc).as(caller -> queries.iterations(caller, migrationId, wanted));
    }

    @GET
    @Path("{id}")
    public RunbookViews.Iteration get(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> queries.iteration(caller, iterationId));
    }

    /**
     * The snapshot, or with {@code since} a delta. The ETag names the iteration version, the caller's rights and the
     * late flags' forecast; a matching {@code If-None-Match} answers 304 after one indexed query (while the shared
     * forecast is fresh), whatever {@code since} says. A non-matching one tells the delta which late flags the client
     * holds, so flags that flipped with the clock alone are sent too.
     */
    @GET
    @Path("{id}/dashboard")
    public Response dashboard(@Context SecurityContext sc, @PathParam("id") String id, @QueryParam("since") String since,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID iterationId = Params.uuid("id", id);
        Long sinceVersion = Params.optionalLong("since", since);
        return callers.of(sc).as(caller -> {
            if (ifNoneMatch != null) {
                RunbookQueries.DashboardTag tag = queries.dashboardTag(iterationId);
                String current = ETags.of(tag.version(), caller, tag.lateToken());
                if (ETags.matches(ifNoneMatch, current)) {
                    return Response.notModified().tag(ETags.entityTag(current)).cacheControl(revalidate()).build();
                }
            }
            RunbookQueries.DashboardAnswer d = queries.dashboard(caller, iterationId, sinceVersion, ETags.lateToken(ifNoneMatch));
            return Response.ok(d.body()).tag(ETags.entityTag(ETags.of(d.body().version(), caller, d.lateToken())))
                    .cacheControl(revalidate()).build();
        });
    }

    /**
     * The forecast ({@code basis} = {@code plan}, the default, or {@code learned}), shared by every caller and at
     * most 30 s old. The weak ETag names version, basis and when it was computed, so it changes when the forecast
     * moves with the clock too; a matching {@code If-None-Match} answers 304.
     */
    @GET
    @Path("{id}/forecast")
    public Response forecast(@Context SecurityContext sc, @PathParam("id") String id, @QueryParam("basis") String basis,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> {
            if (ifNoneMatch != null) {
                String current = queries.forecastTag(iterationId, basis);
                if (ETags.matches(ifNoneMatch, current)) {
                    return Response.notModified().tag(ETags.entityTag(current)).cacheControl(revalidate()).build();
                }
            }
            RunbookQueries.ForecastAnswer f = queries.forecast(caller, iterationId, basis);
            return Response.ok(FORECASTS.of(iterationId + "/" + f.tag(), f.body()), MediaType.APPLICATION_JSON_TYPE)
                    .tag(ETags.entityTag(f.tag())).cacheControl(revalidate()).build();
        });
    }

    @GET
    @Path("{id}/events")
    public RunbookViews.EventPage events(@Context SecurityContext sc, @PathParam("id") String id,
                                  @QueryParam("afterVersion") String afterVersion, @QueryParam("afterId") String afterId,
                                  @QueryParam("limit") String limit, @QueryParam("type") List<String> types,
                                  @QueryParam("actor") String actor, @QueryParam("step") String step) {
        UUID iterationId = Params.uuid("id", id);
        Long after = Params.optionalLong("afterVersion", afterVersion);
        Long size = Params.optionalLong("limit", limit);
        List<EventType> typeFilter = new ArrayList<>();
        for (String t : types) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    typeFilter.add(Params.optionalEnum("type", part.strip(), EventType.class));
                }
            }
        }
        UUID afterEvent = Params.optionalUuid("afterId", afterId);
        if (afterEvent != null && after == null) {
            throw io.cutplan.domain.DomainException.invalid("afterId", "'afterId' needs 'afterVersion' too");
        }
        UUID stepId = Params.optionalUuid("step", step);
        Integer pageSize = size == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, size));
        return callers.of(sc).as(caller -> queries.events(caller, iterationId, after == null ? 0 : after, afterEvent, pageSize,
                typeFilter, actor, stepId));
    }

    /** What refreshing the iteration from its plan would change (pilots and administrators). */
    @GET
    @Path("{id}/refresh-preview")
    public RefreshJson.Preview refreshPreview(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> RefreshJson.of(refreshes.preview(caller, iterationId)));
    }

    /** Applies the plan at the previewed {@code planRevision} to a PLANNED iteration. */
    @POST
    @Path("{id}/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public RefreshJson.Refreshed refresh(@Context SecurityContext sc, @PathParam("id") String id, RefreshJson.Request body) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> RefreshJson.of(refreshes.refresh(caller, iterationId,
                body == null ? null : body.planRevision())));
    }

    private static CacheControl revalidate() {
        CacheControl cc = new CacheControl();
        cc.setPrivate(true);
        cc.setNoCache(true);
        return cc;
    }
}
