package io.cutplan.store;

import io.cutplan.domain.Role;
import io.cutplan.domain.Caller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Users as callers: role and team memberships in one query. */
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

    private static Caller caller(ResultSet rs) throws SQLException {
        Set<UUID> teams = new HashSet<>();
        for (Object t : (Object[]) rs.getArray("teams").getArray()) {
            teams.add((UUID) t);
        }
        return new Caller(Jdbc.uuid(rs, "id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), teams);
    }
}
