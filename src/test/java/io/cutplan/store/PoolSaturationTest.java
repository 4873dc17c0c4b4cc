package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A pool that is only busy is told apart from a database that cannot be reached (HikariCP's timeout message). */
class PoolSaturationTest {
    @Test
    void everyConnectionInUseWithoutAConnectionFailureIsBusyNotAnOutage() {
        assertThat(Transactor.poolSaturated(new SQLTransientConnectionException(
                "cutplan - Connection is not available, request timed out after 3010ms (total=20, active=20, idle=0, waiting=41)")))
                .isTrue();
    }

    @Test
    void aFailedConnectionOrAPoolWithRoomIsAnOutage() {
        // The database refused new connections: HikariCP carries the last failure as the cause.
        assertThat(Transactor.poolSaturated(new SQLTransientConnectionException(
                "cutplan - Connection is not available, request timed out after 3000ms (total=20, active=20, idle=0, waiting=3)",
                "08001", new ConnectException("Connection refused")))).isFalse();
        // Fewer connections than the pool holds, and none to give: they could not be made.
        assertThat(Transactor.poolSaturated(new SQLTransientConnectionException(
                "cutplan - Connection is not available, request timed out after 3000ms (total=0, active=0, idle=0, waiting=5)"))).isFalse();
        assertThat(Transactor.poolSaturated(new SQLTransientConnectionException(
                "cutplan - Connection is not available, request timed out after 3000ms (total=12, active=10, idle=2, waiting=5)"))).isFalse();
        assertThat(Transactor.poolSaturated(new SQLException("FATAL: the database system is shutting down", "57P03"))).isFalse();
    }
}
