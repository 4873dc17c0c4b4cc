package io.cutplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cutplan.domain.schedule.ScheduledChapter;
import io.cutplan.domain.schedule.ChapterTiming;
import io.cutplan.domain.schedule.ScheduleView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of {@code GET /iterations/{id}/schedule}. Absent times are written as explicit nulls (not left
 * out as elsewhere), so the planning view can tell "not planned" from a missing field.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScheduleJson(UUID iterationId, String iterationCode, String iterationName, String iterationStatus,
                           UUID migrationId, String migrationCode, String migrationName, UUID planId,
                           Instant windowStart, Instant windowEnd, long changeVersion, long scheduleVersion,
                           boolean canEdit, Instant asOf, List<Chapter> chapters, LastCopy lastCopy) {

    /** The last schedule copy into this iteration (kept for its undo); {@code undoable} false once edited since. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LastCopy(UUID fromIterationId, String fromIterationCode, long copyVersion, Instant copiedAt,
                           boolean undoable) {
    }

    /** The result of {@code POST .../schedule/copy-undo}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UndoResult(int restored, int cleared, String fromIterationCode, ScheduleJson schedule) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Chapter(UUID chapterId, String chapterCode, String chapterName, int chapterPosition,
                          UUID macroPhaseId, String macroPhaseName, int macroPhasePosition,
                          int stepCount, long estimatedMinutes,
                          Instant plannedStart, Instant plannedEnd, Long plannedMinutes,
                          Instant actualStart, Instant actualEnd, Long actualMinutes, String state,
                          Long startVarianceMinutes, Long varianceMinutes, boolean late, Long changedInVersion) {
    }

    /** The result of {@code POST .../schedule/copy}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CopyResult(int copied, long offsetMinutes, List<UUID> skippedChapterIds, ScheduleJson schedule) {
    }

    public static ScheduleJson of(ScheduleView v, boolean canEdit, Instant now) {
        List<Chapter> chapters = v.chapters().stream().map(c -> chapter(c, now)).toList();
        return new ScheduleJson(v.iterationId(), v.iterationCode(), v.iterationName(), v.iterationStatus(), v.migrationId(),
                v.migrationCode(), v.migrationName(), v.planId(), v.window().start(), v.window().end(), v.changeVersion(),
                v.scheduleVersion(), canEdit, now, chapters, v.lastCopy() == null ? null
                        : new LastCopy(v.lastCopy().fromIterationId(), v.lastCopy().fromIterationCode(),
                                v.lastCopy().copyVersion(), v.lastCopy().copiedAt(), v.lastCopy().undoable()));
    }

    private static Chapter chapter(ScheduledChapter c, Instant now) {
        ChapterTiming t = c.timing();
        return new Chapter(c.chapterId(), c.chapterCode(), c.chapterName(), c.chapterPosition(), c.macroPhaseId(),
                c.macroPhaseName(), c.macroPhasePosition(), c.stepCount(), c.estimatedMinutes(),
                t.plannedStart(), t.plannedEnd(), t.plannedMinutes(), t.actualStart(), t.actualEnd(), t.actualMinutes(),
                t.state().name(), t.startVarianceMinutes(), t.endVarianceMinutes(), t.lateAt(now), c.changedInVersion());
    }
}
