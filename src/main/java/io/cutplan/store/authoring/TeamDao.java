package io.cutplan.store.authoring;

import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Teams and how much of the plans refers to them. */
public final class TeamDao {
    private static final String COLUMNS = "t.id, t.code, t.name, t.email, t.host_group, t.created_at, "
            + "ARRAY(SELECT user_id FROM teams_tms_x_users_usr m WHERE m.team_id = t.id ORDER BY user_id) AS members";

    private TeamDao() {
    }

    /** {@code hostGroup}: the host group the membership follows, or null when members are kept in Cutplan. */
    public record TeamRow(UUID id, String code, String name, String email, java.time.Instant createdAt, List<UUID> memberIds,
                          String hostGroup) {
        public boolean followsGroup() {
            return hostGroup != null;
        }
    }

    /** Where a team is used: steps it owns or is impacted by, tasks assigned to it. */
    public record TeamUsage(int ownedSteps, int impactedSteps, int assignedTasks) {
        public boolean any() {
            return ownedSteps + impactedSteps + assignedTasks > 0;
        }
    }

    public static Page<TeamRow> page(Connection c, int offset, int limit) throws SQLException {
        List<TeamRow> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM teams t ORDER BY t.code LIMIT ? OFFSET ?",
                TeamDao::map, limit, offset);
        long total = Jdbc.one(c, "SELECT count(*) FROM teams", rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, offset, limit, total);
    }

    public static Optional<TeamRow> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM teams t WHERE t.id = ?", TeamDao::map, id);
    }

    public static Optional<TeamRow> lock(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM teams t WHERE t.id = ? FOR UPDATE", TeamDao::map, id);
    }

    public static boolean codeTaken(Connection c, String code, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM teams WHERE code = ? AND id IS DISTINCT FROM ?", rs -> 1, code, exceptId).isPresent();
    }

    /** Every team by code (the CSV import resolves team columns against this). */
    public static Map<String, UUID> idsByCode(Connection c) throws SQLException {
        Map<String, UUID> out = new java.util.HashMap<>();
        for (Object[] r : Jdbc.list(c, "SELECT code, id FROM teams", rs -> new Object[] {rs.getString(1), Jdbc.uuid(rs, "id")})) {
            out.put((String) r[0], (UUID) r[1]);
        }
        return out;
    }

    /** A team's identity as the CSV import matches it (by code or name). */
    public record TeamIdentity(UUID id, String code, String name) {
    }

    /** Every team's id, code and name, by code. */
    public static List<TeamIdentity> identities(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT id, code, name FROM teams ORDER BY code",
                rs -> new TeamIdentity(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name")));
    }

    /** How many of the given ids are teams. */
    public static int countExisting(Connection c, UUID[] ids) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM teams WHERE id = ANY (?)", rs -> rs.getInt(1), (Object) ids).orElse(0);
    }

    public static void insert(Connection c, UUID id, String code, String name, String email, String hostGroup)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO teams (id, code, name, email, host_group) VALUES (?, ?, ?, ?, ?)", id, code, name,
                email, hostGroup);
    }

    /**
     * The team with this code, created with {@code id}, {@code code} and {@code name} when missing. Two transactions
     * creating the same new team (two imports at once) both get it: the second waits for the first and then finds
     * its row, instead of failing on the unique code (issue 15, finding 11).
     */
    public static UUID insertOrFind(Connection c, UUID id, String code, String name) throws SQLException {
        Optional<UUID> inserted = Jdbc.one(c, "INSERT INTO teams (id, code, name) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING "
                + "RETURNING id", rs -> rs.getObject(1, UUID.class), id, code, name);
        if (inserted.isPresent()) {
            return inserted.get();
        }
        return Jdbc.one(c, "SELECT id FROM teams WHERE code = ?", rs -> rs.getObject(1, UUID.class), code)
                .orElseThrow(() -> new SQLException("team vanished while being created"));
    }

    public static void update(Connection c, UUID id, String code, String name, String email, String hostGroup)
            throws SQLException {
        Jdbc.update(c, "UPDATE teams SET code = ?, name = ?, email = ?, host_group = ? WHERE id = ?", code, name, email,
                hostGroup, id);
    }

    /**
     * Forgets every membership of a team (it now follows a different host group: members join again as the host
     * reports them on their next call).
     */
    public static void clearMembers(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM teams_tms_x_users_usr WHERE team_id = ?", id);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM teams WHERE id = ?", id);
    }

    public static TeamUsage usage(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, """
                SELECT (SELECT count(*) FROM steps WHERE owner_team_id = ?) AS owned,
                       (SELECT count(*) FROM step_impacted_teams WHERE team_id = ?) AS impacted,
                       (SELECT count(*) FROM tasks WHERE assigned_team_id = ?) AS tasks""",
                rs -> new TeamUsage(rs.getInt("owned"), rs.getInt("impacted"), rs.getInt("tasks")), id, id, id).orElseThrow();
    }

    private static TeamRow map(ResultSet rs) throws SQLException {
        return new TeamRow(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("email"),
                Jdbc.instant(rs, "created_at"), StepDao.uuids(rs.getArray("members")), rs.getString("host_group"));
    }
}
