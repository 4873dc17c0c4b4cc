package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import io.cutplan.testing.InMemoryJersey;
import io.cutplan.testing.InMemoryJersey.Answer;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, findings 3 and 4, in real Jersey (the JAX-RS implementation behind both Confluence's REST v2 and the
 * standalone host), in memory:
 * <ul>
 *   <li>A competing JSON provider registered next to ours (as a host's Jackson provider would be, either order) never
 *       writes Cutplan's types: ours carries a higher {@code @Priority} and claims only our types; a {@code byte[]}
 *       body (the forecast, pre-serialised by SharedJson) is left to the platform, byte for byte.</li>
 *   <li>A resource whose construction fails is NOT handed to the exception mappers by Jersey (hence Confluence's
 *       RuntimeAvailabilityFilter answers before any resource is built); a DomainException wrapped the way Spring
 *       wraps it still answers 503 JSON when it reaches the mapper.</li>
 * </ul>
 */
class JsonProviderPrecedenceTest {

    /** Something like a host's Jackson provider: JSON for any type but the ones Jackson leaves alone. */
    @Provider
    @Produces(MediaType.APPLICATION_JSON)
    public static class CompetingJsonProvider implements MessageBodyWriter<Object> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type != byte[].class && type != String.class;
        }

        @Override
        public void writeTo(Object o, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                            MultivaluedMap<String, Object> httpHeaders, OutputStream out) throws java.io.IOException {
            out.write("{\"writtenBy\":\"competitor\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    public record Probe(String name, java.time.Instant at) {
    }

    /** The shape of the authoring list bodies ({@code AuthoringHttp.Items}). */
    public record Items(List<?> items) {
    }

    @Path("/probe")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ProbeResource {
        @GET
        public Probe ours() {
            return new Probe("cutplan", java.time.Instant.parse("2026-01-02T03:04:05Z"));
        }

        @GET
        @Path("/bytes")
        public byte[] bytes() {
            return "{\"preSerialised\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        }

        @GET
        @Path("/items")
        public Items items() {
            return new Items(List.of(new Probe("a", null)));
        }
    }

    /** Built per request like REST v2's resources; its service bean could not be created (database down). */
    @Path("/down")
    @Produces(MediaType.APPLICATION_JSON)
    public static class DownResource {
        @Inject
        public DownResource() {
            DomainException cause = new DomainException(ErrorKind.UNAVAILABLE, "not_configured",
                    "Cutplan's database is not configured yet");
            // The shape Spring produces: UnsatisfiedDependencyException -> BeanCreationException -> our exception.
            throw new IllegalStateException("Error creating bean with name 'healthResource': Unsatisfied dependency",
                    new RuntimeException("Error creating bean with name 'healthService'", cause));
        }

        @GET
        public Probe get() {
            return null;
        }
    }

    private static InMemoryJersey jersey(boolean competitorFirst) {
        ResourceConfig rc = new ResourceConfig();
        if (competitorFirst) {
            rc.register(CompetingJsonProvider.class);
        }
        rc.register(JsonBodyProvider.class);
        if (!competitorFirst) {
            rc.register(CompetingJsonProvider.class);
        }
        rc.register(DomainExceptionMapper.class);
        rc.register(UnexpectedExceptionMapper.class);
        rc.register(ProbeResource.class);
        rc.register(DownResource.class);
        return new InMemoryJersey(rc);
    }

    private static Answer get(InMemoryJersey app, String path) throws Exception {
        return app.get(path);
    }

    @Test
    void ourProviderWritesOurTypesWhateverTheRegistrationOrder() throws Exception {
        for (boolean competitorFirst : new boolean[] {true, false}) {
            InMemoryJersey app = jersey(competitorFirst);
            Answer ours = get(app, "/probe");
            assertThat(ours.status()).isEqualTo(200);
            assertThat(ours.body()).as("competitor registered first: " + competitorFirst)
                    .isEqualTo(JsonMapper.get().writeValueAsString(new Probe("cutplan", java.time.Instant.parse("2026-01-02T03:04:05Z"))))
                    .contains("2026-01-02T03:04:05Z");
            Answer list = get(app, "/probe/items");
            assertThat(list.body()).isEqualTo("{\"items\":[{\"name\":\"a\"}]}");
        }
    }

    @Test
    void aByteArrayBodyIsLeftToThePlatformUntouched() throws Exception {
        Answer bytes = get(jersey(true), "/probe/bytes");
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo("{\"preSerialised\":[1,2,3]}");
        assertThat(new JsonBodyProvider().isWriteable(byte[].class, byte[].class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE))
                .isFalse();
        assertThat(new JsonBodyProvider().isWriteable(java.util.HashMap.class, java.util.HashMap.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE)).as("not a Cutplan type").isFalse();
    }

    /**
     * Why Confluence needs RuntimeAvailabilityFilter: an exception thrown while a resource is being BUILT (a service
     * bean that cannot be created) is not handed to the exception mappers by Jersey; it fails the request outside
     * them. Once the wrapped exception does reach the mapper (as a platform may arrange), it answers 503 JSON.
     */
    @Test
    void aResourceThatCannotBeBuiltIsNotMappedByJerseyButAWrappedDomainExceptionIsA503WhenItReachesTheMapper() throws Exception {
        assertThatThrownBy(() -> get(jersey(true), "/down")).isInstanceOf(java.util.concurrent.ExecutionException.class);
        try {
            new DownResource();
        } catch (IllegalStateException springLike) {
            jakarta.ws.rs.core.Response r = new UnexpectedExceptionMapper().toResponse(springLike);
            assertThat(r.getStatus()).isEqualTo(503);
            assertThat(r.getEntity()).isEqualTo(new ErrorBody("not_configured", "Cutplan's database is not configured yet", null, null));
            return;
        }
        throw new AssertionError("DownResource must fail");
    }
}
