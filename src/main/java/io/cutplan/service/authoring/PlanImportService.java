package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.PlanCsv;
import io.cutplan.domain.PlanCsv.Problem;
import io.cutplan.domain.PlanCsv.Reference;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.BulkInsert;
import io.cutplan.store.authoring.DirectoryUserDao;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.TeamDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports a canonical plan from CSV, all or nothing: the file is read and checked in full (structure, codes,
 * durations, predecessors, cycles, teams and users against the database), and only a file without a single
 * problem is written, in one transaction with one set-based insert per table. Otherwise the answer is a 422 naming every
 * problem (line, column, message) and nothing is written.
 */
public final class PlanImportService {
    /** More problems than this are counted but not listed, so the report stays a reasonable size. */
    public static final int MAX_LISTED_PROBLEMS = 1000;

    private final Database database;

    public PlanImportService(Database database) {
        this.database = database;
    }

    public record Options(String planCode, String planName, String description, boolean dryRun, boolean createTeams) {
    }

    public record Report(UUID planId, String planCode, boolean dryRun, int rows, int macroPhases, int chapters, int steps,
                         int tasks, int controls, int dependencies, List<String> teamsCreated, long millis) {
    }

    public Report importPlan(Caller caller, String csv, Options options) {
        caller.requireAdmin("import plans");
        long started = System.nanoTime();
        String code = Inputs.code(options.planCode(), "code");
        String name = Inputs.required(options.planName(), "name", 200);
        String description = Inputs.optional(options.description(), "description", Inputs.MAX_DESCRIPTION);
        PlanCsv.Result plan = PlanCsv.read(csv);
        TxResult tx = guarded(() -> database.transactor().inTransaction(c -> {
            if (PlanDao.codeTaken(c, code, null)) {
                throw AuthoringErrors.duplicate("code", "A plan with code '" + code + "' already exists");
            }
            List<Problem> problems = new ArrayList<>(plan.problems());
            Map<String, UUID> teams = TeamDao.idsByCode(c);
            Set<String> newTeams = new LinkedHashSet<>();
            for (Reference ref : plan.teams()) {
                if (!teams.containsKey(ref.name())) {
                    if (options.createTeams() && Inputs.CODE.matcher(ref.name()).matches()) {
                        newTeams.add(ref.name());
                    } else {
                        problems.add(new Problem(ref.line(), ref.column().header(), "Unknown team '" + ref.name() + "'"
                                + (options.createTeams() ? " (not a valid team code)" : "; create it first or import with createTeams=true")));
                    }
                }
            }
            Map<String, UUID> users = DirectoryUserDao.idsByUsername(c);
            for (Reference ref : plan.users()) {
                if (!users.containsKey(ref.name())) {
                    problems.add(new Problem(ref.line(), ref.column().header(), "Unknown user '" + ref.name() + "'"));
                }
            }
            if (!problems.isEmpty()) {
                throw rejected(problems, plan.rows());
            }
            if (options.dryRun()) {
                return new TxResult(null, List.copyOf(newTeams));
            }
            for (String team : newTeams) {
                teams.put(team, TeamDao.insertOrFind(c, Ids.newId(), team));
            }
            UUID planId = Ids.newId();
            PlanDao.insert(c, planId, code, name, description);
            PlanEdit edit = PlanEdit.begin(c, caller, planId, null);
            write(c, planId, plan, teams, users);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("planId", planId.toString());
            details.put("code", code);
            details.put("revision", edit.revision());
            details.put("rows", plan.rows());
            details.put("steps", plan.steps().size());
            details.put("teamsCreated", List.copyOf(newTeams));
            PlanEdit.Audit.append(c, caller, EventType.PLAN_IMPORTED, null, details);
            return new TxResult(planId, List.copyOf(newTeams));
        }));
        List<PlanCsv.Step> steps = plan.steps();
        int tasks = steps.stream().mapToInt(s -> s.tasks.size()).sum();
        int dependencies = steps.stream().mapToInt(s -> s.predecessors.size()).sum();
        int chapters = plan.phases().stream().mapToInt(p -> p.chapters().size()).sum();
        return new Report(tx.planId(), code, options.dryRun(), plan.rows(), plan.phases().size(), chapters, steps.size(), tasks,
                plan.controls().size(), dependencies, tx.teamsCreated(), (System.nanoTime() - started) / 1_000_000);
    }

    private record TxResult(UUID planId, List<String> teamsCreated) {
    }

    private static DomainException rejected(List<Problem> problems, int rows) {
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        long lines = problems.stream().mapToInt(Problem::line).distinct().count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", rows);
        details.put("problemCount", problems.size());
        details.put("problems", problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
        details.put("truncated", problems.size() > MAX_LISTED_PROBLEMS);
        return new DomainException(ErrorKind.RULE_VIOLATION, "import_rejected", "The file has " + problems.size()
                + " problem(s) on " + lines + " line(s); nothing was imported", null, details);
    }

    /** One set-based INSERT per table, whatever the file's size. */
    private static void write(Connection c, UUID planId, PlanCsv.Result plan, Map<String, UUID> teams, Map<String, UUID> users)
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
            controls.add(new Object[] {id, planId, control.getKey(), control.getKey(), control.getValue()});
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
        BulkInsert.rows(c, "macro_phases", cols("id uuid", "plan_id uuid", "position int", "name text"), phases);
        BulkInsert.rows(c, "chapters", cols("id uuid", "plan_id uuid", "macro_phase_id uuid", "position int", "code text",
                "name text"), chapters);
        BulkInsert.rows(c, "steps", cols("id uuid", "plan_id uuid", "chapter_id uuid", "position int", "code text",
                "step_type text", "title text", "description text", "owner_team_id uuid", "planned_duration_minutes int",
                "go_no_go boolean"), steps);
        BulkInsert.rows(c, "step_impacted_teams", cols("step_id uuid", "team_id uuid"), impacted);
        BulkInsert.rows(c, "step_dependencies", cols("plan_id uuid", "predecessor_step_id uuid", "successor_step_id uuid"),
                dependencies);
        BulkInsert.rows(c, "controls", cols("id uuid", "plan_id uuid", "code text", "title text", "critical boolean"), controls);
        BulkInsert.rows(c, "tasks", cols("id uuid", "step_id uuid", "position int", "title text", "description text",
                "assigned_team_id uuid", "nominated_user_id uuid"), tasks);
        BulkInsert.rows(c, "task_controls_link", cols("task_id uuid", "control_id uuid"), links);
    }

    private static List<BulkInsert.Col> cols(String... specs) {
        List<BulkInsert.Col> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(" ");
            out.add(new BulkInsert.Col(parts[0], parts[1]));
        }
        return out;
    }
}
