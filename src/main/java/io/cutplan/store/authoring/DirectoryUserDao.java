package io.cutplan.store.authoring;

import io.cutplan.domain.Role;
import io.cutplan.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users as administrators manage them: profile, role, active flag and team memberships. */
public final class DirectoryUserDao {
    private static final String COLUMNS = "u.id, u.username, u.display_name, u.email, u.role, u.active, u.created_at, "
            + "ARRAY(SELECT team_id FROM teams_tms_x_users_usr m WHERE m.user_id = u.id ORDER BY team_id) AS teams";

    private DirectoryUserDao() {
    }

    public record UserRow(UUID id, String username, String displayName, String email, Role role, boolean active,
                          Instant createdAt, List<UUID> teamIds) {
    }

    /** Rows that would lose their link to this user if it were deleted (the audit trail of its work). */
    public record UserUsage(int nominatedTasks, int completedTasks, int controlResults, int stepActions, int comments) {
        public boolean any() {
            return nominatedTasks + completedTasks + controlResults + stepActions + comments > 0;
        }
    }

    public static Page<UserRow> page(Connection c, UUID teamId, int offset, int limit) throws SQLException {
        List<UserRow> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM users u WHERE (?::uuid IS NULL OR EXISTS "
                        + "(SELECT 1 FROM teams_tms_x_users_usr m WHERE m.user_id = u.id AND m.team_id = ?)) "
                        + "ORDER BY u.username LIMIT ? OFFSET ?",
                DirectoryUserDao::map, teamId, teamId, limit, offset);
        long total = Jdbc.one(c, "SELECT count(*) FROM users u WHERE (?::uuid IS NULL OR EXISTS "
                        + "(SELECT 1 FROM teams_tms_x_users_usr m WHERE m.user_id = u.id AND m.team_id = ?))",
                rs -> rs.getLong(1), teamId, teamId).orElse(0L);
        return new Page<>(items, offset, limit, total);
    }

    public static Optional<UserRow> find(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", DirectoryUserDao::map, id);
    }

    public static Optional<UserRow> lock(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM users u WHERE u.id = ? FOR UPDATE", DirectoryUserDao::map, id);
    }

    public static boolean usernameTaken(Connection c, String username, UUID exceptId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM users WHERE username = ? AND id IS DISTINCT FROM ?", rs -> 1, username, exceptId).isPresent();
    }

    /** Every user by username (the CSV import resolves nominated users against this). */
    public static Map<String, UUID> idsByUsername(Connection c) throws SQLException {
        Map<String, UUID> out = new java.util.HashMap<>();
        for (Object[] r : Jdbc.list(c, "SELECT username, id FROM users", rs -> new Object[] {rs.getString(1), Jdbc.uuid(rs, "id")})) {
            out.put((String) r[0], (UUID) r[1]);
        }
        return out;
    }

    public static void insert(Connection c, UUID id, String username, String displayName, String email, Role role, boolean active)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO users (id, username, display_name, email, role, active) VALUES (?, ?, ?, ?, ?, ?)",
                id, username, displayName, email, role, active);
    }

    public static void update(Connection c, UUID id, String username, String displayName, String email, Role role, boolean active)
            throws SQLException {
        Jdbc.update(c, "UPDATE users SET username = ?, display_name = ?, email = ?, role = ?, active = ? WHERE id = ?",
                username, displayName, email, role, active, id);
    }

    /**
     * The user's memberships of teams kept in Cutplan become {@code teamIds}; teams that follow a host group keep the
     * memberships the host reported (their ids in {@code teamIds} are ignored, so a form may send back what it read).
     */
    public static void replaceTeams(Connection c, UUID userId, List<UUID> teamIds) throws SQLException {
        Jdbc.update(c, "DELETE FROM teams_tms_x_users_usr m USING teams t WHERE m.user_id = ? AND t.id = m.team_id "
                + "AND t.host_group IS NULL", userId);
        Jdbc.update(c, "INSERT INTO teams_tms_x_users_usr (team_id, user_id) SELECT t.id, ? FROM teams t "
                + "WHERE t.id = ANY (?) AND t.host_group IS NULL ON CONFLICT DO NOTHING", userId, teamIds.toArray(UUID[]::new));
    }

    public static boolean addTeam(Connection c, UUID userId, UUID teamId) throws SQLException {
        return Jdbc.update(c, "INSERT INTO teams_tms_x_users_usr (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                teamId, userId) == 1;
    }

    public static boolean removeTeam(Connection c, UUID userId, UUID teamId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM teams_tms_x_users_usr WHERE team_id = ? AND user_id = ?", teamId, userId) == 1;
    }

    public static int activeAdminCount(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM users WHERE role = 'ADMIN' AND active", rs -> rs.getInt(1)).orElse(0);
    }

    public static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM users WHERE id = ?", id);
    }

    public static UserUsage usage(Connection c, UUID id) throws SQLException {
        return Jdbc.one(c, """
                SELECT (SELECT count(*) FROM tasks WHERE nominated_user_id = ?) AS nominated,
                       (SELECT count(*) FROM task_instances WHERE completed_by = ?) AS completed,
                       (SELECT count(*) FROM control_iteration_status WHERE set_by = ?) AS controls,
                       (SELECT count(*) FROM step_instances WHERE last_actor_id = ?) AS steps,
                       (SELECT count(*) FROM comments WHERE author_id = ?) AS comments""",
                rs -> new UserUsage(rs.getInt("nominated"), rs.getInt("completed"), rs.getInt("controls"),
                        rs.getInt("steps"), rs.getInt("comments")), id, id, id, id, id).orElseThrow();
    }

    private static UserRow map(ResultSet rs) throws SQLException {
        return new UserRow(Jdbc.uuid(rs, "id"), rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("active"), Jdbc.instant(rs, "created_at"),
                StepDao.uuids(rs.getArray("teams")));
    }
}
