package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.webhook.WebhookInput;
import io.cutplan.service.webhook.WebhookService;
import io.cutplan.service.webhook.WebhookView;
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

/** Outgoing webhooks (administrators): configure per migration or iteration, send a test. */
@LicensedOnly
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private final WebhookService webhooks;
    private final Callers callers;

    @Inject
    public WebhookResource(WebhookService webhooks, CallerService callers, CallerSource callerSource) {
        this.webhooks = webhooks;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("migrationId") String migrationId,
                         @QueryParam("iterationId") String iterationId) {
        UUID migration = Params.optionalUuid("migrationId", migrationId);
        UUID iteration = Params.optionalUuid("iterationId", iterationId);
        return callers.of(sc).as(caller -> Response.ok(webhooks.list(caller, migration, iteration)).build());
    }

    @POST
    public Response create(@Context SecurityContext sc, @Context UriInfo uri, WebhookInput in) {
        return callers.of(sc).as(caller -> {
            WebhookView w = webhooks.create(caller, in);
            return Response.created(uri.getAbsolutePathBuilder().path(w.id().toString()).build()).entity(w).build();
        });
    }

    @GET
    @Path("{id}")
    public Response get(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID webhookId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> Response.ok(webhooks.get(caller, webhookId)).build());
    }

    @PUT
    @Path("{id}")
    public Response update(@Context SecurityContext sc, @PathParam("id") String id, WebhookInput in) {
        UUID webhookId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> Response.ok(webhooks.update(caller, webhookId, in)).build());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID webhookId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> {
            webhooks.delete(caller, webhookId);
            return Response.noContent().build();
        });
    }

    /** Queues a TEST delivery through the outbox; 202 with the delivery (see GET /webhook-deliveries for its outcome). */
    @POST
    @Path("{id}/test")
    public Response test(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID webhookId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> Response.accepted(webhooks.test(caller, webhookId)).build());
    }
}
