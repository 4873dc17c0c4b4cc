package io.cutplan.store;

import io.cutplan.domain.IterationStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The iteration's own lifecycle status and its plan instance's, kept in step with the steps. */
public final class IterationStateDao {
    private IterationStateDao() {
    }

    public static Optional<IterationStatus> status(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT status FROM iterations WHERE id = ?",
                rs -> IterationStatus.valueOf(rs.getString(1)), iterationId);
    }

    /** Sets both statuses; the plan instance records when execution started and finished. */
    public static void setStatus(Connection c, UUID iterationId, IterationStatus status) throws SQLException {
        Jdbc.update(c, "UPDATE iterations SET status = ? WHERE id = ?", status, iterationId);
        String planStatus = switch (status) {
            case PLANNED -> "NOT_STARTED";
            case IN_PROGRESS -> "IN_PROGRESS";
            case COMPLETED -> "COMPLETED";
            case CANCELLED -> "CANCELLED";
        };
        Jdbc.update(c, "UPDATE plan_instances SET status = ?, "
                        + "started_at = CASE WHEN ? IN ('IN_PROGRESS', 'COMPLETED') THEN coalesce(started_at, now()) ELSE started_at END, "
                        + "finished_at = CASE WHEN ? = 'COMPLETED' THEN now() END, version = version + 1 "
                        + "WHERE iteration_id = ?", planStatus, planStatus, planStatus, iterationId);
    }
}
