package io.cutplan.domain.history;

import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One step instance as it ran: canonical step, chapter, iteration, final (or current) status and actual times.
 *
 * @param readyAt   when it became ready (null: never, or not recorded)
 * @param notBefore its chapter's scheduled start in that iteration (null: none): a start held back by the schedule
 *                  on purpose is no delay
 */
public record StepRun(UUID stepId, UUID chapterId, UUID iterationId, StepStatus status, Instant readyAt, Instant notBefore,
                      Instant startedAt, Instant finishedAt, Integer plannedMinutes) {

    /** A run without the duration its iteration planned (read from its baseline; null: not known). */
    public StepRun(UUID stepId, UUID chapterId, UUID iterationId, StepStatus status, Instant readyAt, Instant notBefore,
                   Instant startedAt, Instant finishedAt) {
        this(stepId, chapterId, iterationId, status, readyAt, notBefore, startedAt, finishedAt, null);
    }

    /** A run without readiness facts (tests, callers that only need durations). */
    public StepRun(UUID stepId, UUID chapterId, UUID iterationId, StepStatus status, Instant startedAt, Instant finishedAt) {
        this(stepId, chapterId, iterationId, status, null, null, startedAt, finishedAt, null);
    }

    /**
     * Whether this run is a duration sample: DONE, with an actual start and an end not before it. A step retried
     * after FAILED keeps its first start, so its sample is the whole span, retries included.
     */
    public boolean isSample() {
        return status == StepStatus.DONE && startedAt != null && finishedAt != null && !finishedAt.isBefore(startedAt);
    }

    /** finishedAt - startedAt in whole seconds (truncated), or null when this run is not a sample. */
    public Long seconds() {
        return isSample() ? Duration.between(startedAt, finishedAt).getSeconds() : null;
    }

    /**
     * How long the step waited to be started once it could be: startedAt - the later of readyAt and its chapter's
     * scheduled start, in whole seconds, never negative; 0 when readiness was not recorded.
     */
    public long startDelaySeconds() {
        if (startedAt == null || readyAt == null) {
            return 0;
        }
        Instant could = notBefore != null && notBefore.isAfter(readyAt) ? notBefore : readyAt;
        return Math.max(0, Duration.between(could, startedAt).getSeconds());
    }
}
