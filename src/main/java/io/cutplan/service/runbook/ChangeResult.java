package io.cutplan.service.runbook;

import java.util.List;

/**
 * What a write answers: the iteration's new change version, the current state of every step the change moved
 * (the one asked for first, then automatic consequences), the task / control / comment it changed where that
 * applies, and the events it recorded. {@code pendingOverride}: only on a four-eyes override request (answered 202),
 * the request that now waits for a second pilot.
 */
public record ChangeResult(long version, List<StepState> steps, TaskState task, ControlState control,
                           CommentView comment, List<EventView> events, RunbookViews.PendingOverride pendingOverride) {

    public ChangeResult(long version, List<StepState> steps, TaskState task, ControlState control, CommentView comment,
                        List<EventView> events) {
        this(version, steps, task, control, comment, events, null);
    }
}
