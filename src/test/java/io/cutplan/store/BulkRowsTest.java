package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.testing.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One-statement bulk inserts and updates: types and nulls survive, conflicts are skipped, identifiers are checked. */
@ExtendWith(TestDatabase.class)
class BulkRowsTest {

    @Test
    void insertsUpdatesAndSkipsConflictsWithTypedValuesAndNulls(Database db) {
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        String hostile = "Bulk'); DROP TABLE teams; -- & <b>\"x\"</b>";
        int inserted = db.transactor().inTransaction(c -> BulkRows.into("teams").column("id", "uuid").column("code", "text")
                .column("name", "text").column("email", "text")
                .row(a, "BULK-A", hostile, null)
                .row(b, "BULK-B", "Team B", "b@bulk.example")
                .insert(c));
        assertThat(inserted).isEqualTo(2);
        assertThat(name(db, a)).isEqualTo(hostile);
        int again = db.transactor().inTransaction(c -> BulkRows.into("teams").column("id", "uuid").column("code", "text")
                .column("name", "text").row(Ids.newId(), "BULK-A", "duplicate code").insertSkippingConflicts(c, "code"));
        assertThat(again).isZero();
        assertThat(name(db, a)).isEqualTo(hostile);

        Instant when = Instant.parse("2026-01-02T03:04:05.678Z");
        db.transactor().inTransaction(c -> BulkRows.into("teams").column("id", "uuid").column("name", "text")
                .column("created_at", "timestamptz").row(b, "Renamed", when).update(c, 1));
        assertThat(name(db, b)).isEqualTo("Renamed");
        assertThat(db.transactor().readOnly(c -> Jdbc.one(c, "SELECT created_at FROM teams WHERE id = ?",
                rs -> Jdbc.instant(rs, "created_at"), b)).orElseThrow()).isEqualTo(when);
    }

    @Test
    void refusesAnythingButPlainIdentifiersAndTypes() {
        assertThatThrownBy(() -> BulkRows.into("teams; DROP TABLE users")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkRows.into("teams").column("name\"", "text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkRows.into("teams").column("name", "text); --")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkRows.into("teams").column("id", "uuid").row(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BulkRows.into("teams").column("id", "uuid").row(new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String name(Database db, UUID id) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT name FROM teams WHERE id = ?", rs -> rs.getString(1), id))
                .orElseThrow();
    }
}
