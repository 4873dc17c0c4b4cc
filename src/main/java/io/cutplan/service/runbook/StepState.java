package io.cutplan.service.runbook;

import io.cutplan.domain.Caller;
import io.cutplan.domain.ExecutionPolicy;
import io.cutplan.domain.StepStatus;
import io.cutplan.store.StepInstanceDao.StepRow;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A step instance's mutable state, as returned by writes and in a 409's {@code details}. It carries the moves the
 * caller may make now ({@code allowedTransitions}, the same rule as the dashboard's step records), so a page can
 * apply a write's answer or a conflict to its row and panel without asking again.
 */
public record StepState(UUID id, String code, StepStatus status, StepStatus heldFrom, int version, Instant readyAt,
                        Instant startedAt, Instant finishedAt, boolean gateOverridden,
                        Set<StepStatus> allowedTransitions) {

    public static StepState of(StepRow r, Caller caller) {
        return new StepState(r.id(), r.code(), r.status(), r.heldFrom(), r.version(), r.readyAt(), r.startedAt(),
                r.finishedAt(), r.gateOverridden(),
                ExecutionPolicy.allowedTargets(caller, r.status(), r.heldFrom(), r.ownerTeamId()));
    }
}
