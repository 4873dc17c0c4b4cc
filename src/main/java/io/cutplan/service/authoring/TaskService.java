package io.cutplan.service.authoring;

import static io.cutplan.service.authoring.AuthoringErrors.guarded;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.service.authoring.AuthoringInputs.ControlInput;
import io.cutplan.service.authoring.AuthoringInputs.TaskInput;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.authoring.ControlDao;
import io.cutplan.store.authoring.ControlDao.PlanControlRow;
import io.cutplan.store.authoring.DirectoryUserDao;
import io.cutplan.store.authoring.Positions;
import io.cutplan.store.authoring.Positions.Ordered;
import io.cutplan.store.authoring.StepDao;
import io.cutplan.store.authoring.TaskDao;
import io.cutplan.store.authoring.TaskDao.PlanTaskRow;
import io.cutplan.store.authoring.TeamDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Canonical tasks (ordered within a step), controls, and the links between them. */
public final class TaskService {
    private final Database database;

    public TaskService(Database database) {
        this.database = database;
    }

    // ------------------------------------------------------------------ tasks

    public List<PlanTaskRow> tasks(UUID planId, UUID stepId) {
        return database.transactor().readOnly(c -> {
            requireStep(c, planId, stepId, null);
            return TaskDao.listByStep(c, stepId);
        });
    }

    public PlanTaskRow task(UUID planId, UUID taskId) {
        return database.transactor().readOnly(c -> find(c, planId, taskId));
    }

    /** Creates a task in the step named by the path (the body's stepId, if any, must agree). */
    public PlanTaskRow createTask(Caller caller, UUID planId, UUID stepId, Long ifMatch, TaskInput in) {
        caller.requireAdmin("edit plans");
        if (in.stepId() != null && !in.stepId().equals(stepId)) {
            throw DomainException.invalid("stepId", "stepId differs from the step in the path; leave it out");
        }
        String title = InputChecks.required(in.title(), "title", 500);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        List<UUID> controls = InputChecks.ids(in.controlIds(), "controlIds");
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            requireStep(c, planId, stepId, null);
            checkReferences(c, planId, in, controls);
            UUID id = Ids.newId();
            TaskDao.insert(c, id, stepId, Positions.count(c, Ordered.TASKS, stepId), title, description,
                    in.assignedTeamId(), in.nominatedUserId());
            if (position != null) {
                Positions.place(c, Ordered.TASKS, stepId, id, position);
            }
            if (controls != null) {
                for (UUID control : controls) {
                    TaskDao.link(c, id, control);
                }
            }
            edit.record("task", "created", id, title, null);
            return find(c, planId, id);
        }));
    }

    /** Replaces a task's fields; {@code stepId} moves it to another step of the plan. */
    public PlanTaskRow updateTask(Caller caller, UUID planId, UUID taskId, Long ifMatch, TaskInput in) {
        caller.requireAdmin("edit plans");
        String title = InputChecks.required(in.title(), "title", 500);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        List<UUID> controls = InputChecks.ids(in.controlIds(), "controlIds");
        Integer position = InputChecks.position(in.position(), "position");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanTaskRow before = find(c, planId, taskId);
            UUID stepId = in.stepId() == null ? before.stepId() : in.stepId();
            requireStep(c, planId, stepId, "stepId");
            checkReferences(c, planId, in, controls);
            boolean moved = !stepId.equals(before.stepId());
            TaskDao.update(c, taskId, stepId, moved ? Positions.count(c, Ordered.TASKS, stepId) : before.position(), title,
                    description, in.assignedTeamId(), in.nominatedUserId());
            if (moved) {
                Positions.compact(c, Ordered.TASKS, before.stepId());
            }
            if (moved || position != null) {
                Positions.place(c, Ordered.TASKS, stepId, taskId, position);
            }
            if (controls != null) {
                Set<UUID> wanted = new HashSet<>(controls);
                for (UUID old : before.controlIds()) {
                    if (!wanted.contains(old)) {
                        TaskDao.unlink(c, taskId, old);
                    }
                }
                for (UUID control : controls) {
                    TaskDao.link(c, taskId, control);
                }
            }
            PlanTaskRow after = find(c, planId, taskId);
            edit.record("task", "updated", taskId, title, new AuditChanges().compare("title", before.title(), after.title())
                    .compare("description", before.description(), after.description())
                    .compare("stepId", before.stepId(), after.stepId()).compare("position", before.position(), after.position())
                    .compare("assignedTeamId", before.assignedTeamId(), after.assignedTeamId())
                    .compare("nominatedUserId", before.nominatedUserId(), after.nominatedUserId())
                    .compare("controlIds", before.controlIds(), after.controlIds()).asMap());
            return after;
        }));
    }

    public void deleteTask(Caller caller, UUID planId, UUID taskId, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanTaskRow task = find(c, planId, taskId);
            // Iterations keep their own copy (baseline) of the task; a PLANNED one drops it when refreshed.
            TaskDao.delete(c, taskId);
            Positions.compact(c, Ordered.TASKS, task.stepId());
            edit.record("task", "deleted", taskId, task.title(), null);
            return null;
        }));
    }

    /** Links a control to a task (idempotent). */
    public PlanTaskRow link(Caller caller, UUID planId, UUID taskId, UUID controlId, Long ifMatch) {
        caller.requireAdmin("edit plans");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanTaskRow task = find(c, planId, taskId);
            PlanControlRow control = findControl(c, planId, controlId);
            if (TaskDao.link(c, taskId, controlId)) {
                edit.record("taskControl", "created", taskId, task.title() + " / " + control.code(), null);
            }
            return find(c, planId, taskId);
        }));
    }

    public PlanTaskRow unlink(Caller caller, UUID planId, UUID taskId, UUID controlId, Long ifMatch) {
        caller.requireAdmin("edit plans");
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanTaskRow task = find(c, planId, taskId);
            PlanControlRow control = findControl(c, planId, controlId);
            if (!TaskDao.unlink(c, taskId, controlId)) {
                throw new DomainException(ErrorKind.NOT_FOUND, "not_found", "Control " + control.code() + " is not linked to this task");
            }
            edit.record("taskControl", "deleted", taskId, task.title() + " / " + control.code(), null);
            return find(c, planId, taskId);
        }));
    }

    // ------------------------------------------------------------------ controls

    public List<PlanControlRow> controls(UUID planId) {
        return database.transactor().readOnly(c -> {
            PlanService.requirePlan(c, planId);
            return ControlDao.list(c, planId);
        });
    }

    public PlanControlRow control(UUID planId, UUID controlId) {
        return database.transactor().readOnly(c -> findControl(c, planId, controlId));
    }

    public PlanControlRow createControl(Caller caller, UUID planId, Long ifMatch, ControlInput in) {
        caller.requireAdmin("edit plans");
        String code = InputChecks.code(in.code(), "code");
        String title = InputChecks.required(in.title(), "title", 500);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        boolean critical = Boolean.TRUE.equals(in.critical());
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            if (ControlDao.codeTaken(c, planId, code, null)) {
                throw AuthoringErrors.duplicate("code", "This plan already has a control " + code);
            }
            UUID id = Ids.newId();
            ControlDao.insert(c, id, planId, code, title, description, critical);
            edit.record("control", "created", id, code, null);
            return findControl(c, planId, id);
        }));
    }

    public PlanControlRow updateControl(Caller caller, UUID planId, UUID controlId, Long ifMatch, ControlInput in) {
        caller.requireAdmin("edit plans");
        String code = InputChecks.code(in.code(), "code");
        String title = InputChecks.required(in.title(), "title", 500);
        String description = InputChecks.optional(in.description(), "description", InputChecks.MAX_DESCRIPTION);
        boolean critical = Boolean.TRUE.equals(in.critical());
        return guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanControlRow before = findControl(c, planId, controlId);
            if (ControlDao.codeTaken(c, planId, code, controlId)) {
                throw AuthoringErrors.duplicate("code", "This plan already has a control " + code);
            }
            ControlDao.update(c, controlId, code, title, description, critical);
            edit.record("control", "updated", controlId, code, new AuditChanges().compare("code", before.code(), code)
                    .compare("title", before.title(), title).compare("description", before.description(), description)
                    .compare("critical", before.critical(), critical).asMap());
            return findControl(c, planId, controlId);
        }));
    }

    /** Iterations keep their own copy of the control and its results; a PLANNED one drops it when refreshed. */
    public void deleteControl(Caller caller, UUID planId, UUID controlId, Long ifMatch) {
        caller.requireAdmin("edit plans");
        guarded(() -> database.transactor().inTransaction(c -> {
            PlanEdit edit = PlanEdit.begin(c, caller, planId, ifMatch);
            PlanControlRow control = findControl(c, planId, controlId);
            ControlDao.delete(c, controlId);
            edit.record("control", "deleted", controlId, control.code(), null);
            return null;
        }));
    }

    // ------------------------------------------------------------------ helpers

    private static PlanTaskRow find(Connection c, UUID planId, UUID taskId) throws SQLException {
        return TaskDao.find(c, planId, taskId).orElseThrow(() -> DomainException.notFound("Task", taskId));
    }

    private static PlanControlRow findControl(Connection c, UUID planId, UUID controlId) throws SQLException {
        return ControlDao.find(c, planId, controlId).orElseThrow(() -> DomainException.notFound("Control", controlId));
    }

    private static void requireStep(Connection c, UUID planId, UUID stepId, String field) throws SQLException {
        if (StepDao.find(c, planId, stepId).isEmpty()) {
            throw field == null ? DomainException.notFound("Step", stepId)
                    : AuthoringErrors.referenceMissing(field, "Step (of this plan)", stepId);
        }
    }

    private static void checkReferences(Connection c, UUID planId, TaskInput in, List<UUID> controls) throws SQLException {
        if (in.assignedTeamId() != null && TeamDao.find(c, in.assignedTeamId()).isEmpty()) {
            throw AuthoringErrors.referenceMissing("assignedTeamId", "Team", in.assignedTeamId());
        }
        if (in.nominatedUserId() != null && DirectoryUserDao.find(c, in.nominatedUserId()).isEmpty()) {
            throw AuthoringErrors.referenceMissing("nominatedUserId", "User", in.nominatedUserId());
        }
        if (controls != null) {
            for (UUID control : controls) {
                if (ControlDao.find(c, planId, control).isEmpty()) {
                    throw AuthoringErrors.referenceMissing("controlIds", "Control (of this plan)", control);
                }
            }
        }
    }
}
