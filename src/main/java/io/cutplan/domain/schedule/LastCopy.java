package io.cutplan.domain.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * The last schedule copy into an iteration, kept so it can be undone: its source, its change version and when it
 * happened. {@code undoable} is false once a later schedule change committed (undo would lose that change).
 */
public record LastCopy(UUID fromIterationId, String fromIterationCode, long copyVersion, Instant copiedAt, boolean undoable) {
}
