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
import io.cutplan.store.Jdbc;
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
 * problem is written, in one transaction with batched inserts. Otherwise the answer is a 422 naming every
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
                UUID id = Ids.newId();
                TeamDao.insert(c, id, team, team, null);
                teams.put(team, id);
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

    /** Batched inserts: one round trip per table and batch, whatever the file's size. */
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
        Jdbc.batch(c, "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, ?, ?)", phases);
        Jdbc.batch(c, "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, ?, ?, ?)", chapters);
        Jdbc.batch(c, "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, description, owner_team_id, "
                + "planned_duration_minutes, go_no_go) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps);
        Jdbc.batch(c, "INSERT INTO step_impacted_teams (step_id, team_id) VALUES (?, ?) ON CONFLICT DO NOTHING", impacted);
        Jdbc.batch(c, "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)", dependencies);
        Jdbc.batch(c, "INSERT INTO controls (id, plan_id, code, title, critical) VALUES (?, ?, ?, ?, ?)", controls);
        Jdbc.batch(c, "INSERT INTO tasks (id, step_id, position, title, description, assigned_team_id, nominated_user_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", tasks);
        Jdbc.batch(c, "INSERT INTO task_controls_link (task_id, control_id) VALUES (?, ?) ON CONFLICT DO NOTHING", links);
    }
}
