package io.cutplan.service.runbook;

import io.cutplan.domain.StepStatus;
import io.cutplan.store.StepInstanceDao.StepRow;
import java.time.Instant;
import java.util.UUID;

/** A step instance's mutable state, as returned by writes and in a 409's {@code details}. */
public record StepState(UUID id, String code, StepStatus status, StepStatus heldFrom, int version, Instant readyAt,
                        Instant startedAt, Instant finishedAt, boolean gateOverridden) {

    public static StepState of(StepRow r) {
        return new StepState(r.id(), r.code(), r.status(), r.heldFrom(), r.version(), r.readyAt(), r.startedAt(),
                r.finishedAt(), r.gateOverridden());
    }
}
