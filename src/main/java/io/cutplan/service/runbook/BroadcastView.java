package io.cutplan.service.runbook;

import io.cutplan.store.EventRecord;
import java.time.Instant;
import java.util.UUID;

/**
 * One broadcast as the API, the dashboard snapshot ({@code latestBroadcast}) and the delta feed show it: a
 * {@code BROADCAST_POSTED} event. {@code id} is the event's id, {@code version} its change version, {@code postedBy}
 * the name of who posted it ({@code system} for the automatic hourly summary), {@code nextUpdateAt} null when none
 * was announced.
 */
public record BroadcastView(UUID id, long version, String text, String postedBy, Instant postedAt, Instant nextUpdateAt,
                            boolean automatic) {

    public static BroadcastView of(EventRecord e) {
        Object text = e.details().get("text");
        Object next = e.details().get("nextUpdateAt");
        Instant nextUpdate = null;
        if (next != null) {
            try {
                nextUpdate = Instant.parse(next.toString());
            } catch (java.time.format.DateTimeParseException ignored) {
                // Written by this service as an ISO instant; anything else shows as no announced update.
            }
        }
        return new BroadcastView(e.id(), e.changeVersion() == null ? 0 : e.changeVersion(), text == null ? "" : text.toString(),
                e.actorName(), e.occurredAt(), nextUpdate, Boolean.TRUE.equals(e.details().get("automatic")));
    }
}
