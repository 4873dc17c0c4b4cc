package io.cutplan.service.authoring;

import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.IterationType;
import io.cutplan.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON bodies of the authoring API. Create and update take the same shape (PUT replaces every editable
 * field); on update, a list field left out ({@code null}) keeps the current list, and {@code position} left
 * out keeps the current place.
 */
public final class AuthoringInputs {
    private AuthoringInputs() {
    }

    /** {@code fourEyesOverride}: left out = false on create, unchanged on update. */
    public record PlanInput(String code, String name, String description, Boolean fourEyesOverride) {
    }

    public record MacroPhaseInput(String name, Integer position) {
    }

    public record ChapterInput(UUID macroPhaseId, String code, String name, Integer position) {
    }

    public record StepInput(UUID chapterId, String code, String type, String title, String description, UUID ownerTeamId,
                            List<UUID> impactedTeamIds, Integer plannedDurationMinutes, Boolean goNoGo, Integer position) {
    }

    public record TaskInput(UUID stepId, String title, String description, UUID assignedTeamId, UUID nominatedUserId,
                            List<UUID> controlIds, Integer position) {
    }

    public record ControlInput(String code, String title, String description, Boolean critical) {
    }

    public record DependencyInput(UUID predecessorStepId, UUID successorStepId) {
    }

    /** {@code hostGroup}: the host group the team's membership follows (Confluence only); null or blank: kept in Cutplan. */
    public record TeamInput(String code, String name, String email, String hostGroup) {
        public TeamInput(String code, String name, String email) {
            this(code, name, email, null);
        }
    }

    public record UserInput(String username, String displayName, String email, Role role, Boolean active, List<UUID> teamIds) {
    }

    public record MigrationInput(String code, String name, String description) {
    }

    public record IterationInput(UUID planId, String code, String name, IterationType type, Instant plannedStart,
                                 Instant plannedEnd, List<UUID> scope) {
    }

    public record IterationUpdate(String name, Instant plannedStart, Instant plannedEnd, IterationStatus status) {
    }
}
