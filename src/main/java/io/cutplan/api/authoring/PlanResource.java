package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.ChapterInput;
import io.cutplan.service.authoring.AuthoringInputs.MacroPhaseInput;
import io.cutplan.service.authoring.AuthoringInputs.PlanInput;
import io.cutplan.service.authoring.PlanService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/**
 * Canonical plans and their macro-phases and chapters (steps, tasks, controls and dependencies have their own
 * resources under {@code /plans/{planId}/...}). Reads are open to every authenticated user; writes need ADMIN.
 * Writes accept an optional {@code If-Match: "<plan revision>"} and answer 409 when the plan moved on.
 */
@LicensedOnly
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
    private static final String IF_MATCH = AuthoringHttp.IF_MATCH;

    private final PlanService plans;
    private final Callers callers;

    @Inject
    public PlanResource(PlanService plans, CallerService callers, CallerSource callerSource) {
        this.plans = plans;
        this.callers = new Callers(callerSource, callers);
    }


    // ------------------------------------------------------------------ plans

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("offset") String offsetText,
                         @QueryParam("limit") String limitText) {
        Integer offset = Params.optionalInt("offset", offsetText);
        Integer limit = Params.optionalInt("limit", limitText);
        return callers.of(sc).as(caller -> Response.ok(plans.list(offset, limit)).build());
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, PlanInput in) {
        return callers.of(sc).as(caller -> {
            PlanService.PlanView plan = plans.create(caller, in);
            return Response.fromResponse(AuthoringHttp.created(uri, plan.id(), plan))
                    .tag(new EntityTag(String.valueOf(plan.revision()))).build();
        });
    }

    @GET
    @Path("{planId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") String planIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            PlanService.PlanView plan = plans.get(planId);
            return Response.ok(plan).tag(new EntityTag(String.valueOf(plan.revision()))).build();
        });
    }

    @PUT
    @Path("{planId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                           @HeaderParam(IF_MATCH) String ifMatch, PlanInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            PlanService.PlanView plan = plans.update(caller, planId, Params.ifMatch(ifMatch), in);
            return Response.ok(plan).tag(new EntityTag(String.valueOf(plan.revision()))).build();
        });
    }

    @DELETE
    @Path("{planId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                           @HeaderParam(IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            plans.delete(caller, planId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }

    // ------------------------------------------------------------------ macro-phases

    @GET
    @Path("{planId}/macro-phases")
    public Response macroPhases(@Context SecurityContext sc, @PathParam("planId") String planIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(plans.macroPhases(planId))).build());
    }

    @POST
    @Path("{planId}/macro-phases")
    public Response createMacroPhase(@Context SecurityContext sc, @Context UriInfo uri,
                                     @PathParam("planId") String planIdText, @HeaderParam(IF_MATCH) String ifMatch,
                                     MacroPhaseInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            var phase = plans.createMacroPhase(caller, planId, Params.ifMatch(ifMatch), in);
            return AuthoringHttp.created(uri, phase.id(), phase);
        });
    }

    @GET
    @Path("{planId}/macro-phases/{phaseId}")
    public Response macroPhase(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                               @PathParam("phaseId") String phaseIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID phaseId = Params.uuid("phaseId", phaseIdText);
        return callers.of(sc).as(caller -> Response.ok(plans.macroPhase(planId, phaseId)).build());
    }

    @PUT
    @Path("{planId}/macro-phases/{phaseId}")
    public Response updateMacroPhase(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                                     @PathParam("phaseId") String phaseIdText,
                                     @HeaderParam(IF_MATCH) String ifMatch, MacroPhaseInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID phaseId = Params.uuid("phaseId", phaseIdText);
        return callers.of(sc).as(caller -> Response.ok(plans.updateMacroPhase(caller, planId, phaseId, Params.ifMatch(ifMatch),
                in)).build());
    }

    @DELETE
    @Path("{planId}/macro-phases/{phaseId}")
    public Response deleteMacroPhase(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                                     @PathParam("phaseId") String phaseIdText,
                                     @HeaderParam(IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID phaseId = Params.uuid("phaseId", phaseIdText);
        return callers.of(sc).as(caller -> {
            plans.deleteMacroPhase(caller, planId, phaseId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }

    // ------------------------------------------------------------------ chapters

    @GET
    @Path("{planId}/chapters")
    public Response chapters(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                             @QueryParam("macroPhaseId") String macroPhaseIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID macroPhaseId = Params.optionalUuid("macroPhaseId", macroPhaseIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(plans.chapters(planId, macroPhaseId))).build());
    }

    @POST
    @Path("{planId}/chapters")
    public Response createChapter(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") String planIdText,
                                  @HeaderParam(IF_MATCH) String ifMatch, ChapterInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        return callers.of(sc).as(caller -> {
            var chapter = plans.createChapter(caller, planId, Params.ifMatch(ifMatch), in);
            return AuthoringHttp.created(uri, chapter.id(), chapter);
        });
    }

    @GET
    @Path("{planId}/chapters/{chapterId}")
    public Response chapter(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                            @PathParam("chapterId") String chapterIdText) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID chapterId = Params.uuid("chapterId", chapterIdText);
        return callers.of(sc).as(caller -> Response.ok(plans.chapter(planId, chapterId)).build());
    }

    @PUT
    @Path("{planId}/chapters/{chapterId}")
    public Response updateChapter(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                                  @PathParam("chapterId") String chapterIdText,
                                  @HeaderParam(IF_MATCH) String ifMatch, ChapterInput in) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID chapterId = Params.uuid("chapterId", chapterIdText);
        return callers.of(sc).as(caller -> Response.ok(plans.updateChapter(caller, planId, chapterId, Params.ifMatch(ifMatch),
                in)).build());
    }

    @DELETE
    @Path("{planId}/chapters/{chapterId}")
    public Response deleteChapter(@Context SecurityContext sc, @PathParam("planId") String planIdText,
                                  @PathParam("chapterId") String chapterIdText,
                                  @HeaderParam(IF_MATCH) String ifMatch) {
        UUID planId = Params.uuid("planId", planIdText);
        UUID chapterId = Params.uuid("chapterId", chapterIdText);
        return callers.of(sc).as(caller -> {
            plans.deleteChapter(caller, planId, chapterId, Params.ifMatch(ifMatch));
            return Response.noContent().build();
        });
    }
}
