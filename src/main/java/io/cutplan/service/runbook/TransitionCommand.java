package io.cutplan.service.runbook;

import io.cutplan.domain.StepStatus;

/** A person's request to move a step: target, the version they saw, why, and whether to override the gate. */
public record TransitionCommand(StepStatus to, Integer expectedVersion, String reason, boolean override) {
}
