package io.cutplan.store;

import io.cutplan.domain.schedule.ChapterFacts;
import io.cutplan.domain.schedule.ScheduledChapter;
import io.cutplan.domain.schedule.ChapterTiming;
import io.cutplan.domain.schedule.Window;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Chapter schedules of iterations, and the chapter facts planning needs. */
public final class ScheduleDao {
    private ScheduleDao() {
    }

    /**
     * The iteration with its migration: what a schedule's header shows. {@code scheduleVersion} is the change
     * version of the iteration's last schedule change (0 if none): unlike the iteration's version it does not
     * move with every step status, so it serves as the optimistic lock of the planning view.
     */
    public record IterationHead(UUID id, String code, String name, String status, UUID migrationId, String migrationCode,
                                String migrationName, UUID planId, Window window, long changeVersion, long scheduleVersion) {
    }

    private static final String HEAD = """
            SELECT i.id, i.code, i.name, i.status, i.plan_id, i.planned_start, i.planned_end, i.change_version,
                   m.id AS migration_id, m.code AS migration_code, m.name AS migration_name,
                   coalesce((SELECT max(e.change_version) FROM event_log e
                              WHERE e.iteration_id = i.id AND e.event_type = 'SCHEDULE_CHANGED'), 0) AS schedule_version
              FROM iterations i JOIN migrations m ON m.id = i.migration_id
             WHERE i.id = ?""";

    public static Optional<IterationHead> head(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, HEAD, ScheduleDao::head, iterationId);
    }

    /** The same, locking the iteration row so writers to one iteration take turns (see IterationDao). */
    public static Optional<IterationHead> lockHead(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, HEAD + " FOR UPDATE OF i", ScheduleDao::head, iterationId);
    }

    private static IterationHead head(ResultSet rs) throws SQLException {
        return new IterationHead(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("status"),
                Jdbc.uuid(rs, "migration_id"), rs.getString("migration_code"), rs.getString("migration_name"),
                Jdbc.uuid(rs, "plan_id"), new Window(Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end")),
                rs.getLong("change_version"), rs.getLong("schedule_version"));
    }

    /**
     * Every chapter with at least one step in the iteration's scope, in plan order (macro-phase position, then
     * chapter position), with its plan and the actual times of its step instances.
     */
    public static List<ScheduledChapter> chapters(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT ch.id, ch.code, ch.name, ch.position,
                       mp.id AS phase_id, mp.name AS phase_name, mp.position AS phase_position,
                       cs.planned_start, cs.planned_end, cs.changed_in_version,
                       count(*) AS steps,
                       coalesce(sum(s.planned_duration_minutes), 0) AS estimated_minutes,
                       min(si.started_at) AS first_started,
                       max(si.finished_at) AS last_finished,
                       bool_and(coalesce(si.status IN ('DONE', 'SKIPPED', 'CANCELLED'), false)) AS all_finished
                  FROM step_iteration_scope sc
                  JOIN baseline_steps s ON s.iteration_id = sc.iteration_id AND s.id = sc.step_id
                  JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
                  JOIN baseline_macro_phases mp ON mp.iteration_id = ch.iteration_id AND mp.id = ch.macro_phase_id
                  LEFT JOIN step_instances si ON si.iteration_id = sc.iteration_id AND si.step_id = sc.step_id
                  LEFT JOIN chapter_schedules cs ON cs.iteration_id = sc.iteration_id AND cs.chapter_id = ch.id
                 WHERE sc.iteration_id = ?
                 GROUP BY ch.id, ch.code, ch.name, ch.position, mp.id, mp.name, mp.position,
                          cs.planned_start, cs.planned_end, cs.changed_in_version
                 ORDER BY mp.position, ch.position, ch.id""", rs -> new ScheduledChapter(
                Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getInt("position"),
                Jdbc.uuid(rs, "phase_id"), rs.getString("phase_name"), rs.getInt("phase_position"),
                rs.getInt("steps"), rs.getLong("estimated_minutes"),
                new ChapterTiming(Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end"),
                        Jdbc.instant(rs, "first_started"), Jdbc.instant(rs, "last_finished"), rs.getBoolean("all_finished")),
                (Long) rs.getObject("changed_in_version")), iterationId);
    }

    /**
     * Facts about the given chapter ids relative to an iteration: a chapter of the iteration's baseline belongs to its
     * plan; any other chapter is looked up in the canonical plans. Ids that name no chapter are absent.
     */
    public static Map<UUID, ChapterFacts> facts(Connection c, UUID iterationId, UUID[] chapterIds) throws SQLException {
        Map<UUID, ChapterFacts> out = new LinkedHashMap<>();
        for (ChapterFacts f : Jdbc.list(c, """
                SELECT ids.id, CASE WHEN b.id IS NOT NULL THEN i.plan_id ELSE ch.plan_id END AS plan_id,
                       EXISTS (SELECT 1 FROM step_iteration_scope sc
                                 JOIN baseline_steps s ON s.iteration_id = sc.iteration_id AND s.id = sc.step_id
                                WHERE sc.iteration_id = i.id AND s.chapter_id = ids.id) AS in_scope
                  FROM unnest(?::uuid[]) AS ids (id)
                  JOIN iterations i ON i.id = ?
                  LEFT JOIN baseline_chapters b ON b.iteration_id = i.id AND b.id = ids.id
                  LEFT JOIN chapters ch ON ch.id = ids.id
                 WHERE b.id IS NOT NULL OR ch.id IS NOT NULL""", rs -> new ChapterFacts(Jdbc.uuid(rs, "id"),
                Jdbc.uuid(rs, "plan_id"), rs.getBoolean("in_scope")), chapterIds, iterationId)) {
            out.put(f.chapterId(), f);
        }
        return out;
    }

    /** The iteration's planned chapter slots, earliest first. */
    public static Map<UUID, Window> slots(Connection c, UUID iterationId) throws SQLException {
        Map<UUID, Window> out = new LinkedHashMap<>();
        Jdbc.list(c, "SELECT chapter_id, planned_start, planned_end FROM chapter_schedules WHERE iteration_id = ? "
                + "ORDER BY planned_start, chapter_id", rs -> out.put(Jdbc.uuid(rs, "chapter_id"),
                new Window(Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end"))), iterationId);
        return out;
    }

    /** A planned slot to write. */
    public record Slot(UUID chapterId, Instant start, Instant end) {
    }

    /** Inserts or replaces the slots in one batch, stamped with the change version and the editor. */
    public static void upsert(Connection c, UUID iterationId, List<Slot> slots, UUID userId, long version) throws SQLException {
        List<Object[]> rows = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            rows.add(new Object[] {iterationId, s.chapterId(), s.start(), s.end(), userId, version});
        }
        Jdbc.batch(c, """
                INSERT INTO chapter_schedules (iteration_id, chapter_id, planned_start, planned_end, updated_by, updated_at,
                                               changed_in_version)
                VALUES (?, ?, ?, ?, ?, now(), ?)
                ON CONFLICT (iteration_id, chapter_id) DO UPDATE
                   SET planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end,
                       updated_by = EXCLUDED.updated_by, updated_at = now(),
                       changed_in_version = EXCLUDED.changed_in_version""", rows);
    }

    /** Removes the plans of the given chapters; returns how many existed. */
    public static int delete(Connection c, UUID iterationId, UUID[] chapterIds) throws SQLException {
        return Jdbc.update(c, "DELETE FROM chapter_schedules WHERE iteration_id = ? AND chapter_id = ANY (?)", iterationId, chapterIds);
    }
}
