package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The standalone host's own logins ({@code local_credentials}): one password hash per active user. Only hashes
 * are stored and read here; hashing and checking them is the host's job.
 */
public final class CredentialDao {
    private CredentialDao() {
    }

    /** A stored password hash and when it was last set: the version a remembered login is checked against. */
    public record Credential(String passwordHash, Instant updatedAt) {
    }

    /** The stored credential of an active user, empty for an unknown or inactive user or one without a password. */
    public static Optional<Credential> credential(Connection c, String username) throws SQLException {
        return Jdbc.one(c, "SELECT lc.password_hash, lc.updated_at FROM local_credentials lc JOIN users u ON u.id = lc.user_id "
                + "WHERE u.username = ? AND u.active", rs -> new Credential(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant()), username);
    }

    /** The stored password hash of an active user, empty for an unknown or inactive user or one without a password. */
    public static Optional<String> passwordHash(Connection c, String username) throws SQLException {
        return credential(c, username).map(Credential::passwordHash);
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
