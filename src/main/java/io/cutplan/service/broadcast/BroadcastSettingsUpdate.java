package io.cutplan.service.broadcast;

import java.util.List;

/**
 * The body of {@code PUT /iterations/{id}/broadcast-settings}: {@code stakeholders} (required, may be empty, at most
 * 200 plain addresses) and {@code hourlySummary} (required). Nothing else is accepted.
 */
public record BroadcastSettingsUpdate(List<String> stakeholders, Boolean hourlySummary) {
}
