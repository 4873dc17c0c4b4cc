package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Controls of a plan (checks validated PASSED/FAILED per iteration). */
public final class ControlDao {
    private static final String COLUMNS = "c.id, c.plan_id, c.code, c.title, c.description, c.critical, "
            + "ARRAY(SELECT task_id FROM task_controls_link l WHERE l.control_id = c.id ORDER BY task_id) AS tasks";

    private ControlDao() {
    }

    public record PlanControlRow(UUID id, UUID planId, String code, String title, String description, boolean critical,
                             List<UUID> taskIds) {
    }

    public static List<PlanControlRow> list(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM controls c WHERE c.plan_id = ? ORDER BY c.code", ControlDao::map, planId);
    }

    public static Optional<PlanControlRow> find(Connection c, UUID planId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM controls c WHERE c.plan_id = ? AND c.id = ?", ControlDao::map, planId, id);
    }

    public static boolean codeTaken(Connection c, UUID planId, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM controls WHERE plan_id = ? AND code = ? AND id IS DISTINCT FROM ?",
                rs -> 1, planId, code, exceptId).isPresent();
    }

    public static void insert(Connection c, UUID id, UUID planId, String code, String title, String description, boolean critical)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO controls (id, plan_id, code, title, description, critical) VALUES (?, ?, ?, ?, ?, ?)",
                id, planId, code, title, description, critical);
    }

    public static void update(Connection c, UUID id, String code, String title, String description, boolean critical)
            throws SQLException {
        Jdbc.update(c, "UPDATE controls SET code = ?, title = ?, description = ?, critical = ? WHERE id = ?",
                code, title, description, critical, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM controls WHERE id = ?", id);
    }

    private static PlanControlRow map(ResultSet rs) throws SQLException {
        return new PlanControlRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "plan_id"), rs.getString("code"), rs.getString("title"),
                rs.getString("description"), rs.getBoolean("critical"), StepDao.uuids(rs.getArray("tasks")));
    }
}
