package io.cutplan.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The trivial JAX-RS endpoint of the benchmarks' floor: same server, same login filter, same JSON writer, no
 * database. Registered only by {@link io.cutplan.host.standalone.BenchServer}, never in production.
 */
@Path("/bench/floor")
@Produces(MediaType.APPLICATION_JSON)
public class FloorResource {
    private static final Map<String, Object> BODY = Map.of("ok", true);

    @GET
    public Map<String, Object> get() {
        return BODY;
    }
}
