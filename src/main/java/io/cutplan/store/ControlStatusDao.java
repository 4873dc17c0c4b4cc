package io.cutplan.store;

import io.cutplan.domain.ControlStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A control's outcome in one iteration. */
public final class ControlStatusDao {
    private ControlStatusDao() {
    }

    public record ControlOutcomeRow(UUID controlId, String code, String title, boolean critical, ControlStatus status,
                             String note, Instant setAt, UUID setBy, int version) {
    }

    public static Optional<ControlOutcomeRow> find(Connection c, UUID iterationId, UUID controlId) throws SQLException {
        return Jdbc.one(c, """
                SELECT ctl.id, ctl.code, ctl.title, ctl.critical, cis.status, cis.note, cis.set_at, cis.set_by, cis.version
                  FROM control_iteration_status cis
                  JOIN baseline_controls ctl ON ctl.iteration_id = cis.iteration_id AND ctl.id = cis.control_id
                 WHERE cis.iteration_id = ? AND cis.control_id = ?""",
                rs -> new ControlOutcomeRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"), rs.getBoolean("critical"),
                        Jdbc.enumValue(rs, "status", ControlStatus.class), rs.getString("note"), Jdbc.instant(rs, "set_at"),
                        Jdbc.uuid(rs, "set_by"), rs.getInt("version")), iterationId, controlId);
    }

    /** Teams assigned a task linked to the control in this iteration, or owning a step with such a task. */
    public static Set<UUID> involvedTeams(Connection c, UUID iterationId, UUID controlId) throws SQLException {
        Set<UUID> teams = new HashSet<>();
        Jdbc.list(c, """
                SELECT t.assigned_team_id AS a, s.owner_team_id AS o
                  FROM baseline_task_controls l
                  JOIN baseline_tasks t ON t.iteration_id = l.iteration_id AND t.id = l.task_id
                  JOIN baseline_steps s ON s.iteration_id = t.iteration_id AND s.id = t.step_id
                  JOIN task_instances ti ON ti.task_id = t.id AND ti.iteration_id = t.iteration_id
                 WHERE l.iteration_id = ? AND l.control_id = ?""", rs -> {
            UUID a = Jdbc.uuid(rs, "a");
            UUID o = Jdbc.uuid(rs, "o");
            if (a != null) {
                teams.add(a);
            }
            if (o != null) {
                teams.add(o);
            }
            return null;
        }, iterationId, controlId);
        return teams;
    }

    public static void set(Connection c, UUID iterationId, UUID controlId, ControlStatus status, String note, UUID actorId,
                           long changeVersion) throws SQLException {
        Jdbc.update(c, "UPDATE control_iteration_status SET status = ?, note = ?, set_by = ?, set_at = now(), "
                        + "version = version + 1, changed_in_version = ? WHERE iteration_id = ? AND control_id = ?",
                status, note, actorId, changeVersion, iterationId, controlId);
    }

    /** Steps of this iteration whose tasks link to the control: their gate summary changes with it. */
    public static void touchLinkedSteps(Connection c, UUID iterationId, UUID controlId, long changeVersion) throws SQLException {
        Jdbc.update(c, """
                UPDATE step_instances SET changed_in_version = ?
                 WHERE id IN (SELECT ti.step_instance_id FROM task_instances ti
                                JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                               WHERE ti.iteration_id = ? AND l.control_id = ?)""", changeVersion, iterationId, controlId);
    }
}
