package io.cutplan.host.confluence.rest;

import io.cutplan.api.DomainExceptionMapper;
import io.cutplan.host.confluence.CutplanRuntime;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * While Cutplan's runtime is not running (database not configured, or it could not be opened or migrated), every
 * REST call except the configuration resource answers 503 JSON ({@code not_configured} / {@code database_unavailable})
 * BEFORE the request is matched to a resource (issue 16, finding 3).
 *
 * <p>Why before: REST v2 builds each resource with its service beans injected, and those beans cannot be created
 * while the runtime is down; an exception thrown while a resource is being built reaches the container outside any
 * resource method, where JAX-RS does not promise to apply exception mappers (Jersey 3 does not: see
 * JsonProviderPrecedenceTest), so the answer would be a 500 (or whatever the platform makes of it). Nothing is
 * logged here: the runtime logs once when it fails to start; a database lost while running is detected (and logged
 * once per outage) by the store's Transactor, and answers 503 from the resource method.
 *
 * <p>The configuration resource ({@code admin/...}) stays reachable: it is how an administrator repairs the settings.
 * {@link LicensedOnly} is not needed on a filter; the annotation import keeps the audience decision visible here.
 */
@Provider
@PreMatching
public class RuntimeAvailabilityFilter implements ContainerRequestFilter {
    static final String ADMIN_PREFIX = "admin/";

    private final CutplanRuntime runtime;

    @Inject
    public RuntimeAvailabilityFilter(CutplanRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.startsWith(ADMIN_PREFIX)) {
            return;
        }
        runtime.unavailable().ifPresent(e -> request.abortWith(new DomainExceptionMapper().toResponse(e)));
    }
}
