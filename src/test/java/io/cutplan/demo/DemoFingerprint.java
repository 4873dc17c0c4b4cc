package io.cutplan.demo;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a loaded demo that must not depend on anything but the seed: codes, titles, structure,
 * people, and the simulated statuses and versions. Database ids and absolute times are left out.
 */
final class DemoFingerprint {
    private static final List<String> QUERIES = List.of(
            "SELECT code || '|' || name || '|' || coalesce(email, '') FROM teams ORDER BY code",
            "SELECT username || '|' || display_name || '|' || role FROM users ORDER BY username",
            "SELECT t.code || '>' || u.username FROM teams_tms_x_users_usr m JOIN teams t ON t.id = m.team_id "
                    + "JOIN users u ON u.id = m.user_id ORDER BY 1",
            "SELECT p.code || '|' || p.name FROM plans p ORDER BY p.code",
            "SELECT mp.position || '|' || mp.name FROM macro_phases mp ORDER BY mp.position",
            "SELECT ch.code || '|' || ch.position || '|' || ch.name FROM chapters ch ORDER BY ch.code",
            "SELECT ch.code || '|' || s.position || '|' || s.code || '|' || s.step_type || '|' || s.title || '|' "
                    + "|| coalesce(s.description, '') || '|' || coalesce(t.code, '-') || '|' || s.planned_duration_minutes "
                    + "|| '|' || s.go_no_go FROM steps s JOIN chapters ch ON ch.id = s.chapter_id "
                    + "LEFT JOIN teams t ON t.id = s.owner_team_id ORDER BY ch.code, s.position",
            "SELECT p.code || '>' || s.code FROM step_dependencies d JOIN steps p ON p.id = d.predecessor_step_id "
                    + "JOIN steps s ON s.id = d.successor_step_id ORDER BY 1",
            "SELECT s.code || '~' || t.code FROM step_impacted_teams i JOIN steps s ON s.id = i.step_id "
                    + "JOIN teams t ON t.id = i.team_id ORDER BY 1",
            "SELECT s.code || '|' || k.position || '|' || k.title || '|' || coalesce(k.description, '') || '|' "
                    + "|| coalesce(t.code, '-') || '|' || coalesce(u.username, '-') FROM tasks k JOIN steps s ON s.id = k.step_id "
                    + "LEFT JOIN teams t ON t.id = k.assigned_team_id LEFT JOIN users u ON u.id = k.nominated_user_id "
                    + "ORDER BY s.code, k.position",
            "SELECT c.code || '|' || c.title || '|' || c.critical || '|' || coalesce(c.description, '') FROM controls c ORDER BY c.code",
            "SELECT c.code || '@' || s.code || ':' || t.position FROM task_controls_link l JOIN controls c ON c.id = l.control_id "
                    + "JOIN tasks t ON t.id = l.task_id JOIN steps s ON s.id = t.step_id ORDER BY 1",
            "SELECT code || '|' || name || '|' || iteration_type || '|' || status || '|' || change_version FROM iterations ORDER BY code",
            "SELECT i.code || '|' || s.code || '|' || si.status || '|' || si.version || '|' || si.changed_in_version "
                    + "|| '|' || coalesce(u.username, '-') FROM step_instances si JOIN iterations i ON i.id = si.iteration_id "
                    + "JOIN steps s ON s.id = si.step_id LEFT JOIN users u ON u.id = si.last_actor_id ORDER BY i.code, s.code",
            "SELECT i.code || '|' || e.change_version || '|' || e.event_type || '|' || coalesce(e.actor_name, '-') || '|' "
                    + "|| e.details::text FROM event_log e JOIN iterations i ON i.id = e.iteration_id "
                    + "WHERE e.event_type <> 'ITERATION_CREATED' ORDER BY 1");

    private DemoFingerprint() {
    }

    static List<String> of(Database db) {
        return db.transactor().readOnly(c -> {
            List<String> out = new ArrayList<>();
            for (String q : QUERIES) {
                out.add("# " + q);
                out.addAll(Jdbc.list(c, q, rs -> rs.getString(1)));
            }
            return out;
        });
    }
}
