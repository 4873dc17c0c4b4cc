package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DependencyGraph;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.StepCode;
import io.cutplan.service.authoring.AuthoringInputs.DependencyInput;
import io.cutplan.service.authoring.AuthoringInputs.StepInput;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.ChapterDao;
import io.cutplan.store.authoring.DependencyDao;
import io.cutplan.store.authoring.DependencyDao.DependencyRow;
import io.cutplan.store.authoring.Page;
import io.cutplan.store.authoring.Positions;
import io.cutplan.store.authoring.Positions.Ordered;
import io.cutplan.store.authoring.StepDao;
import io.cutplan.store.authoring.StepDao.StepRow;
import io.cutplan.store.authoring.StepDao.StepValues;
import io.cutplan.store.authoring.TeamDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Canonical steps and the dependencies between them; a dependency that would close a cycle is refused (422). */
public final class StepService {
    public static final int MAX_DURATION_MINUTES = 10_080;

    private final Database database;

    public StepService(Database database) {
        this.database = database;
    }

    public Page<StepRow> list(UUID planId, UUID chapterId, Integer offset, Integer limit) {
        int[] p = InputChecks.paging(offset, limit, 500, 5000);
        return database.transactor().readOnly(c -> {
            PlanService.requirePlan(c, planId);
            return StepDao.page(c, planId, chapterId, p[0], p[1]);
        });
    }

    public StepRow get(UUID planId, UUID stepId) {
        return database.transactor().readOnly(c -> find(c, planId, stepId));
    }

    public StepRow create(Caller caller, UUID planId, Long ifMatch, StepInput in) {
        caller.requireAdmin("edit plans");
        StepValues v = values(in);
        List<UUID> impacted = InputChecks.ids(in.impactedTeamIds(), "impactedTeamIds");
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            checkReferences(c, planId, null, v, impacted);
            UUID id = Ids.newId();
            StepDao.insert(c, id, planId, Positions.count(c, Ordered.STEPS, v.chapterId()), v);
            if (position != null) {
                Positions.place(c, Ordered.STEPS, v.chapterId(), id, position);
            }
            if (impacted != null) {
                StepDao.replaceImpactedTeams(c, id, impacted);
            }
            edit.record("step", "created", id, v.code(), null);
            return find(c, planId, id);
        }));
    }

    public StepRow update(Caller caller, UUID planId, UUID stepId, Long ifMatch, StepInput in) {
        caller.requireAdmin("edit plans");
        StepValues v = values(in);
        List<UUID> impacted = InputChecks.ids(in.impactedTeamIds(), "impactedTeamIds");
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            StepRow before = find(c, planId, stepId);
            checkReferences(c, planId, stepId, v, impacted);
            boolean moved = !v.chapterId().equals(before.chapterId());
            StepDao.update(c, stepId, moved ? Positions.count(c, Ordered.STEPS, v.chapterId()) : before.position(), v);
            if (moved) {
                Positions.compact(c, Ordered.STEPS, before.chapterId());
            }
            if (moved || position != null) {
                Positions.place(c, Ordered.STEPS, v.chapterId(), stepId, position);
            }
            if (impacted != null) {
                StepDao.replaceImpactedTeams(c, stepId, impacted);
            }
            StepRow after = find(c, planId, stepId);
            edit.record("step", "updated", stepId, v.code(), new AuditChanges()
                    .compare("code", before.code(), after.code()).compare("type", before.type(), after.type())
                    .compare("title", before.title(), after.title()).compare("description", before.description(), after.description())
                    .compare("chapterId", before.chapterId(), after.chapterId()).compare("position", before.position(), after.position())
                    .compare("ownerTeamId", before.ownerTeamId(), after.ownerTeamId())
                    .compare("impactedTeamIds", before.impactedTeamIds(), after.impactedTeamIds())
                    .compare("plannedDurationMinutes", before.plannedDurationMinutes(), after.plannedDurationMinutes())
                    .compare("goNoGo", before.goNoGo(), after.goNoGo()).asMap());
            return after;
        }));
    }

    /**
     * Deletes a step of the plan. Iterations keep their own copy of it (their baseline): a running or finished one
     * never loses it; a PLANNED one drops it when it is refreshed from the plan.
     */
    public void delete(Caller caller, UUID planId, UUID stepId, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            StepRow step = find(c, planId, stepId);
            StepDao.delete(c, stepId);
            Positions.compact(c, Ordered.STEPS, step.chapterId());
            edit.record("step", "deleted", stepId, step.code(), null);
            return null;
        }));
    }

    // ------------------------------------------------------------------ dependencies

    public List<DependencyRow> dependencies(UUID planId) {
        return database.transactor().readOnly(c -> {
            PlanService.requirePlan(c, planId);
            return DependencyDao.list(c, planId);
        });
    }

    public DependencyRow addDependency(Caller caller, UUID planId, Long ifMatch, DependencyInput in) {
        caller.requireAdmin("edit plans");
        UUID pred = InputChecks.present(in.predecessorStepId(), "predecessorStepId");
        UUID succ = InputChecks.present(in.successorStepId(), "successorStepId");
        if (pred.equals(succ)) {
            throw DomainException.invalid("successorStepId", "A step cannot depend on itself");
        }
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            StepRow p = StepDao.find(c, planId, pred).orElseThrow(() ->
                    AuthoringErrors.referenceMissing("predecessorStepId", "Step (of this plan)", pred));
            StepRow s = StepDao.find(c, planId, succ).orElseThrow(() ->
                    AuthoringErrors.referenceMissing("successorStepId", "Step (of this plan)", succ));
            if (DependencyDao.exists(c, pred, succ)) {
                throw AuthoringErrors.duplicate("successorStepId", s.code() + " already depends on " + p.code());
            }
            // The plan row is locked (PlanEdit), so no other writer can add an edge between this read and the insert.
            DependencyGraph<UUID> graph = new DependencyGraph<>();
            Map<UUID, String> codes = new HashMap<>();
            for (DependencyRow d : DependencyDao.list(c, planId)) {
                graph.addEdge(d.predecessorStepId(), d.successorStepId());
                codes.put(d.predecessorStepId(), d.predecessorCode());
                codes.put(d.successorStepId(), d.successorCode());
            }
            codes.put(pred, p.code());
            codes.put(succ, s.code());
            Optional<List<UUID>> cycle = graph.cycleIfAdded(pred, succ);
            if (cycle.isPresent()) {
                List<String> path = cycle.get().stream().map(codes::get).collect(Collectors.toList());
                throw new DomainException(ErrorKind.RULE_VIOLATION, "dependency_cycle", "This dependency would create a cycle: "
                        + String.join(" -> ", path), "successorStepId", Map.of("cycle", path));
            }
            DependencyDao.insert(c, planId, pred, succ);
            edit.record("dependency", "created", null, p.code() + " -> " + s.code(), null);
            return new DependencyRow(pred, p.code(), succ, s.code());
        }));
    }

    public void removeDependency(Caller caller, UUID planId, UUID pred, UUID succ, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            if (!DependencyDao.delete(c, planId, pred, succ)) {
                throw new DomainException(ErrorKind.NOT_FOUND, "not_found",
                        "Step " + succ + " does not depend on step " + pred + " in this plan");
            }
            edit.record("dependency", "deleted", null, code(c, pred) + " -> " + code(c, succ), null);
            return null;
        }));
    }

    private static String code(Connection c, UUID stepId) throws SQLException {
        return StepDao.code(c, stepId).orElse(String.valueOf(stepId));
    }

    // ------------------------------------------------------------------ helpers

    private static StepRow find(Connection c, UUID planId, UUID stepId) throws SQLException {
        return StepDao.find(c, planId, stepId).orElseThrow(() -> DomainException.notFound("Step", stepId));
    }

    private static StepValues values(StepInput in) {
        UUID chapterId = InputChecks.present(in.chapterId(), "chapterId");
        StepCode code = StepCode.parse(in.code(), "code");
        code.requireType(in.type(), "type");
        String title = InputChecks.required(in.title(), "title", 500);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        int minutes = InputChecks.range(in.plannedDurationMinutes(), "plannedDurationMinutes", 1, MAX_DURATION_MINUTES);
        return new StepValues(chapterId, code.value(), code.type(), title, description, in.ownerTeamId(), minutes,
                Boolean.TRUE.equals(in.goNoGo()));
    }

    private static void checkReferences(Connection c, UUID planId, UUID stepId, StepValues v, List<UUID> impacted)
            throws SQLException {
        if (ChapterDao.find(c, planId, v.chapterId()).isEmpty()) {
            throw AuthoringErrors.referenceMissing("chapterId", "Chapter (of this plan)", v.chapterId());
        }
        if (StepDao.codeTaken(c, planId, v.code(), stepId)) {
            throw AuthoringErrors.duplicate("code", "This plan already has a step " + v.code());
        }
        if (v.ownerTeamId() != null && TeamDao.find(c, v.ownerTeamId()).isEmpty()) {
            throw AuthoringErrors.referenceMissing("ownerTeamId", "Team", v.ownerTeamId());
        }
        if (impacted != null && TeamDao.countExisting(c, impacted.toArray(UUID[]::new)) != impacted.size()) {
            throw DomainException.invalid("impactedTeamIds", "impactedTeamIds names a team that does not exist");
        }
    }
}
