package io.cutplan.store;

import io.cutplan.domain.NotificationKind;
import io.cutplan.domain.NotificationStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The notification outbox. All times come from the database clock ({@code now()}), never a node's JVM
 * clock, so leases mean the same thing on every node of a cluster.
 */
public final class NotificationOutboxDao {
    private static final String COLUMNS = "id, event_id, iteration_id, step_instance_id, kind, recipient, recipient_user_id, "
            + "test_mode, subject, html_body, text_body, status, attempts, next_attempt_at, claimed_by, claimed_until, "
            + "last_error, created_at, updated_at, sent_at, failed_at";
    private static final int MAX_ERROR = 2000;

    private NotificationOutboxDao() {
    }

    /** Queues the message unless this event already has one for this recipient; returns whether a row was added. */
    public static boolean insert(Connection c, NewOutboxMessage m) throws SQLException {
        return Jdbc.update(c, "INSERT INTO notification_outbox (id, event_id, iteration_id, step_instance_id, kind, recipient, "
                        + "recipient_user_id, test_mode, subject, html_body, text_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (event_id, lower(recipient)) DO NOTHING",
                Ids.newId(), m.eventId(), m.iterationId(), m.stepInstanceId(), m.kind(), m.recipient(), m.recipientUserId(),
                m.testMode(), m.subject(), m.htmlBody(), m.textBody()) == 1;
    }

    /**
     * Claims up to {@code limit} due messages for one dispatcher: PENDING ones whose retry time has come, and
     * SENDING ones whose holder's lease ran out (a crashed or stalled node). {@code SKIP LOCKED} lets several
     * dispatchers claim at once without waiting on or taking each other's rows; the claim commits at once, so
     * no lock is held while the message is sent. Each claim counts as an attempt.
     */
    public static List<OutboxMessage> claim(Connection c, UUID token, String node, Duration lease, int limit, int maxAttempts)
            throws SQLException {
        return Jdbc.list(c, """
                UPDATE notification_outbox o
                   SET status = 'SENDING', claim_token = ?, claimed_by = ?,
                       claimed_until = now() + make_interval(secs => ?), attempts = o.attempts + 1, updated_at = now()
                 WHERE o.id IN (SELECT id FROM notification_outbox
                                 WHERE ((status = 'PENDING' AND next_attempt_at <= now())
                                        OR (status = 'SENDING' AND claimed_until < now()))
                                   AND attempts < ?
                                 ORDER BY next_attempt_at, id
                                 LIMIT ?
                                 FOR UPDATE SKIP LOCKED)
                RETURNING """ + " " + COLUMNS, NotificationOutboxDao::map,
                token, truncate(node, 200), lease.toMillis() / 1000.0, maxAttempts, limit);
    }

    /**
     * Gives up on claims that expired after the last allowed attempt (the node died mid-send every time) and
     * returns them, so the caller can record their failure.
     */
    public static List<OutboxMessage> failAbandoned(Connection c, int maxAttempts, int limit) throws SQLException {
        return Jdbc.list(c, """
                UPDATE notification_outbox o
                   SET status = 'FAILED', failed_at = now(), updated_at = now(), claim_token = NULL, claimed_until = NULL,
                       last_error = left('Claimed by ' || coalesce(o.claimed_by, '?')
                                         || ' but never completed; gave up after ' || o.attempts || ' attempts', 2000)
                 WHERE o.id IN (SELECT id FROM notification_outbox
                                 WHERE status = 'SENDING' AND claimed_until < now() AND attempts >= ?
                                 LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING """ + " " + COLUMNS, NotificationOutboxDao::map, maxAttempts, limit);
    }

    /** Records delivery if this dispatcher still holds the claim; empty when its lease was taken over. */
    public static Optional<OutboxMessage> markSent(Connection c, UUID id, UUID token) throws SQLException {
        return Jdbc.one(c, "UPDATE notification_outbox SET status = 'SENT', sent_at = now(), updated_at = now(), "
                + "claim_token = NULL, claimed_until = NULL, last_error = NULL WHERE id = ? AND claim_token = ? RETURNING "
                + COLUMNS, NotificationOutboxDao::map, id, token);
    }

    /** Puts the message back for another attempt after {@code delay}. */
    public static Optional<OutboxMessage> markRetry(Connection c, UUID id, UUID token, Duration delay, String error)
            throws SQLException {
        return Jdbc.one(c, "UPDATE notification_outbox SET status = 'PENDING', updated_at = now(), "
                        + "next_attempt_at = now() + make_interval(secs => ?), claim_token = NULL, claimed_until = NULL, "
                        + "last_error = ? WHERE id = ? AND claim_token = ? RETURNING " + COLUMNS, NotificationOutboxDao::map,
                delay.toMillis() / 1000.0, truncate(error, MAX_ERROR), id, token);
    }

    public static Optional<OutboxMessage> markFailed(Connection c, UUID id, UUID token, String error) throws SQLException {
        return Jdbc.one(c, "UPDATE notification_outbox SET status = 'FAILED', failed_at = now(), updated_at = now(), "
                        + "claim_token = NULL, claimed_until = NULL, last_error = ? WHERE id = ? AND claim_token = ? RETURNING "
                        + COLUMNS, NotificationOutboxDao::map, truncate(error, MAX_ERROR), id, token);
    }

    /** Queues a FAILED message again with a fresh attempt budget; empty when it is not FAILED (or does not exist). */
    public static Optional<OutboxMessage> resend(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "UPDATE notification_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(), "
                + "failed_at = NULL, updated_at = now() WHERE id = ? AND status = 'FAILED' RETURNING " + COLUMNS,
                NotificationOutboxDao::map, id);
    }

    public static Optional<OutboxMessage> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM notification_outbox WHERE id = ?", NotificationOutboxDao::map, id);
    }

    /** Newest first, optionally filtered by status and iteration. */
    public static List<OutboxMessage> list(Connection c, NotificationStatus status, UUID iterationId, int limit)
            throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM notification_outbox "
                        + "WHERE (?::text IS NULL OR status = ?::text) AND (?::uuid IS NULL OR iteration_id = ?::uuid) "
                        + "ORDER BY created_at DESC, id DESC LIMIT ?", NotificationOutboxDao::map,
                status, status, iterationId, iterationId, limit);
    }

    public static Map<NotificationStatus, Long> counts(Connection c, UUID iterationId) throws SQLException {
        Map<NotificationStatus, Long> counts = new EnumMap<>(NotificationStatus.class);
        for (NotificationStatus s : NotificationStatus.values()) {
            counts.put(s, 0L);
        }
        Jdbc.list(c, "SELECT status, count(*) AS n FROM notification_outbox WHERE (?::uuid IS NULL OR iteration_id = ?::uuid) "
                + "GROUP BY status", rs -> counts.put(NotificationStatus.valueOf(rs.getString("status")), rs.getLong("n")),
                iterationId, iterationId);
        return counts;
    }

    static OutboxMessage map(ResultSet rs) throws SQLException {
        return new OutboxMessage(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "event_id"), Jdbc.uuid(rs, "iteration_id"),
                Jdbc.uuid(rs, "step_instance_id"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("recipient"),
                Jdbc.uuid(rs, "recipient_user_id"), rs.getBoolean("test_mode"), rs.getString("subject"),
                rs.getString("html_body"), rs.getString("text_body"), NotificationStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"), rs.getString("claimed_by"),
                Jdbc.instant(rs, "claimed_until"), rs.getString("last_error"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), Jdbc.instant(rs, "sent_at"), Jdbc.instant(rs, "failed_at"));
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
