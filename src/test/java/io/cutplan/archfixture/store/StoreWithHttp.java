package io.cutplan.archfixture.store;

import jakarta.ws.rs.core.Response;

/** Wrong on purpose: a store class that speaks JAX-RS. */
public final class StoreWithHttp {
    public Response answer() {
        return Response.ok().build();
    }
}
