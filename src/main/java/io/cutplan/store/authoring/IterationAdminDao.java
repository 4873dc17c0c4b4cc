package io.cutplan.store.authoring;

import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.IterationType;
import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Iteration metadata as administrators manage it (the runbook engine owns everything inside an iteration). */
public final class IterationAdminDao {
    private static final String COLUMNS = "i.id, i.migration_id, i.plan_id, i.code, i.name, i.iteration_type, i.planned_start, "
            + "i.planned_end, i.status, i.change_version, i.created_at, "
            + "(SELECT count(*) FROM step_iteration_scope s WHERE s.iteration_id = i.id) AS scoped_steps";

    private IterationAdminDao() {
    }

    public record IterationRow(UUID id, UUID migrationId, UUID planId, String code, String name, IterationType type,
                               Instant plannedStart, Instant plannedEnd, IterationStatus status, long changeVersion,
                               Instant createdAt, int scopedSteps) {
    }

    public static List<IterationRow> listByMigration(Connection c, UUID migrationId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM iterations i WHERE i.migration_id = ? ORDER BY i.planned_start, i.code",
                IterationAdminDao::map, migrationId);
    }

    public static Optional<IterationRow> find(Connection c, UUID migrationId, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM iterations i WHERE i.migration_id = ? AND i.id = ?",
                IterationAdminDao::map, migrationId, id);
    }

    public static void update(Connection c, UUID id, String name, Instant plannedStart, Instant plannedEnd, IterationStatus status)
            throws SQLException {
        Jdbc.update(c, "UPDATE iterations SET name = ?, planned_start = ?, planned_end = ?, status = ? WHERE id = ?",
                name, plannedStart, plannedEnd, status, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM iterations WHERE id = ?", id);
    }

    private static IterationRow map(ResultSet rs) throws SQLException {
        return new IterationRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "migration_id"), Jdbc.uuid(rs, "plan_id"), rs.getString("code"),
                rs.getString("name"), IterationType.valueOf(rs.getString("iteration_type")), Jdbc.instant(rs, "planned_start"),
                Jdbc.instant(rs, "planned_end"), IterationStatus.valueOf(rs.getString("status")), rs.getLong("change_version"),
                Jdbc.instant(rs, "created_at"), rs.getInt("scoped_steps"));
    }
}
