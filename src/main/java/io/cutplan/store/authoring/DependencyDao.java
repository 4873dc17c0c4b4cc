package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Step dependencies (predecessor -> successor) of a plan. */
public final class DependencyDao {
    private DependencyDao() {
    }

    public record DependencyRow(UUID predecessorStepId, String predecessorCode, UUID successorStepId, String successorCode) {
    }

    public static List<DependencyRow> list(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, """
                SELECT d.predecessor_step_id, p.code AS predecessor_code, d.successor_step_id, s.code AS successor_code
                  FROM step_dependencies d
                  JOIN steps p ON p.id = d.predecessor_step_id
                  JOIN steps s ON s.id = d.successor_step_id
                 WHERE d.plan_id = ?
                 ORDER BY p.code, s.code""",
                rs -> new DependencyRow(Jdbc.uuid(rs, "predecessor_step_id"), rs.getString("predecessor_code"),
                        Jdbc.uuid(rs, "successor_step_id"), rs.getString("successor_code")), planId);
    }

    public static boolean exists(Connection c, UUID predecessor, UUID successor) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM step_dependencies WHERE predecessor_step_id = ? AND successor_step_id = ?",
                rs -> 1, predecessor, successor).isPresent();
    }

    public static void insert(Connection c, UUID planId, UUID predecessor, UUID successor) throws SQLException {
        Jdbc.update(c, "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)",
                planId, predecessor, successor);
    }

    public static boolean delete(Connection c, UUID planId, UUID predecessor, UUID successor) throws SQLException {
        return Jdbc.update(c, "DELETE FROM step_dependencies WHERE plan_id = ? AND predecessor_step_id = ? AND successor_step_id = ?",
                planId, predecessor, successor) == 1;
    }
}
