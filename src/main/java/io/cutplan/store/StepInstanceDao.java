package io.cutplan.store;

import io.cutplan.domain.GateCheck;
import io.cutplan.domain.StepStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Step instances as the engine changes them: one row and its gate. Readiness (successors released or held back) is
 * {@link ReadinessDao#settle}. Callers hold the iteration lock (see {@link IterationDao#bumpVersion}).
 */
public final class StepInstanceDao {
    private StepInstanceDao() {
    }

    /** The mutable state of one step instance plus what the rules need from its canonical step. */
    public record StepRow(UUID id, UUID iterationId, UUID stepId, String code, String title, UUID ownerTeamId,
                          StepStatus status, StepStatus heldFrom, Instant readyAt, Instant startedAt, Instant finishedAt,
                          boolean gateOverridden, int version, long changedInVersion) {
    }

    /** A step whose status the engine changed as a consequence. */
    public record Moved(UUID id, String code, StepStatus from, StepStatus to) {
    }

    private static final String ROW = "si.id, si.iteration_id, si.step_id, s.code, s.title, s.owner_team_id, si.status, "
            + "si.held_from, si.ready_at, si.started_at, si.finished_at, si.gate_overridden, si.version, si.changed_in_version";

    public static Optional<StepRow> find(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, "SELECT " + ROW + " FROM step_instances si "
                + "JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id "
                + "WHERE si.id = ? AND si.iteration_id = ?", StepInstanceDao::map, stepInstanceId, iterationId);
    }

    static StepRow map(ResultSet rs) throws SQLException {
        return new StepRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "iteration_id"), Jdbc.uuid(rs, "step_id"), rs.getString("code"),
                rs.getString("title"), Jdbc.uuid(rs, "owner_team_id"), Jdbc.enumValue(rs, "status", StepStatus.class),
                Jdbc.enumValue(rs, "held_from", StepStatus.class), Jdbc.instant(rs, "ready_at"), Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "finished_at"), rs.getBoolean("gate_overridden"), rs.getInt("version"),
                rs.getLong("changed_in_version"));
    }

    /**
     * Writes a person's move. Timestamps follow the move: entering READY sets ready_at, the first start sets
     * started_at, a finish (DONE, FAILED, SKIPPED, CANCELLED) sets finished_at and leaving a finish clears it;
     * gate_overridden is true only on a DONE reached by overriding the gate (a reopen clears it).
     */
    public static StepRow applyMove(Connection c, StepRow row, StepStatus to, UUID actorId, boolean overrideGate,
                                    long changeVersion) throws SQLException {
        StepStatus heldFrom = to == StepStatus.ON_HOLD ? row.status() : null;
        boolean finishes = to == StepStatus.DONE || to == StepStatus.FAILED || to == StepStatus.SKIPPED
                || to == StepStatus.CANCELLED;
        return Jdbc.one(c, """
                UPDATE step_instances si SET
                       status = ?, held_from = ?,
                       ready_at = CASE WHEN ? = 'READY' AND si.status = 'PENDING' THEN now()
                                       WHEN ? = 'PENDING' THEN NULL ELSE si.ready_at END,
                       started_at = CASE WHEN ? = 'IN_PROGRESS' THEN coalesce(si.started_at, now()) ELSE si.started_at END,
                       finished_at = CASE WHEN ? THEN now() ELSE NULL END,
                       gate_overridden = ?,
                       last_actor_id = ?, version = si.version + 1, changed_in_version = ?
                  FROM baseline_steps s
                 WHERE si.id = ? AND s.iteration_id = si.iteration_id AND s.id = si.step_id
                RETURNING""" + " " + ROW,
                StepInstanceDao::map, to, heldFrom, to.name(), to.name(), to.name(), finishes,
                to == StepStatus.DONE && overrideGate,
                actorId, changeVersion, row.id()).orElseThrow();
    }

    /** What stands between the step and DONE: open tasks and critical controls of its tasks not PASSED here. */
    public static GateCheck gate(Connection c, UUID iterationId, UUID stepInstanceId) throws SQLException {
        int open = Jdbc.one(c, "SELECT count(*) FROM task_instances WHERE step_instance_id = ? AND status = 'OPEN'",
                rs -> rs.getInt(1), stepInstanceId).orElse(0);
        List<String> controls = Jdbc.list(c, """
                SELECT DISTINCT ctl.code
                  FROM task_instances ti
                  JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                  JOIN baseline_controls ctl ON ctl.iteration_id = l.iteration_id AND ctl.id = l.control_id AND ctl.critical
                  LEFT JOIN control_iteration_status cis ON cis.iteration_id = ? AND cis.control_id = ctl.id
                 WHERE ti.step_instance_id = ? AND coalesce(cis.status, 'PENDING') <> 'PASSED'
                 ORDER BY ctl.code""", rs -> rs.getString(1), iterationId, stepInstanceId);
        return new GateCheck(open, controls);
    }

    /** Marks a step as changed in this version without touching its status (a task, comment or control moved). */
    public static void touch(Connection c, UUID stepInstanceId, long changeVersion) throws SQLException {
        Jdbc.update(c, "UPDATE step_instances SET changed_in_version = ? WHERE id = ?", changeVersion, stepInstanceId);
    }

    /** Counts of the iteration's steps that are not finished, and that are in progress or beyond. */
    public record StepCounts(int total, int unfinished, int started) {
    }

    public static StepCounts progress(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, """
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE status NOT IN ('DONE', 'SKIPPED', 'CANCELLED')) AS unfinished,
                       count(*) FILTER (WHERE started_at IS NOT NULL) AS started
                  FROM step_instances WHERE iteration_id = ?""",
                rs -> new StepCounts(rs.getInt("total"), rs.getInt("unfinished"), rs.getInt("started")), iterationId)
                .orElseThrow();
    }
}
