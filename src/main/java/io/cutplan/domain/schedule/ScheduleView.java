package io.cutplan.domain.schedule;

import java.util.List;
import java.util.UUID;

/** An iteration's schedule: its identity and window, and every chapter with steps in scope, in plan order. */
public record ScheduleView(UUID iterationId, String iterationCode, String iterationName, String iterationStatus,
                           UUID migrationId, String migrationCode, String migrationName, UUID planId,
                           Window window, long changeVersion, long scheduleVersion,
                           List<ScheduledChapter> chapters) {

    public ScheduleView {
        chapters = List.copyOf(chapters);
    }

    /** Whether any step has started: only then does a table show actual times. */
    public boolean hasRun() {
        return chapters.stream().anyMatch(c -> c.timing().actualStart() != null || c.timing().actualEnd() != null);
    }
}
