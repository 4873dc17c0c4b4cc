package io.cutplan.store.authoring;

import io.cutplan.domain.PlanCsv;
import io.cutplan.store.BulkRows;
import io.cutplan.store.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a whole canonical plan's structure with one set-based INSERT per table (see {@link BulkRows}), whatever
 * its size: the CSV import writes through it, and so does the demo loader. Each method takes rows whose values
 * are in the order its comment names; ids are chosen by the caller so rows can refer to each other.
 */
public final class PlanImportDao {
    private PlanImportDao() {
    }

    /**
     * Writes the rows of a checked CSV plan below the (already inserted) plan row: one set-based INSERT per table,
     * whatever the file's size. {@code teams} and {@code users} resolve every code and user name the file names.
     */
    public static void insertPlanRows(Connection c, UUID planId, PlanCsv.Result plan, Map<String, UUID> teams, Map<String, UUID> users)
            throws SQLException {
        List<Object[]> phases = new ArrayList<>();
        List<Object[]> chapters = new ArrayList<>();
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> impacted = new ArrayList<>();
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        List<Object[]> controls = new ArrayList<>();
        List<Object[]> dependencies = new ArrayList<>();
        Map<String, UUID> stepIds = new HashMap<>();
        Map<String, UUID> controlIds = new HashMap<>();
        for (Map.Entry<String, Boolean> control : plan.controls().entrySet()) {
            UUID id = Ids.newId();
            controlIds.put(control.getKey(), id);
            controls.add(new Object[] {id, planId, control.getKey(), control.getKey(), null, control.getValue()});
        }
        int phasePosition = 0;
        for (PlanCsv.Phase phase : plan.phases()) {
            UUID phaseId = Ids.newId();
            phases.add(new Object[] {phaseId, planId, phasePosition++, phase.name()});
            int chapterPosition = 0;
            for (PlanCsv.Chapter chapter : phase.chapters()) {
                UUID chapterId = Ids.newId();
                chapters.add(new Object[] {chapterId, planId, phaseId, chapterPosition++, chapter.code, chapter.name});
                int stepPosition = 0;
                for (PlanCsv.Step step : chapter.steps) {
                    UUID stepId = Ids.newId();
                    stepIds.put(step.code, stepId);
                    steps.add(new Object[] {stepId, planId, chapterId, stepPosition++, step.code, step.type, step.title,
                            step.description, step.ownerTeam == null ? null : teams.get(step.ownerTeam), step.minutes, step.goNoGo});
                    for (String team : step.impactedTeams) {
                        impacted.add(new Object[] {stepId, teams.get(team)});
                    }
                    int taskPosition = 0;
                    for (PlanCsv.Task task : step.tasks) {
                        UUID taskId = Ids.newId();
                        tasks.add(new Object[] {taskId, stepId, taskPosition++, task.title(), task.description(),
                                task.team() == null ? null : teams.get(task.team()),
                                task.nominatedUser() == null ? null : users.get(task.nominatedUser())});
                        for (String control : task.controls()) {
                            links.add(new Object[] {taskId, controlIds.get(control)});
                        }
                    }
                }
            }
        }
        for (PlanCsv.Step step : plan.steps()) {
            for (String predecessor : step.predecessors) {
                dependencies.add(new Object[] {planId, stepIds.get(predecessor), stepIds.get(step.code)});
            }
        }
        insertPhases(c, phases);
        insertChapters(c, chapters);
        insertSteps(c, steps);
        insertImpactedTeams(c, impacted);
        insertDependencies(c, dependencies);
        insertControls(c, controls);
        insertTasks(c, tasks);
        insertControlLinks(c, links);
    }

    /** Rows (id, plan_id, position, name). */
    public static int insertPhases(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("macro_phases").column("id", "uuid").column("plan_id", "uuid").column("position", "integer")
                .column("name", "text"), rows);
    }

    /** Rows (id, plan_id, macro_phase_id, position, code, name). */
    public static int insertChapters(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("chapters").column("id", "uuid").column("plan_id", "uuid").column("macro_phase_id", "uuid")
                .column("position", "integer").column("code", "text").column("name", "text"), rows);
    }

    /** Rows (id, plan_id, chapter_id, position, code, step_type, title, description, owner_team_id, minutes, go_no_go). */
    public static int insertSteps(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("steps").column("id", "uuid").column("plan_id", "uuid").column("chapter_id", "uuid")
                .column("position", "integer").column("code", "text").column("step_type", "text").column("title", "text")
                .column("description", "text").column("owner_team_id", "uuid").column("planned_duration_minutes", "integer")
                .column("go_no_go", "boolean"), rows);
    }

    /** Rows (step_id, team_id). */
    public static int insertImpactedTeams(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("step_impacted_teams").column("step_id", "uuid").column("team_id", "uuid"), rows);
    }

    /** Rows (plan_id, predecessor_step_id, successor_step_id). */
    public static int insertDependencies(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("step_dependencies").column("plan_id", "uuid").column("predecessor_step_id", "uuid")
                .column("successor_step_id", "uuid"), rows);
    }

    /** Rows (id, step_id, position, title, description, assigned_team_id, nominated_user_id). */
    public static int insertTasks(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("tasks").column("id", "uuid").column("step_id", "uuid").column("position", "integer")
                .column("title", "text").column("description", "text").column("assigned_team_id", "uuid")
                .column("nominated_user_id", "uuid"), rows);
    }

    /** Rows (id, plan_id, code, title, description, critical). */
    public static int insertControls(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("controls").column("id", "uuid").column("plan_id", "uuid").column("code", "text")
                .column("title", "text").column("description", "text").column("critical", "boolean"), rows);
    }

    /** Rows (task_id, control_id). */
    public static int insertControlLinks(Connection c, List<Object[]> rows) throws SQLException {
        return insert(c, BulkRows.into("task_controls_link").column("task_id", "uuid").column("control_id", "uuid"), rows);
    }

    private static int insert(Connection c, BulkRows b, List<Object[]> rows) throws SQLException {
        rows.forEach(b::row);
        return b.insert(c);
    }
}
