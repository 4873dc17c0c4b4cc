package io.cutplan.store.authoring;

import io.cutplan.domain.PlanCsvWriter;
import io.cutplan.store.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a whole canonical plan in plan order for the CSV export: three queries, whatever its size. */
public final class PlanExportDao {
    private PlanExportDao() {
    }

    public record Exported(List<PlanCsvWriter.Step> steps, List<PlanCsvWriter.Control> controls) {
    }

    public static Exported read(Connection c, UUID planId) throws SQLException {
        Map<UUID, List<PlanCsvWriter.Task>> tasks = new HashMap<>();
        Jdbc.list(c, """
                SELECT t.step_id, t.title, t.description, tm.code AS team, u.username,
                       ARRAY(SELECT ct.code FROM task_controls_link l JOIN controls ct ON ct.id = l.control_id
                              WHERE l.task_id = t.id ORDER BY ct.code) AS controls
                  FROM tasks t
                  JOIN steps s ON s.id = t.step_id
                  LEFT JOIN teams tm ON tm.id = t.assigned_team_id
                  LEFT JOIN users u ON u.id = t.nominated_user_id
                 WHERE s.plan_id = ?
                 ORDER BY t.step_id, t.position""", rs -> {
            tasks.computeIfAbsent(Jdbc.uuid(rs, "step_id"), k -> new ArrayList<>()).add(new PlanCsvWriter.Task(rs.getString("title"),
                    rs.getString("description"), rs.getString("team"), rs.getString("username"), strings(rs, "controls")));
            return null;
        }, planId);
        List<PlanCsvWriter.Step> steps = Jdbc.list(c, """
                SELECT mp.name AS phase, mp.position AS phase_position, ch.code AS chapter_code, ch.name AS chapter,
                       ch.position AS chapter_position, s.id, s.code, s.step_type, s.title, s.description, ot.code AS owner,
                       s.planned_duration_minutes, s.go_no_go,
                       ARRAY(SELECT it.code FROM step_impacted_teams i JOIN teams it ON it.id = i.team_id
                              WHERE i.step_id = s.id ORDER BY it.code) AS impacted,
                       ARRAY(SELECT p.code FROM step_dependencies d JOIN steps p ON p.id = d.predecessor_step_id
                              WHERE d.successor_step_id = s.id ORDER BY p.code) AS predecessors
                  FROM steps s
                  JOIN chapters ch ON ch.id = s.chapter_id
                  JOIN macro_phases mp ON mp.id = ch.macro_phase_id
                  LEFT JOIN teams ot ON ot.id = s.owner_team_id
                 WHERE s.plan_id = ?
                 ORDER BY mp.position, ch.position, s.position""", rs -> new PlanCsvWriter.Step(rs.getString("phase"),
                rs.getInt("phase_position"), rs.getString("chapter_code"), rs.getString("chapter"), rs.getInt("chapter_position"),
                rs.getString("code"), rs.getString("step_type"), rs.getString("title"), rs.getString("description"),
                rs.getString("owner"), strings(rs, "impacted"), rs.getInt("planned_duration_minutes"), rs.getBoolean("go_no_go"),
                strings(rs, "predecessors"), tasks.getOrDefault(Jdbc.uuid(rs, "id"), List.of())), planId);
        List<PlanCsvWriter.Control> controls = Jdbc.list(c,
                "SELECT code, title, description, critical FROM controls WHERE plan_id = ? ORDER BY code",
                rs -> new PlanCsvWriter.Control(rs.getString("code"), rs.getString("title"), rs.getString("description"),
                        rs.getBoolean("critical")), planId);
        return new Exported(steps, controls);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
