package io.cutplan.api;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.StepStatus;

/** Request bodies of the runbook writes. Unknown fields and wrong types are refused by {@link JsonBodyProvider}. */
public final class RunbookBodies {
    private RunbookBodies() {
    }

    /** {@code POST /iterations/{id}/steps/{stepId}/transitions}. */
    public record Transition(StepStatus to, Integer expectedVersion, String reason, Boolean override) {
    }

    /** {@code POST /iterations/{id}/steps/{stepId}/override-confirmation}; the body and its version are optional. */
    public record OverrideConfirmation(Integer expectedVersion) {
    }

    /** {@code POST /iterations/{id}/steps/{stepId}/override-rejection}; a reason is required. */
    public record OverrideRejection(String reason, Integer expectedVersion) {
    }

    /** {@code POST /iterations/{id}/tasks/{taskId}/completion}. */
    public record Completion(Boolean done, Integer expectedVersion) {
    }

    /** {@code PUT /iterations/{id}/controls/{controlId}}; expectedVersion is optional here. */
    public record ControlOutcome(ControlStatus status, String note, Integer expectedVersion) {
    }

    /** {@code POST /iterations/{id}/steps/{stepId}/comments}. */
    public record Comment(String body) {
    }
}
