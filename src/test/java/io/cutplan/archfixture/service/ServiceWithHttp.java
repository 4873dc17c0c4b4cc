package io.cutplan.archfixture.service;

import jakarta.ws.rs.core.Response;

/** Wrong on purpose: a service class that speaks JAX-RS. */
public final class ServiceWithHttp {
    public Response answer() {
        return Response.noContent().build();
    }
}
