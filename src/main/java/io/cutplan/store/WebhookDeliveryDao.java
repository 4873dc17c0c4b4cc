package io.cutplan.store;

import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.WebhookKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook outbox ({@code webhook_deliveries}), with the lease mechanics of {@link OutboxLease}. Deliveries of one
 * webhook and iteration go out in the order they were queued: a row is claimable only while no earlier row of the
 * same webhook and iteration is PENDING or SENDING (so a retry holds back the ones after it; a FAILED one does not).
 */
public final class WebhookDeliveryDao {
    private static final String COLUMNS = "o.id, o.seq, o.webhook_id, o.iteration_id, o.event_id, o.kind, o.payload, o.status, "
            + "o.attempts, o.next_attempt_at, o.claimed_by, o.claimed_until, o.last_error, o.last_status_code, o.created_at, "
            + "o.updated_at, o.sent_at, o.failed_at";

    private WebhookDeliveryDao() {
    }

    public record Delivery(UUID id, long seq, UUID webhookId, UUID iterationId, UUID eventId, WebhookKind kind, String payload,
                           NotificationStatus status, int attempts, Instant nextAttemptAt, String claimedBy,
                           Instant claimedUntil, String lastError, Integer lastStatusCode, Instant createdAt,
                           Instant updatedAt, Instant sentAt, Instant failedAt) {
    }

    /** A claimed delivery with where it goes. */
    public record Claimed(Delivery delivery, String url, String secret) {
    }

    /** Queues one delivery; a second one for the same event and webhook is ignored (returns false). */
    public static boolean queue(Connection c, UUID id, UUID webhookId, UUID iterationId, UUID eventId, WebhookKind kind,
                                String payload) throws SQLException {
        return Jdbc.update(c, "INSERT INTO webhook_deliveries (id, webhook_id, iteration_id, event_id, kind, payload) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, webhook_id) WHERE event_id IS NOT NULL DO NOTHING",
                id, webhookId, iterationId, eventId, kind, payload) > 0;
    }

    /** One event's deliveries (one per webhook, same iteration, event and kind) in one statement; returns rows added. */
    public static int queueAll(Connection c, UUID iterationId, UUID eventId, WebhookKind kind, UUID[] ids, UUID[] webhookIds,
                               String[] payloads) throws SQLException {
        if (ids.length == 0) {
            return 0;
        }
        return Jdbc.update(c, """
                INSERT INTO webhook_deliveries (id, webhook_id, iteration_id, event_id, kind, payload)
                SELECT r.id, r.webhook_id, ?, ?, ?, r.payload
                  FROM unnest(?::uuid[], ?::uuid[], ?::text[]) WITH ORDINALITY AS r (id, webhook_id, payload, n)
                 ORDER BY r.n
                    ON CONFLICT (event_id, webhook_id) WHERE event_id IS NOT NULL DO NOTHING""",
                iterationId, eventId, kind, ids, webhookIds, payloads);
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled webhooks, each the oldest unfinished one of its webhook and
     * iteration (see the class comment); commits at once in the caller's short transaction.
     */
    public static List<Claimed> claim(Connection c, UUID token, String node, Duration lease, int limit, int maxAttempts)
            throws SQLException {
        return Jdbc.list(c, "WITH changed AS (UPDATE webhook_deliveries o SET " + OutboxLease.CLAIM
                + " WHERE o.id IN (SELECT id FROM webhook_deliveries WHERE " + OutboxLease.DUE + """
                                   AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id AND w.enabled)
                                   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                                    WHERE e.webhook_id = webhook_deliveries.webhook_id
                                                      AND e.iteration_id IS NOT DISTINCT FROM webhook_deliveries.iteration_id
                                                      AND e.seq < webhook_deliveries.seq AND e.status IN ('PENDING', 'SENDING'))
                                 ORDER BY seq
                                 LIMIT ?
                                 FOR UPDATE SKIP LOCKED)
                RETURNING o.*)
                SELECT\s""" + COLUMNS.replace("o.", "changed.")
                        + ", w.url, w.secret FROM changed JOIN webhooks w ON w.id = changed.webhook_id ORDER BY changed.seq",
                rs -> new Claimed(map(rs), rs.getString("url"), rs.getString("secret")),
                token, OutboxLease.truncate(node, OutboxLease.MAX_HOLDER), OutboxLease.seconds(lease), maxAttempts, limit);
    }

    /** Gives up on claims that expired after the last allowed attempt; returns them. */
    public static List<Delivery> failAbandoned(Connection c, int maxAttempts, int limit) throws SQLException {
        return Jdbc.list(c, "UPDATE webhook_deliveries o SET " + OutboxLease.GIVE_UP + " WHERE o.id IN (SELECT id FROM "
                + "webhook_deliveries WHERE " + OutboxLease.ABANDONED + " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS,
                WebhookDeliveryDao::map, maxAttempts, limit);
    }

    public static int release(Connection c, UUID id, UUID token) throws SQLException {
        return Jdbc.update(c, "UPDATE webhook_deliveries SET " + OutboxLease.RELEASE + " WHERE " + OutboxLease.HELD, id, token);
    }

    public static Optional<Delivery> markSent(Connection c, UUID id, UUID token, int statusCode) throws SQLException {
        return Jdbc.one(c, "UPDATE webhook_deliveries o SET " + OutboxLease.SENT + ", last_status_code = ? WHERE "
                + OutboxLease.HELD + " RETURNING " + COLUMNS, WebhookDeliveryDao::map, statusCode, id, token);
    }

    public static Optional<Delivery> markRetry(Connection c, UUID id, UUID token, Duration delay, String error,
                                               Integer statusCode) throws SQLException {
        return Jdbc.one(c, "UPDATE webhook_deliveries o SET " + OutboxLease.RETRY + ", last_status_code = ? WHERE "
                        + OutboxLease.HELD + " RETURNING " + COLUMNS, WebhookDeliveryDao::map, OutboxLease.seconds(delay),
                OutboxLease.truncate(error, OutboxLease.MAX_ERROR), statusCode, id, token);
    }

    public static Optional<Delivery> markFailed(Connection c, UUID id, UUID token, String error, Integer statusCode)
            throws SQLException {
        return Jdbc.one(c, "UPDATE webhook_deliveries o SET " + OutboxLease.FAILED + ", last_status_code = ? WHERE "
                        + OutboxLease.HELD + " RETURNING " + COLUMNS, WebhookDeliveryDao::map,
                OutboxLease.truncate(error, OutboxLease.MAX_ERROR), statusCode, id, token);
    }

    /** Queues a FAILED delivery again with a fresh attempt budget (same id and body); empty when it is not FAILED. */
    public static Optional<Delivery> resend(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "UPDATE webhook_deliveries o SET " + OutboxLease.RESEND + " WHERE o.id = ? AND o.status = 'FAILED' "
                + "RETURNING " + COLUMNS, WebhookDeliveryDao::map, id);
    }

    public static Optional<Delivery> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM webhook_deliveries o WHERE o.id = ?", WebhookDeliveryDao::map, id);
    }

    /** Newest first, optionally of one webhook and/or one status. */
    public static List<Delivery> list(Connection c, UUID webhookId, NotificationStatus status, int limit) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries o WHERE (?::uuid IS NULL OR o.webhook_id = ?::uuid) "
                        + "AND (?::text IS NULL OR o.status = ?::text) ORDER BY o.seq DESC LIMIT ?", WebhookDeliveryDao::map,
                webhookId, webhookId, status, status, limit);
    }

    public static Map<NotificationStatus, Long> counts(Connection c, UUID webhookId) throws SQLException {
        Map<NotificationStatus, Long> counts = new EnumMap<>(NotificationStatus.class);
        for (NotificationStatus s : NotificationStatus.values()) {
            counts.put(s, 0L);
        }
        Jdbc.list(c, "SELECT status, count(*) AS n FROM webhook_deliveries WHERE (?::uuid IS NULL OR webhook_id = ?::uuid) "
                        + "GROUP BY status", rs -> counts.put(NotificationStatus.valueOf(rs.getString("status")), rs.getLong("n")),
                webhookId, webhookId);
        return counts;
    }

    static Delivery map(ResultSet rs) throws SQLException {
        return new Delivery(Jdbc.uuid(rs, "id"), rs.getLong("seq"), Jdbc.uuid(rs, "webhook_id"), Jdbc.uuid(rs, "iteration_id"),
                Jdbc.uuid(rs, "event_id"), WebhookKind.valueOf(rs.getString("kind")), rs.getString("payload"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"),
                rs.getString("claimed_by"), Jdbc.instant(rs, "claimed_until"), rs.getString("last_error"),
                Jdbc.nullableInt(rs, "last_status_code"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                Jdbc.instant(rs, "sent_at"), Jdbc.instant(rs, "failed_at"));
    }
}
