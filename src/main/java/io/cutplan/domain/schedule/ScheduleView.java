package io.cutplan.domain.schedule;

import java.util.List;
import java.util.UUID;

/** An iteration's schedule: its identity and window, and every chapter with steps in scope, in plan order;
 * {@code lastCopy} is the last schedule copy into it, kept for its undo (null when there is none). */
public record ScheduleView(UUID iterationId, String iterationCode, String iterationName, String iterationStatus,
                           UUID migrationId, String migrationCode, String migrationName, UUID planId,
                           Window window, long changeVersion, long scheduleVersion,
                           List<ScheduledChapter> chapters, LastCopy lastCopy) {

    public ScheduleView {
        chapters = List.copyOf(chapters);
    }

    /** A schedule with no undoable copy on record. */
    public ScheduleView(UUID iterationId, String iterationCode, String iterationName, String iterationStatus,
                        UUID migrationId, String migrationCode, String migrationName, UUID planId,
                        Window window, long changeVersion, long scheduleVersion, List<ScheduledChapter> chapters) {
        this(iterationId, iterationCode, iterationName, iterationStatus, migrationId, migrationCode, migrationName, planId,
                window, changeVersion, scheduleVersion, chapters, null);
    }

    /** Whether any step has started: only then does a table show actual times. */
    public boolean hasRun() {
        return chapters.stream().anyMatch(c -> c.timing().actualStart() != null || c.timing().actualEnd() != null);
    }
}
