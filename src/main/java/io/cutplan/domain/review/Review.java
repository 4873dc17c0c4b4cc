package io.cutplan.domain.review;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The review of one iteration (see docs/review.md): planned against actual for the iteration, each macro-phase,
 * chapter and step; where the time went (the as-run critical path and what each of its steps added to the end);
 * overruns by team; failures, holds, skips and cancels, gate overrides, failed controls; comments and the lessons
 * (review notes). Minutes are whole minutes, rounded toward zero; a variance is actual minus planned (positive: late
 * or longer). For a running iteration ({@code complete} false) it is the review so far, as of {@code asOf}.
 */
public record Review(Head iteration, Timing timing, Counts counts, List<PhaseRow> macroPhases, List<ChapterRow> chapters,
                     Chain delayChain, List<ChainLink> topDelays, List<TeamRow> teams, List<Failure> failures,
                     List<Hold> holds, List<Closure> skipsAndCancels, List<GateOverride> overrides,
                     List<FailedControl> failedControls, List<CommentRow> comments, Lessons lessons, List<StepRow> steps) {

    public record Head(UUID id, String code, String name, String migrationCode, String migrationName, IterationStatus status,
                       boolean complete, Instant asOf) {
    }

    /**
     * Planned against actual. {@code actualEnd} only once everything is finished ({@code finished}); until then
     * {@code lastFinishedAt} is the latest finish so far. {@code endVarianceMinutes} = actualEnd - plannedEnd.
     */
    public record Timing(Instant plannedStart, Instant plannedEnd, Long plannedMinutes, Instant actualStart, Instant actualEnd,
                         Instant lastFinishedAt, Long actualMinutes, Long startVarianceMinutes, Long endVarianceMinutes,
                         Long durationVarianceMinutes, boolean finished) {
    }

    /**
     * The iteration's figures. Its planned end (in {@code timing}) is the plan's own end, as the forecast's: the latest
     * planned end of any step (planned durations through the dependencies from the planned start, never before a
     * chapter's scheduled start). {@code overrunMinutes} = actual end - that planned end (null until finished);
     * {@code windowEnd} is the iteration's planned window end and {@code overWindowMinutes} = actual end - windowEnd.
     */
    public record Counts(int steps, int finished, int done, int skipped, int cancelled, int running, int failedSteps,
                         int retriedSteps, int holds, int overrides, int failedControls, int comments, Long overrunMinutes,
                         Instant windowEnd, Long overWindowMinutes) {
    }

    /** How a step is named everywhere in the review. */
    public record StepRef(UUID id, String code, String title, String chapterCode, String team) {
    }

    public record PhaseRow(UUID id, String name, int position, int chapters, int steps, Timing timing, long delayMinutes) {
    }

    /** {@code chainSteps}/{@code delayMinutes}: its steps on the delay chain and what they added to the end. */
    public record ChapterRow(UUID id, String code, String name, UUID macroPhaseId, String macroPhaseName, int steps,
                             int finishedSteps, Timing timing, int chainSteps, long delayMinutes) {
    }

    /**
     * The as-run critical path, first step first: from the last step to finish, back through the predecessor whose
     * finish let each step start. {@code plannedMinutes}: the chain's planned durations; {@code spanMinutes}: from
     * when its first step could start to when its last one finished; {@code delayMinutes} = span - planned, which
     * the links' {@code delayMinutes} add up to (each rounded to the nearest minute, so up to rounding).
     */
    public record Chain(List<ChainLink> links, long plannedMinutes, long spanMinutes, long delayMinutes) {
    }

    /**
     * One step of the delay chain. {@code couldStartAt}: when its predecessor on the chain finished (the first step:
     * when it was ready, not before the planned start of the iteration). {@code waitMinutes} = startedAt -
     * couldStartAt (holds included), {@code delayMinutes} = wait + actual - planned: what it added to the end. The
     * chain's figures are rounded to the nearest minute (the others toward zero).
     * {@code wholeSpan}: it failed and was retried, and its actual minutes count the whole span.
     */
    public record ChainLink(StepRef step, UUID predecessorId, Instant couldStartAt, Instant readyAt, Instant startedAt,
                            Instant finishedAt, int plannedMinutes, long waitMinutes, long actualMinutes, long holdMinutes,
                            boolean wholeSpan, long delayMinutes) {
    }

    /**
     * Per owning team: {@code overrunMinutes} sums what its steps ran over their planned durations (steps faster than
     * planned do not offset it), {@code delayMinutes} what its steps on the delay chain added to the end.
     */
    public record TeamRow(UUID id, String name, int steps, int overrunSteps, long plannedMinutes, long actualMinutes,
                          long overrunMinutes, int chainSteps, long delayMinutes) {
    }

    public record Event(Instant at, String actor, String reason) {
    }

    /**
     * A step that failed at least once; {@code retries} counts its restarts after FAILED. {@code spanMinutes} is its
     * whole span from first start to final finish (failure and retry included, {@code wholeSpan}).
     */
    public record Failure(StepRef step, StepStatus status, List<Event> failed, int retries, Long spanMinutes, boolean wholeSpan) {
    }

    /** A time on hold: {@code releasedAt} null and {@code ongoing} while it still is (minutes counted up to asOf). */
    public record Hold(StepRef step, StepStatus heldFrom, Instant heldAt, String heldBy, String reason, Instant releasedAt,
                       String releasedBy, long minutes, boolean ongoing) {
    }

    /** A step skipped or cancelled, with the reason given. */
    public record Closure(StepRef step, StepStatus status, Instant at, String actor, String reason) {
    }

    /** A go/no-go gate passed with work still open. */
    public record GateOverride(StepRef step, Instant at, String actor, String reason, int openTasks, List<String> unpassedControls) {
    }

    public record FailedControl(UUID id, String code, String title, boolean critical, Instant failedAt, String actor,
                                String note, ControlStatus currentStatus, StepRef step) {
    }

    public record CommentRow(StepRef step, Instant at, String author, String body) {
    }

    /** The review notes: one on the iteration (null if none) and one per step that has one. */
    public record Lessons(Note iteration, List<Note> steps) {
    }

    public record Note(StepRef step, String text, String author, Instant updatedAt) {
    }

    /**
     * One step: planned slot (the plan's forward pass) against recorded times. {@code actualMinutes} = finishedAt -
     * startedAt for a finished step, up to asOf for a running one ({@code running}); {@code wholeSpan} when it failed
     * and was retried. {@code onChain}: on the delay chain ({@code delayMinutes} then says what it added).
     */
    public record StepRow(StepRef step, StepStatus status, int plannedMinutes, Instant plannedStart, Instant plannedEnd,
                          Instant readyAt, Instant startedAt, Instant finishedAt, Long actualMinutes,
                          Long durationVarianceMinutes, Long endVarianceMinutes, Long waitMinutes, long holdMinutes,
                          int failures, int retries, boolean wholeSpan, boolean running, boolean onChain, Long delayMinutes,
                          String note) {
    }
}
