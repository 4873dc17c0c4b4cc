package io.cutplan.api.authoring;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.api.Callers;
import io.cutplan.api.Params;
import io.cutplan.service.CallerService;
import io.cutplan.service.authoring.AuthoringInputs.TeamInput;
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

/** Teams. ADMIN writes; every authenticated user reads. */
@LicensedOnly
@Path("/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {
    private final DirectoryService directory;
    private final Callers callers;
    private final boolean hostGroups;

    @Inject
    public TeamResource(DirectoryService directory, CallerService callers, CallerSource callerSource) {
        this.directory = directory;
        this.callers = new Callers(callerSource, callers);
        this.hostGroups = callerSource.hostGroups();
    }

    @GET
    public Response teams(@Context SecurityContext sc, @QueryParam("offset") String offsetText,
            @QueryParam("limit") String limitText) {
        Integer offset = Params.optionalInt("offset", offsetText);
        Integer limit = Params.optionalInt("limit", limitText);
        return callers.of(sc).as(caller -> Response.ok(directory.teams(offset, limit)).build());
    }

    @POST
    public Response createTeam(@Context SecurityContext sc, @Context UriInfo uri, TeamInput in) {
        return callers.of(sc).as(caller -> {
            var team = directory.createTeam(caller, in, hostGroups);
            return Response.created(uri.getAbsolutePathBuilder().path(team.id().toString()).build()).entity(team).build();
        });
    }

    @GET
    @Path("{teamId}")
    public Response team(@Context SecurityContext sc, @PathParam("teamId") String teamIdText) {
        UUID teamId = Params.uuid("teamId", teamIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.team(teamId)).build());
    }

    @PUT
    @Path("{teamId}")
    public Response updateTeam(@Context SecurityContext sc, @PathParam("teamId") String teamIdText, TeamInput in) {
        UUID teamId = Params.uuid("teamId", teamIdText);
        return callers.of(sc).as(caller -> Response.ok(directory.updateTeam(caller, teamId, in, hostGroups)).build());
    }

    @DELETE
    @Path("{teamId}")
    public Response deleteTeam(@Context SecurityContext sc, @PathParam("teamId") String teamIdText) {
        UUID teamId = Params.uuid("teamId", teamIdText);
        return callers.of(sc).as(caller -> {
            directory.deleteTeam(caller, teamId);
            return Response.noContent().build();
        });
    }
}
