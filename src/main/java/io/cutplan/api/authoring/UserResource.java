package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.UserInput;
import io.cutplan.service.authoring.DirectoryService;
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

/** Users and their team memberships. ADMIN writes; every authenticated user reads. */
@LicensedOnly
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final DirectoryService directory;
    private final Callers callers;

    @Inject
    public UserResource(DirectoryService directory, CallerService callers, CallerSource callerSource) {
        this.directory = directory;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response users(@Context SecurityContext sc, @QueryParam("teamId") String teamIdText,
            @QueryParam("offset") String offsetText,
                          @QueryParam("limit") String limitText) {
        UUID teamId = Params.optionalUuid("teamId", teamIdText);
        Integer offset = Params.optionalInt("offset", offsetText);
        Integer limit = Params.optionalInt("limit", limitText);
        return callers.of(sc).as(caller -> Response.ok(directory.users(teamId, offset, limit)).build());
    }

    @POST
    public Response createUser(@Context SecurityContext sc, @Context UriInfo uri, UserInput in) {
        return callers.of(sc).as(caller -> {
            var user = directory.createUser(caller, in);
            return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build()).entity(user).build();
        });
    }

    @GET
    @Path("{userId}")
    public Response user(@Context SecurityContext sc, @PathParam("userId") String userIdText) {
        UUID userId = Params.uuid("userId", userIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.user(userId)).build());
    }

    @PUT
    @Path("{userId}")
    public Response updateUser(@Context SecurityContext sc, @PathParam("userId") String userIdText, UserInput in) {
        UUID userId = Params.uuid("userId", userIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.updateUser(caller, userId, in)).build());
    }

    @DELETE
    @Path("{userId}")
    public Response deleteUser(@Context SecurityContext sc, @PathParam("userId") String userIdText) {
        UUID userId = Params.uuid("userId", userIdText);
        return callers.of(sc).as(caller -> {
            directory.deleteUser(caller, userId);
            return Response.noContent().build();
        });
    }

    @PUT
    @Path("{userId}/teams/{teamId}")
    public Response addMembership(@Context SecurityContext sc, @PathParam("userId") String userIdText,
            @PathParam("teamId") String teamIdText) {
        UUID userId = Params.uuid("userId", userIdText);
        UUID teamId = Params.uuid("teamId", teamIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.addMembership(caller, userId, teamId)).build());
    }

    @DELETE
    @Path("{userId}/teams/{teamId}")
    public Response removeMembership(@Context SecurityContext sc, @PathParam("userId") String userIdText,
                                     @PathParam("teamId") String teamIdText) {
        UUID userId = Params.uuid("userId", userIdText);
        UUID teamId = Params.uuid("teamId", teamIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.removeMembership(caller, userId, teamId)).build());
    }
}
