package io.cutplan.store;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.review.ReviewInput;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the iteration review reads (issue 14) beyond the iteration, chapters and links of {@link RunbookReadDao}: the
 * step instances with their recorded times, from the event log only the events a review is made of (status moves
 * into or out of FAILED, ON_HOLD, SKIPPED and CANCELLED, gate overrides, control failures, each through the
 * {@code (iteration_id, event_type)} index), the comments and the review notes; and the notes' writes.
 */
public final class ReviewDao {
    private ReviewDao() {
    }

    /** Every step instance of the iteration in plan order (macro-phase, chapter, step position). */
    public static List<ReviewInput.Step> steps(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT si.id, s.code, s.title, s.chapter_id, s.owner_team_id, tm.name AS team_name, s.planned_duration_minutes,
                       si.status, si.ready_at, si.started_at, si.finished_at, si.gate_overridden
                  FROM step_instances si
                  JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                  JOIN baseline_chapters ch ON ch.iteration_id = si.iteration_id AND ch.id = s.chapter_id
                  JOIN baseline_macro_phases mp ON mp.iteration_id = si.iteration_id AND mp.id = ch.macro_phase_id
                  LEFT JOIN teams tm ON tm.id = s.owner_team_id
                 WHERE si.iteration_id = ?
                 ORDER BY mp.position, ch.position, s.position""",
                rs -> new ReviewInput.Step(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"),
                        Jdbc.uuid(rs, "chapter_id"), Jdbc.uuid(rs, "owner_team_id"), rs.getString("team_name"),
                        rs.getInt("planned_duration_minutes"), Jdbc.enumValue(rs, "status", StepStatus.class),
                        Jdbc.instant(rs, "ready_at"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"),
                        rs.getBoolean("gate_overridden")), iterationId);
    }

    /** Status moves that make a failure, a retry, a hold, a release, a skip or a cancel; oldest first. */
    public static List<ReviewInput.StatusChange> statusChanges(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT step_instance_id, occurred_at, actor_name, details->>'from' AS from_status, details->>'to' AS to_status,
                       details->>'reason' AS reason, coalesce(details->>'automatic', 'false') = 'true' AS automatic
                  FROM event_log
                 WHERE iteration_id = ? AND event_type = 'STEP_STATUS_CHANGED' AND step_instance_id IS NOT NULL
                   AND (details->>'to' IN ('FAILED', 'ON_HOLD', 'SKIPPED', 'CANCELLED')
                        OR details->>'from' IN ('FAILED', 'ON_HOLD'))
                 ORDER BY occurred_at, change_version, id""",
                rs -> new ReviewInput.StatusChange(Jdbc.uuid(rs, "step_instance_id"), Jdbc.instant(rs, "occurred_at"),
                        status(rs.getString("from_status")), status(rs.getString("to_status")), rs.getString("reason"),
                        rs.getString("actor_name"), rs.getBoolean("automatic")), iterationId);
    }

    /** {@code STEP_GATE_OVERRIDDEN} events: who let a gate pass, why, and what was still open. */
    public static List<ReviewInput.GateOverride> overrides(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT step_instance_id, occurred_at, actor_name, details->>'reason' AS reason,
                       CASE WHEN jsonb_typeof(details->'openTasks') = 'number' THEN (details->>'openTasks')::numeric::int ELSE 0 END
                           AS open_tasks,
                       CASE WHEN jsonb_typeof(details->'unpassedControls') = 'array'
                            THEN ARRAY(SELECT jsonb_array_elements_text(details->'unpassedControls')) ELSE '{}'::text[] END
                           AS unpassed
                  FROM event_log
                 WHERE iteration_id = ? AND event_type = 'STEP_GATE_OVERRIDDEN'
                 ORDER BY occurred_at, change_version, id""",
                rs -> new ReviewInput.GateOverride(Jdbc.uuid(rs, "step_instance_id"), Jdbc.instant(rs, "occurred_at"),
                        rs.getString("actor_name"), rs.getString("reason"), rs.getInt("open_tasks"), texts(rs.getArray("unpassed"))),
                iterationId);
    }

    /** Every time a control of the iteration was set to FAILED, with the control, where it stands now and its step. */
    public static List<ReviewInput.ControlFailure> controlFailures(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT e.control_id, ctl.code, ctl.title, ctl.critical, e.occurred_at, e.actor_name, e.details->>'note' AS note,
                       cis.status AS current_status, st.step_instance_id
                  FROM event_log e
                  JOIN baseline_controls ctl ON ctl.iteration_id = e.iteration_id AND ctl.id = e.control_id
                  LEFT JOIN control_iteration_status cis ON cis.iteration_id = e.iteration_id AND cis.control_id = e.control_id
                  LEFT JOIN LATERAL (SELECT ti.step_instance_id
                                       FROM baseline_task_controls l
                                       JOIN task_instances ti ON ti.task_id = l.task_id AND ti.iteration_id = e.iteration_id
                                      WHERE l.iteration_id = e.iteration_id AND l.control_id = e.control_id
                                      ORDER BY ti.step_instance_id LIMIT 1) st ON true
                 WHERE e.iteration_id = ? AND e.event_type = 'CONTROL_STATUS_CHANGED' AND e.details->>'to' = 'FAILED'
                 ORDER BY e.occurred_at, e.change_version, e.id""",
                rs -> new ReviewInput.ControlFailure(Jdbc.uuid(rs, "control_id"), rs.getString("code"), rs.getString("title"),
                        rs.getBoolean("critical"), Jdbc.instant(rs, "occurred_at"), rs.getString("actor_name"), rs.getString("note"),
                        Jdbc.enumValue(rs, "current_status", ControlStatus.class), Jdbc.uuid(rs, "step_instance_id")),
                iterationId);
    }

    public static List<ReviewInput.Comment> comments(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT step_instance_id, created_at, author_name, body FROM comments
                 WHERE iteration_id = ? ORDER BY created_at, id""",
                rs -> new ReviewInput.Comment(Jdbc.uuid(rs, "step_instance_id"), Jdbc.instant(rs, "created_at"),
                        rs.getString("author_name"), rs.getString("body")), iterationId);
    }

    public static List<ReviewInput.Note> notes(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, """
                SELECT step_instance_id, body, author_name, updated_at FROM review_notes
                 WHERE iteration_id = ? ORDER BY updated_at, id""",
                rs -> new ReviewInput.Note(Jdbc.uuid(rs, "step_instance_id"), rs.getString("body"), rs.getString("author_name"),
                        Jdbc.instant(rs, "updated_at")), iterationId);
    }

    /** The note on a target (the iteration when {@code stepInstanceId} is null), if any. */
    public static Optional<String> note(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, """
                SELECT body FROM review_notes
                 WHERE iteration_id = ? AND step_instance_id IS NOT DISTINCT FROM ?::uuid""",
                rs -> rs.getString("body"), iterationId, stepInstanceId);
    }

    /** Replaces the note on a target (one statement per target: the old row, if any, goes). */
    public static void putNote(Connection c, UUID iterationId, UUID stepInstanceId, String body, UUID authorId, String authorName,
                               long version) throws SQLException {
        deleteNote(c, iterationId, stepInstanceId);
        Jdbc.update(c, """
                INSERT INTO review_notes (id, iteration_id, step_instance_id, body, author_id, author_name, changed_in_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Ids.newId(), iterationId, stepInstanceId, body, authorId, authorName, version);
    }

    public static int deleteNote(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM review_notes WHERE iteration_id = ? AND step_instance_id IS NOT DISTINCT FROM ?::uuid",
                iterationId, stepInstanceId);
    }

    /** The code of a step instance of this iteration, if it is one. */
    public static Optional<String> stepCode(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, """
                SELECT s.code FROM step_instances si JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                 WHERE si.iteration_id = ? AND si.id = ?""", rs -> rs.getString("code"), iterationId, stepInstanceId);
    }

    private static StepStatus status(String name) {
        if (name == null) {
            return null;
        }
        try {
            return StepStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
