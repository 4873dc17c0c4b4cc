package io.cutplan.service.broadcast;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET/PUT /iterations/{id}/broadcast-settings}. Stakeholder addresses are personal data: pilots and
 * administrators get the list, every other reader only {@code stakeholderCount} ({@code stakeholders} null).
 * A PUT body carries {@code stakeholders} (required, may be empty) and {@code hourlySummary} (required); the other
 * fields are ignored on input.
 */
public record BroadcastSettings(List<String> stakeholders, Integer stakeholderCount, Boolean hourlySummary,
                                Instant updatedAt) {
}
