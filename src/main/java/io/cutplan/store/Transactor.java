package io.cutplan.store;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs work in a transaction: commit on return, roll back on any exception. Services own transactions;
 * DAOs only ever receive the connection.
 */
public final class Transactor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Transactor.class);
    private final DataSource dataSource;
    /**
     * Whether the last transaction found the database unreachable: an outage is logged once when it starts and
     * once when the database answers again, not on every request or poll during it (issue 16, finding 3).
     */
    private final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    /** The connection shared by the transactions of one {@link #onOneConnection} scope on this thread. */
    private final ThreadLocal<SharedConnection> shared = new ThreadLocal<>();

    private static final class SharedConnection {
        Connection connection;
        boolean inTransaction;
    }

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

    /**
     * Runs {@code work} so that every transaction it opens on this thread, one after the other, uses ONE pooled
     * connection, checked out at the first transaction and returned at the end. A request resolves its caller and
     * runs its use case inside one such scope, so it never holds or waits for a second connection. Each transaction
     * still commits on its own; a transaction opened while another is running (nested) gets its own connection.
     */
    public <T> T onOneConnection(Supplier<T> work) {
        if (shared.get() != null) {
            return work.get();
        }
        SharedConnection scope = new SharedConnection();
        shared.set(scope);
        try {
            return work.get();
        } finally {
            shared.remove();
            closeQuietly(scope);
        }
    }

    private <T> T run(TxWork<T> work, int isolation, boolean readOnly) {
        SharedConnection scope = shared.get();
        if (scope == null || scope.inTransaction) {
            try (Connection c = acquire()) {
                return runOn(c, work, isolation, readOnly);
            } catch (SQLException e) {
                throw translated(e);
            }
        }
        if (scope.connection == null) {
            scope.connection = acquire();
        }
        scope.inTransaction = true;
        try {
            return runOn(scope.connection, work, isolation, readOnly);
        } catch (DatabaseUnavailableException e) {
            // A lost connection is not handed to the scope's next transaction: it gets a fresh one.
            closeQuietly(scope);
            throw e;
        } finally {
            scope.inTransaction = false;
        }
    }

    private Connection acquire() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            if (poolSaturated(e)) {
                // Every connection is busy and the database is fine: saying "not reachable" would alarm a pilot at
                // 3 a.m. for nothing, and this is no outage to log.
                throw new DomainException(ErrorKind.UNAVAILABLE, "server_busy",
                        "The server is answering many requests at once; try again in a moment", null, null, e);
            }
            throw outage(new DatabaseUnavailableException("The database is not reachable right now", e));
        }
    }

    private static final java.util.regex.Pattern POOL_STATE =
            java.util.regex.Pattern.compile("\\(total=(\\d+), active=(\\d+),");

    /**
     * Whether the pool timed out only because every connection was in use (HikariCP's timeout names the pool's
     * state and carries no connection failure then), not because the database could not be reached.
     */
    static boolean poolSaturated(SQLException e) {
        if (!(e instanceof java.sql.SQLTransientConnectionException) || e.getCause() != null || e.getMessage() == null) {
            return false;
        }
        java.util.regex.Matcher m = POOL_STATE.matcher(e.getMessage());
        return m.find() && m.group(1).equals(m.group(2)) && !m.group(1).equals("0");
    }

    /** Whether an outage is in progress (the last transaction could not reach the database). */
    public boolean unavailable() {
        return down.get();
    }

    private DatabaseUnavailableException outage(DatabaseUnavailableException e) {
        if (down.compareAndSet(false, true)) {
            Throwable cause = e.getCause();
            LOG.warn("Cutplan's database became unreachable ({}); requests answer 503 until it is back",
                    cause == null ? e.getMessage() : cause.getMessage());
        }
        return e;
    }

    private void available() {
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.info("Cutplan's database is reachable again");
        }
    }

    private static void closeQuietly(SharedConnection scope) {
        if (scope.connection != null) {
            try {
                scope.connection.close();
            } catch (SQLException e) {
                // returned to the pool broken; the pool validates and replaces it
            }
            scope.connection = null;
        }
    }

    private <T> T runOn(Connection c, TxWork<T> work, int isolation, boolean readOnly) {
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            try {
                T result = work.run(c);
                c.commit();
                available();
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
            throw translated(e);
        }
    }

    private RuntimeException translated(SQLException e) {
        RuntimeException r = translate(e);
        return r instanceof DatabaseUnavailableException u ? outage(u) : r;
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
