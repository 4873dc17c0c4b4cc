package io.cutplan.store;

import io.cutplan.domain.EventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One {@code event_log} row. Links are null where they do not apply. */
public record EventRecord(
        UUID id,
        Instant occurredAt,
        EventType type,
        UUID actorId,
        String actorName,
        UUID iterationId,
        UUID stepInstanceId,
        UUID taskInstanceId,
        UUID controlId,
        UUID commentId,
        Long changeVersion,
        Map<String, Object> details) {

    public EventRecord {
        details = details == null ? Map.of() : details;
    }
}
