package io.cutplan.api.authoring;

import io.cutplan.api.CallerSource;
import io.cutplan.domain.Caller;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.ChapterInput;
import io.cutplan.service.authoring.AuthoringInputs.ControlInput;
import io.cutplan.service.authoring.AuthoringInputs.DependencyInput;
import io.cutplan.service.authoring.AuthoringInputs.MacroPhaseInput;
import io.cutplan.service.authoring.AuthoringInputs.PlanInput;
import io.cutplan.service.authoring.AuthoringInputs.StepInput;
import io.cutplan.service.authoring.AuthoringInputs.TaskInput;
import io.cutplan.service.authoring.PlanService;
import io.cutplan.service.authoring.StepService;
import io.cutplan.service.authoring.TaskService;
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
 * Canonical plans and everything in them. Reads are open to every authenticated user; writes need ADMIN.
 * Writes accept an optional {@code If-Match: "<plan revision>"} and answer 409 when the plan moved on.
 */
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
    private static final String IF_MATCH = "If-Match";

    private final PlanService plans;
    private final StepService steps;
    private final TaskService tasks;
    private final CallerService callers;
    private final CallerSource callerSource;

    @Inject
    public PlanResource(PlanService plans, StepService steps, TaskService tasks, CallerService callers, CallerSource callerSource) {
        this.plans = plans;
        this.steps = steps;
        this.tasks = tasks;
        this.callers = callers;
        this.callerSource = callerSource;
    }

    private Caller caller(SecurityContext sc) {
        return RequestCaller.of(callerSource, callers, sc);
    }

    private static Response created(UriInfo uri, UUID id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(entity).build();
    }

    // ------------------------------------------------------------------ plans

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        caller(sc);
        return Response.ok(plans.list(offset, limit)).build();
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, PlanInput in) {
        PlanService.PlanView plan = plans.create(caller(sc), in);
        return Response.fromResponse(created(uri, plan.id(), plan)).tag(new EntityTag(String.valueOf(plan.revision()))).build();
    }

    @GET
    @Path("{planId}")
    public Response get(@Context SecurityContext sc, @PathParam("planId") UUID planId) {
        caller(sc);
        PlanService.PlanView plan = plans.get(planId);
        return Response.ok(plan).tag(new EntityTag(String.valueOf(plan.revision()))).build();
    }

    @PUT
    @Path("{planId}")
    public Response update(@Context SecurityContext sc, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, PlanInput in) {
        PlanService.PlanView plan = plans.update(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return Response.ok(plan).tag(new EntityTag(String.valueOf(plan.revision()))).build();
    }

    @DELETE
    @Path("{planId}")
    public Response delete(@Context SecurityContext sc, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch) {
        plans.delete(caller(sc), planId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ macro-phases

    @GET
    @Path("{planId}/macro-phases")
    public Response macroPhases(@Context SecurityContext sc, @PathParam("planId") UUID planId) {
        caller(sc);
        return Response.ok(RequestCaller.items(plans.macroPhases(planId))).build();
    }

    @POST
    @Path("{planId}/macro-phases")
    public Response createMacroPhase(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, MacroPhaseInput in) {
        var phase = plans.createMacroPhase(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return created(uri, phase.id(), phase);
    }

    @GET
    @Path("{planId}/macro-phases/{phaseId}")
    public Response macroPhase(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("phaseId") UUID phaseId) {
        caller(sc);
        return Response.ok(plans.macroPhase(planId, phaseId)).build();
    }

    @PUT
    @Path("{planId}/macro-phases/{phaseId}")
    public Response updateMacroPhase(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("phaseId") UUID phaseId,
                                     @HeaderParam(IF_MATCH) String ifMatch, MacroPhaseInput in) {
        return Response.ok(plans.updateMacroPhase(caller(sc), planId, phaseId, RequestCaller.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{planId}/macro-phases/{phaseId}")
    public Response deleteMacroPhase(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("phaseId") UUID phaseId,
                                     @HeaderParam(IF_MATCH) String ifMatch) {
        plans.deleteMacroPhase(caller(sc), planId, phaseId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ chapters

    @GET
    @Path("{planId}/chapters")
    public Response chapters(@Context SecurityContext sc, @PathParam("planId") UUID planId, @QueryParam("macroPhaseId") UUID macroPhaseId) {
        caller(sc);
        return Response.ok(RequestCaller.items(plans.chapters(planId, macroPhaseId))).build();
    }

    @POST
    @Path("{planId}/chapters")
    public Response createChapter(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, ChapterInput in) {
        var chapter = plans.createChapter(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return created(uri, chapter.id(), chapter);
    }

    @GET
    @Path("{planId}/chapters/{chapterId}")
    public Response chapter(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("chapterId") UUID chapterId) {
        caller(sc);
        return Response.ok(plans.chapter(planId, chapterId)).build();
    }

    @PUT
    @Path("{planId}/chapters/{chapterId}")
    public Response updateChapter(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("chapterId") UUID chapterId,
                                  @HeaderParam(IF_MATCH) String ifMatch, ChapterInput in) {
        return Response.ok(plans.updateChapter(caller(sc), planId, chapterId, RequestCaller.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{planId}/chapters/{chapterId}")
    public Response deleteChapter(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("chapterId") UUID chapterId,
                                  @HeaderParam(IF_MATCH) String ifMatch) {
        plans.deleteChapter(caller(sc), planId, chapterId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ steps

    @GET
    @Path("{planId}/steps")
    public Response steps(@Context SecurityContext sc, @PathParam("planId") UUID planId, @QueryParam("chapterId") UUID chapterId,
                          @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        caller(sc);
        return Response.ok(steps.list(planId, chapterId, offset, limit)).build();
    }

    @POST
    @Path("{planId}/steps")
    public Response createStep(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, StepInput in) {
        var step = steps.create(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return created(uri, step.id(), step);
    }

    @GET
    @Path("{planId}/steps/{stepId}")
    public Response step(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("stepId") UUID stepId) {
        caller(sc);
        return Response.ok(steps.get(planId, stepId)).build();
    }

    @PUT
    @Path("{planId}/steps/{stepId}")
    public Response updateStep(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("stepId") UUID stepId,
                               @HeaderParam(IF_MATCH) String ifMatch, StepInput in) {
        return Response.ok(steps.update(caller(sc), planId, stepId, RequestCaller.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{planId}/steps/{stepId}")
    public Response deleteStep(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("stepId") UUID stepId,
                               @HeaderParam(IF_MATCH) String ifMatch) {
        steps.delete(caller(sc), planId, stepId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ tasks

    @GET
    @Path("{planId}/steps/{stepId}/tasks")
    public Response tasks(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("stepId") UUID stepId) {
        caller(sc);
        return Response.ok(RequestCaller.items(tasks.tasks(planId, stepId))).build();
    }

    @POST
    @Path("{planId}/steps/{stepId}/tasks")
    public Response createTask(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @PathParam("stepId") UUID stepId,
                               @HeaderParam(IF_MATCH) String ifMatch, TaskInput in) {
        var task = tasks.createTask(caller(sc), planId, stepId, RequestCaller.ifMatch(ifMatch), in);
        return Response.created(uri.getBaseUriBuilder().path("plans").path(planId.toString()).path("tasks")
                .path(task.id().toString()).build()).entity(task).build();
    }

    @GET
    @Path("{planId}/tasks/{taskId}")
    public Response task(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId) {
        caller(sc);
        return Response.ok(tasks.task(planId, taskId)).build();
    }

    @PUT
    @Path("{planId}/tasks/{taskId}")
    public Response updateTask(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                               @HeaderParam(IF_MATCH) String ifMatch, TaskInput in) {
        return Response.ok(tasks.updateTask(caller(sc), planId, taskId, RequestCaller.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{planId}/tasks/{taskId}")
    public Response deleteTask(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                               @HeaderParam(IF_MATCH) String ifMatch) {
        tasks.deleteTask(caller(sc), planId, taskId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @PUT
    @Path("{planId}/tasks/{taskId}/controls/{controlId}")
    public Response linkControl(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                                @PathParam("controlId") UUID controlId, @HeaderParam(IF_MATCH) String ifMatch) {
        return Response.ok(tasks.link(caller(sc), planId, taskId, controlId, RequestCaller.ifMatch(ifMatch))).build();
    }

    @DELETE
    @Path("{planId}/tasks/{taskId}/controls/{controlId}")
    public Response unlinkControl(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("taskId") UUID taskId,
                                  @PathParam("controlId") UUID controlId, @HeaderParam(IF_MATCH) String ifMatch) {
        return Response.ok(tasks.unlink(caller(sc), planId, taskId, controlId, RequestCaller.ifMatch(ifMatch))).build();
    }

    // ------------------------------------------------------------------ controls

    @GET
    @Path("{planId}/controls")
    public Response controls(@Context SecurityContext sc, @PathParam("planId") UUID planId) {
        caller(sc);
        return Response.ok(RequestCaller.items(tasks.controls(planId))).build();
    }

    @POST
    @Path("{planId}/controls")
    public Response createControl(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, ControlInput in) {
        var control = tasks.createControl(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return created(uri, control.id(), control);
    }

    @GET
    @Path("{planId}/controls/{controlId}")
    public Response control(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("controlId") UUID controlId) {
        caller(sc);
        return Response.ok(tasks.control(planId, controlId)).build();
    }

    @PUT
    @Path("{planId}/controls/{controlId}")
    public Response updateControl(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("controlId") UUID controlId,
                                  @HeaderParam(IF_MATCH) String ifMatch, ControlInput in) {
        return Response.ok(tasks.updateControl(caller(sc), planId, controlId, RequestCaller.ifMatch(ifMatch), in)).build();
    }

    @DELETE
    @Path("{planId}/controls/{controlId}")
    public Response deleteControl(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("controlId") UUID controlId,
                                  @HeaderParam(IF_MATCH) String ifMatch) {
        tasks.deleteControl(caller(sc), planId, controlId, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ dependencies

    @GET
    @Path("{planId}/dependencies")
    public Response dependencies(@Context SecurityContext sc, @PathParam("planId") UUID planId) {
        caller(sc);
        return Response.ok(RequestCaller.items(steps.dependencies(planId))).build();
    }

    @POST
    @Path("{planId}/dependencies")
    public Response addDependency(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("planId") UUID planId, @HeaderParam(IF_MATCH) String ifMatch, DependencyInput in) {
        var d = steps.addDependency(caller(sc), planId, RequestCaller.ifMatch(ifMatch), in);
        return Response.created(uri.getAbsolutePathBuilder().path(d.predecessorStepId().toString())
                .path(d.successorStepId().toString()).build()).entity(d).build();
    }

    @DELETE
    @Path("{planId}/dependencies/{predecessorStepId}/{successorStepId}")
    public Response removeDependency(@Context SecurityContext sc, @PathParam("planId") UUID planId, @PathParam("predecessorStepId") UUID predecessor,
                                     @PathParam("successorStepId") UUID successor, @HeaderParam(IF_MATCH) String ifMatch) {
        steps.removeDependency(caller(sc), planId, predecessor, successor, RequestCaller.ifMatch(ifMatch));
        return Response.noContent().build();
    }
}
