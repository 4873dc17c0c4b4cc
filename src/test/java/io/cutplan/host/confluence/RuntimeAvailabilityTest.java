package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.api.DomainExceptionMapper;
import io.cutplan.api.JsonBodyProvider;
import io.cutplan.api.JsonMapper;
import io.cutplan.api.UnexpectedExceptionMapper;
import io.cutplan.host.confluence.rest.RuntimeAvailabilityFilter;
import io.cutplan.testing.InMemoryJersey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 3, in real Jersey: while the runtime has no database, every REST call but the configuration
 * resource answers 503 JSON before any resource is built (building one would fail inside Spring, outside the
 * exception mappers), and the configuration resource stays reachable so an administrator can repair the settings.
 */
class RuntimeAvailabilityTest {
    static final AtomicInteger BUILT = new AtomicInteger();

    /** Stands for any Cutplan resource: in Confluence its constructor would fail (its service bean cannot be made). */
    @Path("/iterations")
    @Produces(MediaType.APPLICATION_JSON)
    public static class AnyResource {
        public AnyResource() {
            BUILT.incrementAndGet();
            throw new IllegalStateException("Error creating bean: Unsatisfied dependency");
        }

        @GET
        public String get() {
            return "unreachable";
        }
    }

    @Path("/admin/config")
    @Produces(MediaType.APPLICATION_JSON)
    public static class SettingsResource {
        @GET
        public String get() {
            return "{\"page\":\"settings\"}";
        }
    }

    private final ConfluenceSettingsStore store = new ConfluenceSettingsStore(new HostFakes.Settings());
    private final CutplanRuntime runtime = new CutplanRuntime(store, new ConfluenceMailTransport(new HostFakes.Mail(), store),
            new HostFakes.App());

    @AfterEach
    void stop() {
        runtime.destroy();
    }

    private InMemoryJersey jersey() {
        return new InMemoryJersey(new ResourceConfig()
                .register(new RuntimeAvailabilityFilter(runtime))
                .register(JsonBodyProvider.class)
                .register(DomainExceptionMapper.class)
                .register(UnexpectedExceptionMapper.class)
                .register(AnyResource.class)
                .register(SettingsResource.class));
    }

    @Test
    void everyCallAnswers503JsonWhileTheDatabaseIsNotConfiguredAndNoResourceIsBuilt() throws Exception {
        runtime.afterPropertiesSet();
        assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.NOT_CONFIGURED);
        BUILT.set(0);
        InMemoryJersey app = jersey();
        for (String path : new String[] {"/iterations", "/health", "/plans/x", "/unknown"}) {
            InMemoryJersey.Answer a = app.get(path);
            assertThat(a.status()).as(path).isEqualTo(503);
            assertThat(a.type()).isEqualTo(MediaType.APPLICATION_JSON);
            var body = JsonMapper.get().readTree(a.body());
            assertThat(body.path("error").asText()).isEqualTo("not_configured");
            assertThat(body.path("message").asText()).contains("configuration page");
        }
        assertThat(BUILT.get()).as("no resource is built while the runtime is down").isZero();
    }

    @Test
    void aRuntimeThatFailedToStartAnswers503DatabaseUnavailable() throws Exception {
        store.save(new PluginConfig("jdbc:postgresql://127.0.0.1:1/cutplan", "u", "p", 1, false, "Cutplan"));
        runtime.afterPropertiesSet();
        assertThat(runtime.status().state()).isEqualTo(RuntimeStatus.State.FAILED);
        InMemoryJersey.Answer a = jersey().get("/iterations");
        assertThat(a.status()).isEqualTo(503);
        assertThat(JsonMapper.get().readTree(a.body()).path("error").asText()).isEqualTo("database_unavailable");
        assertThat(a.body()).doesNotContain("\"p\"");
    }

    @Test
    void theConfigurationResourceStaysReachable() throws Exception {
        runtime.afterPropertiesSet();
        InMemoryJersey.Answer a = jersey().get("/admin/config");
        assertThat(a.status()).isEqualTo(200);
    }
}
