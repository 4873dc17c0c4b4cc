package io.cutplan.store;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * Runs work in a transaction: commit on return, roll back on any exception. Services own transactions;
 * DAOs only ever receive the connection.
 */
public final class Transactor {
    private final DataSource dataSource;

    public Transactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Read-write, READ COMMITTED. Writers to one iteration serialise on its row (see the iteration DAO). */
    public <T> T inTransaction(TxWork<T> work) {
        return run(work, Connection.TRANSACTION_READ_COMMITTED, false);
    }

    /** Read-only, REPEATABLE READ: every query inside sees one snapshot, so a version and its rows agree. */
    public <T> T readOnly(TxWork<T> work) {
        return run(work, Connection.TRANSACTION_REPEATABLE_READ, true);
    }

    private <T> T run(TxWork<T> work, int isolation, boolean readOnly) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The database is not reachable right now", e);
        }
        try (c) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                rollbackQuietly(c, t);
                throw t;
            } finally {
                if (readOnly) {
                    c.setReadOnly(false);
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Maps SQL failures to domain errors; anything unexpected stays an internal error. */
    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))
                || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)) {
            return new DatabaseUnavailableException("The database is not reachable right now", e);
        }
        if (state == null && e.getMessage() != null && e.getMessage().contains("Connection is closed")) {
            return new DatabaseUnavailableException("The database connection was lost", e);
        }
        if ("22021".equals(state) || "22P05".equals(state)) {
            return new DomainException(ErrorKind.INVALID, "invalid_value", "Text contains a character the database cannot store");
        }
        if ("40001".equals(state) || "40P01".equals(state)) {
            return new DomainException(ErrorKind.CONFLICT, "concurrent_update",
                    "Another change was committed at the same time; reload and try again");
        }
        return new StoreException(e);
    }
}
