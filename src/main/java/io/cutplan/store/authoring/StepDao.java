package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Canonical steps with their impacted teams, predecessors and successors. */
public final class StepDao {
    private static final String COLUMNS = """
            s.id, s.plan_id, s.chapter_id, s.position, s.code, s.step_type, s.title, s.description, s.owner_team_id,
            s.planned_duration_minutes, s.go_no_go,
            ARRAY(SELECT team_id FROM step_impacted_teams i WHERE i.step_id = s.id ORDER BY team_id) AS impacted,
            ARRAY(SELECT predecessor_step_id FROM step_dependencies d WHERE d.successor_step_id = s.id
                  ORDER BY predecessor_step_id) AS predecessors,
            ARRAY(SELECT successor_step_id FROM step_dependencies d WHERE d.predecessor_step_id = s.id
                  ORDER BY successor_step_id) AS successors,
            (SELECT count(*) FROM tasks t WHERE t.step_id = s.id) AS task_count""";

    private StepDao() {
    }

    public record StepRow(UUID id, UUID planId, UUID chapterId, int position, String code, String type, String title,
                          String description, UUID ownerTeamId, List<UUID> impactedTeamIds, int plannedDurationMinutes,
                          boolean goNoGo, List<UUID> predecessorIds, List<UUID> successorIds, int taskCount) {
    }

    /** What a step's editable columns hold. */
    public record StepValues(UUID chapterId, String code, String type, String title, String description, UUID ownerTeamId,
                             int plannedDurationMinutes, boolean goNoGo) {
    }

    /** Steps of a plan (optionally one chapter) in plan order: macro-phase, chapter, step position. */
    public static Page<StepRow> page(Connection c, UUID planId, UUID chapterId, int offset, int limit) throws SQLException {
        List<StepRow> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM steps s "
                        + "JOIN chapters ch ON ch.id = s.chapter_id JOIN macro_phases mp ON mp.id = ch.macro_phase_id "
                        + "WHERE s.plan_id = ? AND (?::uuid IS NULL OR s.chapter_id = ?) "
                        + "ORDER BY mp.position, ch.position, s.position LIMIT ? OFFSET ?",
                StepDao::map, planId, chapterId, chapterId, limit, offset);
        long total = Jdbc.one(c, "SELECT count(*) FROM steps WHERE plan_id = ? AND (?::uuid IS NULL OR chapter_id = ?)",
                rs -> rs.getLong(1), planId, chapterId, chapterId).orElse(0L);
        return new Page<>(items, offset, limit, total);
    }

    public static Optional<StepRow> find(Connection c, UUID planId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM steps s WHERE s.plan_id = ? AND s.id = ?", StepDao::map, planId, id);
    }

    public static boolean codeTaken(Connection c, UUID planId, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM steps WHERE plan_id = ? AND code = ? AND id IS DISTINCT FROM ?",
                rs -> 1, planId, code, exceptId).isPresent();
    }

    public static void insert(Connection c, UUID id, UUID planId, int position, StepValues v) throws SQLException {
        Jdbc.update(c, "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, description, owner_team_id, "
                        + "planned_duration_minutes, go_no_go) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, planId, v.chapterId(), position, v.code(), v.type(), v.title(), v.description(), v.ownerTeamId(),
                v.plannedDurationMinutes(), v.goNoGo());
    }

    public static void update(Connection c, UUID id, int position, StepValues v) throws SQLException {
        Jdbc.update(c, "UPDATE steps SET chapter_id = ?, position = ?, code = ?, step_type = ?, title = ?, description = ?, "
                        + "owner_team_id = ?, planned_duration_minutes = ?, go_no_go = ? WHERE id = ?",
                v.chapterId(), position, v.code(), v.type(), v.title(), v.description(), v.ownerTeamId(),
                v.plannedDurationMinutes(), v.goNoGo(), id);
    }

    /** Sets one step's planned duration (the duration calibration). */
    public static void updateDuration(Connection c, UUID id, int minutes) throws SQLException {
        Jdbc.update(c, "UPDATE steps SET planned_duration_minutes = ? WHERE id = ?", minutes, id);
    }

    public static void replaceImpactedTeams(Connection c, UUID stepId, List<UUID> teamIds) throws SQLException {
        Jdbc.update(c, "DELETE FROM step_impacted_teams WHERE step_id = ?", stepId);
        Jdbc.update(c, "INSERT INTO step_impacted_teams (step_id, team_id) SELECT ?, t FROM unnest(?::uuid[]) AS t ON CONFLICT DO NOTHING",
                stepId, teamIds.toArray(UUID[]::new));
    }

    /** A step's code by id, whatever its plan (for audit labels). */
    public static Optional<String> code(Connection c, UUID stepId) throws SQLException {
        return Jdbc.one(c, "SELECT code FROM steps WHERE id = ?", rs -> rs.getString(1), stepId);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM steps WHERE id = ?", id);
    }

    static List<UUID> uuids(Array array) throws SQLException {
        List<UUID> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((UUID) o);
            }
        }
        return List.copyOf(out);
    }

    private static StepRow map(ResultSet rs) throws SQLException {
        return new StepRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "plan_id"), Jdbc.uuid(rs, "chapter_id"), rs.getInt("position"),
                rs.getString("code"), rs.getString("step_type"), rs.getString("title"), rs.getString("description"),
                Jdbc.uuid(rs, "owner_team_id"), uuids(rs.getArray("impacted")), rs.getInt("planned_duration_minutes"),
                rs.getBoolean("go_no_go"), uuids(rs.getArray("predecessors")), uuids(rs.getArray("successors")),
                rs.getInt("task_count"));
    }
}
