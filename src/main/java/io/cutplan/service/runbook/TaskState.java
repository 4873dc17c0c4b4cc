package io.cutplan.service.runbook;

import io.cutplan.domain.TaskStatus;
import io.cutplan.store.TaskInstanceDao.TaskInstanceRow;
import java.time.Instant;
import java.util.UUID;

/** A task instance's mutable state (writes and 409 details). */
public record TaskState(UUID id, UUID stepId, String title, TaskStatus status, Instant completedAt, UUID completedBy,
                        int version) {

    public static TaskState of(TaskInstanceRow r) {
        return new TaskState(r.id(), r.stepInstanceId(), r.title(), r.status(), r.completedAt(), r.completedBy(), r.version());
    }
}
