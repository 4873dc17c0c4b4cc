package io.cutplan.store;

import io.cutplan.domain.IterationType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * Copies a canonical plan into an iteration's baseline and its in-scope rows into the iteration's instance tables with set-based
 * INSERT … SELECT statements: one round trip per table, whatever the plan's size.
 */
public final class InstantiationDao {
    private InstantiationDao() {
    }

    /** What one instantiation copied. */
    public record Counts(int steps, int readySteps, int tasks, int controls) {
    }

    public static boolean migrationExists(Connection c, UUID migrationId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM migrations WHERE id = ?", rs -> 1, migrationId).isPresent();
    }

    /**
     * Whether the plan exists, locking its row FOR SHARE: authoring edits lock it FOR UPDATE, so none commits while
     * the plan is copied into a new iteration (its baseline and its instances see one version of the plan).
     */
    public static boolean planExists(Connection c, UUID planId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM plans WHERE id = ? FOR SHARE", rs -> 1, planId).isPresent();
    }

    /** Whether the migration already has an iteration with this code. */
    public static boolean iterationCodeTaken(Connection c, UUID migrationId, String code) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM iterations WHERE migration_id = ? AND code = ?", rs -> 1, migrationId, code).isPresent();
    }

    /** The iteration row itself (status and change version take their defaults). */
    public static void insertIteration(Connection c, UUID id, UUID migrationId, UUID planId, String code, String name,
                                       IterationType type, Instant plannedStart, Instant plannedEnd) throws SQLException {
        Jdbc.update(c, "INSERT INTO iterations (id, migration_id, plan_id, code, name, iteration_type, planned_start, planned_end) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, migrationId, planId, code, name, type, plannedStart, plannedEnd);
    }

    /**
     * Refreshes the planner statistics of the instance tables. Needs a connection in auto-commit mode (ANALYZE
     * of several tables cannot run inside a transaction block).
     */
    public static void analyzeInstanceTables(Connection autoCommit) throws SQLException {
        try (Statement s = autoCommit.createStatement()) {
            s.execute("ANALYZE step_instances, task_instances, control_iteration_status, step_iteration_scope, baseline_steps, "
                    + "baseline_tasks, baseline_dependencies, baseline_task_controls, baseline_controls, baseline_chapters");
        }
    }

    /**
     * Copies the plan's current content into the iteration's baseline (the rows its instances read) and records the
     * plan revision copied. Runs before the scope and the instances, which reference the baseline.
     */
    public static void copyBaseline(Connection c, UUID iterationId, UUID planId) throws SQLException {
        Jdbc.update(c, "INSERT INTO baseline_macro_phases (iteration_id, id, position, name) "
                + "SELECT ?, id, position, name FROM macro_phases WHERE plan_id = ?", iterationId, planId);
        Jdbc.update(c, "INSERT INTO baseline_chapters (iteration_id, id, macro_phase_id, position, code, name) "
                + "SELECT ?, id, macro_phase_id, position, code, name FROM chapters WHERE plan_id = ?", iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_steps (iteration_id, id, chapter_id, position, code, step_type, title, description,
                                            owner_team_id, planned_duration_minutes, go_no_go)
                SELECT ?, id, chapter_id, position, code, step_type, title, description, owner_team_id,
                       planned_duration_minutes, go_no_go
                  FROM steps WHERE plan_id = ?""", iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_tasks (iteration_id, id, step_id, position, title, description, assigned_team_id,
                                            nominated_user_id)
                SELECT ?, t.id, t.step_id, t.position, t.title, t.description, t.assigned_team_id, t.nominated_user_id
                  FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?""", iterationId, planId);
        Jdbc.update(c, "INSERT INTO baseline_controls (iteration_id, id, code, title, description, critical) "
                + "SELECT ?, id, code, title, description, critical FROM controls WHERE plan_id = ?", iterationId, planId);
        BaselineDao.copyLinks(c, iterationId, planId);
        BaselineDao.stampRevision(c, iterationId, planId);
    }

    public static int scopeWholePlan(Connection c, UUID iterationId, UUID planId) throws SQLException {
        return Jdbc.update(c, "INSERT INTO step_iteration_scope (iteration_id, step_id) SELECT ?, id FROM steps WHERE plan_id = ?",
                iterationId, planId);
    }

    /** Scopes the given steps; returns how many of them belong to the plan (the caller checks it against the request). */
    public static int scopeSteps(Connection c, UUID iterationId, UUID planId, UUID[] stepIds) throws SQLException {
        return Jdbc.update(c, "INSERT INTO step_iteration_scope (iteration_id, step_id) "
                + "SELECT ?, id FROM steps WHERE plan_id = ? AND id = ANY (?)", iterationId, planId, stepIds);
    }

    public static Counts instantiate(Connection c, UUID iterationId, UUID planId, UUID planInstanceId, long version)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO plan_instances (id, iteration_id, plan_id) VALUES (?, ?, ?)", planInstanceId, iterationId, planId);
        // A step is READY at once when none of its predecessors is in scope; out-of-scope predecessors do not hold it back.
        // Per step one lookup through baseline_dependencies_by_successor: the rows are fresh (no planner statistics yet),
        // and a join the planner must guess about can degrade into a scan per step.
        int steps = Jdbc.update(c, """
                INSERT INTO step_instances (id, iteration_id, plan_instance_id, step_id, status, ready_at, changed_in_version)
                SELECT gen_random_uuid(), b.iteration_id, ?, b.step_id,
                       CASE WHEN b.blocked THEN 'PENDING' ELSE 'READY' END,
                       CASE WHEN b.blocked THEN NULL ELSE now() END,
                       ?
                  FROM (SELECT sc.iteration_id, sc.step_id,
                               EXISTS (SELECT 1 FROM baseline_dependencies d
                                         JOIN step_iteration_scope p ON p.iteration_id = d.iteration_id
                                                                    AND p.step_id = d.predecessor_step_id
                                        WHERE d.iteration_id = sc.iteration_id AND d.successor_step_id = sc.step_id) AS blocked
                          FROM step_iteration_scope sc
                         WHERE sc.iteration_id = ?) b""", planInstanceId, version, iterationId);
        int ready = Jdbc.one(c, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status = 'READY'",
                rs -> rs.getInt(1), iterationId).orElse(0);
        // The canonical tasks (equal to the baseline's: the plan row is locked) have planner statistics and an index
        // on step_id; joined to the fresh baseline_tasks instead, PostgreSQL guessed one row per side and compared
        // every task with every step (0.6 s for the realistic plan).
        int tasks = Jdbc.update(c, """
                INSERT INTO task_instances (id, iteration_id, step_instance_id, task_id, status, changed_in_version)
                SELECT gen_random_uuid(), si.iteration_id, si.id, t.id, 'OPEN', ?
                  FROM step_instances si
                  JOIN tasks t ON t.step_id = si.step_id
                 WHERE si.iteration_id = ?""", version, iterationId);
        int controls = Jdbc.update(c, """
                INSERT INTO control_iteration_status (iteration_id, control_id, status, changed_in_version)
                SELECT DISTINCT ti.iteration_id, l.control_id, 'PENDING', ?::bigint
                  FROM task_instances ti
                  JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                 WHERE ti.iteration_id = ?""", version, iterationId);
        return new Counts(steps, ready, tasks, controls);
    }
}
