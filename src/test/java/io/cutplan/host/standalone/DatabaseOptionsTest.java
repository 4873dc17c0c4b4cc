package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.store.DbConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external database's two roles: owner for the migrations, application user for the pool. */
class DatabaseOptionsTest {
    private static final String URL = "jdbc:postgresql://db.example:5432/cutplan";

    @Test
    void theOwnerComesFromItsOwnOptionsOrEnvironment() {
        StandaloneOptions o = StandaloneOptions.parse(new String[] {"--db-url", URL, "--db-user", "cutplan_app",
                "--db-owner-user", "cutplan_owner"}, Map.of("CUTPLAN_DB_PASSWORD", "app-pw", "CUTPLAN_DB_OWNER_PASSWORD", "owner-pw"));
        DbConfig app = o.externalAppConfig().orElseThrow();
        DbConfig owner = o.externalOwnerConfig().orElseThrow();
        assertThat(app.user()).isEqualTo("cutplan_app");
        assertThat(app.password()).isEqualTo("app-pw");
        assertThat(owner.user()).isEqualTo("cutplan_owner");
        assertThat(owner.password()).isEqualTo("owner-pw");
        assertThat(owner.url()).isEqualTo(URL);
        assertThat(o.toString()).doesNotContain("app-pw").doesNotContain("owner-pw").contains("dbOwnerUser=cutplan_owner");

        StandaloneOptions env = StandaloneOptions.parse(new String[] {}, Map.of("CUTPLAN_DB_URL", URL,
                "CUTPLAN_DB_USER", "a", "CUTPLAN_DB_OWNER_USER", "o"));
        assertThat(env.externalOwnerConfig().orElseThrow().user()).isEqualTo("o");
    }

    @Test
    void withoutAnOwnerTheApplicationUserRunsTheMigrationsAsBefore() {
        StandaloneOptions o = StandaloneOptions.parse(new String[] {"--db-url", URL, "--db-user", "cutplan"}, Map.of());
        assertThat(o.externalOwnerConfig()).isEqualTo(o.externalAppConfig());
        assertThat(StandaloneOptions.parse(new String[] {}, Map.of()).externalAppConfig()).isEmpty();
    }

    @Test
    void ownerOptionsNeedAnExternalDatabase() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--db-owner-user", "o"}, Map.of()))
                .hasMessageContaining("--db-url");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--db-url", URL, "--db-owner-password", "p"}, Map.of()))
                .hasMessageContaining("--db-owner-user");
        assertThat(StandaloneOptions.usage()).contains("--db-owner-user").contains("CUTPLAN_DB_OWNER_PASSWORD");
    }
}
