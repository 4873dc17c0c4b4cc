package io.cutplan.api;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plain-SQL helpers for the schedule tests: iteration windows, actual step times, row counts. */
final class ScheduleTestData {
    private final Database db;

    ScheduleTestData(Database db) {
        this.db = db;
    }

    void window(UUID iteration, Instant start, Instant end) {
        db.transactor().inTransaction(c -> Jdbc.update(c,
                "UPDATE iterations SET planned_start = ?, planned_end = ? WHERE id = ?", start, end, iteration));
    }

    void stepRan(UUID stepInstance, String status, Instant started, Instant finished) {
        db.transactor().inTransaction(c -> Jdbc.update(c,
                "UPDATE step_instances SET status = ?, started_at = ?, finished_at = ? WHERE id = ?",
                status, started, finished, stepInstance));
    }

    void plan(UUID iteration, UUID chapter, Instant start, Instant end) {
        db.transactor().inTransaction(c -> Jdbc.update(c,
                "INSERT INTO chapter_schedules (iteration_id, chapter_id, planned_start, planned_end) VALUES (?, ?, ?, ?)",
                iteration, chapter, start, end));
    }

    long scalar(String sql, Object... params) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), params).orElseThrow());
    }

    /** Everything a refused request must leave alone: the iteration version, its schedule rows and events. */
    String state(UUID iteration) {
        return db.transactor().readOnly(c -> Jdbc.one(c, """
                SELECT i.change_version || '|' ||
                       coalesce((SELECT string_agg(chapter_id || '@' || planned_start || '-' || planned_end || '#'
                                                   || changed_in_version, ',' ORDER BY chapter_id)
                                   FROM chapter_schedules WHERE iteration_id = i.id), '') || '|' ||
                       (SELECT count(*) FROM event_log WHERE iteration_id = i.id)
                  FROM iterations i WHERE i.id = ?""", rs -> rs.getString(1), iteration).orElseThrow());
    }

    static Map<String, Object> entry(UUID chapter, Object start, Object end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chapterId", chapter == null ? null : chapter.toString());
        m.put("plannedStart", start == null ? null : start.toString());
        m.put("plannedEnd", end == null ? null : end.toString());
        return m;
    }

    static Map<String, Object> entries(Map<?, ?>... entries) {
        return Map.of("entries", List.of(entries));
    }
}
