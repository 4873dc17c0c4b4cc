package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.mail.NotificationList;
import io.cutplan.service.mail.NotificationService;
import io.cutplan.service.mail.NotificationView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;


/** The notification outbox for administrators: list, one message with its bodies, resend a failed one. */
@LicensedOnly
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final NotificationService notifications;
    private final Callers callers;

    @Inject
    public NotificationResource(NotificationService notifications, CallerService callers, CallerSource callerSource) {
        this.notifications = notifications;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public NotificationList list(@QueryParam("status") String status, @QueryParam("iteration") String iteration,
                                 @QueryParam("limit") String limit, @Context SecurityContext security) {
        NotificationStatus wanted = Params.optionalEnum("status", status, NotificationStatus.class);
        UUID iterationId = Params.optionalUuid("iteration", iteration);
        Integer max = Params.optionalInt("limit", limit);
        return callers.of(security).as(caller -> notifications.list(caller, wanted, iterationId, max));
    }

    @GET
    @Path("/{id}")
    public NotificationView get(@PathParam("id") String id, @Context SecurityContext security) {
        return callers.of(security).as(caller -> notifications.get(caller, Params.uuid("id", id)));
    }

    @POST
    @Path("/{id}/resend")
    public NotificationView resend(@PathParam("id") String id, @Context SecurityContext security) {
        return callers.of(security).as(caller -> notifications.resend(caller, Params.uuid("id", id)));
    }
}
