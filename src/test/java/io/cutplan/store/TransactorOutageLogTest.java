package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 16, finding 3: a database outage is logged once when it starts and once when it ends, however many
 * requests (polls) fail in between; each of them still gets the 503-kind error.
 */
class TransactorOutageLogTest {

    /** A real PostgreSQL data source that can be switched off (connection refused, SQLState 08001). */
    static final class SwitchableDataSource implements DataSource {
        final PGSimpleDataSource real = new PGSimpleDataSource();
        volatile boolean down;

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection to db.example:5432 refused", "08001");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void anOutageIsLoggedOnceNotPerPoll() {
        DbConfig db = PostgresServer.get().createMigratedDatabase();
        SwitchableDataSource ds = new SwitchableDataSource();
        ds.real.setURL(db.url());
        ds.real.setUser(db.user());
        ds.real.setPassword(db.password());
        Transactor tx = new Transactor(ds);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(tx.<Integer>readOnly(c -> 1)).isEqualTo(1);
            ds.down = true;
            for (int poll = 0; poll < 20; poll++) {
                assertThatThrownBy(() -> tx.readOnly(c -> 1)).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
            }
            assertThat(tx.unavailable()).isTrue();
            ds.down = false;
            assertThat(tx.<Integer>readOnly(c -> 2)).isEqualTo(2);
            assertThat(tx.<Integer>readOnly(c -> 3)).isEqualTo(3);
            assertThat(tx.unavailable()).isFalse();
        } finally {
            System.setErr(originalErr);
            PostgresServer.get().drop(db);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("database became unreachable"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("database is reachable again"))).hasSize(1);
        assertThat(log).contains("refused");
    }
}
