package io.cutplan.api.authoring;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;

/**
 * A fingerprint of every table authoring writes (row contents, not only counts) and of the audit trail, to prove
 * that a refused request changed nothing.
 */
final class DbSnapshot {
    private static final String[] TABLES = {"plans", "macro_phases", "chapters", "steps", "step_impacted_teams",
            "step_dependencies", "tasks", "controls", "task_controls_link", "teams", "users", "teams_tms_x_users_usr",
            "migrations", "iterations", "step_iteration_scope", "step_instances", "task_instances", "control_iteration_status",
            "baseline_macro_phases", "baseline_chapters", "baseline_steps", "baseline_step_teams", "baseline_dependencies",
            "baseline_tasks", "baseline_controls", "baseline_task_controls", "event_log"};

    private DbSnapshot() {
    }

    static String take(Database db) {
        StringBuilder sql = new StringBuilder("SELECT concat_ws('|'");
        for (String table : TABLES) {
            // Table names are the constants above, never input.
            sql.append(", (SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM ")
                    .append(table).append(" x)");
        }
        sql.append(")");
        return db.transactor().readOnly(c -> Jdbc.one(c, sql.toString(), rs -> rs.getString(1)).orElseThrow());
    }
}
