package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.service.authoring.AuthoringInputs.ChapterInput;
import io.cutplan.service.authoring.AuthoringInputs.MacroPhaseInput;
import io.cutplan.service.authoring.AuthoringInputs.PlanInput;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.ChapterDao;
import io.cutplan.store.authoring.ChapterDao.PlanChapterRow;
import io.cutplan.store.authoring.MacroPhaseDao;
import io.cutplan.store.authoring.MacroPhaseDao.MacroPhaseRow;
import io.cutplan.store.authoring.Page;
import io.cutplan.store.authoring.PlanDao;
import io.cutplan.store.authoring.PlanDao.PlanCounts;
import io.cutplan.store.authoring.PlanDao.PlanRow;
import io.cutplan.store.authoring.Positions;
import io.cutplan.store.authoring.Positions.Ordered;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Canonical plans and their upper structure: macro-phases and chapters. Administrators write; everyone reads. */
public final class PlanService {
    private final Database database;

    public PlanService(Database database) {
        this.database = database;
    }

    /** A plan with what it holds. */
    public record PlanView(UUID id, String code, String name, String description, long revision,
                           java.time.Instant createdAt, java.time.Instant updatedAt, boolean fourEyesOverride,
                           PlanCounts counts) {
        static PlanView of(PlanRow p, PlanCounts counts) {
            return new PlanView(p.id(), p.code(), p.name(), p.description(), p.revision(), p.createdAt(), p.updatedAt(),
                    p.fourEyesOverride(), counts);
        }
    }

    // ------------------------------------------------------------------ plans

    public Page<PlanRow> list(Integer offset, Integer limit) {
        int[] p = InputChecks.paging(offset, limit, 100, 1000);
        return database.transactor().readOnly(c -> PlanDao.page(c, p[0], p[1]));
    }

    public PlanView get(UUID id) {
        return database.transactor().readOnly(c -> view(c, id));
    }

    public PlanView create(Caller caller, PlanInput in) {
        caller.requireAdmin("create plans");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        return guarded(() -> database.transactor().inTransaction(c -> {
            if (PlanDao.codeTaken(c, code, null)) {
                throw AuthoringErrors.duplicate("code", "A plan with code '" + code + "' already exists");
            }
            UUID id = Ids.newId();
            PlanDao.insert(c, id, code, name, description);
            if (Boolean.TRUE.equals(in.fourEyesOverride())) {
                PlanDao.setFourEyesOverride(c, id, true);
            }
            PlanEdit.begin(c, caller, id, null).record("plan", "created", id, code, null);
            return view(c, id);
        }));
    }

    public PlanView update(Caller caller, UUID id, Long ifMatch, PlanInput in) {
        caller.requireAdmin("edit plans");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 200);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, id, ifMatch);
            PlanRow before = PlanDao.find(c, id).orElseThrow();
            if (PlanDao.codeTaken(c, code, id)) {
                throw AuthoringErrors.duplicate("code", "A plan with code '" + code + "' already exists");
            }
            PlanDao.update(c, id, code, name, description);
            boolean fourEyes = in.fourEyesOverride() == null ? before.fourEyesOverride() : in.fourEyesOverride();
            if (fourEyes != before.fourEyesOverride()) {
                PlanDao.setFourEyesOverride(c, id, fourEyes);
            }
            edit.record("plan", "updated", id, code, new AuditChanges().compare("code", before.code(), code)
                    .compare("name", before.name(), name).compare("description", before.description(), description)
                    .compare("fourEyesOverride", before.fourEyesOverride(), fourEyes).asMap());
            return view(c, id);
        }));
    }

    /** Deletes a plan and everything in it, unless an iteration executes it. */
    public void delete(Caller caller, UUID id, Long ifMatch) {
        caller.requireAdmin("delete plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, id, ifMatch);
            PlanCounts counts = PlanDao.counts(c, id);
            if (counts.iterations() > 0) {
                throw AuthoringErrors.inUse("The plan is executed by " + counts.iterations()
                        + " iteration(s); delete those iterations first", Map.of("iterations", counts.iterations()));
            }
            String code = PlanDao.find(c, id).orElseThrow().code();
            edit.record("plan", "deleted", id, code, null);
            PlanDao.delete(c, id);
            return null;
        }));
    }

    private static PlanView view(Connection c, UUID id) throws SQLException {
        PlanRow row = PlanDao.find(c, id).orElseThrow(() -> DomainException.notFound("Plan", id));
        return PlanView.of(row, PlanDao.counts(c, id));
    }

    static void requirePlan(Connection c, UUID planId) throws SQLException {
        if (PlanDao.find(c, planId).isEmpty()) {
            throw DomainException.notFound("Plan", planId);
        }
    }

    // ------------------------------------------------------------------ macro-phases

    public List<MacroPhaseRow> macroPhases(UUID planId) {
        return database.transactor().readOnly(c -> {
            requirePlan(c, planId);
            return MacroPhaseDao.list(c, planId);
        });
    }

    public MacroPhaseRow macroPhase(UUID planId, UUID id) {
        return database.transactor().readOnly(c -> findPhase(c, planId, id));
    }

    public MacroPhaseRow createMacroPhase(Caller caller, UUID planId, Long ifMatch, MacroPhaseInput in) {
        caller.requireAdmin("edit plans");
        String name = InputChecks.required(in.name(), "name", 200);
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            UUID id = Ids.newId();
            MacroPhaseDao.insert(c, id, planId, Positions.count(c, Ordered.MACRO_PHASES, planId), name);
            if (position != null) {
                Positions.place(c, Ordered.MACRO_PHASES, planId, id, position);
            }
            edit.record("macroPhase", "created", id, name, null);
            return findPhase(c, planId, id);
        }));
    }

    public MacroPhaseRow updateMacroPhase(Caller caller, UUID planId, UUID id, Long ifMatch, MacroPhaseInput in) {
        caller.requireAdmin("edit plans");
        String name = InputChecks.required(in.name(), "name", 200);
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            MacroPhaseRow before = findPhase(c, planId, id);
            MacroPhaseDao.rename(c, id, name);
            if (position != null) {
                Positions.place(c, Ordered.MACRO_PHASES, planId, id, position);
            }
            MacroPhaseRow after = findPhase(c, planId, id);
            edit.record("macroPhase", "updated", id, name, new AuditChanges().compare("name", before.name(), name)
                    .compare("position", before.position(), after.position()).asMap());
            return after;
        }));
    }

    /** Only an empty macro-phase may go: deleting chapters and steps is a decision to take one by one. */
    public void deleteMacroPhase(Caller caller, UUID planId, UUID id, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            MacroPhaseRow phase = findPhase(c, planId, id);
            if (phase.chapterCount() > 0) {
                throw new DomainException(ErrorKind.CONFLICT, "not_empty", "The macro-phase still has " + phase.chapterCount()
                        + " chapter(s); move or delete them first", null, Map.of("chapters", phase.chapterCount()));
            }
            MacroPhaseDao.delete(c, id);
            Positions.compact(c, Ordered.MACRO_PHASES, planId);
            edit.record("macroPhase", "deleted", id, phase.name(), null);
            return null;
        }));
    }

    private static MacroPhaseRow findPhase(Connection c, UUID planId, UUID id) throws SQLException {
        return MacroPhaseDao.find(c, planId, id).orElseThrow(() -> DomainException.notFound("Macro-phase", id));
    }

    // ------------------------------------------------------------------ chapters

    public List<PlanChapterRow> chapters(UUID planId, UUID macroPhaseId) {
        return database.transactor().readOnly(c -> {
            requirePlan(c, planId);
            return ChapterDao.list(c, planId, macroPhaseId);
        });
    }

    public PlanChapterRow chapter(UUID planId, UUID id) {
        return database.transactor().readOnly(c -> findChapter(c, planId, id));
    }

    public PlanChapterRow createChapter(Caller caller, UUID planId, Long ifMatch, ChapterInput in) {
        caller.requireAdmin("edit plans");
        UUID phaseId = InputChecks.present(in.macroPhaseId(), "macroPhaseId");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 300);
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            requirePhaseField(c, planId, phaseId);
            if (ChapterDao.codeTaken(c, planId, code, null)) {
                throw AuthoringErrors.duplicate("code", "This plan already has a chapter with code '" + code + "'");
            }
            UUID id = Ids.newId();
            ChapterDao.insert(c, id, planId, phaseId, Positions.count(c, Ordered.CHAPTERS, phaseId), code, name);
            if (position != null) {
                Positions.place(c, Ordered.CHAPTERS, phaseId, id, position);
            }
            edit.record("chapter", "created", id, code, null);
            return findChapter(c, planId, id);
        }));
    }

    public PlanChapterRow updateChapter(Caller caller, UUID planId, UUID id, Long ifMatch, ChapterInput in) {
        caller.requireAdmin("edit plans");
        UUID phaseId = InputChecks.present(in.macroPhaseId(), "macroPhaseId");
        String code = InputChecks.code(in.code(), "code");
        String name = InputChecks.required(in.name(), "name", 300);
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanChapterRow before = findChapter(c, planId, id);
            requirePhaseField(c, planId, phaseId);
            if (ChapterDao.codeTaken(c, planId, code, id)) {
                throw AuthoringErrors.duplicate("code", "This plan already has a chapter with code '" + code + "'");
            }
            boolean moved = !phaseId.equals(before.macroPhaseId());
            int tempPosition = moved ? Positions.count(c, Ordered.CHAPTERS, phaseId) : before.position();
            ChapterDao.update(c, id, phaseId, tempPosition, code, name);
            if (moved) {
                Positions.compact(c, Ordered.CHAPTERS, before.macroPhaseId());
            }
            if (moved || position != null) {
                Positions.place(c, Ordered.CHAPTERS, phaseId, id, position);
            }
            PlanChapterRow after = findChapter(c, planId, id);
            edit.record("chapter", "updated", id, code, new AuditChanges().compare("code", before.code(), code)
                    .compare("name", before.name(), name).compare("macroPhaseId", before.macroPhaseId(), phaseId)
                    .compare("position", before.position(), after.position()).asMap());
            return after;
        }));
    }

    public void deleteChapter(Caller caller, UUID planId, UUID id, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanChapterRow chapter = findChapter(c, planId, id);
            if (chapter.stepCount() > 0) {
                throw new DomainException(ErrorKind.CONFLICT, "not_empty", "The chapter still has " + chapter.stepCount()
                        + " step(s); move or delete them first", null, Map.of("steps", chapter.stepCount()));
            }
            if (ChapterDao.isScheduled(c, id)) {
                throw AuthoringErrors.inUse("The chapter is scheduled in an iteration; it cannot be deleted", Map.of());
            }
            ChapterDao.delete(c, id);
            Positions.compact(c, Ordered.CHAPTERS, chapter.macroPhaseId());
            edit.record("chapter", "deleted", id, chapter.code(), null);
            return null;
        }));
    }

    private static PlanChapterRow findChapter(Connection c, UUID planId, UUID id) throws SQLException {
        return ChapterDao.find(c, planId, id).orElseThrow(() -> DomainException.notFound("Chapter", id));
    }

    private static void requirePhaseField(Connection c, UUID planId, UUID phaseId) throws SQLException {
        if (MacroPhaseDao.find(c, planId, phaseId).isEmpty()) {
            throw AuthoringErrors.referenceMissing("macroPhaseId", "Macro-phase (of this plan)", phaseId);
        }
    }
}
