package io.cutplan.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Four-eyes gate override requests ({@code gate_overrides}) and the plan setting that asks for them. Callers
 * hold the iteration's change lock, so requests, confirmations and rejections of one iteration apply one after the
 * other; the partial unique index keeps at most one PENDING request per step in any case.
 */
public final class GateOverrideDao {
    private GateOverrideDao() {
    }

    /** A PENDING request: who asked, when and why. */
    public record PendingRow(UUID id, UUID stepInstanceId, UUID requestedBy, String requestedByName, Instant requestedAt,
                             String reason) {
    }

    private static final String ROW = "id, step_instance_id, requested_by, requested_by_name, requested_at, reason";

    /** Whether the iteration's plan has {@code four_eyes_override} on. */
    public static boolean fourEyes(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT p.four_eyes_override FROM iterations i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?",
                rs -> rs.getBoolean(1), iterationId).orElse(false);
    }

    public static Optional<PendingRow> pending(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, "SELECT " + ROW + " FROM gate_overrides WHERE step_instance_id = ? AND status = 'PENDING'",
                GateOverrideDao::map, stepInstanceId);
    }

    /** Every PENDING request of an iteration (the dashboard marks those steps). */
    public static List<PendingRow> pendingIn(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, "SELECT " + ROW + " FROM gate_overrides WHERE iteration_id = ? AND status = 'PENDING' "
                + "ORDER BY requested_at", GateOverrideDao::map, iterationId);
    }

    public static PendingRow request(Connection c, UUID iterationId, UUID stepInstanceId, UUID requestedBy,
                                     String requestedByName, String reason) throws SQLException {
        return Jdbc.one(c, "INSERT INTO gate_overrides (id, iteration_id, step_instance_id, requested_by, requested_by_name, "
                        + "reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING " + ROW,
                GateOverrideDao::map, Ids.newId(), iterationId, stepInstanceId, requestedBy, requestedByName, reason)
                .orElseThrow();
    }

    /** Closes a PENDING request as CONFIRMED, REJECTED or CLEARED; false if it was no longer pending. */
    public static boolean decide(Connection c, UUID id, String status, UUID decidedBy, String decisionReason)
            throws SQLException {
        return Jdbc.update(c, "UPDATE gate_overrides SET status = ?, decided_by = ?, decided_at = now(), decision_reason = ? "
                + "WHERE id = ? AND status = 'PENDING'", status, decidedBy, decisionReason, id) == 1;
    }

    /** The step moved on otherwise: its pending request (if any) is CLEARED. */
    public static boolean clear(Connection c, UUID stepInstanceId, UUID decidedBy) throws SQLException {
        return Jdbc.update(c, "UPDATE gate_overrides SET status = 'CLEARED', decided_by = ?, decided_at = now() "
                + "WHERE step_instance_id = ? AND status = 'PENDING'", decidedBy, stepInstanceId) == 1;
    }

    /**
     * A request was made or closed without a status move: the step's version rises (a page holding the old one
     * gets a 409) and it is sent in the next delta.
     */
    public static void bumpStep(Connection c, UUID stepInstanceId, UUID actorId, long changeVersion) throws SQLException {
        Jdbc.update(c, "UPDATE step_instances SET version = version + 1, changed_in_version = ?, last_actor_id = ? WHERE id = ?",
                changeVersion, actorId, stepInstanceId);
    }

    private static PendingRow map(ResultSet rs) throws SQLException {
        return new PendingRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "step_instance_id"), Jdbc.uuid(rs, "requested_by"),
                rs.getString("requested_by_name"), Jdbc.instant(rs, "requested_at"), rs.getString("reason"));
    }
}
