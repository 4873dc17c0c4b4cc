package io.cutplan.testing;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/** Real Jersey without HTTP: a ResourceConfig handles GET requests in memory (no port, no server thread). */
public final class InMemoryJersey {
    private final ApplicationHandler app;

    public InMemoryJersey(ResourceConfig config) {
        this.app = new ApplicationHandler(config);
    }

    public record Answer(int status, String body, String type) {
    }

    public Answer get(String path) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
                "GET", null, new MapPropertiesDelegate(), app.getConfiguration());
        request.header("Accept", MediaType.APPLICATION_JSON);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, out).get(10, TimeUnit.SECONDS);
        return new Answer(response.getStatus(), out.toString(StandardCharsets.UTF_8), String.valueOf(response.getMediaType()));
    }
}
