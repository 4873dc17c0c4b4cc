package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Canonical plans. */
public final class PlanDao {
    private static final String COLUMNS = "id, code, name, description, revision, created_at, updated_at, four_eyes_override";

    private PlanDao() {
    }

    /** {@code fourEyesOverride}: a gate override needs a second pilot's confirmation in this plan's iterations. */
    public record PlanRow(UUID id, String code, String name, String description, long revision, Instant createdAt,
                          Instant updatedAt, boolean fourEyesOverride) {
    }

    /** How much a plan holds, and how many iterations execute it. */
    public record PlanCounts(int macroPhases, int chapters, int steps, int tasks, int controls, int dependencies,
                             int iterations) {
    }

    public static void insert(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "INSERT INTO plans (id, code, name, description) VALUES (?, ?, ?, ?)", id, code, name, description);
    }

    public static Optional<PlanRow> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM plans WHERE id = ?", PlanDao::map, id);
    }

    public static boolean codeTaken(Connection c, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM plans WHERE code = ? AND id IS DISTINCT FROM ?", rs -> 1, code, exceptId).isPresent();
    }

    public static Page<PlanRow> page(Connection c, int offset, int limit) throws SQLException {
        List<PlanRow> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM plans ORDER BY code LIMIT ? OFFSET ?",
                PlanDao::map, limit, offset);
        long total = Jdbc.one(c, "SELECT count(*) FROM plans", rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, offset, limit, total);
    }

    /** Locks the plan row for this transaction and returns its revision before the change; empty if no such plan. */
    public static Optional<Long> lock(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT revision FROM plans WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), id);
    }

    /** Raises the (locked) plan's revision by one and returns the new revision. */
    public static long bumpRevision(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "UPDATE plans SET revision = revision + 1, updated_at = now() WHERE id = ? RETURNING revision",
                rs -> rs.getLong(1), id).orElseThrow();
    }

    public static void update(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "UPDATE plans SET code = ?, name = ?, description = ? WHERE id = ?", code, name, description, id);
    }

    public static void setFourEyesOverride(Connection c, UUID id, boolean on) throws SQLException {
        Jdbc.update(c, "UPDATE plans SET four_eyes_override = ? WHERE id = ?", on, id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM plans WHERE id = ?", id);
    }

    public static PlanCounts counts(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, """
                SELECT (SELECT count(*) FROM macro_phases WHERE plan_id = ?) AS phases,
                       (SELECT count(*) FROM chapters WHERE plan_id = ?) AS chapters,
                       (SELECT count(*) FROM steps WHERE plan_id = ?) AS steps,
                       (SELECT count(*) FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?) AS tasks,
                       (SELECT count(*) FROM controls WHERE plan_id = ?) AS controls,
                       (SELECT count(*) FROM step_dependencies WHERE plan_id = ?) AS dependencies,
                       (SELECT count(*) FROM iterations WHERE plan_id = ?) AS iterations""",
                rs -> new PlanCounts(rs.getInt("phases"), rs.getInt("chapters"), rs.getInt("steps"), rs.getInt("tasks"),
                        rs.getInt("controls"), rs.getInt("dependencies"), rs.getInt("iterations")),
                id, id, id, id, id, id, id).orElseThrow();
    }

    private static PlanRow map(ResultSet rs) throws SQLException {
        return new PlanRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getLong("revision"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
                rs.getBoolean("four_eyes_override"));
    }
}
