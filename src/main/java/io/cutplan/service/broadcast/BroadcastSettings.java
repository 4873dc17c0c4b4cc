package io.cutplan.service.broadcast;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET/PUT /iterations/{id}/broadcast-settings}. Stakeholder addresses are personal data: pilots and
 * administrators get the list, every other reader only {@code stakeholderCount} ({@code stakeholders} null).
 * A PUT body is a {@link BroadcastSettingsUpdate}.
 */
public record BroadcastSettings(List<String> stakeholders, Integer stakeholderCount, Boolean hourlySummary,
                                Instant updatedAt) {
}
