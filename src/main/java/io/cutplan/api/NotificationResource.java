package io.cutplan.api;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.service.CallerService;
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
import java.util.Locale;


/** The notification outbox for administrators: list, one message with its bodies, resend a failed one. */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final NotificationService notifications;
    private final CallerService callers;
    private final CallerSource callerSource;

    @Inject
    public NotificationResource(NotificationService notifications, CallerService callers, CallerSource callerSource) {
        this.notifications = notifications;
        this.callers = callers;
        this.callerSource = callerSource;
    }

    @GET
    public NotificationList list(@QueryParam("status") String status, @QueryParam("iteration") String iteration,
                                 @QueryParam("limit") String limit, @Context SecurityContext security) {
        var caller = callers.resolve(callerSource.username(security));
        return notifications.list(caller, status(status), iteration == null || iteration.isBlank() ? null
                : NotificationParams.uuidField("iteration", iteration), NotificationParams.integer("limit", limit));
    }

    @GET
    @Path("/{id}")
    public NotificationView get(@PathParam("id") String id, @Context SecurityContext security) {
        return notifications.get(callers.resolve(callerSource.username(security)), NotificationParams.uuid("Notification", id));
    }

    @POST
    @Path("/{id}/resend")
    public NotificationView resend(@PathParam("id") String id, @Context SecurityContext security) {
        return notifications.resend(callers.resolve(callerSource.username(security)), NotificationParams.uuid("Notification", id));
    }

    private static NotificationStatus status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return NotificationStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "status must be one of PENDING, SENDING, SENT, FAILED");
        }
    }

}
