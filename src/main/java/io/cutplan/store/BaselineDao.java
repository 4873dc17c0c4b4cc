package io.cutplan.store;

import io.cutplan.domain.BaselineDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * An iteration's baseline: its own copy of the plan content it runs (baseline_* tables, canonical ids). Reads both
 * sides of a refresh in one shape ({@link BaselineDiff.Content}) and applies a refresh set-wise: the baseline becomes
 * the plan as it is now, and the instance rows follow (new steps and tasks get instances, removed ones lose them).
 */
public final class BaselineDao {
    private BaselineDao() {
    }

    /** The iteration's status, plan and baseline revision, locking the iteration row (writers take turns on it). */
    public record Head(UUID id, String code, String status, UUID planId, long version, long baselineRevision) {
    }

    public static java.util.Optional<Head> lockHead(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT id, code, status, plan_id, change_version, baseline_revision FROM iterations WHERE id = ? FOR UPDATE",
                BaselineDao::head, iterationId);
    }

    public static java.util.Optional<Head> head(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT id, code, status, plan_id, change_version, baseline_revision FROM iterations WHERE id = ?",
                BaselineDao::head, iterationId);
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("status"), Jdbc.uuid(rs, "plan_id"),
                rs.getLong("change_version"), rs.getLong("baseline_revision"));
    }

    /** The plan's revision; with {@code share} the plan row is locked FOR SHARE so no edit commits until this transaction ends. */
    public static long planRevision(Connection c, UUID planId, boolean share) throws SQLException {
        return Jdbc.one(c, "SELECT revision FROM plans WHERE id = ?" + (share ? " FOR SHARE" : ""), rs -> rs.getLong(1), planId)
                .orElse(0L);
    }

    // ------------------------------------------------------------------ the two sides

    public static BaselineDiff.Content baseline(Connection c, UUID iterationId) throws SQLException {
        return new BaselineDiff.Content(
                Jdbc.list(c, """
                        SELECT ch.id, ch.code, ch.name, mp.name AS mp_name, mp.position AS mp_position, ch.position
                          FROM baseline_chapters ch
                          JOIN baseline_macro_phases mp ON mp.iteration_id = ch.iteration_id AND mp.id = ch.macro_phase_id
                         WHERE ch.iteration_id = ?""", BaselineDao::chapter, iterationId),
                Jdbc.list(c, """
                        SELECT s.id, s.code, s.title, s.description, s.step_type, tm.name AS owner, s.planned_duration_minutes,
                               s.go_no_go, ch.code AS chapter_code, s.position,
                               (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM baseline_step_teams x
                                  JOIN teams t ON t.id = x.team_id
                                 WHERE x.iteration_id = s.iteration_id AND x.step_id = s.id) AS impacted
                          FROM baseline_steps s
                          JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
                          LEFT JOIN teams tm ON tm.id = s.owner_team_id
                         WHERE s.iteration_id = ?""", BaselineDao::step, iterationId),
                Jdbc.list(c, """
                        SELECT t.id, t.step_id, s.code AS step_code, t.position, t.title, t.description, tm.name AS team,
                               u.display_name AS nominee,
                               (SELECT string_agg(k.code, ', ' ORDER BY k.code) FROM baseline_task_controls l
                                  JOIN baseline_controls k ON k.iteration_id = l.iteration_id AND k.id = l.control_id
                                 WHERE l.iteration_id = t.iteration_id AND l.task_id = t.id) AS controls
                          FROM baseline_tasks t
                          JOIN baseline_steps s ON s.iteration_id = t.iteration_id AND s.id = t.step_id
                          LEFT JOIN teams tm ON tm.id = t.assigned_team_id
                          LEFT JOIN users u ON u.id = t.nominated_user_id
                         WHERE t.iteration_id = ?""", BaselineDao::task, iterationId),
                Jdbc.list(c, "SELECT id, code, title, description, critical FROM baseline_controls WHERE iteration_id = ?",
                        BaselineDao::control, iterationId),
                Jdbc.list(c, """
                        SELECT d.predecessor_step_id, d.successor_step_id, p.code AS p_code, s.code AS s_code
                          FROM baseline_dependencies d
                          JOIN baseline_steps p ON p.iteration_id = d.iteration_id AND p.id = d.predecessor_step_id
                          JOIN baseline_steps s ON s.iteration_id = d.iteration_id AND s.id = d.successor_step_id
                         WHERE d.iteration_id = ?""", BaselineDao::dependency, iterationId));
    }

    public static BaselineDiff.Content plan(Connection c, UUID planId) throws SQLException {
        return new BaselineDiff.Content(
                Jdbc.list(c, """
                        SELECT ch.id, ch.code, ch.name, mp.name AS mp_name, mp.position AS mp_position, ch.position
                          FROM chapters ch JOIN macro_phases mp ON mp.id = ch.macro_phase_id
                         WHERE ch.plan_id = ?""", BaselineDao::chapter, planId),
                Jdbc.list(c, """
                        SELECT s.id, s.code, s.title, s.description, s.step_type, tm.name AS owner, s.planned_duration_minutes,
                               s.go_no_go, ch.code AS chapter_code, s.position,
                               (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM step_impacted_teams x
                                  JOIN teams t ON t.id = x.team_id WHERE x.step_id = s.id) AS impacted
                          FROM steps s
                          JOIN chapters ch ON ch.id = s.chapter_id
                          LEFT JOIN teams tm ON tm.id = s.owner_team_id
                         WHERE s.plan_id = ?""", BaselineDao::step, planId),
                Jdbc.list(c, """
                        SELECT t.id, t.step_id, s.code AS step_code, t.position, t.title, t.description, tm.name AS team,
                               u.display_name AS nominee,
                               (SELECT string_agg(k.code, ', ' ORDER BY k.code) FROM task_controls_link l
                                  JOIN controls k ON k.id = l.control_id WHERE l.task_id = t.id) AS controls
                          FROM tasks t
                          JOIN steps s ON s.id = t.step_id
                          LEFT JOIN teams tm ON tm.id = t.assigned_team_id
                          LEFT JOIN users u ON u.id = t.nominated_user_id
                         WHERE s.plan_id = ?""", BaselineDao::task, planId),
                Jdbc.list(c, "SELECT id, code, title, description, critical FROM controls WHERE plan_id = ?",
                        BaselineDao::control, planId),
                Jdbc.list(c, """
                        SELECT d.predecessor_step_id, d.successor_step_id, p.code AS p_code, s.code AS s_code
                          FROM step_dependencies d
                          JOIN steps p ON p.id = d.predecessor_step_id
                          JOIN steps s ON s.id = d.successor_step_id
                         WHERE d.plan_id = ?""", BaselineDao::dependency, planId));
    }

    private static BaselineDiff.Chapter chapter(ResultSet rs) throws SQLException {
        return new BaselineDiff.Chapter(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("mp_name"),
                rs.getInt("mp_position"), rs.getInt("position"));
    }

    private static BaselineDiff.Step step(ResultSet rs) throws SQLException {
        return new BaselineDiff.Step(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"), rs.getString("description"),
                rs.getString("step_type"), rs.getString("owner"), rs.getInt("planned_duration_minutes"), rs.getBoolean("go_no_go"),
                rs.getString("chapter_code"), rs.getInt("position"), rs.getString("impacted"));
    }

    private static BaselineDiff.Task task(ResultSet rs) throws SQLException {
        return new BaselineDiff.Task(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "step_id"), rs.getString("step_code"), rs.getInt("position"),
                rs.getString("title"), rs.getString("description"), rs.getString("team"), rs.getString("nominee"),
                rs.getString("controls"));
    }

    private static BaselineDiff.Control control(ResultSet rs) throws SQLException {
        return new BaselineDiff.Control(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"),
                rs.getString("description"), rs.getBoolean("critical"));
    }

    private static BaselineDiff.Dependency dependency(ResultSet rs) throws SQLException {
        return new BaselineDiff.Dependency(Jdbc.uuid(rs, "predecessor_step_id"), Jdbc.uuid(rs, "successor_step_id"),
                rs.getString("p_code"), rs.getString("s_code"));
    }

    // ------------------------------------------------------------------ applying a refresh

    /** Whether every step of the baseline is in the iteration's scope (then new steps of the plan join the scope too). */
    public static boolean scopesWholeBaseline(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, """
                SELECT NOT EXISTS (SELECT 1 FROM baseline_steps s WHERE s.iteration_id = ?
                                      AND NOT EXISTS (SELECT 1 FROM step_iteration_scope sc
                                                       WHERE sc.iteration_id = s.iteration_id AND sc.step_id = s.id))""",
                rs -> rs.getBoolean(1), iterationId).orElse(true);
    }

    /**
     * Copies the plan's link tables (impacted teams, dependencies, task-control links) into the iteration's
     * baseline, whose steps, tasks and controls are already there: at instantiation and, after clearing, at a refresh.
     */
    static void copyLinks(Connection c, UUID iterationId, UUID planId) throws SQLException {
        Jdbc.update(c, "INSERT INTO baseline_step_teams (iteration_id, step_id, team_id) "
                + "SELECT ?, t.step_id, t.team_id FROM step_impacted_teams t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?",
                iterationId, planId);
        Jdbc.update(c, "INSERT INTO baseline_dependencies (iteration_id, predecessor_step_id, successor_step_id) "
                + "SELECT ?, predecessor_step_id, successor_step_id FROM step_dependencies WHERE plan_id = ?", iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_task_controls (iteration_id, task_id, control_id)
                SELECT ?, l.task_id, l.control_id
                  FROM task_controls_link l JOIN tasks t ON t.id = l.task_id JOIN steps s ON s.id = t.step_id
                 WHERE s.plan_id = ?""", iterationId, planId);
    }

    /** Records which plan revision the iteration's baseline now equals, and when. */
    static void stampRevision(Connection c, UUID iterationId, UUID planId) throws SQLException {
        Jdbc.update(c, "UPDATE iterations SET baseline_revision = (SELECT revision FROM plans WHERE id = ?), "
                + "baseline_refreshed_at = now() WHERE id = ?", planId, iterationId);
    }

    /**
     * Makes the iteration's baseline equal to the plan and brings the instances along, stamping every step instance
     * with {@code version}. The caller has checked the iteration is PLANNED and holds its row and the plan's row.
     */
    public static void refresh(Connection c, UUID iterationId, UUID planId, long version, boolean wholeScope) throws SQLException {
        // 1. Upsert what the plan has (parents first).
        Jdbc.update(c, """
                INSERT INTO baseline_macro_phases (iteration_id, id, position, name)
                SELECT ?, id, position, name FROM macro_phases WHERE plan_id = ?
                ON CONFLICT (iteration_id, id) DO UPDATE SET position = EXCLUDED.position, name = EXCLUDED.name""",
                iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_chapters (iteration_id, id, macro_phase_id, position, code, name)
                SELECT ?, id, macro_phase_id, position, code, name FROM chapters WHERE plan_id = ?
                ON CONFLICT (iteration_id, id) DO UPDATE SET macro_phase_id = EXCLUDED.macro_phase_id,
                       position = EXCLUDED.position, code = EXCLUDED.code, name = EXCLUDED.name""", iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_controls (iteration_id, id, code, title, description, critical)
                SELECT ?, id, code, title, description, critical FROM controls WHERE plan_id = ?
                ON CONFLICT (iteration_id, id) DO UPDATE SET code = EXCLUDED.code, title = EXCLUDED.title,
                       description = EXCLUDED.description, critical = EXCLUDED.critical""", iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_steps (iteration_id, id, chapter_id, position, code, step_type, title, description,
                                            owner_team_id, planned_duration_minutes, go_no_go)
                SELECT ?, id, chapter_id, position, code, step_type, title, description, owner_team_id,
                       planned_duration_minutes, go_no_go
                  FROM steps WHERE plan_id = ?
                ON CONFLICT (iteration_id, id) DO UPDATE SET chapter_id = EXCLUDED.chapter_id, position = EXCLUDED.position,
                       code = EXCLUDED.code, step_type = EXCLUDED.step_type, title = EXCLUDED.title,
                       description = EXCLUDED.description, owner_team_id = EXCLUDED.owner_team_id,
                       planned_duration_minutes = EXCLUDED.planned_duration_minutes, go_no_go = EXCLUDED.go_no_go""",
                iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO baseline_tasks (iteration_id, id, step_id, position, title, description, assigned_team_id,
                                            nominated_user_id)
                SELECT ?, t.id, t.step_id, t.position, t.title, t.description, t.assigned_team_id, t.nominated_user_id
                  FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?
                ON CONFLICT (iteration_id, id) DO UPDATE SET step_id = EXCLUDED.step_id, position = EXCLUDED.position,
                       title = EXCLUDED.title, description = EXCLUDED.description,
                       assigned_team_id = EXCLUDED.assigned_team_id, nominated_user_id = EXCLUDED.nominated_user_id""",
                iterationId, planId);

        // From here the baseline equals the plan (its row is locked FOR SHARE), so statements that join instances to
        // content use the canonical tables: they have planner statistics, the fresh baseline rows may have none.
        // 2. Instances of what the plan no longer has (their task instances and comments go with them).
        Jdbc.update(c, """
                DELETE FROM step_instances si
                 WHERE si.iteration_id = ? AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.plan_id = ? AND s.id = si.step_id)""",
                iterationId, planId);
        Jdbc.update(c, """
                DELETE FROM task_instances ti
                 WHERE ti.iteration_id = ?
                   AND NOT EXISTS (SELECT 1 FROM tasks t JOIN steps s ON s.id = t.step_id
                                    WHERE s.plan_id = ? AND t.id = ti.task_id)""", iterationId, planId);
        // A task moved to another step follows it when that step runs here; otherwise its instance goes.
        Jdbc.update(c, """
                UPDATE task_instances ti SET step_instance_id = si.id, changed_in_version = ?
                  FROM tasks t
                  JOIN step_instances si ON si.iteration_id = ? AND si.step_id = t.step_id
                 WHERE ti.iteration_id = ? AND t.id = ti.task_id AND ti.step_instance_id <> si.id""",
                version, iterationId, iterationId);
        Jdbc.update(c, """
                DELETE FROM task_instances ti
                 USING tasks t
                 WHERE ti.iteration_id = ? AND t.id = ti.task_id
                   AND NOT EXISTS (SELECT 1 FROM step_instances si WHERE si.iteration_id = ti.iteration_id AND si.step_id = t.step_id)""",
                iterationId);

        // 3. The link tables are small: replaced whole.
        Jdbc.update(c, "DELETE FROM baseline_step_teams WHERE iteration_id = ?", iterationId);
        Jdbc.update(c, "DELETE FROM baseline_dependencies WHERE iteration_id = ?", iterationId);
        Jdbc.update(c, "DELETE FROM baseline_task_controls WHERE iteration_id = ?", iterationId);
        copyLinks(c, iterationId, planId);

        // 4. Baseline rows the plan no longer has (children first; scope, schedules and control results cascade).
        Jdbc.update(c, """
                DELETE FROM baseline_tasks b WHERE b.iteration_id = ?
                   AND NOT EXISTS (SELECT 1 FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ? AND t.id = b.id)""",
                iterationId, planId);
        Jdbc.update(c, "DELETE FROM baseline_steps b WHERE b.iteration_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.plan_id = ? AND s.id = b.id)", iterationId, planId);
        Jdbc.update(c, "DELETE FROM baseline_controls b WHERE b.iteration_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM controls k WHERE k.plan_id = ? AND k.id = b.id)", iterationId, planId);
        Jdbc.update(c, "DELETE FROM baseline_chapters b WHERE b.iteration_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM chapters ch WHERE ch.plan_id = ? AND ch.id = b.id)", iterationId, planId);
        Jdbc.update(c, "DELETE FROM baseline_macro_phases b WHERE b.iteration_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM macro_phases mp WHERE mp.plan_id = ? AND mp.id = b.id)", iterationId, planId);

        // 5. New steps and tasks get instances, as at instantiation.
        if (wholeScope) {
            Jdbc.update(c, "INSERT INTO step_iteration_scope (iteration_id, step_id) SELECT iteration_id, id FROM baseline_steps "
                    + "WHERE iteration_id = ? ON CONFLICT DO NOTHING", iterationId);
        }
        Jdbc.update(c, """
                INSERT INTO step_instances (id, iteration_id, plan_instance_id, step_id, status, changed_in_version)
                SELECT gen_random_uuid(), sc.iteration_id, pi.id, sc.step_id, 'PENDING', ?
                  FROM step_iteration_scope sc
                  JOIN plan_instances pi ON pi.iteration_id = sc.iteration_id
                 WHERE sc.iteration_id = ?
                   AND NOT EXISTS (SELECT 1 FROM step_instances si WHERE si.iteration_id = sc.iteration_id AND si.step_id = sc.step_id)""",
                version, iterationId);
        Jdbc.update(c, """
                INSERT INTO task_instances (id, iteration_id, step_instance_id, task_id, status, changed_in_version)
                SELECT gen_random_uuid(), si.iteration_id, si.id, t.id, 'OPEN', ?
                  FROM steps s
                  JOIN tasks t ON t.step_id = s.id
                  JOIN step_instances si ON si.iteration_id = ? AND si.step_id = s.id
                 WHERE s.plan_id = ?
                   AND NOT EXISTS (SELECT 1 FROM task_instances ti WHERE ti.iteration_id = si.iteration_id AND ti.task_id = t.id)""",
                version, iterationId, planId);
        Jdbc.update(c, """
                INSERT INTO control_iteration_status (iteration_id, control_id, status, changed_in_version)
                SELECT DISTINCT ti.iteration_id, l.control_id, 'PENDING', ?::bigint
                  FROM task_instances ti
                  JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                 WHERE ti.iteration_id = ?
                ON CONFLICT (iteration_id, control_id) DO NOTHING""", version, iterationId);
        Jdbc.update(c, """
                DELETE FROM control_iteration_status cis
                 WHERE cis.iteration_id = ?
                   AND NOT EXISTS (SELECT 1 FROM task_instances ti
                                     JOIN baseline_task_controls l ON l.iteration_id = ti.iteration_id AND l.task_id = ti.task_id
                                    WHERE ti.iteration_id = cis.iteration_id AND l.control_id = cis.control_id)""", iterationId);

        // 6. Steps not started yet follow the one readiness rule, as after every transition (a recorded ready_at is
        //    kept for a step that stays READY; no per-step events: the refresh's own event stands for them).
        ReadinessDao.settle(c, iterationId, version, true);
        // Every step row is new content to a poller; the refresh's event makes delta clients take a snapshot anyway.
        Jdbc.update(c, "UPDATE step_instances SET changed_in_version = ? WHERE iteration_id = ?", version, iterationId);
        stampRevision(c, iterationId, planId);
    }
}
