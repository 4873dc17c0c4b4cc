package io.cutplan.service.runbook;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EventType;
import io.cutplan.domain.ExecutionPolicy;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.Readiness;
import io.cutplan.domain.StepStatus;
import io.cutplan.domain.TaskStatus;
import io.cutplan.store.BroadcastDao;
import io.cutplan.store.CommentDao;
import io.cutplan.store.Database;
import io.cutplan.store.EventLogDao;
import io.cutplan.store.GateOverrideDao;
import io.cutplan.store.EventRecord;
import io.cutplan.store.IterationDao;
import io.cutplan.store.RunbookReadDao;
import io.cutplan.store.RunbookReadDao.IterationChapterRow;
import io.cutplan.store.RunbookReadDao.IterationRow;
import io.cutplan.store.RunbookReadDao.Link;
import io.cutplan.store.RunbookReadDao.StepLite;
import io.cutplan.store.RunbookReadDao.StepSummaryRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every read of a running iteration. Each read is one REPEATABLE READ transaction: the version it reports and the
 * rows it returns come from the same snapshot, and since writers commit in version order (they serialise on the
 * iteration row), "changed after version N" read this way never misses nor repeats a change.
 */
public final class RunbookQueries {
    /** A delta with more events than this is answered with a snapshot instead. */
    public static final int MAX_DELTA_EVENTS = 500;
    public static final int SNAPSHOT_EVENTS = 50;
    /** Above this many events a delta reads its steps with the whole-iteration query. */
    public static final int STEP_EVENTS = 50;
    public static final int MAX_EVENT_PAGE = 1000;
    public static final int DEFAULT_EVENT_PAGE = 100;
    /** Events after which planned times or the plan itself may differ: a delta cannot express that. */
    private static final Set<EventType> STRUCTURAL = Set.of(EventType.SCHEDULE_CHANGED, EventType.PLAN_CHANGED,
            EventType.PLAN_IMPORTED, EventType.ITERATION_REFRESHED);

    private final Database database;

    private final IterationStateCache<UUID, State> cache = new IterationStateCache<>();
    private final IterationForecasts forecasts;
    private final IterationProbabilities probabilities;

    /** Forecasts (and so the late flags) on the system clock. */
    public RunbookQueries(Database database) {
        this(database, Clock.systemUTC());
    }

    /** Forecasts (and so the late flags) read "now" from {@code clock}. */
    public RunbookQueries(Database database, Clock clock) {
        this.database = database;
        this.forecasts = new IterationForecasts(clock);
        this.probabilities = new IterationProbabilities(clock);
    }

    // ------------------------------------------------------------------ iterations

    public RunbookViews.IterationList iterations(Caller caller, UUID migrationId, IterationStatus status) {
        return database.transactor().readOnly(c -> {
            List<RunbookViews.Iteration> out = new ArrayList<>();
            for (IterationRow r : RunbookReadDao.iterations(c, migrationId, status)) {
                out.add(iterationView(r));
            }
            return new RunbookViews.IterationList(out);
        });
    }

    public RunbookViews.Iteration iteration(Caller caller, UUID iterationId) {
        return database.transactor().readOnly(c -> iterationView(requireIteration(c, iterationId)));
    }

    /** The iteration's change version: the one cheap, indexed query behind an idle poll. */
    public long currentVersion(UUID iterationId) {
        return database.transactor().readOnly(c -> IterationDao.currentVersion(c, iterationId))
                .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    // ------------------------------------------------------------------ dashboard

    /** The dashboard's answer and the late token its ETag carries (see {@link IterationForecasts}). */
    public record DashboardAnswer(RunbookViews.Dashboard body, String lateToken) {
    }

    /** What a dashboard ETag names right now: the change version and the late token of this node's forecast. */
    public record DashboardTag(long version, String lateToken) {
    }

    /** The dashboard without a late token from the client (tests, tools): clock-driven late flips are not added. */
    public RunbookViews.Dashboard dashboard(Caller caller, UUID iterationId, Long since) {
        return dashboard(caller, iterationId, since, null).body();
    }

    /**
     * The snapshot, or with {@code since} a delta. {@code lateToken} is the one of the client's ETag (null when it
     * sent none): a delta then also carries every step whose {@code late} flag flipped since that token, so late
     * flags that moved with the clock alone reach the client too.
     */
    public DashboardAnswer dashboard(Caller caller, UUID iterationId, Long since, String lateToken) {
        if (since != null && since < 0) {
            throw DomainException.invalid("since", "'since' must be a version of zero or more");
        }
        return database.transactor().readOnly(c -> {
            Instant now = Instant.now();
            long version = IterationDao.currentVersion(c, iterationId)
                    .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
            IterationForecasts.Entry cached = forecasts.peek(iterationId, ForecastBasis.PLAN, version);
            if (since != null && since == version && cached != null && (lateToken == null || lateToken.equals(cached.lateToken()))) {
                // The idle poll: one primary-key lookup and the shared forecast, nothing else.
                return idle(since, version, now, cached);
            }
            IterationRow header = requireHeader(c, iterationId);
            State state = state(c, header);
            IterationRow it = counted(header, state);
            IterationForecasts.Entry fc = forecasts.get(c, it, state, ForecastBasis.PLAN);
            if (since == null) {
                return snapshot(c, caller, it, state, fc, null, now);
            }
            if (since > it.version()) {
                return snapshot(c, caller, it, state, fc, "since_ahead", now);
            }
            List<EventRecord> events = since == it.version() ? List.of() : state.recent().after(since);
            if (events == null) {
                events = EventLogDao.afterVersion(c, iterationId, since, MAX_DELTA_EVENTS + 1);
            }
            if (events.size() > MAX_DELTA_EVENTS) {
                return snapshot(c, caller, it, state, fc, "too_many_changes", now);
            }
            if (events.stream().anyMatch(RunbookQueries::isStructural)) {
                return snapshot(c, caller, it, state, fc, "plan_or_schedule_changed", now);
            }
            // Late flags that flipped since the client's token; a token of another chain: send the whole late set.
            Set<UUID> flipped = lateToken == null ? Set.of() : fc.flippedSince(lateToken);
            List<UUID> lateStepIds = null;
            if (flipped == null) {
                flipped = Set.of();
                lateStepIds = state.steps().stream().map(StepSummaryRow::id).filter(fc::isLate).toList();
            }
            if (since == it.version() && flipped.isEmpty() && lateStepIds == null) {
                return idle(since, it.version(), now, fc);
            }
            Board board = state.board();
            // The same rule as step_instances.changed_in_version > since, applied to the version's cached rows.
            Set<UUID> changedChapters = new HashSet<>();
            List<StepSummaryRow> sent = new ArrayList<>();
            // A step whose late flag alone flipped (the clock moved a forecast) goes as its id only: a change that
            // shifts the forecast of hundreds of waiting steps must not send each of them whole.
            List<UUID> lateOn = new ArrayList<>();
            List<UUID> lateOff = new ArrayList<>();
            for (StepSummaryRow r : state.steps()) {
                if (r.changedInVersion() > since) {
                    changedChapters.add(r.chapterId());
                    sent.add(r);
                } else if (flipped.contains(r.id())) {
                    (fc.isLate(r.id()) ? lateOn : lateOff).add(r.id());
                }
            }
            // Only the chapters (and their macro-phases) a changed step belongs to can have new aggregates.
            List<RunbookViews.Chapter> chapters = board.chapters().stream().filter(ch -> changedChapters.contains(ch.id())).toList();
            Set<UUID> changedPhases = new HashSet<>();
            chapters.forEach(ch -> changedPhases.add(ch.macroPhaseId()));
            List<RunbookViews.MacroPhase> phases = board.phases().stream().filter(p -> changedPhases.contains(p.id())).toList();
            List<RunbookViews.Step> steps = stepViews(caller, sent, board, fc);
            return new DashboardAnswer(new RunbookViews.Dashboard("delta", null, since, it.version(), true, now,
                    fc.forecast().computedAt(), iterationView(it, fc), board.counts(), board.progress(), phases, chapters,
                    steps, lateStepIds, lateOn.isEmpty() ? null : lateOn, lateOff.isEmpty() ? null : lateOff,
                    events.stream().map(EventView::of).toList(), null, newestBroadcast(events)), fc.lateToken());
        });
    }

    /** The newest BROADCAST_POSTED of the events (in log order), or null. */
    private static BroadcastView newestBroadcast(List<EventRecord> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == EventType.BROADCAST_POSTED) {
                return BroadcastView.of(events.get(i));
            }
        }
        return null;
    }

    private static DashboardAnswer idle(long since, long version, Instant now, IterationForecasts.Entry fc) {
        return new DashboardAnswer(new RunbookViews.Dashboard("delta", null, since, version, false, now, fc.forecast().computedAt(),
                null, null, null, null, null, List.of(), null, null, null, List.of(), null, null), fc.lateToken());
    }

    /**
     * What the dashboard's ETag names now, for the 304 check: one primary-key lookup when this node's forecast of
     * the version is fresh, else the forecast is brought up to date first (at most every 30 s, shared).
     */
    public DashboardTag dashboardTag(UUID iterationId) {
        return database.transactor().readOnly(c -> {
            long version = IterationDao.currentVersion(c, iterationId)
                    .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
            IterationForecasts.Entry fc = forecasts.peek(iterationId, ForecastBasis.PLAN, version);
            if (fc == null) {
                IterationRow it = requireHeader(c, iterationId);
                fc = forecasts.get(c, it, state(c, it), ForecastBasis.PLAN);
                version = it.version();
            }
            return new DashboardTag(version, fc.lateToken());
        });
    }

    // ------------------------------------------------------------------ forecast

    /** The forecast and the value of its ETag (version, basis and the instant it was computed at). */
    public record ForecastAnswer(RunbookViews.Forecast body, String tag) {
    }

    /**
     * The forecast of an iteration on {@code basis} ({@code plan} when null): shared, at most 30 s old. Like every
     * read of a running iteration, open to every authenticated user, also one Cutplan does not know.
     */
    public ForecastAnswer forecast(Caller caller, UUID iterationId, String basis) {
        ForecastBasis b = ForecastBasis.parse(basis);
        return database.transactor().readOnly(c -> {
            IterationRow it = requireHeader(c, iterationId);
            IterationForecasts.Entry fc = forecasts.get(c, it, state(c, it), b);
            return new ForecastAnswer(fc.view(), forecastTag(fc));
        });
    }

    /**
     * The finish probability of an iteration: shared, at most 60 s old, recomputed when the version moves but at most
     * every 15 s (see {@link IterationProbabilities}). Open to every authenticated user, like the forecast.
     */
    public RunbookViews.Probability probability(Caller caller, UUID iterationId) {
        return database.transactor().readOnly(c -> {
            IterationRow it = requireHeader(c, iterationId);
            return probabilities.get(c, it, state(c, it));
        });
    }

    /** The forecast's current ETag value, for the 304 check: one primary-key lookup while the forecast is fresh. */
    public String forecastTag(UUID iterationId, String basis) {
        ForecastBasis b = ForecastBasis.parse(basis);
        return database.transactor().readOnly(c -> {
            long version = IterationDao.currentVersion(c, iterationId)
                    .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
            IterationForecasts.Entry fc = forecasts.peek(iterationId, b, version);
            if (fc == null) {
                IterationRow it = requireHeader(c, iterationId);
                fc = forecasts.get(c, it, state(c, it), b);
            }
            return forecastTag(fc);
        });
    }

    private static String forecastTag(IterationForecasts.Entry fc) {
        return "f" + fc.version() + "-" + fc.basis().apiName() + "-" + fc.forecast().computedAt().toEpochMilli();
    }

    private static boolean isStructural(EventRecord e) {
        if (STRUCTURAL.contains(e.type())) {
            return true;
        }
        // The engine's own status moves of the iteration say so; any other update may have moved its window.
        return e.type() == EventType.ITERATION_UPDATED && !Boolean.TRUE.equals(e.details().get("automatic"));
    }

    private DashboardAnswer snapshot(Connection c, Caller caller, IterationRow it, State state, IterationForecasts.Entry fc,
                                     String reason, Instant now) throws SQLException {
        Board board = state.board();
        List<RunbookViews.Step> steps = stepViews(caller, state.steps(), board, fc);
        List<EventView> events = new ArrayList<>(RunbookReadDao.latestEvents(c, it.id(), SNAPSHOT_EVENTS).stream()
                .map(EventView::of).toList());
        Collections.reverse(events);
        return new DashboardAnswer(new RunbookViews.Dashboard("snapshot", reason, null, it.version(), true, now,
                fc.forecast().computedAt(), iterationView(it, fc), board.counts(), board.progress(), board.phases(),
                board.chapters(), steps, null, null, null, events, callerView(caller), state.latestBroadcast()), fc.lateToken());
    }

    /** Everything about the iteration at one version that is the same for every caller. */
    record State(long version, long planRevision, Board board, List<StepSummaryRow> steps, RecentEvents recent,
                 BroadcastView latestBroadcast) {
    }

    /**
     * The iteration's latest events in log order: every event of a change version above {@code from} up to the
     * state's version, kept so that delta polls read their events from memory instead of the log (one query and
     * one JSON parse per event per poll). Events are immutable once committed, so the window is exact for its
     * version; it grows as the state advances and drops whole versions from its start beyond {@link #SIZE}.
     */
    record RecentEvents(long from, List<EventRecord> events) {
        /** Enough for any delta that is answered as a delta ({@link #MAX_DELTA_EVENTS} or fewer events). */
        static final int SIZE = MAX_DELTA_EVENTS + 1;

        static RecentEvents none(long version) {
            return new RecentEvents(version, List.of());
        }

        /** The events of versions after {@code since}, or null when the window does not reach back that far. */
        List<EventRecord> after(long since) {
            if (since < from) {
                return null;
            }
            int i = events.size();
            while (i > 0 && events.get(i - 1).changeVersion() > since) {
                i--;
            }
            return events.subList(i, events.size());
        }

        RecentEvents plus(List<EventRecord> newer) {
            if (newer.isEmpty()) {
                return this;
            }
            List<EventRecord> all = new ArrayList<>(events.size() + newer.size());
            all.addAll(events);
            all.addAll(newer);
            long start = from;
            int drop = 0;
            while (all.size() - drop > SIZE) {
                // Whole versions only: a version's events are all in the window or none of them.
                start = all.get(drop).changeVersion();
                while (drop < all.size() && all.get(drop).changeVersion() == start) {
                    drop++;
                }
            }
            return new RecentEvents(start, List.copyOf(all.subList(drop, all.size())));
        }
    }

    /** The iteration's state at the version {@code it} was read at, from the cache or built on this connection. */
    private State state(Connection c, IterationRow it) throws SQLException {
        long planRevision = RunbookReadDao.planRevision(c, it.planId());
        return cache.get(c, it.id(), it.version(), planRevision, (conn, previous) -> build(conn, it, planRevision, previous));
    }

    /**
     * Advances the previous state when only steps changed since it (re-reading just those, through indexes, and
     * recounting in memory); builds from scratch after a structural change, a plan edit or many changes.
     */
    private static State build(Connection c, IterationRow it, long planRevision, State previous) throws SQLException {
        if (previous != null && previous.planRevision() == planRevision && previous.version() < it.version()) {
            List<EventRecord> since = EventLogDao.afterVersion(c, it.id(), previous.version(), MAX_DELTA_EVENTS + 1);
            if (since.size() <= MAX_DELTA_EVENTS && since.stream().noneMatch(RunbookQueries::isStructural)) {
                List<StepSummaryRow> changed = RunbookReadDao.stepsChangedAfter(c, it.id(), previous.version());
                List<StepSummaryRow> steps = replaced(previous.steps(), changed);
                BroadcastView newer = newestBroadcast(since);
                return new State(it.version(), planRevision, recount(previous.board(), steps), steps, previous.recent().plus(since),
                        newer != null ? newer : previous.latestBroadcast());
            }
        }
        return new State(it.version(), planRevision, board(c, it), List.copyOf(RunbookReadDao.allSteps(c, it.id())),
                RecentEvents.none(it.version()), BroadcastDao.latest(c, it.id()).map(BroadcastView::of).orElse(null));
    }

    private static List<StepSummaryRow> replaced(List<StepSummaryRow> steps, List<StepSummaryRow> changed) {
        Map<UUID, StepSummaryRow> byId = new HashMap<>();
        changed.forEach(r -> byId.put(r.id(), r));
        List<StepSummaryRow> out = new ArrayList<>(steps.size());
        for (StepSummaryRow r : steps) {
            out.add(byId.getOrDefault(r.id(), r));
        }
        return List.copyOf(out);
    }

    /** The previous board with counts and progress recomputed from the steps; structure and schedule unchanged. */
    private static Board recount(Board previous, List<StepSummaryRow> steps) {
        Map<UUID, Map<StepStatus, Integer>> perChapter = new HashMap<>();
        Map<StepStatus, Integer> counts = emptyCounts();
        for (StepSummaryRow s : steps) {
            counts.merge(s.status(), 1, Integer::sum);
            perChapter.computeIfAbsent(s.chapterId(), k -> emptyCounts()).merge(s.status(), 1, Integer::sum);
        }
        List<RunbookViews.Chapter> chapters = new ArrayList<>();
        Map<UUID, RunbookViews.MacroPhase> phases = new LinkedHashMap<>();
        Map<UUID, RunbookViews.MacroPhase> before = new HashMap<>();
        previous.phases().forEach(p -> before.put(p.id(), p));
        for (RunbookViews.Chapter ch : previous.chapters()) {
            Map<StepStatus, Integer> cc = perChapter.getOrDefault(ch.id(), emptyCounts());
            chapters.add(new RunbookViews.Chapter(ch.id(), ch.code(), ch.name(), ch.position(), ch.macroPhaseId(), ch.scheduledStart(),
                    ch.scheduledEnd(), cc, progress(cc)));
            RunbookViews.MacroPhase p = phases.get(ch.macroPhaseId());
            Map<StepStatus, Integer> pc = p == null ? emptyCounts() : new EnumMap<>(p.counts());
            cc.forEach((k, v) -> pc.merge(k, v, Integer::sum));
            RunbookViews.MacroPhase was = before.get(ch.macroPhaseId());
            phases.put(ch.macroPhaseId(), new RunbookViews.MacroPhase(ch.macroPhaseId(), was.name(), was.position(), pc, progress(pc)));
        }
        return new Board(counts, progress(counts), List.copyOf(phases.values()), chapters, previous.predecessors(),
                previous.schedule());
    }

    /** Aggregates, dependencies and the planned schedule: everything derived from all steps of the iteration. */
    record Board(Map<StepStatus, Integer> counts, RunbookViews.StepsFinished progress, List<RunbookViews.MacroPhase> phases,
                         List<RunbookViews.Chapter> chapters, Map<UUID, List<UUID>> predecessors,
                         Map<UUID, PlannedSchedule.Slot> schedule) {
    }

    private static Board board(Connection c, IterationRow it) throws SQLException {
        List<StepLite> all = RunbookReadDao.stepsLite(c, it.id());
        List<Link> links = RunbookReadDao.links(c, it.id());
        List<IterationChapterRow> chapterRows = RunbookReadDao.chapters(c, it.id());

        Map<UUID, Map<StepStatus, Integer>> perChapter = new HashMap<>();
        Map<StepStatus, Integer> counts = emptyCounts();
        for (StepLite s : all) {
            counts.merge(s.status(), 1, Integer::sum);
            perChapter.computeIfAbsent(s.chapterId(), k -> emptyCounts()).merge(s.status(), 1, Integer::sum);
        }
        List<RunbookViews.Chapter> chapters = new ArrayList<>();
        Map<UUID, RunbookViews.MacroPhase> phases = new LinkedHashMap<>();
        Map<UUID, Instant> chapterStarts = new HashMap<>();
        for (IterationChapterRow ch : chapterRows) {
            if (ch.scheduledStart() != null) {
                chapterStarts.put(ch.id(), ch.scheduledStart());
            }
            Map<StepStatus, Integer> cc = perChapter.get(ch.id());
            if (cc == null) {
                continue; // no step of this chapter is in scope
            }
            chapters.add(new RunbookViews.Chapter(ch.id(), ch.code(), ch.name(), ch.position(), ch.macroPhaseId(), ch.scheduledStart(),
                    ch.scheduledEnd(), cc, progress(cc)));
            RunbookViews.MacroPhase p = phases.get(ch.macroPhaseId());
            Map<StepStatus, Integer> pc = p == null ? emptyCounts() : new EnumMap<>(p.counts());
            cc.forEach((k, v) -> pc.merge(k, v, Integer::sum));
            phases.put(ch.macroPhaseId(), new RunbookViews.MacroPhase(ch.macroPhaseId(), ch.macroPhaseName(), ch.macroPhasePosition(),
                    pc, progress(pc)));
        }
        Map<UUID, List<UUID>> preds = new HashMap<>();
        List<PlannedSchedule.Edge> edges = new ArrayList<>(links.size());
        for (Link l : links) {
            preds.computeIfAbsent(l.successor(), k -> new ArrayList<>()).add(l.predecessor());
            edges.add(new PlannedSchedule.Edge(l.predecessor(), l.successor()));
        }
        List<PlannedSchedule.Node> nodes = all.stream().map(s -> new PlannedSchedule.Node(s.id(), s.minutes(), s.chapterId())).toList();
        Map<UUID, PlannedSchedule.Slot> schedule = PlannedSchedule.compute(it.plannedStart(), nodes, edges, chapterStarts);
        return new Board(counts, progress(counts), List.copyOf(phases.values()), chapters, preds, schedule);
    }

    private static Map<StepStatus, Integer> emptyCounts() {
        Map<StepStatus, Integer> m = new EnumMap<>(StepStatus.class);
        for (StepStatus s : StepStatus.values()) {
            m.put(s, 0);
        }
        return m;
    }

    /** Finished = DONE, SKIPPED or CANCELLED; the percentage is of all in-scope steps, rounded down. */
    private static RunbookViews.StepsFinished progress(Map<StepStatus, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int finished = counts.get(StepStatus.DONE) + counts.get(StepStatus.SKIPPED) + counts.get(StepStatus.CANCELLED);
        return RunbookViews.StepsFinished.of(total, finished);
    }

    private static List<RunbookViews.Step> stepViews(Caller caller, List<StepSummaryRow> rows, Board board, IterationForecasts.Entry fc) {
        List<RunbookViews.Step> out = new ArrayList<>(rows.size());
        for (StepSummaryRow r : rows) {
            out.add(stepView(caller, r, board, fc));
        }
        return out;
    }

    /** {@code late}: the forecast says the step needs attention now (OVERRUNNING or LATE_START). */
    private static RunbookViews.Step stepView(Caller caller, StepSummaryRow r, Board board, IterationForecasts.Entry fc) {
        PlannedSchedule.Slot slot = board.schedule().get(r.id());
        Instant plannedStart = slot == null ? null : slot.start();
        Instant plannedEnd = slot == null ? null : slot.end();
        return new RunbookViews.Step(r.id(), r.stepId(), r.code(), r.title(), r.stepType(), r.chapterId(), r.macroPhaseId(),
                r.ownerTeamId() == null ? null : new RunbookViews.Ref(r.ownerTeamId(), null, r.ownerTeamName()),
                r.status(), r.heldFrom(), r.minutes(), r.goNoGo(), plannedStart, plannedEnd, r.readyAt(), r.startedAt(),
                r.finishedAt(), fc.isLate(r.id()),
                board.predecessors().getOrDefault(r.id(), List.of()), r.tasksDone(), r.tasksTotal(), r.openCriticalControls(),
                r.comments(), r.gateOverridden(), r.version(), r.changedInVersion(),
                ExecutionPolicy.allowedTargets(caller, r.status(), r.heldFrom(), r.ownerTeamId()), r.pendingOverrideBy());
    }

    static RunbookViews.CallerView callerView(Caller caller) {
        return new RunbookViews.CallerView(caller.userId(), caller.username(), caller.displayName(), caller.known(), caller.role(),
                caller.teamIds(), caller.known() && caller.isPilot(), ExecutionPolicy.canComment(caller),
                ExecutionPolicy.mayOverrideGate(caller));
    }

    // ------------------------------------------------------------------ one step

    public RunbookViews.StepDetail step(Caller caller, UUID iterationId, UUID stepInstanceId) {
        return database.transactor().readOnly(c -> {
            IterationRow it = requireIteration(c, iterationId);
            StepSummaryRow row = RunbookReadDao.step(c, iterationId, stepInstanceId)
                    .orElseThrow(() -> DomainException.notFound("Step", stepInstanceId));
            Instant now = Instant.now();
            State state = state(c, it);
            RunbookViews.Step step = stepView(caller, row, state.board(), forecasts.get(c, it, state, ForecastBasis.PLAN));
            List<RunbookViews.Task> tasks = new ArrayList<>();
            int open = 0;
            for (RunbookReadDao.StepPanelTaskRow t : RunbookReadDao.tasks(c, stepInstanceId)) {
                if (t.status() == TaskStatus.OPEN) {
                    open++;
                }
                tasks.add(new RunbookViews.Task(t.id(), t.taskId(), t.position(), t.title(), t.description(),
                        t.assignedTeamId() == null ? null : new RunbookViews.Ref(t.assignedTeamId(), null, t.assignedTeamName()),
                        t.nominatedUserId() == null ? null : new RunbookViews.UserRef(t.nominatedUserId(), t.nominatedUserName()),
                        t.status(), t.completedAt(),
                        t.completedBy() == null ? null : new RunbookViews.UserRef(t.completedBy(), t.completedByName()),
                        t.version(), Arrays.asList(t.controlCodes()),
                        ExecutionPolicy.mayToggleTask(caller, t.assignedTeamId(), t.nominatedUserId(), row.ownerTeamId())));
            }
            List<RunbookViews.Control> controls = new ArrayList<>();
            List<String> unpassed = new ArrayList<>();
            for (RunbookReadDao.StepPanelControlRow k : RunbookReadDao.controls(c, iterationId, stepInstanceId)) {
                if (k.critical() && k.status() != io.cutplan.domain.ControlStatus.PASSED) {
                    unpassed.add(k.code());
                }
                controls.add(new RunbookViews.Control(k.id(), k.code(), k.title(), k.description(), k.critical(), k.status(), k.note(),
                        k.setAt(), k.setBy() == null ? null : new RunbookViews.UserRef(k.setBy(), k.setByName()), k.version(),
                        ExecutionPolicy.maySetControl(caller, Arrays.asList(k.involvedTeams()))));
            }
            List<RunbookViews.Neighbour> preds = neighbours(c, iterationId, stepInstanceId, true);
            List<RunbookViews.Neighbour> succs = neighbours(c, iterationId, stepInstanceId, false);
            List<CommentView> comments = CommentDao.forStep(c, stepInstanceId).stream().map(CommentView::of).toList();
            List<EventView> events = RunbookReadDao.stepEvents(c, stepInstanceId, STEP_EVENTS).stream().map(EventView::of).toList();
            RunbookViews.StatusReason statusReason = RunbookReadDao.latestFailOrHold(c, stepInstanceId).map(e -> {
                Object reason = e.details().get("reason");
                return new RunbookViews.StatusReason(StepStatus.valueOf(String.valueOf(e.details().get("to"))),
                        reason == null ? null : reason.toString(),
                        new RunbookViews.UserRef(e.actorId(), e.actorName()), e.occurredAt());
            }).orElse(null);
            List<String> waitingAll = waitingFor(row, state);
            List<String> waiting = waitingAll.subList(0, Math.min(waitingAll.size(), Readiness.WAITING_FOR_LIMIT));
            int waitingCount = waitingAll.size();
            RunbookViews.Gate gate = new RunbookViews.Gate(open, unpassed, open > 0 || !unpassed.isEmpty());
            RunbookViews.PendingOverride pending = GateOverrideDao.pending(c, stepInstanceId)
                    .map(p -> pendingView(p, gate)).orElse(null);
            return new RunbookViews.StepDetail(it.version(), now, new RunbookViews.Ref(it.id(), it.code(), it.name()), step,
                    row.description(), row.lastActorId() == null ? null : new RunbookViews.UserRef(row.lastActorId(), row.lastActorName()),
                    gate, tasks, controls, preds, succs, comments,
                    events, callerView(caller), statusReason, waiting, waitingCount, pending,
                    GateOverrideDao.fourEyes(c, iterationId));
        });
    }

    /** What holds a PENDING step back, or what a SKIPPED step's release waits for: step codes, sorted. */
    private static List<String> waitingFor(StepSummaryRow row, State state) {
        if (row.status() != StepStatus.PENDING && row.status() != StepStatus.SKIPPED) {
            return List.of();
        }
        Map<UUID, StepStatus> status = new HashMap<>();
        Map<UUID, String> codes = new HashMap<>();
        for (StepSummaryRow r : state.steps()) {
            status.put(r.id(), r.status());
            codes.put(r.id(), r.code());
        }
        return Readiness.waitingFor(row.id(), status, state.board().predecessors()).stream().map(codes::get).sorted().toList();
    }

    /** A pending four-eyes request as the panel and a 202 show it, with the step's gate as it stands now. */
    static RunbookViews.PendingOverride pendingView(GateOverrideDao.PendingRow p, RunbookViews.Gate open) {
        return new RunbookViews.PendingOverride(new RunbookViews.UserRef(p.requestedBy(), p.requestedByName()),
                p.requestedAt(), p.reason(), open);
    }

    private static List<RunbookViews.Neighbour> neighbours(Connection c, UUID iterationId, UUID stepInstanceId, boolean predecessors)
            throws SQLException {
        return RunbookReadDao.neighbours(c, iterationId, stepInstanceId, predecessors).stream()
                .map(n -> new RunbookViews.Neighbour(n.id(), n.code(), n.title(), n.status())).toList();
    }

    // ------------------------------------------------------------------ audit

    public RunbookViews.EventPage events(Caller caller, UUID iterationId, long afterVersion, UUID afterId, Integer limit,
                                  List<EventType> types, String actor, UUID stepInstanceId) {
        if (afterVersion < 0) {
            throw DomainException.invalid("afterVersion", "'afterVersion' must be zero or more");
        }
        int size = limit == null ? DEFAULT_EVENT_PAGE : limit;
        if (size < 1 || size > MAX_EVENT_PAGE) {
            throw DomainException.invalid("limit", "'limit' must be between 1 and " + MAX_EVENT_PAGE);
        }
        return database.transactor().readOnly(c -> {
            requireIteration(c, iterationId);
            List<EventRecord> rows = RunbookReadDao.events(c, iterationId, afterVersion, afterId, size + 1, types,
                    actor == null || actor.isBlank() ? null : actor.strip(), stepInstanceId);
            boolean more = rows.size() > size;
            List<EventRecord> page = more ? rows.subList(0, size) : rows;
            EventRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new RunbookViews.EventPage(page.stream().map(EventView::of).toList(), more,
                    more ? last.changeVersion() : null, more ? last.id() : null);
        });
    }

    private static IterationRow requireIteration(Connection c, UUID iterationId) throws SQLException {
        return RunbookReadDao.iteration(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    /** The iteration without its step counts (-1): for paths that take them from the state ({@link #counted}). */
    private static IterationRow requireHeader(Connection c, UUID iterationId) throws SQLException {
        return RunbookReadDao.iterationHeader(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    /** The header with the counts of the state of its version (the same rows the counts would have been read from). */
    private static IterationRow counted(IterationRow header, State state) {
        RunbookViews.StepsFinished p = state.board().progress();
        return header.withCounts(p.total(), p.finished());
    }

    private static RunbookViews.Iteration iterationView(IterationRow r) {
        return iterationView(r, null);
    }

    /** With the forecast's header figures when {@code fc} is given. */
    private static RunbookViews.Iteration iterationView(IterationRow r, IterationForecasts.Entry fc) {
        var f = fc == null ? null : fc.forecast().iteration();
        return new RunbookViews.Iteration(r.id(), r.code(), r.name(), r.type(), r.status(), r.plannedStart(), r.plannedEnd(),
                new RunbookViews.Ref(r.migrationId(), r.migrationCode(), r.migrationName()),
                new RunbookViews.Ref(r.planId(), r.planCode(), r.planName()), r.version(), r.createdAt(),
                RunbookViews.StepsFinished.of(r.steps(), r.finished()), f == null ? null : f.forecastEnd(),
                f == null ? null : f.varianceMinutes(), f == null ? null : f.overWindowMinutes(), r.timeZone());
    }

}
