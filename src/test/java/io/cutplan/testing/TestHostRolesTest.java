package io.cutplan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutplan.store.Jdbc;
import org.junit.jupiter.api.Test;

/** The shared test host runs with production's privileges: every API test then proves the application role suffices. */
class TestHostRolesTest {

    @Test
    void theSharedHostConnectsAsTheApplicationRole() {
        assumeTrue(PostgresServer.get().roles().isPresent(), "the test server's user may not create roles");
        var db = TestHost.get().database();
        assertThat(db.transactor().readOnly(c -> Jdbc.one(c, "SELECT current_user", rs -> rs.getString(1))).orElseThrow())
                .isEqualTo(PostgresServer.get().roles().get().app());
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> Jdbc.update(c, "DELETE FROM event_log WHERE false")))
                .hasMessageContaining("permission denied");
    }
}
