package io.cutplan.store;

import io.cutplan.domain.DomainException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The iteration row as the guard of every change to an iteration. */
public final class IterationDao {
    private IterationDao() {
    }

    /**
     * Locks the iteration row and raises its change version by one, returning the new version. Every writer
     * to an iteration calls this first in its transaction, so writers to one iteration commit one after the
     * other in version order, and "everything changed after version N" can never miss a row.
     */
    public static long bumpVersion(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "UPDATE iterations SET change_version = change_version + 1 WHERE id = ? RETURNING change_version",
                rs -> rs.getLong(1), iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    public static Optional<Long> currentVersion(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT change_version FROM iterations WHERE id = ?", rs -> rs.getLong(1), iterationId);
    }
}
