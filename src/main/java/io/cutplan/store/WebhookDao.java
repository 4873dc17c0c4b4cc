package io.cutplan.store;

import io.cutplan.domain.WebhookFormat;
import io.cutplan.domain.WebhookKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook configurations (table {@code webhooks}). */
public final class WebhookDao {
    private static final String COLUMNS = "w.id, w.migration_id, w.iteration_id, w.name, w.url, w.event_kinds, w.format, "
            + "w.secret, w.enabled, w.created_by, w.created_at, w.updated_at";

    private WebhookDao() {
    }

    /** One row; {@code secret} is the HMAC key, which the service never lets out of the host. */
    public record Row(UUID id, UUID migrationId, UUID iterationId, String name, String url, List<WebhookKind> kinds,
                      WebhookFormat format, String secret, boolean enabled, UUID createdBy, Instant createdAt,
                      Instant updatedAt) {
        public Row {
            kinds = List.copyOf(kinds);
        }
    }

    public static void insert(Connection c, Row w) throws SQLException {
        Jdbc.update(c, "INSERT INTO webhooks (id, migration_id, iteration_id, name, url, event_kinds, format, secret, enabled, "
                        + "created_by) VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)",
                w.id(), w.migrationId(), w.iterationId(), w.name(), w.url(), names(w.kinds()), w.format(), w.secret(),
                w.enabled(), w.createdBy());
    }

    /** Replaces the editable fields (name, url, kinds, format, enabled; the secret when non-null). */
    public static Optional<Row> update(Connection c, UUID id, String name, String url, List<WebhookKind> kinds,
                                       WebhookFormat format, boolean enabled, String newSecret) throws SQLException {
        return Jdbc.one(c, "UPDATE webhooks w SET name = ?, url = ?, event_kinds = ?::text[], format = ?, enabled = ?, "
                        + "secret = coalesce(?, w.secret), updated_at = now() WHERE w.id = ? RETURNING " + COLUMNS,
                WebhookDao::map, name, url, names(kinds), format, enabled, newSecret, id);
    }

    public static boolean delete(Connection c, UUID id) throws SQLException {
        return Jdbc.update(c, "DELETE FROM webhooks WHERE id = ?", id) > 0;
    }

    public static Optional<Row> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM webhooks w WHERE w.id = ?", WebhookDao::map, id);
    }

    /** Locks the row (for an update that reads it first). */
    public static Optional<Row> lock(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM webhooks w WHERE w.id = ? FOR UPDATE", WebhookDao::map, id);
    }

    /** All webhooks, or those of one migration (its own and its iterations') or of one iteration; oldest first. */
    public static List<Row> list(Connection c, UUID migrationId, UUID iterationId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM webhooks w LEFT JOIN iterations i ON i.id = w.iteration_id "
                        + "WHERE (?::uuid IS NULL OR w.migration_id = ?::uuid OR i.migration_id = ?::uuid) "
                        + "AND (?::uuid IS NULL OR w.iteration_id = ?::uuid) ORDER BY w.created_at, w.id",
                WebhookDao::map, migrationId, migrationId, migrationId, iterationId, iterationId);
    }

    /** The enabled webhooks an event of this iteration goes to: the iteration's own and its migration's. */
    public static List<Row> enabledFor(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM webhooks w WHERE w.enabled AND (w.iteration_id = ? "
                        + "OR w.migration_id = (SELECT migration_id FROM iterations WHERE id = ?)) ORDER BY w.created_at, w.id",
                WebhookDao::map, iterationId, iterationId);
    }

    public static boolean migrationExists(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM migrations WHERE id = ?", rs -> true, id).isPresent();
    }

    public static boolean iterationExists(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM iterations WHERE id = ?", rs -> true, id).isPresent();
    }

    private static String[] names(List<WebhookKind> kinds) {
        return kinds.stream().map(Enum::name).toArray(String[]::new);
    }

    static Row map(ResultSet rs) throws SQLException {
        List<WebhookKind> kinds = new ArrayList<>();
        Array a = rs.getArray("event_kinds");
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                kinds.add(WebhookKind.valueOf(o.toString()));
            }
        }
        return new Row(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "migration_id"), Jdbc.uuid(rs, "iteration_id"), rs.getString("name"),
                rs.getString("url"), kinds, WebhookFormat.valueOf(rs.getString("format")), rs.getString("secret"),
                rs.getBoolean("enabled"), Jdbc.uuid(rs, "created_by"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }
}
