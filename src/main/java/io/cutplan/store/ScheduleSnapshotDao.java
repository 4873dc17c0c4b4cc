package io.cutplan.store;

import io.cutplan.domain.schedule.Window;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The schedule an iteration had before its last schedule copy (one snapshot per iteration; V20), so the copy can be
 * undone. Written in the copy's transaction, consumed by the undo.
 */
public final class ScheduleSnapshotDao {
    private ScheduleSnapshotDao() {
    }

    /** The last copy into an iteration: its change version, its source, who and when. */
    public record Snapshot(UUID iterationId, long copyVersion, UUID fromIterationId, String fromIterationCode,
                           UUID copiedBy, Instant copiedAt) {
    }

    /** Replaces the iteration's snapshot with the given slots (the schedule before the copy stamped {@code copyVersion}). */
    public static void save(Connection c, UUID iterationId, long copyVersion, UUID fromIterationId, String fromIterationCode,
                            UUID copiedBy, Map<UUID, Window> before) throws SQLException {
        Jdbc.update(c, "DELETE FROM schedule_copy_snapshots WHERE iteration_id = ?", iterationId);
        Jdbc.update(c, """
                INSERT INTO schedule_copy_snapshots (iteration_id, copy_version, from_iteration_id, from_iteration_code, copied_by)
                VALUES (?, ?, ?, ?, ?)""", iterationId, copyVersion, fromIterationId, fromIterationCode, copiedBy);
        List<Object[]> rows = new ArrayList<>(before.size());
        before.forEach((chapter, w) -> rows.add(new Object[] {iterationId, chapter, w.start(), w.end()}));
        if (!rows.isEmpty()) {
            Jdbc.batch(c, "INSERT INTO schedule_copy_snapshot_slots (iteration_id, chapter_id, planned_start, planned_end) "
                    + "VALUES (?, ?, ?, ?)", rows);
        }
    }

    public static Optional<Snapshot> find(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, """
                SELECT iteration_id, copy_version, from_iteration_id, from_iteration_code, copied_by, copied_at
                  FROM schedule_copy_snapshots WHERE iteration_id = ?""", rs -> new Snapshot(Jdbc.uuid(rs, "iteration_id"),
                rs.getLong("copy_version"), Jdbc.uuid(rs, "from_iteration_id"), rs.getString("from_iteration_code"),
                Jdbc.uuid(rs, "copied_by"), Jdbc.instant(rs, "copied_at")), iterationId);
    }

    /** The slots kept by the snapshot, earliest first. */
    public static Map<UUID, Window> slots(Connection c, UUID iterationId) throws SQLException {
        Map<UUID, Window> out = new LinkedHashMap<>();
        Jdbc.list(c, "SELECT chapter_id, planned_start, planned_end FROM schedule_copy_snapshot_slots WHERE iteration_id = ? "
                + "ORDER BY planned_start, chapter_id", rs -> out.put(Jdbc.uuid(rs, "chapter_id"),
                new Window(Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end"))), iterationId);
        return out;
    }

    public static void delete(Connection c, UUID iterationId) throws SQLException {
        Jdbc.update(c, "DELETE FROM schedule_copy_snapshots WHERE iteration_id = ?", iterationId);
    }
}
