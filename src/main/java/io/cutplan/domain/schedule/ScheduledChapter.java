package io.cutplan.domain.schedule;

import java.util.UUID;

/**
 * One chapter of an iteration's plan that has steps in scope, with its planned and actual times.
 *
 * @param stepCount         in-scope steps of the chapter
 * @param estimatedMinutes  sum of those steps' planned durations (a hint for planning, not the plan)
 * @param changedInVersion  the iteration change version that last set its plan, or null when unplanned
 */
public record ScheduledChapter(UUID chapterId, String chapterCode, String chapterName, int chapterPosition,
                         UUID macroPhaseId, String macroPhaseName, int macroPhasePosition,
                         int stepCount, long estimatedMinutes, ChapterTiming timing, Long changedInVersion) {
}
