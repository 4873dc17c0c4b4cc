package io.cutplan.demo;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.EventType;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates one iteration's night the way the engine would have recorded it, without a database: steps become
 * ready when their last predecessor is done, are started a few minutes later, run for about their planned
 * duration (a few fail and are retried), tasks are ticked off inside the step's run, controls pass once their
 * tasks are done (before the step completes, as the go/no-go gate requires). Every action is one change with its
 * own iteration version and its events, exactly as IterationChange would stamp them.
 *
 * <p>{@link #timeline} fixes the times; {@link Timeline#history} replays the actions up to a cut-off
 * (everything for an executed iteration, "now" for the one under way) and derives final row states.
 */
final class ExecutionSimulator {
    private ExecutionSimulator() {
    }

    enum Kind { START, TASK, CONTROL, FAIL, RETRY, DONE, HOLD, COMMENT }

    /** One simulated change: a person doing one thing at one moment. */
    record Action(long at, Kind kind, int step, int item, String from, String to, String note) {
    }

    record StepState(StepStatus status, Instant readyAt, Instant startedAt, Instant finishedAt, StepStatus heldFrom,
                     Integer lastActor, int rowVersion, long changedIn) {
    }

    record TaskState(boolean done, Instant completedAt, Integer completedBy, int rowVersion, long changedIn) {
    }

    record ControlState(ControlStatus status, Integer setBy, Instant setAt, String note, int rowVersion, long changedIn) {
    }

    /** One event_log row to write; indexes refer to the model. */
    record Event(long version, Instant at, EventType type, Integer actor, Integer step, Integer task, Integer control,
                 Integer comment, Map<String, Object> details) {
    }

    /** A comment someone wrote on a step instance. */
    record Comment(long version, Instant at, int author, int step, String body) {
    }

    /** Final states (null where the row never changed) and the events, in version order. */
    record History(StepState[] steps, TaskState[] tasks, ControlState[] controls, List<Comment> comments, List<Event> events,
                   long lastVersion, Instant lastActivity) {
    }

    /** The times of every action of a complete run, in seconds from the iteration's actual start. */
    static final class Timeline {
        private final DemoModel model;
        private final List<Action> actions;
        final long[] finish;

        private Timeline(DemoModel model, List<Action> actions, long[] finish) {
            this.model = model;
            this.actions = actions;
            this.finish = finish;
        }

        /** Seconds after the start by which {@code fraction} of the steps are done. */
        long secondsUntilDone(double fraction) {
            long[] sorted = finish.clone();
            java.util.Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
        }

        /**
         * Replays the actions up to {@code cutSeconds} (inclusive) from {@code start}; versions start at
         * {@code firstVersion}. With {@code interrupt}, one running step fails and one ready step is put on hold
         * just before the cut, as in a night still under way.
         */
        History history(Instant start, long cutSeconds, long firstVersion, boolean interrupt, SplittableRandom rnd) {
            List<Action> included = new ArrayList<>();
            for (Action a : actions) {
                if (a.at() <= cutSeconds) {
                    included.add(a);
                }
            }
            if (interrupt) {
                included.addAll(interruptions(included, cutSeconds, rnd));
            }
            included.sort(ORDER);
            return replay(included, start, firstVersion, rnd);
        }

        private List<Action> interruptions(List<Action> included, long cut, SplittableRandom rnd) {
            int n = model.steps().size();
            long[] started = new long[n];
            long[] lastWork = new long[n];
            long[] ready = new long[n];
            java.util.Arrays.fill(started, -1);
            java.util.Arrays.fill(ready, -1);
            boolean[] done = new boolean[n];
            List<List<Integer>> preds = model.predecessors();
            for (Action a : included) {
                switch (a.kind()) {
                    case START -> started[a.step()] = a.at();
                    case DONE -> done[a.step()] = true;
                    default -> lastWork[a.step()] = Math.max(lastWork[a.step()], a.at());
                }
            }
            List<Integer> running = new ArrayList<>();
            List<Integer> waiting = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                if (started[s] >= 0 && !done[s] && !model.steps().get(s).goNoGo()) {
                    running.add(s);
                } else if (started[s] < 0) {
                    boolean released = true;
                    long r = 0;
                    for (int p : preds.get(s)) {
                        released &= done[p];
                        r = Math.max(r, finish[p]);
                    }
                    if (released) {
                        ready[s] = r;
                        waiting.add(s);
                    }
                }
            }
            List<Action> extra = new ArrayList<>();
            if (!running.isEmpty()) {
                int s = running.get(rnd.nextInt(running.size()));
                long at = Math.min(cut, Math.max(started[s], lastWork[s]) + 60);
                extra.add(new Action(at, Kind.FAIL, s, -1, "IN_PROGRESS", "FAILED", "Job abended (RC=12) – vendor & DBA investigating"));
                extra.add(new Action(at, Kind.COMMENT, s, -1, null, null,
                        "Abended with RC=12 on the 3rd file. DBA & vendor are on the bridge; ETA for a fix ~30 min."));
            }
            if (!waiting.isEmpty()) {
                int s = waiting.get(rnd.nextInt(waiting.size()));
                long at = Math.min(cut, ready[s] + 300);
                extra.add(new Action(at, Kind.HOLD, s, -1, "READY", "ON_HOLD", "Waiting for the vendor's confirmation"));
                extra.add(new Action(at, Kind.COMMENT, s, -1, null, null,
                        "Holding until the vendor confirms the patch is deployed (see ticket CHG-4711 & the bridge chat)."));
            }
            return extra;
        }

        private History replay(List<Action> ordered, Instant start, long firstVersion, SplittableRandom rnd) {
            int n = model.steps().size();
            StepState[] steps = new StepState[n];
            TaskState[] tasks = new TaskState[model.tasks().size()];
            ControlState[] controls = new ControlState[model.controls().size()];
            List<List<Integer>> preds = model.predecessors();
            List<List<Integer>> succs = model.successors();
            Actors actors = new Actors(model, rnd);
            for (int s = 0; s < n; s++) {
                // After instantiation: chain heads are READY from the start, the others PENDING.
                steps[s] = preds.get(s).isEmpty()
                        ? new StepState(StepStatus.READY, start, null, null, null, null, 1, 1)
                        : new StepState(StepStatus.PENDING, null, null, null, null, null, 1, 1);
            }
            List<Event> events = new ArrayList<>();
            List<Comment> comments = new ArrayList<>();
            long version = firstVersion - 1;
            Instant last = start;
            for (Action a : ordered) {
                long v = ++version;
                Instant at = start.plusSeconds(a.at());
                last = at;
                DemoModel.Step step = model.steps().get(a.step());
                switch (a.kind()) {
                    case COMMENT -> {
                        int actor = actors.forStep(step);
                        comments.add(new Comment(v, at, actor, a.step(), a.note()));
                        String excerpt = a.note().length() <= 120 ? a.note() : a.note().substring(0, 119) + "…";
                        events.add(new Event(v, at, EventType.COMMENT_ADDED, actor, a.step(), null, null, comments.size() - 1,
                                details("stepCode", step.code(), "excerpt", excerpt)));
                    }
                    case TASK -> {
                        DemoModel.Task task = model.tasks().get(a.item());
                        int actor = actors.forTask(task, step);
                        TaskState old = tasks[a.item()];
                        tasks[a.item()] = new TaskState(true, at, actor, (old == null ? 1 : old.rowVersion()) + 1, v);
                        events.add(new Event(v, at, EventType.TASK_COMPLETED, actor, a.step(), a.item(), null, null,
                                details("stepCode", step.code(), "taskTitle", task.title())));
                    }
                    case CONTROL -> {
                        DemoModel.Control control = model.controls().get(a.item());
                        int actor = control.critical() ? actors.pilot() : actors.forStep(step);
                        ControlState old = controls[a.item()];
                        controls[a.item()] = new ControlState(ControlStatus.valueOf(a.to()), actor, at, a.note(),
                                (old == null ? 1 : old.rowVersion()) + 1, v);
                        Map<String, Object> d = details("controlCode", control.code(), "from", a.from(), "to", a.to());
                        if (a.note() != null) {
                            d.put("note", a.note());
                        }
                        d.put("critical", control.critical());
                        events.add(new Event(v, at, EventType.CONTROL_STATUS_CHANGED, actor, null, null, a.item(), null, d));
                    }
                    default -> {
                        int actor = a.kind() == Kind.HOLD ? actors.pilot() : actors.forStep(step);
                        StepState old = steps[a.step()];
                        StepStatus to = StepStatus.valueOf(a.to());
                        Instant started = a.kind() == Kind.START ? at : old.startedAt();
                        Instant finished = switch (a.kind()) {
                            case DONE, FAIL -> at;
                            case RETRY -> null;
                            default -> old.finishedAt();
                        };
                        StepStatus held = to == StepStatus.ON_HOLD ? StepStatus.valueOf(a.from()) : null;
                        steps[a.step()] = new StepState(to, old.readyAt(), started, finished, held, actor, old.rowVersion() + 1, v);
                        events.add(stepEvent(v, at, actor, a.step(), a.from(), a.to(), a.note(), false));
                        if (a.kind() == Kind.DONE) {
                            for (int succ : succs.get(a.step())) {
                                if (releaser(preds.get(succ)) == a.step()) {
                                    StepState s = steps[succ];
                                    steps[succ] = new StepState(StepStatus.READY, at, null, null, null, s.lastActor(),
                                            s.rowVersion() + 1, v);
                                    events.add(stepEvent(v, at, actor, succ, "PENDING", "READY", null, true));
                                }
                            }
                        }
                    }
                }
            }
            return new History(steps, tasks, controls, comments, events, version, last);
        }

        /** The predecessor whose completion makes a step ready: the last to finish (ties: the later in plan order). */
        private int releaser(List<Integer> predecessors) {
            int best = -1;
            for (int p : predecessors) {
                if (best < 0 || finish[p] > finish[best] || (finish[p] == finish[best] && p > best)) {
                    best = p;
                }
            }
            return best;
        }

        private Event stepEvent(long v, Instant at, int actor, int step, String from, String to, String reason, boolean automatic) {
            Map<String, Object> d = details("stepCode", model.steps().get(step).code(), "from", from, "to", to);
            if (reason != null) {
                d.put("reason", reason);
            }
            d.put("automatic", automatic);
            d.put("override", false);
            return new Event(v, at, EventType.STEP_STATUS_CHANGED, actor, step, null, null, null, d);
        }
    }

    private static final Comparator<Action> ORDER = Comparator.comparingLong(Action::at)
            .thenComparing(Action::kind).thenComparingInt(Action::step).thenComparingInt(Action::item);

    /**
     * Fixes the times of a complete run: start delay 1-15 minutes after ready, duration the planned one times a
     * random factor (0.5 to 2), {@code failures} steps that fail half-way and are retried 10-40 minutes later.
     */
    static Timeline timeline(DemoModel model, int failures, SplittableRandom rnd) {
        int n = model.steps().size();
        List<List<Integer>> preds = model.predecessors();
        List<List<Integer>> tasksByStep = model.tasksByStep();
        List<List<Integer>> controlsByStep = controlsByStep(model);
        boolean[] failing = chooseFailures(model, failures, controlsByStep, rnd);
        long[] finish = new long[n];
        List<Action> actions = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            long ready = 0;
            for (int p : preds.get(s)) {
                ready = Math.max(ready, finish[p]);
            }
            long start = ready + 60 + rnd.nextInt(14 * 60);
            double factor = Math.max(0.5, Math.min(2.0, Math.exp(0.25 * gaussian(rnd))));
            long duration = Math.max(120, Math.round(model.steps().get(s).minutes() * 60 * factor));
            actions.add(new Action(start, Kind.START, s, -1, "READY", "IN_PROGRESS", null));
            long workFrom = start;
            long end = start + duration;
            if (failing[s]) {
                long failAt = start + duration / 2;
                long retryAt = failAt + 600 + rnd.nextInt(1800);
                actions.add(new Action(failAt, Kind.FAIL, s, -1, "IN_PROGRESS", "FAILED", "Rejects found in the load report"));
                actions.add(new Action(failAt + 120, Kind.COMMENT, s, -1, null, null,
                        "1,204 rejects in the load report <see attached log>. Fixing the mapping & rerunning."));
                actions.add(new Action(retryAt, Kind.RETRY, s, -1, "FAILED", "IN_PROGRESS", "Retry after the fix (data corrected)"));
                for (int c : controlsByStep.get(s)) {
                    actions.add(new Action(failAt, Kind.CONTROL, s, c, "PENDING", "FAILED", "Mismatch found – see incident INC-"
                            + (40000 + rnd.nextInt(9999))));
                }
                workFrom = retryAt;
                end = retryAt + Math.max(120, duration * 6 / 10);
            }
            List<Integer> stepTasks = tasksByStep.get(s);
            long[] taskAt = new long[stepTasks.size()];
            long previous = workFrom;
            for (int i = 0; i < stepTasks.size(); i++) {
                long at = workFrom + (end - workFrom) * (i + 1) / (stepTasks.size() + 1) + rnd.nextInt(60) - 30;
                at = Math.max(at, previous + 5);
                taskAt[i] = at;
                previous = at;
                actions.add(new Action(at, Kind.TASK, s, stepTasks.get(i), null, null, null));
            }
            long lastWork = previous;
            for (int c : controlsByStep.get(s)) {
                long at = 0;
                for (int t : model.controls().get(c).tasks()) {
                    at = Math.max(at, taskAt[stepTasks.indexOf(t)]);
                }
                at += 30 + rnd.nextInt(60);
                String from = failing[s] ? "FAILED" : "PENDING";
                actions.add(new Action(at, Kind.CONTROL, s, c, from, "PASSED", failing[s] ? "Re-checked after the fix" : null));
                lastWork = Math.max(lastWork, at);
            }
            // The gate: a step completes only after its tasks are done and its controls have passed.
            finish[s] = Math.max(end, lastWork + 60);
            actions.add(new Action(finish[s], Kind.DONE, s, -1, "IN_PROGRESS", "DONE", null));
        }
        actions.sort(ORDER);
        return new Timeline(model, actions, finish);
    }

    private static boolean[] chooseFailures(DemoModel model, int failures, List<List<Integer>> controlsByStep,
                                            SplittableRandom rnd) {
        boolean[] failing = new boolean[model.steps().size()];
        if (failures <= 0) {
            return failing;
        }
        // One failure on a check with controls (so a control fails and is re-checked), the rest anywhere but the gates.
        List<Integer> checked = new ArrayList<>();
        for (int s = 0; s < failing.length; s++) {
            if (!controlsByStep.get(s).isEmpty() && !model.steps().get(s).goNoGo()) {
                checked.add(s);
            }
        }
        int chosen = 0;
        if (!checked.isEmpty()) {
            failing[checked.get(rnd.nextInt(checked.size()))] = true;
            chosen++;
        }
        for (int guard = 0; chosen < failures && guard < 10_000; guard++) {
            int s = rnd.nextInt(failing.length);
            if (!failing[s] && !model.steps().get(s).goNoGo()) {
                failing[s] = true;
                chosen++;
            }
        }
        return failing;
    }

    private static List<List<Integer>> controlsByStep(DemoModel model) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < model.steps().size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int c = 0; c < model.controls().size(); c++) {
            int step = model.tasks().get(model.controls().get(c).tasks().get(0)).step();
            out.get(step).add(c);
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static Map<String, Object> details(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Who did what: members of the owning or assigned team, pilots for decisions and holds. */
    private static final class Actors {
        private final DemoModel model;
        private final SplittableRandom rnd;
        private final List<List<Integer>> members;
        private final List<Integer> pilots = new ArrayList<>();

        Actors(DemoModel model, SplittableRandom rnd) {
            this.model = model;
            this.rnd = rnd;
            this.members = model.membersByTeam();
            for (int u = 0; u < model.users().size(); u++) {
                if (model.users().get(u).role() != Role.NORMAL) {
                    pilots.add(u);
                }
            }
        }

        int pilot() {
            return pilots.get(rnd.nextInt(pilots.size()));
        }

        int forStep(DemoModel.Step step) {
            return member(step.ownerTeam());
        }

        int forTask(DemoModel.Task task, DemoModel.Step step) {
            if (task.nominatedUser() != null) {
                return task.nominatedUser();
            }
            return member(task.team() != null ? task.team() : step.ownerTeam());
        }

        private int member(Integer team) {
            if (team == null || members.get(team).isEmpty()) {
                return pilot();
            }
            List<Integer> m = members.get(team);
            return m.get(rnd.nextInt(m.size()));
        }
    }
}
