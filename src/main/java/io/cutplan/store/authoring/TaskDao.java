package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Canonical tasks (ordered within their step) and their links to controls. */
public final class TaskDao {
    private static final String COLUMNS = """
            t.id, s.plan_id, t.step_id, t.position, t.title, t.description, t.assigned_team_id, t.nominated_user_id,
            ARRAY(SELECT control_id FROM task_controls_link l WHERE l.task_id = t.id ORDER BY control_id) AS controls""";

    private TaskDao() {
    }

    public record PlanTaskRow(UUID id, UUID planId, UUID stepId, int position, String title, String description,
                          UUID assignedTeamId, UUID nominatedUserId, List<UUID> controlIds) {
    }

    public static List<PlanTaskRow> listByStep(Connection c, UUID stepId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM tasks t JOIN steps s ON s.id = t.step_id WHERE t.step_id = ? ORDER BY t.position",
                TaskDao::map, stepId);
    }

    public static Optional<PlanTaskRow> find(Connection c, UUID planId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ? AND t.id = ?",
                TaskDao::map, planId, id);
    }

    public static void insert(Connection c, UUID id, UUID stepId, int position, String title, String description,
                              UUID assignedTeamId, UUID nominatedUserId) throws SQLException {
        Jdbc.update(c, "INSERT INTO tasks (id, step_id, position, title, description, assigned_team_id, nominated_user_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, stepId, position, title, description, assignedTeamId, nominatedUserId);
    }

    public static void update(Connection c, UUID id, UUID stepId, int position, String title, String description,
                              UUID assignedTeamId, UUID nominatedUserId) throws SQLException {
        Jdbc.update(c, "UPDATE tasks SET step_id = ?, position = ?, title = ?, description = ?, assigned_team_id = ?, "
                + "nominated_user_id = ? WHERE id = ?", stepId, position, title, description, assignedTeamId, nominatedUserId, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM tasks WHERE id = ?", id);
    }

    /** Links a task to a control; false when the link already existed. */
    public static boolean link(Connection c, UUID taskId, UUID controlId) throws SQLException {
        return Jdbc.update(c, "INSERT INTO task_controls_link (task_id, control_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                taskId, controlId) == 1;
    }

    public static boolean unlink(Connection c, UUID taskId, UUID controlId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM task_controls_link WHERE task_id = ? AND control_id = ?", taskId, controlId) == 1;
    }

    private static PlanTaskRow map(ResultSet rs) throws SQLException {
        return new PlanTaskRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "plan_id"), Jdbc.uuid(rs, "step_id"), rs.getInt("position"),
                rs.getString("title"), rs.getString("description"), Jdbc.uuid(rs, "assigned_team_id"),
                Jdbc.uuid(rs, "nominated_user_id"), StepDao.uuids(rs.getArray("controls")));
    }
}
