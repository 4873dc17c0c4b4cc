package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.PlanCsv;
import io.cutplan.domain.ImportProblem;
import io.cutplan.domain.TeamDirectory;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.DirectoryUserDao;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.PlanImportDao;
import io.cutplan.store.authoring.TeamDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports a canonical plan from CSV. The file is read and checked in full in one pass (structure, codes, durations,
 * predecessors, every cycle, teams and users against the database) and every problem is reported at once, each with
 * a machine code. Without {@code repair} a single problem refuses the file; with it, the problems that can be
 * repaired are (and each repair is a warning in the answer) and only the others refuse it. A refused file writes
 * nothing (422 naming every problem); an accepted one is written in one transaction with one set-based insert per
 * table.
 */
public final class PlanImportService {
    /** More problems than this are counted (per code too) but not listed, so the report stays a reasonable size. */
    public static final int MAX_LISTED_PROBLEMS = 10_000;

    private final Database database;

    public PlanImportService(Database database) {
        this.database = database;
    }

    public record Options(String planCode, String planName, String description, boolean dryRun, boolean createTeams,
                          boolean repair) {
        public Options(String planCode, String planName, String description, boolean dryRun, boolean createTeams) {
            this(planCode, planName, description, dryRun, createTeams, false);
        }
    }

    /**
     * What was (or, in a dry run, would be) imported. {@code warnings} are the repairs made in repair mode and the
     * near-duplicate team names; {@code warningCounts} counts them per code.
     */
    public record Report(UUID planId, String planCode, boolean dryRun, boolean repair, int rows, int macroPhases, int chapters,
                         int steps, int tasks, int controls, int dependencies, List<String> teamsCreated,
                         List<ImportProblem.CodeCount> warningCounts, int warningCount, List<ImportProblem> warnings, long millis) {
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
            List<ImportProblem> problems = new ArrayList<>(plan.problems());
            List<TeamDao.TeamIdentity> existing = TeamDao.identities(c);
            TeamDirectory.Resolution resolution = TeamDirectory.resolve(
                    existing.stream().map(t -> new TeamDirectory.Team(t.code(), t.name())).toList(), plan.teams(), options.createTeams());
            problems.addAll(resolution.problems());
            Map<String, UUID> users = DirectoryUserDao.idsByUsername(c);
            for (PlanCsv.Reference ref : plan.users()) {
                if (!users.containsKey(ref.name())) {
                    problems.add(ImportProblem.of(ImportProblem.Code.UNKNOWN_USER, ref.line(), ref.column().header(), "Unknown user '"
                            + ref.name() + "'" + (ref.lines().size() > 1 ? " (on " + ref.lines().size() + " lines)" : "")
                            + ": users are matched by their exact username and never created by an import").withLines(ref.lines()));
                }
            }
            boolean refused = options.repair() ? problems.stream().anyMatch(p -> !p.canBeRepaired()) : !problems.isEmpty();
            if (refused) {
                throw rejected(problems, plan.rows(), options.repair());
            }
            List<ImportProblem> warnings = new ArrayList<>(options.repair() ? plan.warnings() : List.of());
            warnings.addAll(resolution.warnings());
            List<String> teamsCreated = resolution.created().stream().map(TeamDirectory.NewTeam::code).toList();
            if (options.dryRun()) {
                return new TxResult(null, teamsCreated, warnings);
            }
            Map<String, UUID> idsByCode = new HashMap<>();
            existing.forEach(t -> idsByCode.put(t.code(), t.id()));
            for (TeamDirectory.NewTeam team : resolution.created()) {
                UUID id = Ids.newId();
                TeamDao.insert(c, id, team.code(), team.name(), null);
                idsByCode.put(team.code(), id);
            }
            Map<String, UUID> teams = new HashMap<>();
            resolution.codeOf().forEach((written, teamCode) -> teams.put(written, idsByCode.get(teamCode)));
            onePerTeam(plan, teams);
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
            details.put("teamsCreated", teamsCreated);
            details.put("repair", options.repair());
            details.put("repairs", options.repair() ? plan.warnings().size() : 0);
            PlanEdit.Audit.append(c, caller, EventType.PLAN_IMPORTED, null, details);
            return new TxResult(planId, teamsCreated, warnings);
        }));
        List<PlanCsv.Step> steps = plan.steps();
        int tasks = steps.stream().mapToInt(s -> s.tasks.size()).sum();
        int dependencies = steps.stream().mapToInt(s -> s.predecessors.size()).sum();
        int chapters = plan.phases().stream().mapToInt(p -> p.chapters().size()).sum();
        List<ImportProblem> warnings = ImportProblem.grouped(tx.warnings());
        return new Report(tx.planId(), code, options.dryRun(), options.repair(), plan.rows(), plan.phases().size(), chapters,
                steps.size(), tasks, plan.controls().size(), dependencies, tx.teamsCreated(), ImportProblem.counts(warnings),
                warnings.size(), warnings.subList(0, Math.min(warnings.size(), MAX_LISTED_PROBLEMS)),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Two spellings of one team in a step's impacted teams are one team. */
    private static void onePerTeam(PlanCsv.Result plan, Map<String, UUID> teams) {
        for (PlanCsv.Step step : plan.steps()) {
            Map<UUID, String> byId = new LinkedHashMap<>();
            step.impactedTeams.forEach(t -> byId.putIfAbsent(teams.get(t), t));
            step.impactedTeams = List.copyOf(byId.values());
        }
    }

    private record TxResult(UUID planId, List<String> teamsCreated, List<ImportProblem> warnings) {
    }

    private static DomainException rejected(List<ImportProblem> problems, int rows, boolean repair) {
        List<ImportProblem> grouped = ImportProblem.grouped(problems);
        long lines = problems.stream().mapToInt(ImportProblem::line).distinct().count();
        long repairable = problems.stream().filter(ImportProblem::canBeRepaired).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", rows);
        details.put("repair", repair);
        details.put("problemCount", problems.size());
        details.put("repairableCount", repairable);
        details.put("counts", ImportProblem.counts(grouped));
        details.put("problems", grouped.subList(0, Math.min(grouped.size(), MAX_LISTED_PROBLEMS)));
        details.put("truncated", grouped.size() > MAX_LISTED_PROBLEMS);
        String advice = repair ? "; " + (problems.size() - repairable) + " of them cannot be repaired"
                : repairable == problems.size() ? "; all of them can be repaired: import with repair=true"
                : repairable > 0 ? "; " + repairable + " of them can be repaired with repair=true" : "";
        return new DomainException(ErrorKind.RULE_VIOLATION, "import_rejected", "The file has " + problems.size()
                + " problem(s) on " + lines + " line(s)" + advice + "; nothing was imported", null, details);
    }
}
