package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.CallerService;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.mail.NotificationService;
import io.cutplan.service.mail.NotificationSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;

/** {@code GET/PUT /iterations/{id}/notification-settings}: mode ON/OFF/TEST, test address, comment mails (pilots, admins). */
@LicensedOnly
@Path("/iterations/{id}/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationSettingsResource {
    private final NotificationService notifications;
    private final Callers callers;

    @Inject
    public NotificationSettingsResource(NotificationService notifications, CallerService callers, CallerSource callerSource) {
        this.notifications = notifications;
        this.callers = new Callers(callerSource, callers);
    }

    @GET
    public NotificationSettings get(@PathParam("id") String id, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> notifications.settings(caller, iterationId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public NotificationSettings put(@PathParam("id") String id, NotificationSettings body, @Context SecurityContext security) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(security).as(caller -> notifications.updateSettings(caller, iterationId, body));
    }
}
