package io.cutplan.service.runbook;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.IterationType;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The JSON shapes of the runbook reads (documented in docs/api/README.md). Null fields are left out. */
public final class RunbookViews {
    private RunbookViews() {
    }

    /** A named thing: id, code (where it has one) and name. */
    public record Ref(UUID id, String code, String name) {
    }

    public record StepsFinished(int total, int finished, int percent) {
        public static StepsFinished of(int total, int finished) {
            return new StepsFinished(total, finished, total == 0 ? 0 : (int) Math.floor(100.0 * finished / total));
        }
    }

    /**
     * An iteration. The dashboard's copy also carries the forecast's header figures (see {@link Forecast}):
     * {@code forecastEnd}, {@code varianceMinutes} (to the plan's baseline end) and {@code overWindowMinutes} (to
     * the planned window's end); lists leave them out. {@code timeZone}: the IANA zone its e-mails show times in,
     * left out when it uses the host's zone (set through the notification settings).
     */
    public record Iteration(UUID id, String code, String name, IterationType type, IterationStatus status,
                            Instant plannedStart, Instant plannedEnd, Ref migration, Ref plan, long version,
                            Instant createdAt, StepsFinished progress, Instant forecastEnd, Long varianceMinutes,
                            Long overWindowMinutes, String timeZone) {
    }

    public record IterationList(List<Iteration> iterations) {
    }

    /** What the caller may do, so the page offers only allowed actions. Per-step moves are in each step. */
    public record CallerView(UUID userId, String username, String displayName, boolean known, Role role, Set<UUID> teamIds,
                             boolean pilot, boolean canComment, boolean canOverrideGate) {
    }

    public record MacroPhase(UUID id, String name, int position, Map<StepStatus, Integer> counts, StepsFinished progress) {
    }

    public record Chapter(UUID id, String code, String name, int position, UUID macroPhaseId, Instant scheduledStart,
                          Instant scheduledEnd, Map<StepStatus, Integer> counts, StepsFinished progress) {
    }

    /**
     * One step instance on the dashboard. {@code id} is the instance id every step endpoint takes.
     * {@code pendingOverrideBy}: the name of the pilot whose four-eyes gate override waits for a second pilot (left
     * out when none waits).
     */
    public record Step(UUID id, UUID stepId, String code, String title, String type, UUID chapterId, UUID macroPhaseId,
                       Ref ownerTeam, StepStatus status, StepStatus heldFrom, int plannedMinutes, boolean goNoGo,
                       Instant plannedStart, Instant plannedEnd, Instant readyAt, Instant startedAt, Instant finishedAt,
                       boolean late, List<UUID> predecessorIds, int tasksDone, int tasksTotal, int openCriticalControls,
                       int comments, boolean gateOverridden, int version, long changedInVersion,
                       Set<StepStatus> allowedTransitions, String pendingOverrideBy) {
    }

    /**
     * The dashboard: {@code kind} "snapshot" (everything; {@code reason} says why a delta request got one) or
     * "delta" (only steps changed after {@code since} or whose {@code late} flag flipped since the client's ETag,
     * the iteration's totals, the chapters and macro-phases whose aggregates changed, and the new events). An idle
     * delta ({@code changed} false) carries no aggregates. {@code forecastAt}: when the forecast the {@code late}
     * flags come from was computed. {@code lateStepIds}, only when the client's ETag names a forecast this node
     * does not know: exactly the steps that are late now (every other step is not). {@code latestBroadcast}: in a
     * snapshot the iteration's newest broadcast (absent when none was posted); in a delta only when the delta's events
     * post a newer one (absent: the client's stays current).
     */
    public record Dashboard(String kind, String reason, Long since, long version, boolean changed, Instant serverTime,
                            Instant forecastAt, Iteration iteration, Map<StepStatus, Integer> counts, StepsFinished progress,
                            List<MacroPhase> macroPhases, List<Chapter> chapters, List<Step> steps, List<UUID> lateStepIds,
                            List<UUID> lateOn, List<UUID> lateOff, List<EventView> events, CallerView caller,
                            BroadcastView latestBroadcast) {
    }

    /** The forecast of one iteration ({@code GET /iterations/{id}/forecast}); see docs/forecast.md. */
    public record Forecast(long version, Instant computedAt, String basis, ForecastIteration iteration,
                           List<ForecastGroup> macroPhases, List<ForecastGroup> chapters, List<UUID> criticalPath,
                           List<ForecastStep> steps, List<UUID> stepsWithoutDuration) {
    }

    public record ForecastIteration(Instant plannedStart, Instant plannedEnd, Instant windowEnd, Instant forecastEnd,
                                    long varianceMinutes, long overWindowMinutes, boolean finished) {
    }

    /** A macro-phase or chapter: {@code critical} when one of its steps is on the critical path. */
    public record ForecastGroup(UUID id, Instant plannedStart, Instant plannedEnd, Instant forecastStart,
                                Instant forecastEnd, long varianceMinutes, boolean critical) {
    }

    /** One step; {@code floatMinutes} only while unfinished, {@code lateness} only when there is some. */
    public record ForecastStep(UUID id, Instant forecastStart, Instant forecastEnd, Long floatMinutes, boolean critical,
                               Lateness lateness, long delayMinutes) {
    }

    public record Lateness(String kind, long minutes, String reason) {
    }

    public record Neighbour(UUID id, String code, String title, StepStatus status) {
    }

    public record UserRef(UUID id, String name) {
    }

    public record Task(UUID id, UUID taskId, int position, String title, String description, Ref assignedTeam,
                       UserRef nominatedUser, TaskStatus status, Instant completedAt, UserRef completedBy, int version,
                       List<String> controls, boolean canToggle) {
    }

    public record Control(UUID id, String code, String title, String description, boolean critical, ControlStatus status,
                          String note, Instant setAt, UserRef setBy, int version, boolean canSet) {
    }

    public record Gate(int openTasks, List<String> unpassedControls, boolean blocked) {
    }

    /**
     * One step for its panel. {@code waitingFor}: codes (by code, at most {@link io.cutplan.domain.Readiness#WAITING_FOR_LIMIT})
     * of the unfinished steps that hold a PENDING step back, or that a SKIPPED step's release still waits for, looked
     * through skips (see {@link io.cutplan.domain.Readiness#waitingFor}); {@code waitingForCount} is how many there are
     * in all. Empty and 0 for every other status.
     */
    public record StepDetail(long version, Instant serverTime, Ref iteration, Step step, String description,
                             UserRef lastActor, Gate gate, List<Task> tasks, List<Control> controls,
                             List<Neighbour> predecessors, List<Neighbour> successors, List<CommentView> comments,
                             List<EventView> events, CallerView caller, StatusReason statusReason,
                             List<String> waitingFor, int waitingForCount, PendingOverride pendingOverride,
                             boolean fourEyesOverride) {
    }

    /**
     * A four-eyes override request waiting for a second pilot: who asked, when, why, and what is still open now
     * ({@code open}: the step's gate as it stands).
     */
    public record PendingOverride(UserRef requestedBy, Instant requestedAt, String reason, Gate open) {
    }

    /**
     * The step's latest move to FAILED or ON_HOLD: that status, the reason typed with it (left out when none was
     * given), who made it and when. Kept after the step moves on (the panel then says "last failed").
     */
    public record StatusReason(StepStatus status, String reason, UserRef by, Instant at) {
    }

    public record EventPage(List<EventView> events, boolean hasMore, Long nextAfterVersion, UUID nextAfterId) {
    }

    /**
     * The finish probability of an iteration ({@code GET /iterations/{id}/forecast/probability}): P50/P80/P95 forecast
     * ends of a seeded Monte Carlo run of the forecast, and the share of runs inside the window.
     *
     * @param forecastEnd          the deterministic forecast end on the plan basis, for comparison
     * @param probabilityInWindow  0 to 1
     * @param percentInWindow      the same in whole percent (what the page shows)
     * @param stepsWithHistory     in-scope steps with at least one actual duration in a completed iteration
     * @param stepsWithSpread      unfinished steps whose history has two or more different durations
     */
    public record Probability(UUID iterationId, long version, Instant computedAt, int runs, long seed, String sampling,
                              Instant plannedEnd, Instant windowEnd, Instant forecastEnd, Instant p50, Instant p80, Instant p95,
                              double probabilityInWindow, int percentInWindow, int stepsWithHistory, int stepsWithSpread,
                              boolean finished, List<ChapterProbability> chapters) {
    }

    public record ChapterProbability(UUID id, Instant plannedEnd, Instant forecastEnd, Instant p50, Instant p80, Instant p95) {
    }
}
