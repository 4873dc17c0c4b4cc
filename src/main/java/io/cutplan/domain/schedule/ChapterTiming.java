package io.cutplan.domain.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Planned and actual times of one chapter in one iteration, and what follows from them. The actual start is
 * the earliest start of the chapter's step instances; the chapter only has an actual end once every one of
 * its steps is finished (DONE, SKIPPED or CANCELLED), and then it is the latest finish among them.
 *
 * @param plannedStart  from chapter_schedules, or null when the chapter is not planned
 * @param plannedEnd    from chapter_schedules, or null when the chapter is not planned
 * @param firstStarted  earliest started_at of its step instances, or null when none has started
 * @param lastFinished  latest finished_at of its step instances, or null when none has finished
 * @param allFinished   whether every in-scope step of the chapter is DONE, SKIPPED or CANCELLED
 */
public record ChapterTiming(Instant plannedStart, Instant plannedEnd, Instant firstStarted, Instant lastFinished,
                            boolean allFinished) {

    /** Where the chapter stands in the run. */
    public enum State {
        NOT_STARTED,
        IN_PROGRESS,
        FINISHED
    }

    public boolean planned() {
        return plannedStart != null && plannedEnd != null;
    }

    public Long plannedMinutes() {
        return planned() ? minutesBetween(plannedStart, plannedEnd) : null;
    }

    public Instant actualStart() {
        return firstStarted;
    }

    /** Only once every step is finished: a chapter whose last step is still running has no end yet. */
    public Instant actualEnd() {
        return allFinished ? lastFinished : null;
    }

    public Long actualMinutes() {
        Instant end = actualEnd();
        return firstStarted != null && end != null ? minutesBetween(firstStarted, end) : null;
    }

    public State state() {
        if (allFinished && (lastFinished != null || firstStarted != null)) {
            return State.FINISHED;
        }
        return firstStarted == null && lastFinished == null ? State.NOT_STARTED : State.IN_PROGRESS;
    }

    /** Actual end minus planned end, in whole minutes: positive is late, negative early; null until both exist. */
    public Long endVarianceMinutes() {
        Instant end = actualEnd();
        return end != null && plannedEnd != null ? minutesBetween(plannedEnd, end) : null;
    }

    /** Actual start minus planned start, in whole minutes: positive is late; null until both exist. */
    public Long startVarianceMinutes() {
        return firstStarted != null && plannedStart != null ? minutesBetween(plannedStart, firstStarted) : null;
    }

    /** Planned to be over by {@code now} but not finished yet. */
    public boolean lateAt(Instant now) {
        return plannedEnd != null && actualEnd() == null && now.isAfter(plannedEnd);
    }

    /** Whole minutes, rounded towards zero, so 59 seconds late is on time and never "-0". */
    static long minutesBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes();
    }
}
