package io.cutplan.domain.history;

import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.UUID;

/** One step instance as it ran: canonical step, chapter, iteration, final (or current) status and actual times. */
public record StepRun(UUID stepId, UUID chapterId, UUID iterationId, StepStatus status, Instant startedAt, Instant finishedAt) {

    /**
     * Whether this run is a duration sample: DONE, with an actual start and an end not before it. A step retried
     * after FAILED keeps its first start, so its sample is the whole span, retries included.
     */
    public boolean isSample() {
        return status == StepStatus.DONE && startedAt != null && finishedAt != null && !finishedAt.isBefore(startedAt);
    }

    /** finishedAt - startedAt in whole seconds (truncated), or null when this run is not a sample. */
    public Long seconds() {
        return isSample() ? java.time.Duration.between(startedAt, finishedAt).getSeconds() : null;
    }
}
