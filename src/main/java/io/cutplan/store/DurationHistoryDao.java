package io.cutplan.store;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.history.StepRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What happened to each canonical step in past iterations: the ONE reader of duration history. The forecast's
 * learned basis, the comparison across iterations, the duration proposals and the finish probability all read
 * their durations here, and all reduce them with {@code domain.history.DurationHistory} and
 * {@code domain.DurationStatistic}, so "the actual duration of a step" means the same thing everywhere.
 */
public final class DurationHistoryDao {
    private static final String ITERATION_COLUMNS = """
            i.id, i.migration_id, i.plan_id, i.code, i.name, i.iteration_type, i.status, i.planned_start, i.planned_end,
            m.code AS migration_code""";

    private DurationHistoryDao() {
    }

    /** An iteration as the history reads it. */
    public record IterationRef(UUID id, UUID migrationId, UUID planId, String code, String name, String type, String status,
                               Instant plannedStart, Instant plannedEnd, String migrationCode) {
        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** A canonical step of a plan, in plan order, with its chapter. */
    public record PlanStep(UUID stepId, String code, String title, int plannedMinutes, UUID chapterId, String chapterCode,
                           String chapterName, String teamName) {
    }

    /** A chapter of a plan, in plan order. */
    public record PlanChapter(UUID id, String code, String name) {
    }

    public static Optional<IterationRef> iteration(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + ITERATION_COLUMNS + " FROM iterations i JOIN migrations m ON m.id = i.migration_id WHERE i.id = ?",
                DurationHistoryDao::iterationRef, id);
    }

    /** Every iteration of a migration, in the order they were planned (planned start, then code). */
    public static List<IterationRef> iterationsOfMigration(Connection c, UUID migrationId) throws SQLException {
        return Jdbc.list(c, "SELECT " + ITERATION_COLUMNS + " FROM iterations i JOIN migrations m ON m.id = i.migration_id "
                + "WHERE i.migration_id = ? ORDER BY i.planned_start, i.code", DurationHistoryDao::iterationRef, migrationId);
    }

    /** Every iteration executing a plan, whatever its migration, in planned order. */
    public static List<IterationRef> iterationsOfPlan(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, "SELECT " + ITERATION_COLUMNS + " FROM iterations i JOIN migrations m ON m.id = i.migration_id "
                + "WHERE i.plan_id = ? ORDER BY i.planned_start, i.code", DurationHistoryDao::iterationRef, planId);
    }

    public static boolean migrationExists(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM migrations WHERE id = ?", rs -> 1, id).isPresent();
    }

    /** Every step instance of the given iterations, finished or not (status, actual start and end as recorded). */
    public static List<StepRun> runs(Connection c, List<UUID> iterationIds) throws SQLException {
        if (iterationIds.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(c, """
                SELECT si.step_id, s.chapter_id, si.iteration_id, si.status, si.ready_at, cs.planned_start AS not_before,
                       si.started_at, si.finished_at, s.planned_duration_minutes
                  FROM step_instances si JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                  LEFT JOIN chapter_schedules cs ON cs.iteration_id = si.iteration_id AND cs.chapter_id = s.chapter_id
                 WHERE si.iteration_id = ANY (?)""",
                rs -> new StepRun(Jdbc.uuid(rs, "step_id"), Jdbc.uuid(rs, "chapter_id"), Jdbc.uuid(rs, "iteration_id"),
                        Jdbc.enumValue(rs, "status", StepStatus.class), Jdbc.instant(rs, "ready_at"), Jdbc.instant(rs, "not_before"),
                        Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"), rs.getInt("planned_duration_minutes")),
                (Object) iterationIds.toArray(UUID[]::new));
    }

    /**
     * Per canonical step, its actual durations in seconds over the migration's COMPLETED iterations (the rule of
     * {@link io.cutplan.domain.history.DurationHistory#samples}): what the forecast's learned basis and the finish
     * probability draw from. A step never completed there is absent.
     */
    public static Map<UUID, List<Long>> learnedSeconds(Connection c, UUID migrationId) throws SQLException {
        return io.cutplan.domain.history.DurationHistory.samples(completedRuns(c, migrationId));
    }

    /** Every step instance of the migration's COMPLETED iterations (the finish probability's history). */
    public static List<StepRun> completedRuns(Connection c, UUID migrationId) throws SQLException {
        List<UUID> completed = iterationsOfMigration(c, migrationId).stream().filter(IterationRef::completed)
                .map(IterationRef::id).toList();
        return runs(c, completed);
    }

    /** The plan's steps in plan order (macro-phase, chapter, step position). */
    public static List<PlanStep> planSteps(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, """
                SELECT s.id, s.code, s.title, s.planned_duration_minutes, s.chapter_id, ch.code AS chapter_code,
                       ch.name AS chapter_name, t.name AS team_name
                  FROM steps s JOIN chapters ch ON ch.id = s.chapter_id JOIN macro_phases mp ON mp.id = ch.macro_phase_id
                  LEFT JOIN teams t ON t.id = s.owner_team_id
                 WHERE s.plan_id = ?
                 ORDER BY mp.position, ch.position, s.position""",
                rs -> new PlanStep(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"),
                        rs.getInt("planned_duration_minutes"), Jdbc.uuid(rs, "chapter_id"), rs.getString("chapter_code"),
                        rs.getString("chapter_name"), rs.getString("team_name")),
                planId);
    }

    /** The plan's chapters in plan order. */
    public static List<PlanChapter> planChapters(Connection c, UUID planId) throws SQLException {
        return Jdbc.list(c, """
                SELECT ch.id, ch.code, ch.name FROM chapters ch JOIN macro_phases mp ON mp.id = ch.macro_phase_id
                 WHERE ch.plan_id = ? ORDER BY mp.position, ch.position""",
                rs -> new PlanChapter(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name")), planId);
    }

    /** The chapters' scheduled windows per iteration: iteration id -> chapter id -> {start, end}. */
    public static Map<UUID, Map<UUID, Instant[]>> chapterWindows(Connection c, List<UUID> iterationIds) throws SQLException {
        Map<UUID, Map<UUID, Instant[]>> out = new java.util.HashMap<>();
        if (iterationIds.isEmpty()) {
            return out;
        }
        Jdbc.list(c, "SELECT iteration_id, chapter_id, planned_start, planned_end FROM chapter_schedules WHERE iteration_id = ANY (?)",
                rs -> out.computeIfAbsent(Jdbc.uuid(rs, "iteration_id"), k -> new java.util.HashMap<>())
                        .put(Jdbc.uuid(rs, "chapter_id"), new Instant[] {Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end")}),
                (Object) iterationIds.toArray(UUID[]::new));
        return out;
    }

    private static IterationRef iterationRef(ResultSet rs) throws SQLException {
        return new IterationRef(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "migration_id"), Jdbc.uuid(rs, "plan_id"), rs.getString("code"),
                rs.getString("name"), rs.getString("iteration_type"), rs.getString("status"), Jdbc.instant(rs, "planned_start"),
                Jdbc.instant(rs, "planned_end"), rs.getString("migration_code"));
    }
}
