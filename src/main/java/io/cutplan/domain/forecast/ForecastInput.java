package io.cutplan.domain.forecast;

import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the forecast of one iteration depends on, read in one consistent snapshot: the in-scope steps with
 * their baseline (planned) slot and what actually happened to them, the dependencies between them, the chapters'
 * schedules and the clock. Pure data: no SQL, no HTTP.
 *
 * @param now             the instant the forecast is made at; a running step overruns as this moves
 * @param plannedStart    the iteration's planned start (nothing starts before it)
 * @param windowEnd       the iteration's planned end: the window the cutover must finish in
 * @param steps           every in-scope step instance, in plan order (the order breaks ties deterministically)
 * @param dependencies    predecessor to successor, both in-scope step instance ids
 * @param chapters        every chapter that has at least one in-scope step, in plan order
 */
public record ForecastInput(Instant now, Instant plannedStart, Instant windowEnd, List<StepFacts> steps,
                            List<Dependency> dependencies, List<ChapterFacts> chapters) {

    public ForecastInput {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(plannedStart, "plannedStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        steps = List.copyOf(steps);
        dependencies = List.copyOf(dependencies);
        chapters = List.copyOf(chapters);
    }

    /**
     * One step instance.
     *
     * @param plannedMinutes  the plan's duration (baseline; null or 0 counts 0 and is listed as without duration)
     * @param basisMinutes    the duration the forecast uses for work not yet done: the plan's, or the learned one
     * @param plannedStart    baseline start from {@code io.cutplan.domain.PlannedSchedule} (what the runsheet shows)
     * @param plannedEnd      baseline end, likewise
     */
    public record StepFacts(UUID id, UUID chapterId, StepStatus status, StepStatus heldFrom, Integer plannedMinutes,
                            int basisMinutes, Instant plannedStart, Instant plannedEnd, Instant readyAt,
                            Instant startedAt, Instant finishedAt) {
        public StepFacts {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(chapterId, "chapterId");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Predecessor -> successor, both step instance ids. */
    public record Dependency(UUID predecessor, UUID successor) {
    }

    /**
     * One chapter: its macro-phase and, when the pilots planned it, its scheduled window for this iteration. A
     * chapter's steps never start before {@code scheduledStart}; the chapter's planned end is {@code scheduledEnd}
     * when set, else the latest baseline end of its steps.
     */
    public record ChapterFacts(UUID id, UUID macroPhaseId, Instant scheduledStart, Instant scheduledEnd) {
        public ChapterFacts {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(macroPhaseId, "macroPhaseId");
        }
    }

    /** Convenience for callers that hold a map. */
    public static Map<UUID, StepFacts> byId(List<StepFacts> steps) {
        Map<UUID, StepFacts> m = new java.util.HashMap<>();
        for (StepFacts s : steps) {
            m.put(s.id(), s);
        }
        return m;
    }
}
