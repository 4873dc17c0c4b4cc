package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself refuses bad rows, whatever code writes them. */
@ExtendWith(TestDatabase.class)
class SchemaTest {
    private static Database db;
    private static UUID plan;
    private static UUID chapter;

    @BeforeAll
    static void seed(Database database) {
        db = database;
        plan = UUID.randomUUID();
        UUID phase = UUID.randomUUID();
        chapter = UUID.randomUUID();
        db.transactor().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO plans (id, code, name) VALUES (?, 'P1', 'Plan')", plan);
            Jdbc.update(c, "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, 0, 'Phase')", phase, plan);
            Jdbc.update(c, "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, 0, 'CH1', 'Chapter')",
                    chapter, plan, phase);
            return null;
        });
    }

    private static UUID insertStep(Connection c, String code, int position) throws SQLException {
        UUID id = UUID.randomUUID();
        Jdbc.update(c, "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, planned_duration_minutes) "
                + "VALUES (?, ?, ?, ?, ?, 'TRT', 'A step', 10)", id, plan, chapter, position, code);
        return id;
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabase() {
        var server = io.cutplan.testing.PostgresServer.get();
        DbConfig empty = server.createEmptyDatabase();
        try (Database fresh = Database.open(empty.withPoolSize(2))) {
            assertThat(fresh.schemaVersion()).isEmpty();
            String version = fresh.migrate();
            assertThat(version).isNotEqualTo("none");
            int applied = fresh.transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL", rs -> rs.getInt(1)).orElseThrow());
            int files = new java.io.File("db/migration").list((d, n) -> n.matches("V\\d+__.*\\.sql")).length;
            assertThat(applied).isEqualTo(files);
            // A second start finds nothing to do.
            assertThat(fresh.migrate()).isEqualTo(version);
        } finally {
            server.drop(empty);
        }
    }

    @Test
    void unknownStatusIsRefused() {
        UUID migration = UUID.randomUUID();
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO migrations (id, code, name) VALUES (?, 'M-BAD', 'M')", migration);
            return Jdbc.update(c, "INSERT INTO iterations (id, migration_id, plan_id, code, name, iteration_type, planned_start, planned_end, status) "
                    + "VALUES (?, ?, ?, 'RUN1', 'Run 1', 'RUN', now(), now() + interval '1 day', 'HALF_DONE')",
                    UUID.randomUUID(), migration, plan);
        })).isInstanceOf(StoreException.class).hasMessageContaining("23514");
        assertThat(count("SELECT count(*) FROM migrations WHERE code = 'M-BAD'")).isZero();
    }

    @Test
    void stepCannotDependOnItself() {
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> {
            UUID s = insertStep(c, "TRT-900", 900);
            return Jdbc.update(c, "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)",
                    plan, s, s);
        })).isInstanceOf(StoreException.class).hasMessageContaining("23514");
    }

    @Test
    void stepCodeIsUniqueWithinAPlan() {
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> {
            insertStep(c, "TRT-1204", 1);
            return insertStep(c, "TRT-1204", 2);
        })).isInstanceOf(StoreException.class).hasMessageContaining("23505");
    }

    @Test
    void stepCodeMustLookLikeTypeAndNumber() {
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> insertStep(c, "<script>", 3)))
                .isInstanceOf(StoreException.class).hasMessageContaining("23514");
    }

    @Test
    void eventLogIsAppendOnly() {
        UUID id = UUID.randomUUID();
        db.transactor().inTransaction(c -> Jdbc.update(c,
                "INSERT INTO event_log (id, event_type, actor_name, details) VALUES (?, 'STEP_STATUS_CHANGED', 'pilot', ?)",
                id, new Jdbc.Json("{\"from\":\"READY\",\"to\":\"IN_PROGRESS\"}")));

        assertThatThrownBy(() -> db.transactor().inTransaction(c ->
                Jdbc.update(c, "UPDATE event_log SET actor_name = 'someone else' WHERE id = ?", id)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> Jdbc.update(c, "DELETE FROM event_log WHERE id = ?", id)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> Jdbc.update(c, "TRUNCATE event_log")))
                .hasMessageContaining("append-only");
        assertThat(count("SELECT count(*) FROM event_log WHERE id = '" + id + "' AND actor_name = 'pilot'")).isEqualTo(1);
    }

    @Test
    void eventDetailsMustBeAJsonObject() {
        assertThatThrownBy(() -> db.transactor().inTransaction(c -> Jdbc.update(c,
                "INSERT INTO event_log (id, event_type, details) VALUES (?, 'COMMENT_ADDED', ?)",
                UUID.randomUUID(), new Jdbc.Json("[1,2]")))).hasMessageContaining("23514");
    }

    private static int count(String sql) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getInt(1)).orElseThrow());
    }
}
