package io.cutplan.store;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.IterationType;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of a running iteration: plain rows, fetched set-wise (one statement per kind of row whatever the
 * runbook's size). The service runs these inside one REPEATABLE READ transaction so a version and its rows agree.
 */
public final class RunbookReadDao {
    private RunbookReadDao() {
    }

    // ------------------------------------------------------------------ iterations

    public record IterationRow(UUID id, String code, String name, IterationType type, IterationStatus status,
                               Instant plannedStart, Instant plannedEnd, UUID migrationId, String migrationCode,
                               String migrationName, UUID planId, String planCode, String planName, long version,
                               Instant createdAt, int steps, int finished, String timeZone) {

        /** The same iteration with its step counts (see {@link #iterationHeader}). */
        public IterationRow withCounts(int steps, int finished) {
            return new IterationRow(id, code, name, type, status, plannedStart, plannedEnd, migrationId, migrationCode,
                    migrationName, planId, planCode, planName, version, createdAt, steps, finished, timeZone);
        }
    }

    private static final String ITERATION_COLUMNS = """
            SELECT i.id, i.code, i.name, i.iteration_type, i.status, i.planned_start, i.planned_end, i.change_version,
                   i.created_at, i.time_zone, m.id AS m_id, m.code AS m_code, m.name AS m_name, p.id AS p_id, p.code AS p_code, p.name AS p_name,
            """;
    private static final String ITERATION_FROM = """
              FROM iterations i JOIN migrations m ON m.id = i.migration_id JOIN plans p ON p.id = i.plan_id
            """;
    private static final String ITERATION = ITERATION_COLUMNS + """
                   (SELECT count(*) FROM step_instances si WHERE si.iteration_id = i.id) AS steps,
                   (SELECT count(*) FROM step_instances si WHERE si.iteration_id = i.id
                       AND si.status IN ('DONE', 'SKIPPED', 'CANCELLED')) AS finished
            """ + ITERATION_FROM;

    public static Optional<IterationRow> iteration(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, ITERATION + " WHERE i.id = ?", RunbookReadDao::mapIteration, id);
    }

    private static final String ITERATION_HEADER = ITERATION_COLUMNS + "       -1 AS steps, -1 AS finished\n" + ITERATION_FROM;

    /**
     * The iteration without its two step counts ({@code steps} and {@code finished} are -1): for the dashboard's
     * polls, which know them from their per-version state. Counting 1,200 step rows twice on every poll was the
     * largest share of the database's work under 2,000 viewers.
     */
    public static Optional<IterationRow> iterationHeader(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, ITERATION_HEADER + " WHERE i.id = ?", RunbookReadDao::mapIteration, id);
    }

    /** Iterations, optionally of one migration and / or in one status, newest planned start first. */
    public static List<IterationRow> iterations(Connection c, UUID migrationId, IterationStatus status) throws SQLException {
        return Jdbc.list(c, ITERATION + " WHERE (?::uuid IS NULL OR i.migration_id = ?::uuid) AND (?::text IS NULL OR i.status = ?::text) "
                        + "ORDER BY i.planned_start DESC, i.code", RunbookReadDao::mapIteration,
                migrationId, migrationId, status == null ? null : status.name(), status == null ? null : status.name());
    }

    private static IterationRow mapIteration(ResultSet rs) throws SQLException {
        return new IterationRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"),
                Jdbc.enumValue(rs, "iteration_type", IterationType.class), Jdbc.enumValue(rs, "status", IterationStatus.class),
                Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end"), Jdbc.uuid(rs, "m_id"), rs.getString("m_code"),
                rs.getString("m_name"), Jdbc.uuid(rs, "p_id"), rs.getString("p_code"), rs.getString("p_name"),
                rs.getLong("change_version"), Jdbc.instant(rs, "created_at"), rs.getInt("steps"), rs.getInt("finished"),
                rs.getString("time_zone"));
    }

    // ------------------------------------------------------------------ plan structure

    public record IterationChapterRow(UUID id, String code, String name, int position, UUID macroPhaseId, String macroPhaseName,
                             int macroPhasePosition, Instant scheduledStart, Instant scheduledEnd) {
    }

    /** The iteration's baseline chapters with their macro-phase and this iteration's chapter schedule, in plan order. */
    public static List<IterationChapterRow> chapters(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT ch.id, ch.code, ch.name, ch.position, mp.id AS mp_id, mp.name AS mp_name, mp.position AS mp_position,
                       cs.planned_start, cs.planned_end
                  FROM iterations i
                  JOIN baseline_chapters ch ON ch.iteration_id = i.id
                  JOIN baseline_macro_phases mp ON mp.iteration_id = ch.iteration_id AND mp.id = ch.macro_phase_id
                  LEFT JOIN chapter_schedules cs ON cs.iteration_id = i.id AND cs.chapter_id = ch.id
                 WHERE i.id = ?
                 ORDER BY mp.position, ch.position""",
                rs -> new IterationChapterRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getInt("position"),
                        Jdbc.uuid(rs, "mp_id"), rs.getString("mp_name"), rs.getInt("mp_position"),
                        Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end")), iterationId);
    }

    /** Every step instance, light: what aggregates and the planned schedule need. */
    public record StepLite(UUID id, UUID chapterId, int minutes, StepStatus status) {
    }

    public static List<StepLite> stepsLite(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT si.id, s.chapter_id, s.planned_duration_minutes, si.status
                  FROM step_instances si JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                 WHERE si.iteration_id = ?""",
                rs -> new StepLite(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "chapter_id"), rs.getInt("planned_duration_minutes"),
                        Jdbc.enumValue(rs, "status", StepStatus.class)), iterationId);
    }

    /** In-scope dependencies between step instances (predecessor, successor). */
    public record Link(UUID predecessor, UUID successor) {
    }

    public static List<Link> links(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT p.id AS pred, s.id AS succ
                  FROM step_instances s
                  JOIN baseline_dependencies d ON d.iteration_id = s.iteration_id AND d.successor_step_id = s.step_id
                  JOIN step_instances p ON p.iteration_id = s.iteration_id AND p.step_id = d.predecessor_step_id
                 WHERE s.iteration_id = ?""",
                rs -> new Link(Jdbc.uuid(rs, "pred"), Jdbc.uuid(rs, "succ")), iterationId);
    }

    // ------------------------------------------------------------------ steps

    public record StepSummaryRow(UUID id, UUID stepId, String code, String title, String stepType, String description,
                                 UUID chapterId, UUID macroPhaseId, UUID ownerTeamId, String ownerTeamName, StepStatus status,
                                 StepStatus heldFrom, int minutes, boolean goNoGo, Instant readyAt, Instant startedAt,
                                 Instant finishedAt, boolean gateOverridden, UUID lastActorId, String lastActorName,
                                 int version, long changedInVersion, int tasksTotal, int tasksDone, int openCriticalControls,
                                 int comments, String pendingOverrideBy) {
    }

    private static final String STEP_COLUMNS = """
            SELECT si.id, si.step_id, si.status, si.held_from, si.ready_at, si.started_at, si.finished_at, si.gate_overridden,
                   si.version, si.changed_in_version, si.last_actor_id, u.display_name AS last_actor_name,
                   s.code, s.title, s.step_type, s.description, s.planned_duration_minutes, s.go_no_go, s.chapter_id,
                   ch.macro_phase_id, s.owner_team_id, tm.name AS owner_team_name,
                   gor.requested_by_name AS pending_override_by,
            """;

    private static final String STEP_JOINS = """
              FROM step_instances si
              JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
              JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
              JOIN baseline_macro_phases mp ON mp.iteration_id = ch.iteration_id AND mp.id = ch.macro_phase_id
              LEFT JOIN teams tm ON tm.id = s.owner_team_id
              LEFT JOIN users u ON u.id = si.last_actor_id
              LEFT JOIN gate_overrides gor ON gor.step_instance_id = si.id AND gor.status = 'PENDING'
            """;

    /**
     * Every step of the iteration without its counts and without the (possibly long) description, which only the step
     * detail shows; {@link #manyStepsChangedAfter} adds the counts from three single-table
     * aggregates merged in Java. Kept apart on purpose: joined into one statement, a freshly instantiated iteration
     * (statistics not yet gathered) gets a nested-loop plan that re-aggregates per step and takes hundreds of ms.
     */
    private static final String WHOLE_ITERATION = STEP_COLUMNS.replace("s.description,", "NULL::text AS description,")
            + "0 AS tasks_total, 0 AS tasks_done, 0 AS comments, 0 AS open_critical\n" + STEP_JOINS
            + " WHERE si.iteration_id = ? AND si.changed_in_version > ?";

    /** Per-step counts looked up step by step through indexes: cheapest for the few steps of a delta. */
    private static final String FEW_STEPS = STEP_COLUMNS + """
                   coalesce(tc.total, 0) AS tasks_total, coalesce(tc.done, 0) AS tasks_done, coalesce(cc.n, 0) AS comments,
                   coalesce(cr.n, 0) AS open_critical
            """ + STEP_JOINS + """
              LEFT JOIN LATERAL (SELECT count(*) AS total, count(*) FILTER (WHERE ti.status = 'DONE') AS done
                                   FROM task_instances ti WHERE ti.step_instance_id = si.id) tc ON true
              LEFT JOIN LATERAL (SELECT count(*) AS n FROM comments cm WHERE cm.step_instance_id = si.id) cc ON true
              LEFT JOIN LATERAL (SELECT count(DISTINCT l.control_id) AS n
                                   FROM task_instances ti
                                   JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                                   JOIN baseline_controls ctl ON ctl.iteration_id = l.iteration_id AND ctl.id = l.control_id
                                                             AND ctl.critical
                                   LEFT JOIN control_iteration_status cis
                                          ON cis.iteration_id = si.iteration_id AND cis.control_id = l.control_id
                                  WHERE ti.step_instance_id = si.id AND coalesce(cis.status, 'PENDING') <> 'PASSED') cr ON true
            """;

    private static final String STEP_ORDER = " ORDER BY mp.position, ch.position, s.position";

    /** Every step instance of the iteration, in plan order. */
    /** The canonical plan's revision: raised by every authoring write, so cached views of it know they are stale. */
    public static long planRevision(Connection c, UUID planId) throws SQLException {
        return Jdbc.one(c, "SELECT revision FROM plans WHERE id = ?", rs -> rs.getLong(1), planId).orElse(0L);
    }

    public static List<StepSummaryRow> allSteps(Connection c, UUID iterationId) throws SQLException {
        return manyStepsChangedAfter(c, iterationId, -1);
    }

    /** Steps changed after a version, with their task, comment and open-critical-control counts, aggregated per table. */
    public static List<StepSummaryRow> manyStepsChangedAfter(Connection c, UUID iterationId, long sinceVersion)
            throws SQLException {
        List<StepSummaryRow> rows = Jdbc.list(c, WHOLE_ITERATION + STEP_ORDER, RunbookReadDao::mapStep, iterationId,
                sinceVersion);
        Map<UUID, int[]> tasks = new HashMap<>();
        Jdbc.list(c, "SELECT step_instance_id, count(*) AS total, count(*) FILTER (WHERE status = 'DONE') AS done "
                + "FROM task_instances WHERE iteration_id = ? GROUP BY step_instance_id", rs -> tasks.put(
                Jdbc.uuid(rs, "step_instance_id"), new int[] {rs.getInt("total"), rs.getInt("done")}), iterationId);
        Map<UUID, Integer> comments = new HashMap<>();
        Jdbc.list(c, "SELECT step_instance_id, count(*) AS n FROM comments WHERE iteration_id = ? GROUP BY step_instance_id",
                rs -> comments.put(Jdbc.uuid(rs, "step_instance_id"), rs.getInt("n")), iterationId);
        Map<UUID, Integer> critical = new HashMap<>();
        Jdbc.list(c, """
                SELECT ti.step_instance_id, count(DISTINCT l.control_id) AS n
                  FROM control_iteration_status cis
                  JOIN baseline_controls ctl ON ctl.iteration_id = cis.iteration_id AND ctl.id = cis.control_id AND ctl.critical
                  JOIN baseline_task_controls l ON l.iteration_id = cis.iteration_id AND l.control_id = cis.control_id
                  JOIN task_instances ti ON ti.iteration_id = cis.iteration_id AND ti.task_id = l.task_id
                 WHERE cis.iteration_id = ? AND cis.status <> 'PASSED'
                 GROUP BY ti.step_instance_id""", rs -> critical.put(Jdbc.uuid(rs, "step_instance_id"), rs.getInt("n")),
                iterationId);
        List<StepSummaryRow> out = new ArrayList<>(rows.size());
        for (StepSummaryRow r : rows) {
            int[] t = tasks.getOrDefault(r.id(), new int[2]);
            out.add(new StepSummaryRow(r.id(), r.stepId(), r.code(), r.title(), r.stepType(), r.description(), r.chapterId(),
                    r.macroPhaseId(), r.ownerTeamId(), r.ownerTeamName(), r.status(), r.heldFrom(), r.minutes(), r.goNoGo(),
                    r.readyAt(), r.startedAt(), r.finishedAt(), r.gateOverridden(), r.lastActorId(), r.lastActorName(),
                    r.version(), r.changedInVersion(), t[0], t[1], critical.getOrDefault(r.id(), 0),
                    comments.getOrDefault(r.id(), 0), r.pendingOverrideBy()));
        }
        return out;
    }

    /** Step instances changed after {@code sinceVersion}, in plan order (found through the changed_in_version index). */

    /** The few steps changed after a version, each with its counts, looked up through indexes. */
    public static List<StepSummaryRow> stepsChangedAfter(Connection c, UUID iterationId, long sinceVersion) throws SQLException {
        return Jdbc.list(c, FEW_STEPS + " WHERE si.iteration_id = ? AND si.changed_in_version > ?" + STEP_ORDER,
                RunbookReadDao::mapStep, iterationId, sinceVersion);
    }

    public static Optional<StepSummaryRow> step(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, FEW_STEPS + " WHERE si.iteration_id = ? AND si.id = ?", RunbookReadDao::mapStep,
                iterationId, stepInstanceId);
    }

    private static StepSummaryRow mapStep(ResultSet rs) throws SQLException {
        return new StepSummaryRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "step_id"), rs.getString("code"), rs.getString("title"),
                rs.getString("step_type"), rs.getString("description"), Jdbc.uuid(rs, "chapter_id"),
                Jdbc.uuid(rs, "macro_phase_id"), Jdbc.uuid(rs, "owner_team_id"), rs.getString("owner_team_name"),
                Jdbc.enumValue(rs, "status", StepStatus.class), Jdbc.enumValue(rs, "held_from", StepStatus.class),
                rs.getInt("planned_duration_minutes"), rs.getBoolean("go_no_go"), Jdbc.instant(rs, "ready_at"),
                Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"), rs.getBoolean("gate_overridden"),
                Jdbc.uuid(rs, "last_actor_id"), rs.getString("last_actor_name"), rs.getInt("version"),
                rs.getLong("changed_in_version"), rs.getInt("tasks_total"), rs.getInt("tasks_done"), rs.getInt("open_critical"),
                rs.getInt("comments"), rs.getString("pending_override_by"));
    }

    /** Neighbours of a step (predecessors or successors) with their status. */
    public record NeighbourRow(UUID id, String code, String title, StepStatus status) {
    }

    public static List<NeighbourRow> neighbours(Connection c, UUID iterationId, UUID stepInstanceId, boolean predecessors)
            throws SQLException {
        String self = predecessors ? "d.successor_step_id" : "d.predecessor_step_id";
        String other = predecessors ? "d.predecessor_step_id" : "d.successor_step_id";
        // self/other are one of two fixed column names chosen above, never input
        return Jdbc.list(c, "SELECT o.id, s.code, s.title, o.status FROM step_instances me "
                        + "JOIN baseline_dependencies d ON d.iteration_id = me.iteration_id AND " + self + " = me.step_id "
                        + "JOIN step_instances o ON o.iteration_id = me.iteration_id AND o.step_id = " + other + " "
                        + "JOIN baseline_steps s ON s.iteration_id = o.iteration_id AND s.id = o.step_id WHERE me.id = ? AND me.iteration_id = ? ORDER BY s.code",
                rs -> new NeighbourRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"),
                        Jdbc.enumValue(rs, "status", StepStatus.class)), stepInstanceId, iterationId);
    }

    // ------------------------------------------------------------------ tasks and controls of a step

    public record StepPanelTaskRow(UUID id, UUID taskId, int position, String title, String description, UUID assignedTeamId,
                          String assignedTeamName, UUID nominatedUserId, String nominatedUserName, TaskStatus status,
                          Instant completedAt, UUID completedBy, String completedByName, int version, String[] controlCodes) {
    }

    public static List<StepPanelTaskRow> tasks(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.list(c, """
                SELECT ti.id, t.id AS task_id, t.position, t.title, t.description, t.assigned_team_id, tm.name AS team_name,
                       t.nominated_user_id, nu.display_name AS nominated_name, ti.status, ti.completed_at, ti.completed_by,
                       cu.display_name AS completed_name, ti.version,
                       ARRAY(SELECT ctl.code FROM baseline_task_controls l
                               JOIN baseline_controls ctl ON ctl.iteration_id = l.iteration_id AND ctl.id = l.control_id
                              WHERE l.iteration_id = t.iteration_id AND l.task_id = t.id ORDER BY ctl.code) AS control_codes
                  FROM task_instances ti
                  JOIN baseline_tasks t ON t.iteration_id = ti.iteration_id AND t.id = ti.task_id
                  LEFT JOIN teams tm ON tm.id = t.assigned_team_id
                  LEFT JOIN users nu ON nu.id = t.nominated_user_id
                  LEFT JOIN users cu ON cu.id = ti.completed_by
                 WHERE ti.step_instance_id = ?
                 ORDER BY t.position""",
                rs -> new StepPanelTaskRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "task_id"), rs.getInt("position"), rs.getString("title"),
                        rs.getString("description"), Jdbc.uuid(rs, "assigned_team_id"), rs.getString("team_name"),
                        Jdbc.uuid(rs, "nominated_user_id"), rs.getString("nominated_name"),
                        Jdbc.enumValue(rs, "status", TaskStatus.class), Jdbc.instant(rs, "completed_at"),
                        Jdbc.uuid(rs, "completed_by"), rs.getString("completed_name"), rs.getInt("version"),
                        (String[]) rs.getArray("control_codes").getArray()), stepInstanceId);
    }

    public record StepPanelControlRow(UUID id, String code, String title, String description, boolean critical, ControlStatus status,
                             String note, Instant setAt, UUID setBy, String setByName, int version, UUID[] involvedTeams) {
    }

    /** Controls linked to the step's tasks, with their status in this iteration and the teams that may set them. */
    public static List<StepPanelControlRow> controls(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.list(c, """
                SELECT ctl.id, ctl.code, ctl.title, ctl.description, ctl.critical, coalesce(cis.status, 'PENDING') AS status,
                       cis.note, cis.set_at, cis.set_by, u.display_name AS set_by_name, coalesce(cis.version, 1) AS version,
                       ARRAY(SELECT DISTINCT x.team FROM baseline_task_controls l2
                               JOIN baseline_tasks t2 ON t2.iteration_id = l2.iteration_id AND t2.id = l2.task_id
                               JOIN baseline_steps s2 ON s2.iteration_id = t2.iteration_id AND s2.id = t2.step_id
                               JOIN task_instances ti2 ON ti2.task_id = t2.id AND ti2.iteration_id = t2.iteration_id
                               CROSS JOIN LATERAL (VALUES (t2.assigned_team_id), (s2.owner_team_id)) x(team)
                              WHERE l2.iteration_id = ctl.iteration_id AND l2.control_id = ctl.id AND x.team IS NOT NULL) AS teams
                  FROM baseline_controls ctl
                  LEFT JOIN control_iteration_status cis ON cis.iteration_id = ctl.iteration_id AND cis.control_id = ctl.id
                  LEFT JOIN users u ON u.id = cis.set_by
                 WHERE ctl.iteration_id = ?
                   AND ctl.id IN (SELECT l.control_id FROM task_instances ti
                                   JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                                   WHERE ti.step_instance_id = ?)
                 ORDER BY ctl.code""",
                rs -> new StepPanelControlRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"), rs.getString("description"),
                        rs.getBoolean("critical"), Jdbc.enumValue(rs, "status", ControlStatus.class), rs.getString("note"),
                        Jdbc.instant(rs, "set_at"), Jdbc.uuid(rs, "set_by"), rs.getString("set_by_name"), rs.getInt("version"),
                        (UUID[]) rs.getArray("teams").getArray()), iterationId, stepInstanceId);
    }

    // ------------------------------------------------------------------ events

    /** A page of the audit trail after the cursor (version, then event id within the version), oldest first. */
    public static List<EventRecord> events(Connection c, UUID iterationId, long afterVersion, UUID afterId, int limit,
                                           List<EventType> types, String actor, UUID stepInstanceId) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + EventLogDao.COLUMNS + " FROM event_log WHERE iteration_id = ? ");
        params.add(iterationId);
        if (afterId == null) {
            sql.append("AND change_version > ? ");
            params.add(afterVersion);
        } else {
            sql.append("AND (change_version, id) > (?, ?) ");
            params.add(afterVersion);
            params.add(afterId);
        }
        if (types != null && !types.isEmpty()) {
            sql.append("AND event_type = ANY (?::text[]) ");
            params.add(new TextArray(types.stream().map(Enum::name).toArray(String[]::new)));
        }
        if (actor != null) {
            sql.append("AND actor_name = ? ");
            params.add(actor);
        }
        if (stepInstanceId != null) {
            sql.append("AND step_instance_id = ? ");
            params.add(stepInstanceId);
        }
        sql.append("ORDER BY change_version, id LIMIT ?");
        params.add(limit);
        return Jdbc.list(c, sql.toString(), EventLogDao::map, params.stream().map(p -> p instanceof TextArray t ? t.joined() : p)
                .toArray());
    }

    /** The latest events of one step (newest first). */
    public static List<EventRecord> stepEvents(Connection c, UUID stepInstanceId, int limit) throws SQLException {
        return Jdbc.list(c, "SELECT " + EventLogDao.COLUMNS + " FROM event_log WHERE step_instance_id = ? "
                + "ORDER BY occurred_at DESC, id DESC LIMIT ?", EventLogDao::map, stepInstanceId, limit);
    }

    /**
     * The step's latest manual move to FAILED or ON_HOLD (with the reason, when one was given), newest first through the
     * (step_instance_id, occurred_at) index; empty when it never failed or was held.
     */
    public static Optional<EventRecord> latestFailOrHold(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, "SELECT " + EventLogDao.COLUMNS + " FROM event_log WHERE step_instance_id = ? "
                + "AND event_type = 'STEP_STATUS_CHANGED' AND details->>'to' IN ('FAILED', 'ON_HOLD') "
                + "ORDER BY occurred_at DESC, id DESC LIMIT 1", EventLogDao::map, stepInstanceId);
    }

    /** The latest events of an iteration (newest first). */
    public static List<EventRecord> latestEvents(Connection c, UUID iterationId, int limit) throws SQLException {
        // Walks the (iteration_id, change_version) index backwards instead of sorting the whole trail.
        return Jdbc.list(c, "SELECT " + EventLogDao.COLUMNS + " FROM event_log WHERE iteration_id = ? AND change_version IS NOT NULL "
                + "ORDER BY change_version DESC, id DESC LIMIT ?", EventLogDao::map, iterationId, limit);
    }

    /** A text[] literal for ANY(): element names are enum constants, so no quoting is needed. */
    private record TextArray(String[] values) {
        String joined() {
            return "{" + String.join(",", values) + "}";
        }
    }
}
