package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.service.HealthReport;
import io.cutplan.service.HealthService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /health}: 200 when the database answers and is migrated, 503 otherwise. */
@LicensedOnly
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final HealthService health;

    @Inject
    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    public Response get() {
        HealthReport report = health.check();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(report.up() ? 200 : 503).cacheControl(noStore).entity(report).build();
    }
}
