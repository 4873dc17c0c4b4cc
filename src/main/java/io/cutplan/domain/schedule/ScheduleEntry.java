package io.cutplan.domain.schedule;

import java.time.Instant;
import java.util.UUID;

/** One requested planning change: the chapter's planned window, or both times null to remove its plan. */
public record ScheduleEntry(UUID chapterId, Instant plannedStart, Instant plannedEnd) {

    public boolean clears() {
        return plannedStart == null && plannedEnd == null;
    }
}
