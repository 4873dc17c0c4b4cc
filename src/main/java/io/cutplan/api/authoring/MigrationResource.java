package io.cutplan.api.authoring;

import io.cutplan.api.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.IterationInput;
import io.cutplan.service.authoring.AuthoringInputs.IterationUpdate;
import io.cutplan.service.authoring.AuthoringInputs.MigrationInput;
import io.cutplan.service.authoring.MigrationService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Migrations and the administration of their iterations (create from a plan and scope, update, delete). */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {
    private final MigrationService migrations;
    private final CallerService callers;
    private final CallerSource callerSource;

    @Inject
    public MigrationResource(MigrationService migrations, CallerService callers, CallerSource callerSource) {
        this.migrations = migrations;
        this.callers = callers;
        this.callerSource = callerSource;
    }

    private io.cutplan.domain.Caller caller(SecurityContext sc) {
        return Callers.of(callerSource, callers, sc);
    }

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        caller(sc);
        return Response.ok(migrations.list(offset, limit)).build();
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, MigrationInput in) {
        var m = migrations.create(caller(sc), in);
        return Response.created(uri.getAbsolutePathBuilder().path(m.id().toString()).build()).entity(m).build();
    }

    @GET
    @Path("{migrationId}")
    public Response get(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId) {
        caller(sc);
        return Response.ok(migrations.get(migrationId)).build();
    }

    @PUT
    @Path("{migrationId}")
    public Response update(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId, MigrationInput in) {
        return Response.ok(migrations.update(caller(sc), migrationId, in)).build();
    }

    @DELETE
    @Path("{migrationId}")
    public Response delete(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId) {
        migrations.delete(caller(sc), migrationId);
        return Response.noContent().build();
    }

    @GET
    @Path("{migrationId}/iterations")
    public Response iterations(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId) {
        caller(sc);
        return Response.ok(AuthoringHttp.items(migrations.iterations(migrationId))).build();
    }

    @POST
    @Path("{migrationId}/iterations")
    public Response createIteration(@Context SecurityContext sc, @Context UriInfo uri, @PathParam("migrationId") UUID migrationId,
                                    IterationInput in) {
        var it = migrations.createIteration(caller(sc), migrationId, in);
        return Response.created(uri.getAbsolutePathBuilder().path(it.id().toString()).build()).entity(it).build();
    }

    @GET
    @Path("{migrationId}/iterations/{iterationId}")
    public Response iteration(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId,
                              @PathParam("iterationId") UUID iterationId) {
        caller(sc);
        return Response.ok(migrations.iteration(migrationId, iterationId)).build();
    }

    @PUT
    @Path("{migrationId}/iterations/{iterationId}")
    public Response updateIteration(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId,
                                    @PathParam("iterationId") UUID iterationId, IterationUpdate in) {
        return Response.ok(migrations.updateIteration(caller(sc), migrationId, iterationId, in)).build();
    }

    @DELETE
    @Path("{migrationId}/iterations/{iterationId}")
    public Response deleteIteration(@Context SecurityContext sc, @PathParam("migrationId") UUID migrationId,
                                    @PathParam("iterationId") UUID iterationId) {
        migrations.deleteIteration(caller(sc), migrationId, iterationId);
        return Response.noContent().build();
    }
}
