package io.cutplan.store;

import io.cutplan.domain.Role;
import io.cutplan.domain.Caller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users as callers: role and team memberships in one query. Users a host describes (Confluence) are created and
 * kept current here too ({@link #findHosted}, {@link #insertHosted}, {@link #updateHosted}, {@link #setLinkedTeams}).
 */
public final class UserDao {
    private UserDao() {
    }

    public static Optional<Caller> findCaller(Connection c, String username) throws SQLException {
        return Jdbc.one(c, """
                SELECT u.id, u.username, u.display_name, u.role,
                       coalesce(array_agg(m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS teams
                  FROM users u
                  LEFT JOIN teams_tms_x_users_usr m ON m.user_id = u.id
                 WHERE u.username = ? AND u.active
                 GROUP BY u.id""", UserDao::caller, username);
    }

    /**
     * The caller of a login the standalone host checked against the credential last set at {@code credentialVersion}:
     * empty once the user is inactive, renamed or deleted, or the password was set again since (by any process).
     */
    public static Optional<Caller> findCaller(Connection c, String username, Instant credentialVersion) throws SQLException {
        return Jdbc.one(c, """
                SELECT u.id, u.username, u.display_name, u.role,
                       coalesce(array_agg(m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS teams
                  FROM users u
                  JOIN local_credentials lc ON lc.user_id = u.id AND lc.updated_at = ?
                  LEFT JOIN teams_tms_x_users_usr m ON m.user_id = u.id
                 WHERE u.username = ? AND u.active
                 GROUP BY u.id""", UserDao::caller, credentialVersion, username);
    }

    /**
     * A user as the host last described them: profile, Cutplan's role, the host's role, whether active, and every team
     * membership (those kept in Cutplan and those that follow a host group).
     */
    public record HostedRow(UUID id, String displayName, String email, Role role, Role hostRole, boolean active,
                            Set<UUID> teamIds) {
    }

    /** A team whose membership follows a host group. */
    public record LinkedTeam(UUID id, String group) {
    }

    /** The row of this username, active or not (a deactivated user stays deactivated: it is not created again). */
    public static Optional<HostedRow> findHosted(Connection c, String username) throws SQLException {
        return Jdbc.one(c, """
                SELECT u.id, u.display_name, u.email, u.role, u.host_role, u.active,
                       ARRAY(SELECT m.team_id FROM teams_tms_x_users_usr m WHERE m.user_id = u.id) AS teams
                  FROM users u
                 WHERE u.username = ?""", rs -> new HostedRow(Jdbc.uuid(rs, "id"), rs.getString("display_name"),
                rs.getString("email"), Role.valueOf(rs.getString("role")), Jdbc.enumValue(rs, "host_role", Role.class),
                rs.getBoolean("active"), uuidSet(rs.getArray("teams"))), username);
    }

    /** Every team that follows a host group (teams are few: an installation has tens, not thousands). */
    public static List<LinkedTeam> linkedTeams(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT id, host_group FROM teams WHERE host_group IS NOT NULL ORDER BY id",
                rs -> new LinkedTeam(Jdbc.uuid(rs, "id"), rs.getString("host_group")));
    }

    /**
     * Creates the row of a user the host describes, NORMAL in Cutplan (the host's role is kept beside it), and
     * returns its id. A row of that username created meanwhile (a second first request) is used instead.
     */
    public static UUID insertHosted(Connection c, UUID id, String username, String displayName, String email, Role hostRole)
            throws SQLException {
        Optional<UUID> inserted = Jdbc.one(c, "INSERT INTO users (id, username, display_name, email, role, host_role) "
                + "VALUES (?, ?, ?, ?, 'NORMAL', ?) ON CONFLICT (username) DO NOTHING RETURNING id",
                rs -> Jdbc.uuid(rs, "id"), id, username, displayName, email, hostRole);
        if (inserted.isPresent()) {
            return inserted.get();
        }
        UUID existing = Jdbc.one(c, "SELECT id FROM users WHERE username = ?", rs -> Jdbc.uuid(rs, "id"), username)
                .orElseThrow(() -> new SQLException("user " + username + " vanished while being created"));
        updateHosted(c, existing, displayName, email, hostRole);
        return existing;
    }

    /** What the host now says about the user: name, e-mail and the role its groups give. */
    public static void updateHosted(Connection c, UUID id, String displayName, String email, Role hostRole) throws SQLException {
        Jdbc.update(c, "UPDATE users SET display_name = ?, email = ?, host_role = ? WHERE id = ?", displayName, email,
                hostRole, id);
    }

    /**
     * The user's memberships of group-linked teams become exactly {@code memberOf} (ids of linked teams); memberships
     * of teams kept in Cutplan are untouched.
     */
    public static void setLinkedTeams(Connection c, UUID userId, Set<UUID> memberOf) throws SQLException {
        UUID[] ids = memberOf.toArray(UUID[]::new);
        Jdbc.update(c, """
                DELETE FROM teams_tms_x_users_usr m USING teams t
                 WHERE m.user_id = ? AND t.id = m.team_id AND t.host_group IS NOT NULL AND NOT (m.team_id = ANY (?))""",
                userId, ids);
        Jdbc.update(c, """
                INSERT INTO teams_tms_x_users_usr (team_id, user_id)
                SELECT t.id, ? FROM teams t WHERE t.id = ANY (?) AND t.host_group IS NOT NULL
                ON CONFLICT DO NOTHING""", userId, ids);
    }

    private static Set<UUID> uuidSet(java.sql.Array array) throws SQLException {
        Set<UUID> out = new HashSet<>();
        for (Object t : (Object[]) array.getArray()) {
            out.add((UUID) t);
        }
        return out;
    }

    private static Caller caller(ResultSet rs) throws SQLException {
        Set<UUID> teams = uuidSet(rs.getArray("teams"));
        return new Caller(Jdbc.uuid(rs, "id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), teams);
    }
}
