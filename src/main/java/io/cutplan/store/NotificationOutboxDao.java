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
 * clock, so leases mean the same thing on every node of a cluster. The lease state changes are {@link OutboxLease}'s,
 * shared with the webhook outbox.
 */
public final class NotificationOutboxDao {
    private static final String[] OUTBOX_COLUMNS = {"id", "event_id", "iteration_id", "step_instance_id", "kind", "recipient",
            "recipient_user_id", "test_mode", "status", "attempts", "next_attempt_at", "claimed_by", "claimed_until",
            "last_error", "created_at", "updated_at", "sent_at", "failed_at"};
    private static final int MAX_ERROR = OutboxLease.MAX_ERROR;

    private NotificationOutboxDao() {
    }

    /** The outbox columns of alias {@code o}, and the content's subject and (optionally) bodies from alias {@code n}. */
    private static String columns(String o, boolean bodies) {
        StringBuilder b = new StringBuilder();
        for (String col : OUTBOX_COLUMNS) {
            b.append(o).append('.').append(col).append(", ");
        }
        b.append("n.subject, ").append(bodies ? "n.html_body, n.text_body" : "NULL::text AS html_body, NULL::text AS text_body");
        return b.toString();
    }

    /** Runs an UPDATE on {@code notification_outbox o} and returns the changed rows with their content. */
    private static List<OutboxMessage> updateReturning(Connection c, String update, Object... params) throws SQLException {
        return Jdbc.list(c, "WITH changed AS (" + update + " RETURNING o.*) SELECT " + columns("changed", true)
                + " FROM changed JOIN notification_contents n ON n.id = changed.content_id", NotificationOutboxDao::map, params);
    }

    private static Optional<OutboxMessage> updateOne(Connection c, String update, Object... params) throws SQLException {
        List<OutboxMessage> rows = updateReturning(c, update, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Queues the event's message for the recipients: the content once, then one outbox row per recipient in one
     * statement. A recipient this event already has a message for is skipped. Returns how many rows were added.
     */
    public static int queue(Connection c, NewNotification m, List<NewNotification.To> recipients) throws SQLException {
        if (recipients.isEmpty()) {
            return 0;
        }
        UUID contentId = Jdbc.one(c, "INSERT INTO notification_contents (id, event_id, iteration_id, subject, html_body, text_body) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET event_id = EXCLUDED.event_id RETURNING id",
                rs -> Jdbc.uuid(rs, "id"), Ids.newId(), m.eventId(), m.iterationId(), m.subject(), m.htmlBody(), m.textBody())
                .orElseThrow();
        UUID[] ids = new UUID[recipients.size()];
        String[] addresses = new String[recipients.size()];
        UUID[] users = new UUID[recipients.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Ids.newId();
            addresses[i] = recipients.get(i).address();
            users[i] = recipients.get(i).userId();
        }
        return Jdbc.update(c, """
                INSERT INTO notification_outbox (id, event_id, content_id, iteration_id, step_instance_id, kind, recipient,
                                                 recipient_user_id, test_mode)
                SELECT r.id, ?, ?, ?, ?, ?, r.recipient, r.user_id, ?
                  FROM unnest(?::uuid[], ?::text[], ?::uuid[]) AS r (id, recipient, user_id)
                    ON CONFLICT (event_id, lower(recipient)) DO NOTHING""",
                m.eventId(), contentId, m.iterationId(), m.stepInstanceId(), m.kind(), m.testMode(), ids, addresses, users);
    }

    /**
     * Claims up to {@code limit} due messages for one dispatcher: PENDING ones whose retry time has come, and
     * SENDING ones whose holder's lease ran out (a crashed or stalled node). {@code SKIP LOCKED} lets several
     * dispatchers claim at once without waiting on or taking each other's rows; the claim commits at once, so
     * no lock is held while the message is sent. Each claim counts as an attempt.
     */
    public static List<OutboxMessage> claim(Connection c, UUID token, String node, Duration lease, int limit, int maxAttempts)
            throws SQLException {
        return updateReturning(c, "UPDATE notification_outbox o SET " + OutboxLease.CLAIM
                        + " WHERE o.id IN (SELECT id FROM notification_outbox WHERE " + OutboxLease.DUE
                        + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)",
                token, OutboxLease.truncate(node, OutboxLease.MAX_HOLDER), OutboxLease.seconds(lease), maxAttempts, limit);
    }

    /**
     * Gives up on claims that expired after the last allowed attempt (the node died mid-send every time) and
     * returns them, so the caller can record their failure.
     */
    public static List<OutboxMessage> failAbandoned(Connection c, int maxAttempts, int limit) throws SQLException {
        return updateReturning(c, "UPDATE notification_outbox o SET " + OutboxLease.GIVE_UP
                + " WHERE o.id IN (SELECT id FROM notification_outbox WHERE " + OutboxLease.ABANDONED
                + " LIMIT ? FOR UPDATE SKIP LOCKED)", maxAttempts, limit);
    }

    /**
     * Hands a claimed but unsent message back (the attempt did not happen, so it does not count); a no-op when
     * this dispatcher no longer holds the claim.
     */
    public static int release(Connection c, UUID id, UUID token) throws SQLException {
        return Jdbc.update(c, "UPDATE notification_outbox SET " + OutboxLease.RELEASE + " WHERE " + OutboxLease.HELD, id, token);
    }

    /** Records delivery if this dispatcher still holds the claim; empty when its lease was taken over. */
    public static Optional<OutboxMessage> markSent(Connection c, UUID id, UUID token) throws SQLException {
        return updateOne(c, "UPDATE notification_outbox o SET " + OutboxLease.SENT + " WHERE " + OutboxLease.HELD, id, token);
    }

    /** Puts the message back for another attempt after {@code delay}. */
    public static Optional<OutboxMessage> markRetry(Connection c, UUID id, UUID token, Duration delay, String error)
            throws SQLException {
        return updateOne(c, "UPDATE notification_outbox o SET " + OutboxLease.RETRY + " WHERE " + OutboxLease.HELD,
                OutboxLease.seconds(delay), truncate(error, MAX_ERROR), id, token);
    }

    public static Optional<OutboxMessage> markFailed(Connection c, UUID id, UUID token, String error) throws SQLException {
        return updateOne(c, "UPDATE notification_outbox o SET " + OutboxLease.FAILED + " WHERE " + OutboxLease.HELD,
                truncate(error, MAX_ERROR), id, token);
    }

    /** Queues a FAILED message again with a fresh attempt budget; empty when it is not FAILED (or does not exist). */
    public static Optional<OutboxMessage> resend(Connection c, UUID id) throws SQLException {
        return updateOne(c, "UPDATE notification_outbox o SET " + OutboxLease.RESEND + " WHERE id = ? AND status = 'FAILED'", id);
    }

    public static Optional<OutboxMessage> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + columns("o", true) + " FROM notification_outbox o "
                + "JOIN notification_contents n ON n.id = o.content_id WHERE o.id = ?", NotificationOutboxDao::map, id);
    }

    /** Newest first, optionally filtered by status and iteration; without the bodies. */
    public static List<OutboxMessage> list(Connection c, NotificationStatus status, UUID iterationId, int limit)
            throws SQLException {
        return Jdbc.list(c, "SELECT " + columns("o", false) + " FROM notification_outbox o "
                        + "JOIN notification_contents n ON n.id = o.content_id "
                        + "WHERE (?::text IS NULL OR o.status = ?::text) AND (?::uuid IS NULL OR o.iteration_id = ?::uuid) "
                        + "ORDER BY o.created_at DESC, o.id DESC LIMIT ?", NotificationOutboxDao::map,
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
