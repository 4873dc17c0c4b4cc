package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /me} over real HTTP: the caller's role and teams as the services see them; 401 without a login. */
class MeApiTest {
    private final TestHost host = TestHost.get();
    private final Fixtures fx = Fixtures.in(host.database());

    @Test
    void anAdministratorAndAnExecutorSeeTheirRoleAndTeams() {
        Fixtures.TestUser admin = fx.user("me-admin", Role.ADMIN);
        UUID team = fx.team("ME");
        Fixtures.TestUser executor = fx.user("me-exec", Role.NORMAL, team);

        JsonNode a = host.as(admin.username()).get("/me").json();
        assertThat(a.path("username").asText()).isEqualTo(admin.username());
        assertThat(a.path("userId").asText()).isEqualTo(admin.id().toString());
        assertThat(a.path("role").asText()).isEqualTo("ADMIN");
        assertThat(a.path("known").asBoolean()).isTrue();
        assertThat(a.path("admin").asBoolean()).isTrue();
        assertThat(a.path("pilot").asBoolean()).isTrue();

        Api.Response r = host.as(executor.username()).get("/me");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode e = r.json();
        assertThat(e.path("role").asText()).isEqualTo("NORMAL");
        assertThat(e.path("admin").asBoolean()).isFalse();
        assertThat(e.path("pilot").asBoolean()).isFalse();
        assertThat(e.path("teamIds").size()).isEqualTo(1);
        assertThat(e.path("teamIds").get(0).asText()).isEqualTo(team.toString());
    }

    @Test
    void withoutALoginTheAnswerIs401() {
        Api.Response r = host.as("nobody").anonymous().get("/me");
        assertThat(r.status()).isEqualTo(401);
    }
}
