package io.cutplan.store;

import io.cutplan.domain.StepStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Broadcasts: the per-iteration stakeholder list and hourly setting ({@code iteration_broadcast_settings}), the
 * broadcasts themselves (the iteration's {@code BROADCAST_POSTED} events), the hourly slot ledger
 * ({@code broadcast_summary_slots}) and the facts an hourly summary states.
 */
public final class BroadcastDao {
    private static final String TYPE = "BROADCAST_POSTED";

    private BroadcastDao() {
    }

    /** An iteration's broadcast settings; an iteration without a row has no stakeholders and the summary off. */
    public record Settings(List<String> stakeholders, boolean hourlySummary, Instant updatedAt) {
        public static final Settings NONE = new Settings(List.of(), false, null);

        public Settings {
            stakeholders = List.copyOf(stakeholders);
        }
    }

    public static Optional<Settings> settings(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT stakeholders, hourly_summary, updated_at FROM iteration_broadcast_settings WHERE iteration_id = ?",
                rs -> new Settings(strings(rs.getArray("stakeholders")), rs.getBoolean("hourly_summary"),
                        Jdbc.instant(rs, "updated_at")), iterationId);
    }

    public static void saveSettings(Connection c, UUID iterationId, List<String> stakeholders, boolean hourlySummary)
            throws SQLException {
        Jdbc.update(c, """
                INSERT INTO iteration_broadcast_settings (iteration_id, stakeholders, hourly_summary, updated_at)
                VALUES (?, ?::text[], ?, now())
                ON CONFLICT (iteration_id) DO UPDATE
                   SET stakeholders = EXCLUDED.stakeholders, hourly_summary = EXCLUDED.hourly_summary, updated_at = now()""",
                iterationId, stakeholders.toArray(String[]::new), hourlySummary);
    }

    /** The iteration's broadcasts, newest first; {@code beforeVersion} (exclusive) pages back through older ones. */
    public static List<EventRecord> list(Connection c, UUID iterationId, Long beforeVersion, int limit) throws SQLException {
        return Jdbc.list(c, "SELECT " + EventLogDao.COLUMNS + " FROM event_log WHERE iteration_id = ? AND event_type = ? "
                        + "AND (?::bigint IS NULL OR change_version < ?::bigint) "
                        + "ORDER BY change_version DESC, occurred_at DESC, id DESC LIMIT ?", EventLogDao::map,
                iterationId, TYPE, beforeVersion, beforeVersion, limit);
    }

    public static Optional<EventRecord> latest(Connection c, UUID iterationId) throws SQLException {
        List<EventRecord> one = list(c, iterationId, null, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    // ---------------------------------------------------------------- the hourly summary

    /** IN_PROGRESS iterations whose hourly summary is on. */
    public static List<UUID> runningWithHourlySummary(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT i.id FROM iterations i JOIN iteration_broadcast_settings b ON b.iteration_id = i.id "
                + "WHERE b.hourly_summary AND i.status = 'IN_PROGRESS' ORDER BY i.id", rs -> Jdbc.uuid(rs, "id"));
    }

    /**
     * Takes the slot for this iteration: true for exactly one caller per (iteration, slot) across every node, the one
     * whose insert is the first to commit (others wait on the unique key, then see the conflict).
     */
    public static boolean claimSlot(Connection c, UUID iterationId, Instant slotStart, String node) throws SQLException {
        return Jdbc.update(c, "INSERT INTO broadcast_summary_slots (iteration_id, slot_start, written_by) "
                        + "VALUES (?, ?, ?) ON CONFLICT (iteration_id, slot_start) DO NOTHING",
                iterationId, slotStart, node == null ? null : node.length() > 200 ? node.substring(0, 200) : node) == 1;
    }

    /** Whether the slot's summary is written already (a cheap look before the forecast is computed). */
    public static boolean slotTaken(Connection c, UUID iterationId, Instant slotStart) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM broadcast_summary_slots WHERE iteration_id = ? AND slot_start = ?", rs -> 1,
                iterationId, slotStart).isPresent();
    }

    public static void setSlotEvent(Connection c, UUID iterationId, Instant slotStart, UUID eventId) throws SQLException {
        Jdbc.update(c, "UPDATE broadcast_summary_slots SET event_id = ? WHERE iteration_id = ? AND slot_start = ?",
                eventId, iterationId, slotStart);
    }

    /** Whether the iteration is IN_PROGRESS with its hourly summary on (re-checked inside the writing transaction). */
    public static boolean hourlySummaryDue(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM iterations i JOIN iteration_broadcast_settings b ON b.iteration_id = i.id "
                + "WHERE i.id = ? AND b.hourly_summary AND i.status = 'IN_PROGRESS'", rs -> 1, iterationId).isPresent();
    }

    public static int slotCount(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM broadcast_summary_slots WHERE iteration_id = ?", rs -> rs.getInt(1), iterationId)
                .orElse(0);
    }

    /** One step a summary names (FAILED or ON_HOLD). */
    public record StepLine(String code, String title, StepStatus status) {
    }

    /** Step counts by status (every status present, zero when none). */
    public static Map<StepStatus, Integer> stepCounts(Connection c, UUID iterationId) throws SQLException {
        Map<StepStatus, Integer> counts = new EnumMap<>(StepStatus.class);
        for (StepStatus s : StepStatus.values()) {
            counts.put(s, 0);
        }
        Jdbc.list(c, "SELECT status, count(*) AS n FROM step_instances WHERE iteration_id = ? GROUP BY status",
                rs -> counts.put(StepStatus.valueOf(rs.getString("status")), rs.getInt("n")), iterationId);
        return counts;
    }

    /** The FAILED and ON_HOLD steps in plan order (at most {@code limit}). */
    public static List<StepLine> failedOrOnHold(Connection c, UUID iterationId, int limit) throws SQLException {
        return Jdbc.list(c, """
                SELECT s.code, s.title, si.status
                  FROM step_instances si
                  JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                  JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
                 WHERE si.iteration_id = ? AND si.status IN ('FAILED', 'ON_HOLD')
                 ORDER BY ch.position, s.position
                 LIMIT ?""", rs -> new StepLine(rs.getString("code"), rs.getString("title"),
                StepStatus.valueOf(rs.getString("status"))), iterationId, limit);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
