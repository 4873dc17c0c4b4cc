package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The standalone host's own logins ({@code local_credentials}): one password hash per active user. Only hashes
 * are stored and read here; hashing and checking them is the host's job.
 */
public final class CredentialDao {
    private CredentialDao() {
    }

    /** The stored password hash of an active user, empty for an unknown or inactive user or one without a password. */
    public static Optional<String> passwordHash(Connection c, String username) throws SQLException {
        return Jdbc.one(c, "SELECT lc.password_hash FROM local_credentials lc JOIN users u ON u.id = lc.user_id "
                + "WHERE u.username = ? AND u.active", rs -> rs.getString(1), username);
    }

    /** Sets (or replaces) the password hash of an active user; returns 0 when no such user exists. */
    public static int setPasswordHash(Connection c, String username, String hash) throws SQLException {
        return Jdbc.update(c, """
                INSERT INTO local_credentials (user_id, password_hash)
                SELECT id, ? FROM users WHERE username = ? AND active
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()""",
                hash, username);
    }
}
