package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
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
@LicensedOnly
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {
    private final MigrationService migrations;
    private final Callers callers;

    @Inject
    public MigrationResource(MigrationService migrations, CallerService callers, CallerSource callerSource) {
        this.migrations = migrations;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("offset") String offsetText,
            @QueryParam("limit") String limitText) {
        Integer offset = Params.optionalInt("offset", offsetText);
        Integer limit = Params.optionalInt("limit", limitText);
        return callers.of(sc).as(caller -> Response.ok(migrations.list(offset, limit)).build());
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, MigrationInput in) {
        return callers.of(sc).as(caller -> {
            var m = migrations.create(caller, in);
            return Response.created(uri.getAbsolutePathBuilder().path(m.id().toString()).build()).entity(m).build();
        });
    }

    @GET
    @Path("{migrationId}")
    public Response get(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        return callers.of(sc).as(caller -> Response.ok(migrations.get(migrationId)).build());
    }

    @PUT
    @Path("{migrationId}")
    public Response update(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText,
            MigrationInput in) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        return callers.of(sc).as(caller -> Response.ok(migrations.update(caller, migrationId, in)).build());
    }

    @DELETE
    @Path("{migrationId}")
    public Response delete(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        return callers.of(sc).as(caller -> {
            migrations.delete(caller, migrationId);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("{migrationId}/iterations")
    public Response iterations(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        return callers.of(sc).as(caller -> Response.ok(AuthoringHttp.items(migrations.iterations(migrationId))).build());
    }

    @POST
    @Path("{migrationId}/iterations")
    public Response createIteration(@Context SecurityContext sc, @Context UriInfo uri,
            @PathParam("migrationId") String migrationIdText,
                                    IterationInput in) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        return callers.of(sc).as(caller -> {
            var it = migrations.createIteration(caller, migrationId, in);
            return Response.created(uri.getAbsolutePathBuilder().path(it.id().toString()).build()).entity(it).build();
        });
    }

    @GET
    @Path("{migrationId}/iterations/{iterationId}")
    public Response iteration(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText,
                              @PathParam("iterationId") String iterationIdText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        UUID iterationId = Params.uuid("iterationId", iterationIdText);
        return callers.of(sc).as(caller -> Response.ok(migrations.iteration(migrationId, iterationId)).build());
    }

    @PUT
    @Path("{migrationId}/iterations/{iterationId}")
    public Response updateIteration(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText,
                                    @PathParam("iterationId") String iterationIdText, IterationUpdate in) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        UUID iterationId = Params.uuid("iterationId", iterationIdText);
        return callers.of(sc).as(caller -> Response.ok(migrations.updateIteration(caller, migrationId, iterationId,
                in)).build());
    }

    @DELETE
    @Path("{migrationId}/iterations/{iterationId}")
    public Response deleteIteration(@Context SecurityContext sc, @PathParam("migrationId") String migrationIdText,
                                    @PathParam("iterationId") String iterationIdText) {
        UUID migrationId = Params.uuid("migrationId", migrationIdText);
        UUID iterationId = Params.uuid("iterationId", iterationIdText);
        return callers.of(sc).as(caller -> {
            migrations.deleteIteration(caller, migrationId, iterationId);
            return Response.noContent().build();
        });
    }
}
