package io.cutplan.domain.forecast;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.forecast.Forecast.Lateness;
import io.cutplan.domain.forecast.Forecast.LatenessKind;

/**
 * Which kind of lateness a step has, if any: at most one, in whole minutes (at least 1; less than a minute is not
 * late), with a one-line reason a cutover manager can read aloud. See {@code docs/forecast.md}.
 * <ul>
 *   <li>DONE after its planned end: {@code LATE_FINISH} (history: it needs no attention now).</li>
 *   <li>SKIPPED or CANCELLED: never late.</li>
 *   <li>Started and not finished (IN_PROGRESS; ON_HOLD or FAILED after a start): {@code OVERRUNNING} once the time
 *       since its first start exceeds its planned duration.</li>
 *   <li>Not started yet (PENDING, READY, ON_HOLD from READY): {@code LATE_START} when its forecast start is past its
 *       planned (baseline) start.</li>
 * </ul>
 */
final class LatenessRules {
    private LatenessRules() {
    }

    static Lateness of(ForecastInput.StepFacts step, long forecastStart, long now) {
        StepStatus status = step.status();
        switch (status) {
            case SKIPPED:
            case CANCELLED:
                return null;
            case DONE:
                return lateFinish(step);
            default:
                break;
        }
        if (step.startedAt() != null) {
            return overrun(step, status, now);
        }
        return lateStart(step, status, forecastStart);
    }

    private static Lateness lateFinish(ForecastInput.StepFacts step) {
        if (step.finishedAt() == null || step.plannedEnd() == null) {
            return null;
        }
        long minutes = Nanos.minutesBetween(Nanos.of(step.plannedEnd()), Nanos.of(step.finishedAt()));
        if (minutes < 1) {
            return null;
        }
        return new Lateness(LatenessKind.LATE_FINISH, minutes, "finished " + span(minutes) + " after its planned end");
    }

    private static Lateness overrun(ForecastInput.StepFacts step, StepStatus status, long now) {
        int planned = plannedMinutes(step);
        long minutes = Nanos.minutesBetween(Nanos.of(step.startedAt()) + Nanos.minutes(planned), now);
        if (minutes < 1) {
            return null;
        }
        String prefix = switch (status) {
            case ON_HOLD -> "on hold, ";
            case FAILED -> "failed, ";
            default -> "running ";
        };
        String reason = planned > 0
                ? prefix + span(minutes) + " past its " + span(planned) + " plan"
                : prefix + span(minutes) + " with no planned duration";
        return new Lateness(LatenessKind.OVERRUNNING, minutes, reason);
    }

    private static Lateness lateStart(ForecastInput.StepFacts step, StepStatus status, long forecastStart) {
        if (step.plannedStart() == null) {
            return null;
        }
        long minutes = Nanos.minutesBetween(Nanos.of(step.plannedStart()), forecastStart);
        if (minutes < 1) {
            return null;
        }
        String late = span(minutes) + " after its planned start";
        String reason = switch (status) {
            case READY -> "ready but not started, " + late;
            case ON_HOLD -> "on hold, expected to start " + late;
            case FAILED -> "failed, expected to restart " + late;
            default -> "expected to start " + late;
        };
        return new Lateness(LatenessKind.LATE_START, minutes, reason);
    }

    static int plannedMinutes(ForecastInput.StepFacts step) {
        Integer p = step.plannedMinutes();
        return p == null || p < 0 ? 0 : p;
    }

    /** "25 min", "2 h", "17 h 5 min". */
    static String span(long minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        long h = minutes / 60;
        long m = minutes % 60;
        return m == 0 ? h + " h" : h + " h " + m + " min";
    }
}
