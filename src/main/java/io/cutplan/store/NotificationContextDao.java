package io.cutplan.store;

import io.cutplan.domain.NotificationMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what a notification needs: the iteration's notification settings, the facts about the step,
 * control or comment a message describes, and the people it goes to.
 */
public final class NotificationContextDao {
    private NotificationContextDao() {
    }

    public record IterationFacts(UUID id, String code, String name, NotificationMode mode, String testAddress,
                                 boolean notifyComments, String timeZone) {
    }

    public record StepFacts(UUID stepInstanceId, UUID stepId, String code, String title, boolean goNoGo, String status,
                            UUID ownerTeamId, String ownerTeamName, String chapterName, int plannedMinutes,
                            Instant chapterStart, Instant chapterEnd, Instant readyAt, Instant startedAt, Instant finishedAt) {
    }

    public record TaskLine(String title, String status, String teamName, String nomineeName) {
    }

    public record ControlFacts(UUID controlId, String code, String title, boolean critical, String status, String note) {
    }

    public record CommentFacts(String authorName, String body) {
    }

    /** A person to notify: an active user with an address. */
    public record Recipient(UUID userId, String email) {
    }

    public static Optional<IterationFacts> iteration(Connection c, UUID iterationId) throws SQLException {
        return Jdbc.one(c, "SELECT id, code, name, notification_mode, notification_test_address, notify_comments, time_zone "
                        + "FROM iterations WHERE id = ?",
                rs -> new IterationFacts(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("name"),
                        NotificationMode.valueOf(rs.getString("notification_mode")), rs.getString("notification_test_address"),
                        rs.getBoolean("notify_comments"), rs.getString("time_zone")), iterationId);
    }

    /** {@code timeZone}: an IANA id checked by the caller, or null for the host's zone. */
    public static int updateSettings(Connection c, UUID iterationId, NotificationMode mode, String testAddress,
                                     boolean notifyComments, String timeZone) throws SQLException {
        return Jdbc.update(c, "UPDATE iterations SET notification_mode = ?, notification_test_address = ?, notify_comments = ?, "
                + "time_zone = ? WHERE id = ?", mode, testAddress, notifyComments, timeZone, iterationId);
    }

    public static Optional<StepFacts> step(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, """
                SELECT si.id AS step_instance_id, s.id AS step_id, s.code, s.title, s.go_no_go, si.status,
                       s.owner_team_id, t.name AS team_name, ch.name AS chapter_name, s.planned_duration_minutes,
                       cs.planned_start, cs.planned_end, si.ready_at, si.started_at, si.finished_at
                  FROM step_instances si
                  JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                  JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
                  LEFT JOIN teams t ON t.id = s.owner_team_id
                  LEFT JOIN chapter_schedules cs ON cs.iteration_id = si.iteration_id AND cs.chapter_id = s.chapter_id
                 WHERE si.id = ?""", rs -> new StepFacts(Jdbc.uuid(rs, "step_instance_id"), Jdbc.uuid(rs, "step_id"),
                rs.getString("code"), rs.getString("title"), rs.getBoolean("go_no_go"), rs.getString("status"),
                Jdbc.uuid(rs, "owner_team_id"), rs.getString("team_name"), rs.getString("chapter_name"),
                rs.getInt("planned_duration_minutes"), Jdbc.instant(rs, "planned_start"), Jdbc.instant(rs, "planned_end"),
                Jdbc.instant(rs, "ready_at"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at")), stepInstanceId);
    }

    public static List<TaskLine> tasks(Connection c, UUID stepInstanceId, int limit) throws SQLException {
        return Jdbc.list(c, """
                SELECT t.title, ti.status, tm.name AS team_name, u.display_name AS nominee
                  FROM task_instances ti
                  JOIN baseline_tasks t ON t.iteration_id = ti.iteration_id AND t.id = ti.task_id
                  LEFT JOIN teams tm ON tm.id = t.assigned_team_id
                  LEFT JOIN users u ON u.id = t.nominated_user_id
                 WHERE ti.step_instance_id = ?
                 ORDER BY t.position
                 LIMIT ?""", rs -> new TaskLine(rs.getString("title"), rs.getString("status"), rs.getString("team_name"),
                rs.getString("nominee")), stepInstanceId, limit);
    }

    public static int taskCount(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM task_instances WHERE step_instance_id = ?", rs -> rs.getInt(1), stepInstanceId)
                .orElse(0);
    }

    public static Optional<ControlFacts> control(Connection c, UUID iterationId, UUID controlId) throws SQLException {
        return Jdbc.one(c, """
                SELECT k.id, k.code, k.title, k.critical, cis.status, cis.note
                  FROM baseline_controls k
                  LEFT JOIN control_iteration_status cis ON cis.control_id = k.id AND cis.iteration_id = k.iteration_id
                 WHERE k.iteration_id = ? AND k.id = ?""", rs -> new ControlFacts(Jdbc.uuid(rs, "id"), rs.getString("code"), rs.getString("title"),
                rs.getBoolean("critical"), rs.getString("status"), rs.getString("note")), iterationId, controlId);
    }

    /** The iteration's step instances whose tasks carry the control, in plan order. */
    public static List<UUID> stepsOfControl(Connection c, UUID iterationId, UUID controlId) throws SQLException {
        return Jdbc.list(c, """
                SELECT si.id
                  FROM baseline_task_controls l
                  JOIN task_instances ti ON ti.task_id = l.task_id AND ti.iteration_id = l.iteration_id
                  JOIN step_instances si ON si.id = ti.step_instance_id
                  JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                  JOIN baseline_chapters ch ON ch.iteration_id = s.iteration_id AND ch.id = s.chapter_id
                 WHERE l.iteration_id = ? AND l.control_id = ?
                 GROUP BY si.id, ch.position, s.position
                 ORDER BY ch.position, s.position""", rs -> Jdbc.uuid(rs, "id"), iterationId, controlId);
    }

    public static Optional<CommentFacts> comment(Connection c, UUID commentId) throws SQLException {
        return Jdbc.one(c, "SELECT author_name, body FROM comments WHERE id = ?",
                rs -> new CommentFacts(rs.getString("author_name"), rs.getString("body")), commentId);
    }

    // ---------------------------------------------------------------- recipients

    public static List<Recipient> teamMembers(Connection c, UUID[] teamIds) throws SQLException {
        if (teamIds.length == 0) {
            return List.of();
        }
        return Jdbc.list(c, "SELECT DISTINCT u.id, u.email FROM teams_tms_x_users_usr m JOIN users u ON u.id = m.user_id "
                + "WHERE m.team_id = ANY (?) AND u.active AND u.email IS NOT NULL ORDER BY u.email", NotificationContextDao::recipient,
                (Object) teamIds);
    }

    /**
     * Users whose role is PILOT: the higher of the role set in Cutplan and the one the host's groups gave at their last
     * call ({@code host_role}, Confluence) is PILOT, not ADMIN.
     */
    public static List<Recipient> pilots(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT id, email FROM users WHERE 'PILOT' IN (role, host_role) "
                + "AND 'ADMIN' NOT IN (role, coalesce(host_role, 'NORMAL')) AND active AND email IS NOT NULL ORDER BY email",
                NotificationContextDao::recipient);
    }

    public static List<Recipient> taskNominees(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.list(c, """
                SELECT DISTINCT u.id, u.email
                  FROM task_instances ti
                  JOIN baseline_tasks t ON t.iteration_id = ti.iteration_id AND t.id = ti.task_id
                  JOIN users u ON u.id = t.nominated_user_id
                 WHERE ti.step_instance_id = ? AND u.active AND u.email IS NOT NULL
                 ORDER BY u.email""", NotificationContextDao::recipient, stepInstanceId);
    }

    /** The teams the step instance's baseline step names as impacted. */
    public static UUID[] impactedTeams(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.list(c, "SELECT t.team_id FROM step_instances si JOIN baseline_step_teams t "
                        + "ON t.iteration_id = si.iteration_id AND t.step_id = si.step_id WHERE si.id = ?",
                rs -> Jdbc.uuid(rs, "team_id"), stepInstanceId).toArray(UUID[]::new);
    }

    private static Recipient recipient(java.sql.ResultSet rs) throws SQLException {
        return new Recipient(Jdbc.uuid(rs, "id"), rs.getString("email"));
    }
}
