package io.cutplan.api.authoring;

import io.cutplan.api.CallerSource;
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
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final DirectoryService directory;
    private final CallerService callers;
    private final CallerSource callerSource;

    @Inject
    public UserResource(DirectoryService directory, CallerService callers, CallerSource callerSource) {
        this.directory = directory;
        this.callers = callers;
        this.callerSource = callerSource;
    }

    private io.cutplan.domain.Caller caller(SecurityContext sc) {
        return RequestCaller.of(callerSource, callers, sc);
    }

    @GET
    public Response users(@Context SecurityContext sc, @QueryParam("teamId") UUID teamId, @QueryParam("offset") Integer offset,
                          @QueryParam("limit") Integer limit) {
        caller(sc);
        return Response.ok(directory.users(teamId, offset, limit)).build();
    }

    @POST
    public Response createUser(@Context SecurityContext sc, @Context UriInfo uri, UserInput in) {
        var user = directory.createUser(caller(sc), in);
        return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build()).entity(user).build();
    }

    @GET
    @Path("{userId}")
    public Response user(@Context SecurityContext sc, @PathParam("userId") UUID userId) {
        caller(sc);
        return Response.ok(directory.user(userId)).build();
    }

    @PUT
    @Path("{userId}")
    public Response updateUser(@Context SecurityContext sc, @PathParam("userId") UUID userId, UserInput in) {
        return Response.ok(directory.updateUser(caller(sc), userId, in)).build();
    }

    @DELETE
    @Path("{userId}")
    public Response deleteUser(@Context SecurityContext sc, @PathParam("userId") UUID userId) {
        directory.deleteUser(caller(sc), userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("{userId}/teams/{teamId}")
    public Response addMembership(@Context SecurityContext sc, @PathParam("userId") UUID userId, @PathParam("teamId") UUID teamId) {
        return Response.ok(directory.addMembership(caller(sc), userId, teamId)).build();
    }

    @DELETE
    @Path("{userId}/teams/{teamId}")
    public Response removeMembership(@Context SecurityContext sc, @PathParam("userId") UUID userId,
                                     @PathParam("teamId") UUID teamId) {
        return Response.ok(directory.removeMembership(caller(sc), userId, teamId)).build();
    }
}
