package io.cutplan.domain.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The forecast of one iteration at one instant: when every unfinished step is expected to start and end, what that
 * means for each chapter, macro-phase and the iteration's window, the critical path, and which steps need attention.
 * Field names are the ones the REST API sends ({@code GET /iterations/{id}/forecast}).
 *
 * @param computedAt          the {@code now} of the input
 * @param iteration           the iteration as a whole
 * @param macroPhases         in plan order
 * @param chapters            in plan order
 * @param criticalPath        step instance ids of the chain that decides the forecast end, first to last
 * @param steps               every in-scope step, keyed by step instance id
 * @param stepsWithoutDuration steps whose planned duration is missing or 0 (counted as 0), in plan order
 */
public record Forecast(Instant computedAt, IterationForecast iteration, List<GroupForecast> macroPhases,
                       List<GroupForecast> chapters, List<UUID> criticalPath, Map<UUID, StepForecast> steps,
                       List<UUID> stepsWithoutDuration) {

    /**
     * @param plannedStart       the iteration's planned start
     * @param plannedEnd         the baseline end of the plan (latest baseline end of any step)
     * @param windowEnd          the iteration's planned end (the window)
     * @param forecastEnd        when the last step is expected to end (actual end once every step is finished)
     * @param varianceMinutes    forecastEnd - plannedEnd, in whole minutes (negative: ahead of plan)
     * @param overWindowMinutes  forecastEnd - windowEnd, in whole minutes (negative: inside the window)
     * @param finished           every step is DONE, SKIPPED or CANCELLED
     */
    public record IterationForecast(Instant plannedStart, Instant plannedEnd, Instant windowEnd, Instant forecastEnd,
                                    long varianceMinutes, long overWindowMinutes, boolean finished) {
    }

    /** A chapter or macro-phase. {@code critical}: at least one of its steps is on the critical path. */
    public record GroupForecast(UUID id, Instant plannedStart, Instant plannedEnd, Instant forecastStart,
                                Instant forecastEnd, long varianceMinutes, boolean critical) {
    }

    /**
     * One step.
     *
     * @param floatMinutes  total float of an unfinished step (null for a finished one)
     * @param lateness      null when the step needs no attention
     * @param delayMinutes  minutes this step currently adds to the iteration's end (0 off the critical path)
     */
    public record StepForecast(UUID id, Instant forecastStart, Instant forecastEnd, Long floatMinutes, boolean critical,
                               Lateness lateness, long delayMinutes) {
    }

    public record Lateness(LatenessKind kind, long minutes, String reason) {
    }

    public enum LatenessKind {
        /** Running past its planned duration. */
        OVERRUNNING,
        /** Ready or pending, and its forecast start is past its planned start. */
        LATE_START,
        /** Finished after its planned end (history, never "late now"). */
        LATE_FINISH
    }
}
