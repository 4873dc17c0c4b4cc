package io.cutplan.service.runbook;

import io.cutplan.domain.Caller;
import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.Text;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.ExecutionPolicy;
import io.cutplan.domain.FourEyes;
import io.cutplan.domain.GateCheck;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.StepTransitions;
import io.cutplan.domain.TaskStatus;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.store.CommentDao;
import io.cutplan.store.ControlStatusDao;
import io.cutplan.store.ControlStatusDao.ControlOutcomeRow;
import io.cutplan.store.Database;
import io.cutplan.store.EventRecord;
import io.cutplan.store.GateOverrideDao;
import io.cutplan.store.IterationStateDao;
import io.cutplan.store.ReadinessDao;
import io.cutplan.store.StepInstanceDao;
import io.cutplan.store.StepInstanceDao.Moved;
import io.cutplan.store.StepInstanceDao.StepRow;
import io.cutplan.store.TaskInstanceDao;
import io.cutplan.store.TaskInstanceDao.TaskInstanceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The runbook engine: every write to a running iteration. Each call is one transaction that first takes the
 * iteration's change lock ({@link IterationChange}), so writers to one iteration apply one after the other, the
 * iteration's version rises exactly once per call, and the automatic consequences (successors becoming READY or
 * going back to PENDING, the iteration starting or completing) commit together with the change that caused them,
 * each with its own event.
 */
public final class RunbookService {
    public static final int MAX_REASON = 2000;
    public static final int MAX_NOTE = 4000;
    public static final int MAX_COMMENT = 8000;
    private static final int EXCERPT = 140;
    /** Steps whose tasks may be ticked: reachable and not finished. */
    private static final Set<StepStatus> TASKS_OPEN_IN =
            EnumSet.of(StepStatus.READY, StepStatus.IN_PROGRESS, StepStatus.ON_HOLD, StepStatus.FAILED);

    private final Database database;
    private final List<EventListener> listeners;

    public RunbookService(Database database, List<EventListener> listeners) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
    }

    // ------------------------------------------------------------------ steps

    public ChangeResult transition(Caller caller, UUID iterationId, UUID stepInstanceId, TransitionCommand cmd) {
        caller.requireKnown("change a step's status");
        if (cmd.to() == null) {
            throw DomainException.invalid("to", "'to' is required: the status to move the step to");
        }
        if (cmd.expectedVersion() == null) {
            throw DomainException.invalid("expectedVersion", "'expectedVersion' is required: the step version you saw");
        }
        String reason = trimToNull(cmd.reason(), "reason");
        if (reason != null && reason.length() > MAX_REASON) {
            throw DomainException.invalid("reason", "'reason' is longer than " + MAX_REASON + " characters");
        }
        if (cmd.override() && cmd.to() != StepStatus.DONE) {
            throw DomainException.invalid("override", "'override' only applies to a move to DONE");
        }
        if (cmd.override() && !ExecutionPolicy.mayOverrideGate(caller)) {
            throw DomainException.forbidden("Only pilots may override a step's go/no-go gate");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireOpenIteration(c, iterationId);
            StepRow step = StepInstanceDao.find(c, iterationId, stepInstanceId)
                    .orElseThrow(() -> DomainException.notFound("Step", stepInstanceId));
            if (step.version() != cmd.expectedVersion()) {
                throw DomainException.stale("Step " + step.code() + " changed since you saw it (version "
                        + cmd.expectedVersion() + ", now " + step.version() + ", " + step.status() + ")", StepState.of(step, caller));
            }
            StepTransitions.Rule rule = StepTransitions.manualRule(step.status(), step.heldFrom(), cmd.to())
                    .orElseThrow(() -> notAllowed(caller, step, cmd.to()));
            if (!ExecutionPolicy.mayApply(caller, rule, step.ownerTeamId())) {
                throw DomainException.forbidden(rule.who() == StepTransitions.Who.PILOT
                        ? "Only pilots may move a step from " + step.status() + " to " + cmd.to()
                        : "Only members of the team owning step " + step.code() + ", or pilots, may move it");
            }
            if (rule.reasonRequired() && reason == null) {
                throw DomainException.invalid("reason", "A reason is required to move a step from " + step.status()
                        + " to " + cmd.to());
            }
            boolean overridden = false;
            if (cmd.to() == StepStatus.DONE) {
                GateCheck gate = StepInstanceDao.gate(c, iterationId, step.id());
                if (gate.blocked()) {
                    if (!cmd.override()) {
                        throw new DomainException(ErrorKind.RULE_VIOLATION, "gate_blocked",
                                "Step " + step.code() + " cannot be DONE: " + gate.describe()
                                        + (ExecutionPolicy.mayOverrideGate(caller) ? " (a pilot may override with a reason)" : ""),
                                null, gateDetails(gate));
                    }
                    if (reason == null) {
                        throw DomainException.invalid("reason", "Overriding the go/no-go gate needs a reason");
                    }
                    Optional<GateOverrideDao.PendingRow> pending = GateOverrideDao.pending(c, step.id());
                    FourEyes.OverrideOutcome outcome = FourEyes.onOverride(GateOverrideDao.fourEyes(c, iterationId),
                            pending.isPresent(), pending.map(GateOverrideDao.PendingRow::requestedBy).orElse(null),
                            pending.map(GateOverrideDao.PendingRow::requestedByName).orElse(null), caller, step.code());
                    if (outcome == FourEyes.OverrideOutcome.REQUEST) {
                        return requestOverride(c, change, caller, step, gate, reason);
                    }
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("stepCode", step.code());
                    d.put("reason", reason);
                    d.put("openTasks", gate.openTasks());
                    d.put("unpassedControls", gate.unpassedControls());
                    change.event(EventType.STEP_GATE_OVERRIDDEN).step(step.id()).details(d).record();
                    overridden = true;
                }
            }
            // Any move of the step (a single override, a plain DONE once the gate opened, a hold, a failure) settles a
            // four-eyes request that was still waiting.
            GateOverrideDao.clear(c, step.id(), caller.userId());
            StepRow moved = StepInstanceDao.applyMove(c, step, cmd.to(), caller.userId(), overridden, change.version());
            recordStatusChange(change, step.id(), step.code(), step.status(), cmd.to(), reason, false, overridden);
            List<StepState> steps = new ArrayList<>();
            steps.add(StepState.of(moved, caller));
            if (mayChangeReadiness(step.status(), cmd.to())) {
                steps.addAll(consequences(c, change, caller));
            }
            updateIterationStatus(c, change, cmd.to() == StepStatus.IN_PROGRESS);
            return new ChangeResult(change.version(), steps, null, null, null, views(change));
        });
    }

    /**
     * Four-eyes, first pilot: the request is recorded with its reason, the step stays where it is (IN_PROGRESS) and
     * its version rises; a GATE_OVERRIDE_REQUESTED event says what was open.
     */
    private ChangeResult requestOverride(Connection c, IterationChange change, Caller caller, StepRow step, GateCheck gate,
                                         String reason) throws SQLException {
        GateOverrideDao.PendingRow req = GateOverrideDao.request(c, change.iterationId(), step.id(), caller.userId(),
                caller.displayName(), reason);
        GateOverrideDao.bumpStep(c, step.id(), caller.userId(), change.version());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stepCode", step.code());
        d.put("reason", reason);
        d.put("openTasks", gate.openTasks());
        d.put("unpassedControls", gate.unpassedControls());
        change.event(EventType.GATE_OVERRIDE_REQUESTED).step(step.id()).details(d).record();
        StepRow after = StepInstanceDao.find(c, change.iterationId(), step.id()).orElseThrow();
        return new ChangeResult(change.version(), List.of(StepState.of(after, caller)), null, null, null, views(change),
                RunbookQueries.pendingView(req, gateView(gate)));
    }

    /**
     * Four-eyes, second pilot: a different pilot confirms the pending override request, which completes the step as a
     * single override does (STEP_GATE_OVERRIDDEN naming both pilots, then the move to DONE and its consequences).
     * Two confirmations at once complete it once: the iteration's change lock orders them and the second finds no
     * request pending. {@code expectedVersion} is optional.
     */
    public ChangeResult confirmOverride(Caller caller, UUID iterationId, UUID stepInstanceId, Integer expectedVersion) {
        caller.requireKnown("confirm a gate override");
        if (!ExecutionPolicy.mayOverrideGate(caller)) {
            throw DomainException.forbidden("Only pilots may confirm a go/no-go gate override");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireOpenIteration(c, iterationId);
            StepRow step = lockedStep(c, iterationId, stepInstanceId, expectedVersion, caller);
            GateOverrideDao.PendingRow req = GateOverrideDao.pending(c, step.id())
                    .orElseThrow(() -> noPending(step));
            FourEyes.requireSecondPilot(req.requestedBy(), caller, step.code());
            StepTransitions.manualRule(step.status(), step.heldFrom(), StepStatus.DONE)
                    .orElseThrow(() -> notAllowed(caller, step, StepStatus.DONE));
            GateCheck gate = StepInstanceDao.gate(c, iterationId, step.id());
            GateOverrideDao.decide(c, req.id(), "CONFIRMED", caller.userId(), null);
            boolean overridden = gate.blocked();
            if (overridden) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("stepCode", step.code());
                d.put("reason", req.reason());
                d.put("openTasks", gate.openTasks());
                d.put("unpassedControls", gate.unpassedControls());
                d.put("fourEyes", true);
                d.put("requestedBy", person(req.requestedBy(), req.requestedByName()));
                d.put("requestedAt", req.requestedAt().toString());
                d.put("confirmedBy", person(caller.userId(), caller.displayName()));
                change.event(EventType.STEP_GATE_OVERRIDDEN).step(step.id()).details(d).record();
            }
            StepRow moved = StepInstanceDao.applyMove(c, step, StepStatus.DONE, caller.userId(), overridden, change.version());
            recordStatusChange(change, step.id(), step.code(), step.status(), StepStatus.DONE, req.reason(), false, overridden);
            List<StepState> steps = new ArrayList<>();
            steps.add(StepState.of(moved, caller));
            steps.addAll(consequences(c, change, caller));
            updateIterationStatus(c, change, false);
            return new ChangeResult(change.version(), steps, null, null, null, views(change));
        });
    }

    /**
     * A pilot rejects the pending override request with a reason (its requester may withdraw it the same way): the
     * request is closed, the step stays where it is, and GATE_OVERRIDE_REJECTED records who and why.
     */
    public ChangeResult rejectOverride(Caller caller, UUID iterationId, UUID stepInstanceId, String reasonText,
                                       Integer expectedVersion) {
        caller.requireKnown("reject a gate override");
        if (!ExecutionPolicy.mayOverrideGate(caller)) {
            throw DomainException.forbidden("Only pilots may reject a go/no-go gate override");
        }
        String reason = trimToNull(reasonText, "reason");
        if (reason == null) {
            throw DomainException.invalid("reason", "A reason is required to reject a gate override");
        }
        if (reason.length() > MAX_REASON) {
            throw DomainException.invalid("reason", "'reason' is longer than " + MAX_REASON + " characters");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireOpenIteration(c, iterationId);
            StepRow step = lockedStep(c, iterationId, stepInstanceId, expectedVersion, caller);
            GateOverrideDao.PendingRow req = GateOverrideDao.pending(c, step.id())
                    .orElseThrow(() -> noPending(step));
            GateOverrideDao.decide(c, req.id(), "REJECTED", caller.userId(), reason);
            GateOverrideDao.bumpStep(c, step.id(), caller.userId(), change.version());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("stepCode", step.code());
            d.put("reason", reason);
            d.put("requestedBy", person(req.requestedBy(), req.requestedByName()));
            d.put("requestReason", req.reason());
            d.put("withdrawn", req.requestedBy() != null && req.requestedBy().equals(caller.userId()));
            change.event(EventType.GATE_OVERRIDE_REJECTED).step(step.id()).details(d).record();
            StepRow after = StepInstanceDao.find(c, iterationId, step.id()).orElseThrow();
            return new ChangeResult(change.version(), List.of(StepState.of(after, caller)), null, null, null, views(change));
        });
    }

    private static StepRow lockedStep(Connection c, UUID iterationId, UUID stepInstanceId, Integer expectedVersion,
                                      Caller caller) throws SQLException {
        StepRow step = StepInstanceDao.find(c, iterationId, stepInstanceId)
                .orElseThrow(() -> DomainException.notFound("Step", stepInstanceId));
        if (expectedVersion != null && step.version() != expectedVersion) {
            throw DomainException.stale("Step " + step.code() + " changed since you saw it (version "
                    + expectedVersion + ", now " + step.version() + ", " + step.status() + ")", StepState.of(step, caller));
        }
        return step;
    }

    private static DomainException noPending(StepRow step) {
        return DomainException.rule("no_override_pending", "Step " + step.code() + " has no gate override waiting for a "
                + "second pilot (it is " + step.status() + ")");
    }

    private static Map<String, Object> person(UUID id, String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id == null ? null : id.toString());
        p.put("name", name);
        return p;
    }

    private static RunbookViews.Gate gateView(GateCheck gate) {
        return new RunbookViews.Gate(gate.openTasks(), gate.unpassedControls(), gate.blocked());
    }

    /**
     * The automatic moves the change causes anywhere in the iteration (successors released or held back, a restored
     * step's own readiness), by the one readiness rule ({@link ReadinessDao#settle}), each recorded as automatic.
     */
    private List<StepState> consequences(Connection c, IterationChange change, Caller caller) throws SQLException {
        List<Moved> moves = ReadinessDao.settle(c, change.iterationId(), change.version(), false);
        List<StepState> out = new ArrayList<>();
        for (Moved m : moves) {
            recordStatusChange(change, m.id(), m.code(), m.from(), m.to(), null, true, false);
            out.add(StepState.of(StepInstanceDao.find(c, change.iterationId(), m.id()).orElseThrow(), caller));
        }
        return out;
    }

    /** Statuses that neither settle nor release anything, and that settle never moves a step out of (once settled). */
    private static final Set<StepStatus> WORKING =
            EnumSet.of(StepStatus.READY, StepStatus.IN_PROGRESS, StepStatus.FAILED, StepStatus.ON_HOLD);

    /**
     * Whether a move can change what is READY: anything into or out of DONE, SKIPPED, CANCELLED or PENDING. A move
     * between READY, IN_PROGRESS, FAILED and ON_HOLD changes no step's release (none of them releases or settles),
     * and the moved step itself needs nothing (READY or ON_HOLD from READY with a predecessor that does not release
     * cannot exist after a settle), so the settle is left out there.
     */
    static boolean mayChangeReadiness(StepStatus from, StepStatus to) {
        return !(WORKING.contains(from) && WORKING.contains(to));
    }

    private static void recordStatusChange(IterationChange change, UUID stepInstanceId, String code, StepStatus from,
                                           StepStatus to, String reason, boolean automatic, boolean override)
            throws SQLException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stepCode", code);
        d.put("from", from.name());
        d.put("to", to.name());
        if (reason != null) {
            d.put("reason", reason);
        }
        d.put("automatic", automatic);
        d.put("override", override);
        change.event(EventType.STEP_STATUS_CHANGED).step(stepInstanceId).details(d).record();
    }

    /**
     * The iteration follows its steps: the first start moves it PLANNED -> IN_PROGRESS; once every step is DONE,
     * SKIPPED or CANCELLED it is COMPLETED; a reopen or restore in a COMPLETED iteration makes it IN_PROGRESS again.
     */
    private static void updateIterationStatus(Connection c, IterationChange change, boolean started) throws SQLException {
        IterationStatus current = IterationStateDao.status(c, change.iterationId()).orElseThrow();
        StepInstanceDao.StepCounts p = StepInstanceDao.progress(c, change.iterationId());
        IterationStatus next = current;
        if (p.total() > 0 && p.unfinished() == 0) {
            next = IterationStatus.COMPLETED;
        } else if (current == IterationStatus.COMPLETED || (current == IterationStatus.PLANNED && started)) {
            next = IterationStatus.IN_PROGRESS;
        }
        if (next != current) {
            IterationStateDao.setStatus(c, change.iterationId(), next);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("field", "status");
            d.put("from", current.name());
            d.put("to", next.name());
            d.put("automatic", true);
            change.event(EventType.ITERATION_UPDATED).details(d).record();
        }
    }

    private static DomainException notAllowed(Caller caller, StepRow step, StepStatus to) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("from", step.status().name());
        d.put("to", to.name());
        d.put("allowed", ExecutionPolicy.allowedTargets(caller, step.status(), step.heldFrom(), step.ownerTeamId()));
        d.put("current", StepState.of(step, caller));
        String why = to == StepStatus.READY && step.status() == StepStatus.PENDING
                ? "; a step becomes READY on its own once every predecessor is DONE, or SKIPPED with its own predecessors finished"
                : step.status() == StepStatus.ON_HOLD ? "; a step on hold goes back to " + step.heldFrom() : "";
        return new DomainException(ErrorKind.RULE_VIOLATION, "transition_not_allowed",
                "Step " + step.code() + " cannot move from " + step.status() + " to " + to + why, "to", d);
    }

    private static Map<String, Object> gateDetails(GateCheck gate) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("openTasks", gate.openTasks());
        d.put("unpassedControls", gate.unpassedControls());
        return d;
    }

    // ------------------------------------------------------------------ tasks

    public ChangeResult setTaskDone(Caller caller, UUID iterationId, UUID taskInstanceId, Boolean done, Integer expectedVersion) {
        caller.requireKnown("complete or reopen a task");
        if (done == null) {
            throw DomainException.invalid("done", "'done' is required: true to complete the task, false to reopen it");
        }
        if (expectedVersion == null) {
            throw DomainException.invalid("expectedVersion", "'expectedVersion' is required: the task version you saw");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireOpenIteration(c, iterationId);
            TaskInstanceRow task = TaskInstanceDao.find(c, iterationId, taskInstanceId)
                    .orElseThrow(() -> DomainException.notFound("Task", taskInstanceId));
            if (task.version() != expectedVersion) {
                throw DomainException.stale("Task '" + task.title() + "' changed since you saw it (version " + expectedVersion
                        + ", now " + task.version() + ")", TaskState.of(task));
            }
            if (!ExecutionPolicy.mayToggleTask(caller, task.assignedTeamId(), task.nominatedUserId(), task.stepOwnerTeamId())) {
                throw DomainException.forbidden("Only the task's assigned team, its nominated user or pilots may tick it");
            }
            if (!TASKS_OPEN_IN.contains(task.stepStatus())) {
                throw DomainException.rule("step_not_active", "Tasks of step " + task.stepCode() + " cannot change while it is "
                        + task.stepStatus() + (task.stepStatus() == StepStatus.DONE ? "; a pilot may reopen the step" : ""));
            }
            TaskStatus target = done ? TaskStatus.DONE : TaskStatus.OPEN;
            if (task.status() == target) {
                throw DomainException.rule("no_change", "Task '" + task.title() + "' is already " + target);
            }
            TaskInstanceDao.setDone(c, task.id(), done, caller.userId(), change.version());
            StepInstanceDao.touch(c, task.stepInstanceId(), change.version());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("stepCode", task.stepCode());
            d.put("taskTitle", task.title());
            change.event(done ? EventType.TASK_COMPLETED : EventType.TASK_REOPENED)
                    .task(task.id()).step(task.stepInstanceId()).details(d).record();
            TaskInstanceRow after = TaskInstanceDao.find(c, iterationId, taskInstanceId).orElseThrow();
            return new ChangeResult(change.version(), List.of(), TaskState.of(after), null, null, views(change));
        });
    }

    // ------------------------------------------------------------------ controls

    public ChangeResult setControl(Caller caller, UUID iterationId, UUID controlId, ControlStatus status, String note,
                                   Integer expectedVersion) {
        caller.requireKnown("record a control's outcome");
        if (status == null || status == ControlStatus.PENDING) {
            throw DomainException.invalid("status", "'status' must be PASSED or FAILED");
        }
        String cleanNote = trimToNull(note, "note");
        if (cleanNote != null && cleanNote.length() > MAX_NOTE) {
            throw DomainException.invalid("note", "'note' is longer than " + MAX_NOTE + " characters");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireOpenIteration(c, iterationId);
            ControlOutcomeRow row = ControlStatusDao.find(c, iterationId, controlId)
                    .orElseThrow(() -> DomainException.notFound("Control", controlId));
            if (expectedVersion != null && row.version() != expectedVersion) {
                throw DomainException.stale("Control " + row.code() + " changed since you saw it (version " + expectedVersion
                        + ", now " + row.version() + ")", ControlState.of(row));
            }
            if (!ExecutionPolicy.maySetControl(caller, ControlStatusDao.involvedTeams(c, iterationId, controlId))) {
                throw DomainException.forbidden("Only teams working on tasks linked to control " + row.code()
                        + ", or pilots, may record its outcome");
            }
            ControlStatusDao.set(c, iterationId, controlId, status, cleanNote, caller.userId(), change.version());
            ControlStatusDao.touchLinkedSteps(c, iterationId, controlId, change.version());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("controlCode", row.code());
            d.put("from", row.status().name());
            d.put("to", status.name());
            if (cleanNote != null) {
                d.put("note", cleanNote);
            }
            d.put("critical", row.critical());
            change.event(EventType.CONTROL_STATUS_CHANGED).control(controlId).details(d).record();
            ControlOutcomeRow after = ControlStatusDao.find(c, iterationId, controlId).orElseThrow();
            return new ChangeResult(change.version(), List.of(), null, ControlState.of(after), null, views(change));
        });
    }

    // ------------------------------------------------------------------ comments

    public ChangeResult addComment(Caller caller, UUID iterationId, UUID stepInstanceId, String body) {
        if (!ExecutionPolicy.canComment(caller)) {
            caller.requireKnown("comment");
        }
        // A bidi control would reorder what others read; only NBSP or zero-width characters is no comment.
        Text.requireNoBidiControls(body, "body");
        String text = Text.visiblyBlank(body) ? null : Text.stripInvisible(body);
        if (text == null) {
            throw DomainException.invalid("body", body == null || body.isEmpty() ? "'body' is required"
                    : "'body' is required (it holds only white space or invisible characters)");
        }
        if (text.length() > MAX_COMMENT) {
            throw DomainException.invalid("body", "'body' is longer than " + MAX_COMMENT + " characters");
        }
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            StepRow step = StepInstanceDao.find(c, iterationId, stepInstanceId)
                    .orElseThrow(() -> DomainException.notFound("Step", stepInstanceId));
            CommentDao.CommentRow row = CommentDao.insert(c, iterationId, step.id(), caller.userId(), caller.displayName(), text,
                    change.version());
            StepInstanceDao.touch(c, step.id(), change.version());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("stepCode", step.code());
            d.put("excerpt", text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text);
            change.event(EventType.COMMENT_ADDED).step(step.id()).comment(row.id()).details(d).record();
            return new ChangeResult(change.version(), List.of(), null, null, CommentView.of(row), views(change));
        });
    }

    // ------------------------------------------------------------------ shared

    /** A cancelled iteration is closed: its steps, tasks and controls no longer change (comments still may). */
    private static void requireOpenIteration(Connection c, UUID iterationId) throws SQLException {
        IterationStatus status = IterationStateDao.status(c, iterationId)
                .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
        if (status == IterationStatus.CANCELLED) {
            throw DomainException.rule("iteration_cancelled", "This iteration is cancelled; nothing in it can change");
        }
    }

    private static List<EventView> views(IterationChange change) {
        List<EventView> out = new ArrayList<>();
        for (EventRecord e : change.recorded()) {
            out.add(EventView.of(e));
        }
        return out;
    }

    /** Optional free text: invisible-only is none; a bidi control is refused naming the field. */
    private static String trimToNull(String s, String field) {
        Text.requireNoBidiControls(s, field);
        return Text.visiblyBlank(s) ? null : Text.stripInvisible(s);
    }
}
