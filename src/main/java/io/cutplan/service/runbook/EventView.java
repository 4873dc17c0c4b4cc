package io.cutplan.service.runbook;

import io.cutplan.store.EventRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event as the API shows it. {@code stepId} and {@code taskId} are instance ids; {@code controlId} is the
 * canonical control id (controls have no per-iteration id).
 */
public record EventView(UUID id, Long version, Instant occurredAt, String type, UUID actorId, String actorName,
                        UUID stepId, UUID taskId, UUID controlId, UUID commentId, Map<String, Object> details) {

    public static EventView of(EventRecord e) {
        return new EventView(e.id(), e.changeVersion(), e.occurredAt(), e.type().name(), e.actorId(), e.actorName(),
                e.stepInstanceId(), e.taskInstanceId(), e.controlId(), e.commentId(), e.details());
    }
}
