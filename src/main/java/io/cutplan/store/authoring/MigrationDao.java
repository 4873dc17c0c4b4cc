package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Migrations: the programmes whose iterations rehearse and run a plan. */
public final class MigrationDao {
    private static final String COLUMNS = "m.id, m.code, m.name, m.description, m.created_at, "
            + "(SELECT count(*) FROM iterations i WHERE i.migration_id = m.id) AS iteration_count";

    private MigrationDao() {
    }

    public record MigrationRow(UUID id, String code, String name, String description, Instant createdAt, int iterationCount) {
    }

    public static Page<MigrationRow> page(Connection c, int offset, int limit) throws SQLException {
        List<MigrationRow> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM migrations m ORDER BY m.code LIMIT ? OFFSET ?",
                MigrationDao::map, limit, offset);
        long total = Jdbc.one(c, "SELECT count(*) FROM migrations", rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, offset, limit, total);
    }

    public static Optional<MigrationRow> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM migrations m WHERE m.id = ?", MigrationDao::map, id);
    }

    public static Optional<MigrationRow> lock(Connection c, UUID id) throws SQLException {
        Optional<UUID> locked = Jdbc.one(c, "SELECT id FROM migrations WHERE id = ? FOR UPDATE", rs -> Jdbc.uuid(rs, "id"), id);
        return locked.isEmpty() ? Optional.empty() : find(c, id);
    }

    public static boolean codeTaken(Connection c, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM migrations WHERE code = ? AND id IS DISTINCT FROM ?", rs -> 1, code, exceptId).isPresent();
    }

    public static void insert(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "INSERT INTO migrations (id, code, name, description) VALUES (?, ?, ?, ?)", id, code, name, description);
    }

    public static void update(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "UPDATE migrations SET code = ?, name = ?, description = ? WHERE id = ?", code, name, description, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM migrations WHERE id = ?", id);
    }

    private static MigrationRow map(ResultSet rs) throws SQLException {
        return new MigrationRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("description"),
                Jdbc.instant(rs, "created_at"), rs.getInt("iteration_count"));
    }
}
