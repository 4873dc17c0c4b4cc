package io.cutplan.domain.review;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the review of one iteration is computed from, as it was recorded: the iteration's planned window, its
 * chapters (with their chapter schedule), its step instances with their recorded times, the in-scope dependencies,
 * and from the event log the status moves, gate overrides and control failures; plus comments and review notes.
 * Nothing in here is a typed-in figure. {@code steps} is in plan order (ties are broken by it).
 */
public record ReviewInput(Iteration iteration, Instant asOf, List<Chapter> chapters, List<Step> steps, List<Link> links,
                          List<StatusChange> statusChanges, List<GateOverride> overrides, List<ControlFailure> controlFailures,
                          List<Comment> comments, List<Note> notes) {

    public ReviewInput {
        chapters = List.copyOf(chapters);
        steps = List.copyOf(steps);
        links = List.copyOf(links);
        statusChanges = List.copyOf(statusChanges);
        overrides = List.copyOf(overrides);
        controlFailures = List.copyOf(controlFailures);
        comments = List.copyOf(comments);
        notes = List.copyOf(notes);
    }

    public record Iteration(UUID id, String code, String name, String migrationCode, String migrationName,
                            IterationStatus status, Instant plannedStart, Instant plannedEnd) {
    }

    /** A chapter of the plan with this iteration's chapter schedule (both null when it has none). */
    public record Chapter(UUID id, String code, String name, UUID macroPhaseId, String macroPhaseName, int macroPhasePosition,
                          Instant scheduledStart, Instant scheduledEnd) {
    }

    /** One step instance; {@code startedAt} is its first start (a retry keeps it), {@code finishedAt} its last finish. */
    public record Step(UUID id, String code, String title, UUID chapterId, UUID teamId, String teamName, int plannedMinutes,
                       StepStatus status, Instant readyAt, Instant startedAt, Instant finishedAt, boolean gateOverridden) {
    }

    /** Predecessor -> successor, both step instance ids. */
    public record Link(UUID predecessor, UUID successor) {
    }

    /** A {@code STEP_STATUS_CHANGED} event. */
    public record StatusChange(UUID stepId, Instant at, StepStatus from, StepStatus to, String reason, String actor,
                               boolean automatic) {
    }

    /** A {@code STEP_GATE_OVERRIDDEN} event: who let a go/no-go pass with what still open. */
    public record GateOverride(UUID stepId, Instant at, String actor, String reason, int openTasks, List<String> unpassedControls) {
        public GateOverride {
            unpassedControls = unpassedControls == null ? List.of() : List.copyOf(unpassedControls);
        }
    }

    /** A {@code CONTROL_STATUS_CHANGED} event to FAILED, with the control and where it stands now. */
    public record ControlFailure(UUID controlId, String code, String title, boolean critical, Instant at, String actor,
                                 String note, ControlStatus currentStatus, UUID stepId) {
    }

    public record Comment(UUID stepId, Instant at, String author, String body) {
    }

    /** A review note: on the iteration ({@code stepId} null) or on one step instance. */
    public record Note(UUID stepId, String text, String author, Instant updatedAt) {
    }
}
