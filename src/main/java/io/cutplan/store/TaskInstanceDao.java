package io.cutplan.store;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Task instances: one row with what the permission rule needs, and its completion. */
public final class TaskInstanceDao {
    private TaskInstanceDao() {
    }

    public record TaskInstanceRow(UUID id, UUID stepInstanceId, String stepCode, StepStatus stepStatus, UUID stepOwnerTeamId,
                          String title, UUID assignedTeamId, UUID nominatedUserId, TaskStatus status,
                          Instant completedAt, UUID completedBy, int version) {
    }

    private static final String ROW = "ti.id, ti.step_instance_id, s.code AS step_code, si.status AS step_status, "
            + "s.owner_team_id, t.title, t.assigned_team_id, t.nominated_user_id, ti.status, ti.completed_at, "
            + "ti.completed_by, ti.version";

    public static Optional<TaskInstanceRow> find(Connection c, UUID iterationId, UUID taskInstanceId) throws SQLException {
        return Jdbc.one(c, "SELECT " + ROW + " FROM task_instances ti "
                + "JOIN baseline_tasks t ON t.iteration_id = ti.iteration_id AND t.id = ti.task_id "
                + "JOIN step_instances si ON si.id = ti.step_instance_id "
                + "JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id "
                + "WHERE ti.id = ? AND ti.iteration_id = ?", TaskInstanceDao::map, taskInstanceId, iterationId);
    }

    static TaskInstanceRow map(ResultSet rs) throws SQLException {
        return new TaskInstanceRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "step_instance_id"), rs.getString("step_code"),
                Jdbc.enumValue(rs, "step_status", StepStatus.class), Jdbc.uuid(rs, "owner_team_id"), rs.getString("title"),
                Jdbc.uuid(rs, "assigned_team_id"), Jdbc.uuid(rs, "nominated_user_id"),
                Jdbc.enumValue(rs, "status", TaskStatus.class), Jdbc.instant(rs, "completed_at"),
                Jdbc.uuid(rs, "completed_by"), rs.getInt("version"));
    }

    public static void setDone(Connection c, UUID taskInstanceId, boolean done, UUID actorId, long changeVersion)
            throws SQLException {
        Jdbc.update(c, "UPDATE task_instances SET status = ?, completed_at = CASE WHEN ? THEN now() END, "
                        + "completed_by = CASE WHEN ? THEN ?::uuid END, version = version + 1, changed_in_version = ? WHERE id = ?",
                done ? TaskStatus.DONE : TaskStatus.OPEN, done, done, actorId, changeVersion, taskInstanceId);
    }
}
