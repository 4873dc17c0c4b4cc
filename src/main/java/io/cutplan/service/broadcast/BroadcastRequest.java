package io.cutplan.service.broadcast;

/**
 * {@code POST /iterations/{id}/broadcasts}: {@code text} (required) and {@code nextUpdateAt} (optional ISO-8601
 * instant such as {@code 2027-03-28T02:00:00Z}, in the future).
 */
public record BroadcastRequest(String text, String nextUpdateAt) {
}
