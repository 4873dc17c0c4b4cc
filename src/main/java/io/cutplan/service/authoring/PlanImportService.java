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
import io.cutplan.store.authoring.DirectoryUserDao;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.PlanImportDao;
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
        String code = InputChecks.code(options.planCode(), "code");
        String name = InputChecks.required(options.planName(), "name", 200);
        String description = InputChecks.optional(options.description(), "description", InputChecks.MAX_DESCRIPTION);
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
                    if (options.createTeams() && InputChecks.CODE.matcher(ref.name()).matches()) {
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
            PlanImportDao.insertPlanRows(c, planId, plan, teams, users);
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
}
