package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.webhook.WebhookService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/** The webhook outbox for administrators: list deliveries, resend a FAILED one. */
@LicensedOnly
@Path("/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {
    private final WebhookService webhooks;
    private final Callers callers;

    @Inject
    public WebhookDeliveryResource(WebhookService webhooks, CallerService callers, CallerSource callerSource) {
        this.webhooks = webhooks;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public Response list(@Context SecurityContext sc, @QueryParam("webhookId") String webhookId,
                         @QueryParam("status") String status, @QueryParam("limit") String limit) {
        UUID hook = Params.optionalUuid("webhookId", webhookId);
        NotificationStatus wanted = Params.optionalEnum("status", status, NotificationStatus.class);
        Integer max = Params.optionalInt("limit", limit);
        return callers.of(sc).as(caller -> Response.ok(webhooks.deliveries(caller, hook, wanted, max)).build());
    }

    @POST
    @Path("{id}/resend")
    public Response resend(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID deliveryId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> Response.ok(webhooks.resend(caller, deliveryId)).build());
    }
}
