package io.cutplan.store;

import io.cutplan.domain.Readiness;
import io.cutplan.domain.StepStatus;
import io.cutplan.store.StepInstanceDao.Moved;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where steps become READY or go back to PENDING on their own: {@link #settle} loads the iteration's
 * statuses and in-scope dependencies and applies {@link Readiness} (a skip passes a release through, it does not
 * jump ahead). Every transition, restore, reopen and baseline refresh calls it. Callers hold the iteration lock.
 */
public final class ReadinessDao {
    private ReadinessDao() {
    }

    /**
     * Brings every waiting step of the iteration in line with the rule and returns the moves made, ordered by step
     * code: PENDING -> READY (ready_at set, or kept when {@code keepReadyAt} and one is recorded), READY or ON_HOLD
     * held from READY -> PENDING (held_from and ready_at cleared). Each moved row gets version + 1 and
     * {@code changeVersion}; rows that keep their status are not written.
     */
    public static List<Moved> settle(Connection c, UUID iterationId, long changeVersion, boolean keepReadyAt) throws SQLException {
        Map<UUID, StepStatus> status = new LinkedHashMap<>();
        Map<UUID, StepStatus> heldFrom = new HashMap<>();
        Map<UUID, UUID> instanceOf = new HashMap<>();
        Jdbc.list(c, "SELECT id, step_id, status, held_from FROM step_instances WHERE iteration_id = ?", rs -> {
            UUID step = Jdbc.uuid(rs, "step_id");
            status.put(step, Jdbc.enumValue(rs, "status", StepStatus.class));
            StepStatus held = Jdbc.enumValue(rs, "held_from", StepStatus.class);
            if (held != null) {
                heldFrom.put(step, held);
            }
            instanceOf.put(step, Jdbc.uuid(rs, "id"));
            return step;
        }, iterationId);
        Map<UUID, List<UUID>> predecessors = new HashMap<>();
        Jdbc.list(c, "SELECT predecessor_step_id, successor_step_id FROM baseline_dependencies WHERE iteration_id = ?", rs -> {
            UUID succ = Jdbc.uuid(rs, "successor_step_id");
            predecessors.computeIfAbsent(succ, k -> new ArrayList<>()).add(Jdbc.uuid(rs, "predecessor_step_id"));
            return succ;
        }, iterationId);
        List<Readiness.Move<UUID>> moves = Readiness.settle(status, heldFrom, predecessors);
        if (moves.isEmpty()) {
            return List.of();
        }
        List<UUID> release = new ArrayList<>();
        List<UUID> holdBack = new ArrayList<>();
        for (Readiness.Move<UUID> m : moves) {
            (m.to() == StepStatus.READY ? release : holdBack).add(instanceOf.get(m.step()));
        }
        List<Moved> out = new ArrayList<>();
        if (!release.isEmpty()) {
            out.addAll(Jdbc.list(c, """
                    UPDATE step_instances si SET status = 'READY',
                           ready_at = CASE WHEN ? THEN coalesce(si.ready_at, now()) ELSE now() END,
                           version = si.version + 1, changed_in_version = ?
                      FROM baseline_steps s
                     WHERE si.id = ANY (?) AND si.iteration_id = ? AND si.status = 'PENDING'
                       AND s.iteration_id = si.iteration_id AND s.id = si.step_id
                    RETURNING si.id, s.code""",
                    rs -> new Moved(Jdbc.uuid(rs, "id"), rs.getString("code"), StepStatus.PENDING, StepStatus.READY),
                    keepReadyAt, changeVersion, release.toArray(new UUID[0]), iterationId));
        }
        if (!holdBack.isEmpty()) {
            out.addAll(Jdbc.list(c, """
                    WITH target AS (
                        SELECT si.id, si.status AS old_status FROM step_instances si
                         WHERE si.id = ANY (?) AND si.iteration_id = ?
                           AND (si.status = 'READY' OR (si.status = 'ON_HOLD' AND si.held_from = 'READY'))
                         FOR UPDATE)
                    UPDATE step_instances si SET status = 'PENDING', held_from = NULL, ready_at = NULL,
                           version = si.version + 1, changed_in_version = ?
                      FROM target t, baseline_steps s
                     WHERE si.id = t.id AND s.iteration_id = si.iteration_id AND s.id = si.step_id
                    RETURNING si.id, s.code, t.old_status""",
                    rs -> new Moved(Jdbc.uuid(rs, "id"), rs.getString("code"),
                            StepStatus.valueOf(rs.getString("old_status")), StepStatus.PENDING),
                    holdBack.toArray(new UUID[0]), iterationId, changeVersion));
        }
        out.sort(Comparator.comparing(Moved::code));
        return out;
    }
}
