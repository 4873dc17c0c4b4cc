package io.cutplan.service.runbook;

import io.cutplan.domain.ControlStatus;
import io.cutplan.store.ControlStatusDao.ControlOutcomeRow;
import java.time.Instant;
import java.util.UUID;

/** A control's state in one iteration (writes and 409 details). */
public record ControlState(UUID id, String code, String title, boolean critical, ControlStatus status, String note,
                           Instant setAt, UUID setBy, int version) {

    public static ControlState of(ControlOutcomeRow r) {
        return new ControlState(r.controlId(), r.code(), r.title(), r.critical(), r.status(), r.note(), r.setAt(), r.setBy(),
                r.version());
    }
}
