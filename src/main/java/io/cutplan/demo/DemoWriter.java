package io.cutplan.demo;

import io.cutplan.store.BulkRows;
import io.cutplan.store.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo loader's writes: whole tables of generated rows in one statement each (see {@link BulkRows}),
 * plus the few lookups it needs. Each {@code insertX}/{@code updateX} takes rows whose values are in the
 * order the method's comment names. The plan's own rows go through the store's
 * {@link io.cutplan.store.authoring.PlanImportDao}, as the CSV import's do. Demo code, not product code: it lives
 * here so the store holds only what the product runs.
 */
final class DemoWriter {
    /** Transaction advisory lock key serialising demo loads ("cutdemo" in ASCII). */
    private static final long DEMO_LOCK_KEY = 0x637574_64656d6fL;

    private DemoWriter() {
    }

    /** Makes concurrent loads of a demo (two hosts starting at once) take turns; released at commit. */
    public static void lock(Connection c) throws SQLException {
        Jdbc.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, DEMO_LOCK_KEY);
    }

    public static Optional<UUID> migrationByCode(Connection c, String code) throws SQLException {
        return Jdbc.one(c, "SELECT id FROM migrations WHERE code = ?", rs -> Jdbc.uuid(rs, "id"), code);
    }

    public static Optional<UUID> planByCode(Connection c, String code) throws SQLException {
        return Jdbc.one(c, "SELECT id FROM plans WHERE code = ?", rs -> Jdbc.uuid(rs, "id"), code);
    }

    /** Rows (id, code, name, email); a team whose code exists already is kept as it is. */
    public static void insertTeams(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("teams").column("id", "uuid").column("code", "text").column("name", "text")
                .column("email", "text");
        rows.forEach(b::row);
        b.insertSkippingConflicts(c, "code");
    }

    public static Map<String, UUID> teamIds(Connection c, String[] codes) throws SQLException {
        return idsBy(c, "SELECT code AS k, id FROM teams WHERE code = ANY (?)", codes);
    }

    /** Rows (id, username, display_name, email, role); an existing username is kept as it is. */
    public static void insertUsers(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("users").column("id", "uuid").column("username", "text").column("display_name", "text")
                .column("email", "text").column("role", "text");
        rows.forEach(b::row);
        b.insertSkippingConflicts(c, "username");
    }

    public static Map<String, UUID> userIds(Connection c, String[] usernames) throws SQLException {
        return idsBy(c, "SELECT username AS k, id FROM users WHERE username = ANY (?)", usernames);
    }

    /** Rows (team_id, user_id). */
    public static void insertMemberships(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("teams_tms_x_users_usr").column("team_id", "uuid").column("user_id", "uuid");
        rows.forEach(b::row);
        b.insertSkippingConflicts(c);
    }

    /** Rows (user_id, password_hash); an existing password is never overwritten. */
    public static void insertCredentials(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("local_credentials").column("user_id", "uuid").column("password_hash", "text");
        rows.forEach(b::row);
        b.insertSkippingConflicts(c, "user_id");
    }

    public static void insertPlan(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "INSERT INTO plans (id, code, name, description) VALUES (?, ?, ?, ?)", id, code, name, description);
    }

    public static void insertMigration(Connection c, UUID id, String code, String name, String description) throws SQLException {
        Jdbc.update(c, "INSERT INTO migrations (id, code, name, description) VALUES (?, ?, ?, ?)", id, code, name, description);
    }

    /** Canonical step id -> its instance id in the iteration. */
    public static Map<UUID, UUID> stepInstanceIds(Connection c, UUID iterationId) throws SQLException {
        return instanceIds(c, "SELECT step_id AS k, id FROM step_instances WHERE iteration_id = ?", iterationId);
    }

    /** Canonical task id -> its instance id in the iteration. */
    public static Map<UUID, UUID> taskInstanceIds(Connection c, UUID iterationId) throws SQLException {
        return instanceIds(c, "SELECT task_id AS k, id FROM task_instances WHERE iteration_id = ?", iterationId);
    }

    /** Rows (iteration_id, chapter_id, planned_start, planned_end, updated_by, updated_at, changed_in_version). */
    public static void insertChapterSchedules(Connection c, List<Object[]> rows) throws SQLException {
        insert(c, BulkRows.into("chapter_schedules").column("iteration_id", "uuid").column("chapter_id", "uuid")
                .column("planned_start", "timestamptz").column("planned_end", "timestamptz").column("updated_by", "uuid")
                .column("updated_at", "timestamptz").column("changed_in_version", "bigint"), rows);
    }

    /** Rows (id, status, held_from, ready_at, started_at, finished_at, last_actor_id, version, changed_in_version). */
    public static void updateStepInstances(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("step_instances").column("id", "uuid").column("status", "text").column("held_from", "text")
                .column("ready_at", "timestamptz").column("started_at", "timestamptz").column("finished_at", "timestamptz")
                .column("last_actor_id", "uuid").column("version", "integer").column("changed_in_version", "bigint");
        rows.forEach(b::row);
        b.update(c, 1);
    }

    /** Rows (id, status, completed_at, completed_by, version, changed_in_version). */
    public static void updateTaskInstances(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("task_instances").column("id", "uuid").column("status", "text")
                .column("completed_at", "timestamptz").column("completed_by", "uuid").column("version", "integer")
                .column("changed_in_version", "bigint");
        rows.forEach(b::row);
        b.update(c, 1);
    }

    /** Rows (iteration_id, control_id, status, set_by, set_at, note, version, changed_in_version). */
    public static void updateControlStatuses(Connection c, List<Object[]> rows) throws SQLException {
        BulkRows b = BulkRows.into("control_iteration_status").column("iteration_id", "uuid").column("control_id", "uuid")
                .column("status", "text").column("set_by", "uuid").column("set_at", "timestamptz").column("note", "text")
                .column("version", "integer").column("changed_in_version", "bigint");
        rows.forEach(b::row);
        b.update(c, 2);
    }

    /** Rows (id, iteration_id, step_instance_id, author_id, author_name, body, created_at, changed_in_version). */
    public static void insertComments(Connection c, List<Object[]> rows) throws SQLException {
        insert(c, BulkRows.into("comments").column("id", "uuid").column("iteration_id", "uuid")
                .column("step_instance_id", "uuid").column("author_id", "uuid").column("author_name", "text")
                .column("body", "text").column("created_at", "timestamptz").column("changed_in_version", "bigint"), rows);
    }

    /**
     * Rows (id, occurred_at, event_type, actor_id, actor_name, iteration_id, step_instance_id, task_instance_id,
     * control_id, comment_id, change_version, details as {@link Jdbc.Json}). Appending with an explicit time back-dates the
     * simulated history; the append-only trigger only refuses UPDATE and DELETE.
     */
    public static void appendEvents(Connection c, List<Object[]> rows) throws SQLException {
        insert(c, BulkRows.into("event_log").column("id", "uuid").column("occurred_at", "timestamptz")
                .column("event_type", "text").column("actor_id", "uuid").column("actor_name", "text")
                .column("iteration_id", "uuid").column("step_instance_id", "uuid").column("task_instance_id", "uuid")
                .column("control_id", "uuid").column("comment_id", "uuid").column("change_version", "bigint")
                .column("details", "jsonb"), rows);
    }

    /**
     * Moves the iteration's change version from {@code expected} to {@code version} (the simulated changes in
     * between each had their own version) and sets its status. Fails if anyone else changed it meanwhile.
     */
    public static void advanceIteration(Connection c, UUID iterationId, long expected, long version, String status)
            throws SQLException {
        int n = Jdbc.update(c, "UPDATE iterations SET change_version = ?, status = ? WHERE id = ? AND change_version = ?",
                version, status, iterationId, expected);
        if (n != 1) {
            throw new IllegalStateException("iteration " + iterationId + " changed while the demo was being loaded");
        }
    }

    public static void updatePlanInstance(Connection c, UUID iterationId, String status, Instant startedAt, Instant finishedAt)
            throws SQLException {
        Jdbc.update(c, "UPDATE plan_instances SET status = ?, started_at = ?, finished_at = ?, version = version + 1 "
                + "WHERE iteration_id = ?", status, startedAt, finishedAt, iterationId);
    }

    /** Table name -> row count, for the rows that belong to one plan and its migration's iterations. */
    public static Map<String, Long> countsForPlan(Connection c, UUID planId) throws SQLException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("macro_phases", count(c, "SELECT count(*) FROM macro_phases WHERE plan_id = ?", planId));
        out.put("chapters", count(c, "SELECT count(*) FROM chapters WHERE plan_id = ?", planId));
        out.put("steps", count(c, "SELECT count(*) FROM steps WHERE plan_id = ?", planId));
        out.put("step_dependencies", count(c, "SELECT count(*) FROM step_dependencies WHERE plan_id = ?", planId));
        out.put("tasks", count(c, "SELECT count(*) FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?", planId));
        out.put("controls", count(c, "SELECT count(*) FROM controls WHERE plan_id = ?", planId));
        out.put("owner_teams", count(c, "SELECT count(DISTINCT owner_team_id) FROM steps WHERE plan_id = ?", planId));
        out.put("iterations", count(c, "SELECT count(*) FROM iterations WHERE plan_id = ?", planId));
        out.put("step_instances", count(c, "SELECT count(*) FROM step_instances si JOIN iterations i ON i.id = si.iteration_id "
                + "WHERE i.plan_id = ?", planId));
        out.put("task_instances", count(c, "SELECT count(*) FROM task_instances ti JOIN iterations i ON i.id = ti.iteration_id "
                + "WHERE i.plan_id = ?", planId));
        out.put("chapter_schedules", count(c, "SELECT count(*) FROM chapter_schedules cs JOIN iterations i "
                + "ON i.id = cs.iteration_id WHERE i.plan_id = ?", planId));
        out.put("comments", count(c, "SELECT count(*) FROM comments cm JOIN iterations i ON i.id = cm.iteration_id "
                + "WHERE i.plan_id = ?", planId));
        out.put("event_log", count(c, "SELECT count(*) FROM event_log e JOIN iterations i ON i.id = e.iteration_id "
                + "WHERE i.plan_id = ?", planId));
        return out;
    }

    /** Iteration code -> id for a migration, in planned-start order. */
    public static Map<String, UUID> iterationIds(Connection c, UUID migrationId) throws SQLException {
        Map<String, UUID> out = new java.util.LinkedHashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT code, id FROM iterations WHERE migration_id = ? ORDER BY planned_start, code",
                rs -> new Object[] {rs.getString("code"), Jdbc.uuid(rs, "id")}, migrationId)) {
            out.put((String) row[0], (UUID) row[1]);
        }
        return out;
    }

    private static long count(Connection c, String sql, UUID id) throws SQLException {
        return Jdbc.one(c, sql, rs -> rs.getLong(1), id).orElse(0L);
    }

    private static void insert(Connection c, BulkRows b, List<Object[]> rows) throws SQLException {
        rows.forEach(b::row);
        b.insert(c);
    }

    private static Map<String, UUID> idsBy(Connection c, String sql, String[] keys) throws SQLException {
        Map<String, UUID> out = new HashMap<>();
        try (var ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("k"), Jdbc.uuid(rs, "id"));
                }
            }
        }
        return out;
    }

    private static Map<UUID, UUID> instanceIds(Connection c, String sql, UUID iterationId) throws SQLException {
        Map<UUID, UUID> out = new HashMap<>();
        for (UUID[] row : Jdbc.list(c, sql, rs -> new UUID[] {Jdbc.uuid(rs, "k"), Jdbc.uuid(rs, "id")}, iterationId)) {
            out.put(row[0], row[1]);
        }
        return out;
    }
}
