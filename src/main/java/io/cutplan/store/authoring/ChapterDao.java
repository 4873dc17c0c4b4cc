package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The chapters of a plan, ordered within their macro-phase. */
public final class ChapterDao {
    private static final String COLUMNS = "ch.id, ch.plan_id, ch.macro_phase_id, ch.position, ch.code, ch.name, "
            + "(SELECT count(*) FROM steps s WHERE s.chapter_id = ch.id) AS step_count";

    private ChapterDao() {
    }

    public record PlanChapterRow(UUID id, UUID planId, UUID macroPhaseId, int position, String code, String name, int stepCount) {
    }

    /** Every chapter of the plan (or of one macro-phase), in phase then chapter order. */
    public static List<PlanChapterRow> list(Connection c, UUID planId, UUID macroPhaseId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM chapters ch JOIN macro_phases mp ON mp.id = ch.macro_phase_id "
                        + "WHERE ch.plan_id = ? AND (?::uuid IS NULL OR ch.macro_phase_id = ?) ORDER BY mp.position, ch.position",
                ChapterDao::map, planId, macroPhaseId, macroPhaseId);
    }

    public static Optional<PlanChapterRow> find(Connection c, UUID planId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM chapters ch WHERE ch.plan_id = ? AND ch.id = ?", ChapterDao::map, planId, id);
    }

    public static boolean codeTaken(Connection c, UUID planId, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM chapters WHERE plan_id = ? AND code = ? AND id IS DISTINCT FROM ?",
                rs -> 1, planId, code, exceptId).isPresent();
    }

    public static void insert(Connection c, UUID id, UUID planId, UUID macroPhaseId, int position, String code, String name)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, ?, ?, ?)",
                id, planId, macroPhaseId, position, code, name);
    }

    public static void update(Connection c, UUID id, UUID macroPhaseId, int position, String code, String name) throws SQLException {
        Jdbc.update(c, "UPDATE chapters SET macro_phase_id = ?, position = ?, code = ?, name = ? WHERE id = ?",
                macroPhaseId, position, code, name, id);
    }

    /** Whether any iteration has a schedule for the chapter (then it cannot be deleted). */
    public static boolean isScheduled(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM chapter_schedules WHERE chapter_id = ? LIMIT 1", rs -> 1, id).isPresent();
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM chapters WHERE id = ?", id);
    }

    private static PlanChapterRow map(ResultSet rs) throws SQLException {
        return new PlanChapterRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "plan_id"), Jdbc.uuid(rs, "macro_phase_id"), rs.getInt("position"),
                rs.getString("code"), rs.getString("name"), rs.getInt("step_count"));
    }
}
