package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code --set-password}: an administrator gives a created user a login without touching SQL. */
@ExtendWith(TestDatabase.class)
class SetPasswordCommandTest {

    @Test
    void setsAndReplacesTheHashOfAnExistingUser(Database db) throws Exception {
        Fixtures.TestUser alice = Fixtures.in(db).user("alice", Role.NORMAL);
        SetPasswordCommand.setPassword(db, alice.username(), "correct horse battery".toCharArray());
        assertThat(PasswordHasher.matches("correct horse battery", hashOf(db, alice))).isTrue();

        SetPasswordCommand.setPassword(db, alice.username(), "another long secret".toCharArray());
        assertThat(PasswordHasher.matches("correct horse battery", hashOf(db, alice))).isFalse();
        assertThat(PasswordHasher.matches("another long secret", hashOf(db, alice))).isTrue();
    }

    @Test
    void refusesUnknownUsersAndShortPasswords(Database db) {
        assertThatThrownBy(() -> SetPasswordCommand.setPassword(db, "nobody-here", "long enough secret".toCharArray()))
                .hasMessageContaining("No active user 'nobody-here'");
        Fixtures.TestUser bob = Fixtures.in(db).user("bob", Role.NORMAL);
        String before = hashOf(db, bob);
        assertThatThrownBy(() -> SetPasswordCommand.setPassword(db, bob.username(), "short".toCharArray()))
                .hasMessageContaining("at least 10");
        assertThat(hashOf(db, bob)).isEqualTo(before);
    }

    @Test
    void takesTheUserFromTheArgumentsAndLeavesTheRestForTheDatabaseOptions() throws Exception {
        String[] args = {"--db-url", "jdbc:postgresql://db/cutplan", "--set-password", "alice"};
        assertThat(SetPasswordCommand.username(args)).contains("alice");
        assertThat(SetPasswordCommand.remainingArgs(args)).containsExactly("--db-url", "jdbc:postgresql://db/cutplan");
        assertThat(SetPasswordCommand.readPassword(Map.of("CUTPLAN_NEW_PASSWORD", "from the env"))).isEqualTo("from the env".toCharArray());
        assertThatThrownBy(() -> SetPasswordCommand.username(new String[] {"--set-password"})).hasMessageContaining("needs a user name");
    }

    private static String hashOf(Database db, Fixtures.TestUser user) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT password_hash FROM local_credentials WHERE user_id = ?",
                rs -> rs.getString(1), user.id())).orElseThrow();
    }
}
