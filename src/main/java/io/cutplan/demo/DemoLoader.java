package io.cutplan.demo;

import io.cutplan.domain.Caller;
import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.Role;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.NewIteration;
import io.cutplan.store.Ids;
import io.cutplan.store.Jdbc;
import io.cutplan.store.authoring.PlanImportDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Writes one generated model into the database inside the caller's transaction: people, the canonical plan,
 * the migration and its iterations (each created by {@link InstantiationService}), chapter schedules, the
 * simulated history of executed iterations and of the one under way, and finally the demo accounts.
 *
 * <p>Versions per iteration: 1 is the creation, 2 the chapter schedule, 3 onwards one per simulated change,
 * and the iteration's change_version ends at the last of them, as if every change had gone through
 * IterationChange. Simulated events are back-dated to when they "happened"; the creation event carries the
 * load time.
 */
final class DemoLoader {
    record Loaded(UUID migrationId, UUID planId) {
    }

    private final Connection c;
    private final DemoModel model;
    private final Instant anchor;
    private final UnaryOperator<String> passwordHasher;
    private final UUID planId = Ids.newId();
    private final UUID migrationId = Ids.newId();
    private UUID[] teamIds;
    private UUID[] userIds;
    private UUID[] chapterIds;
    private UUID[] stepIds;
    private UUID[] taskIds;
    private UUID[] controlIds;
    private final List<Integer> pilots = new ArrayList<>();
    /** The history of the iteration under way, for choosing the executor's teams. */
    private ExecutionSimulator.History underWay;

    DemoLoader(Connection c, DemoModel model, Instant anchor, UnaryOperator<String> passwordHasher) {
        this.c = c;
        this.model = model;
        this.anchor = anchor;
        this.passwordHasher = passwordHasher;
    }

    Loaded load() throws SQLException {
        people();
        plan();
        iterations();
        accounts();
        return new Loaded(migrationId, planId);
    }

    // ------------------------------------------------------------------ people and plan

    private void people() throws SQLException {
        List<Object[]> teams = new ArrayList<>();
        String[] codes = new String[model.teams().size()];
        for (int i = 0; i < codes.length; i++) {
            DemoModel.Team t = model.teams().get(i);
            codes[i] = t.code();
            teams.add(new Object[] {Ids.newId(), t.code(), t.name(), t.email()});
        }
        DemoWriter.insertTeams(c, teams);
        Map<String, UUID> byCode = DemoWriter.teamIds(c, codes);
        teamIds = new UUID[codes.length];
        for (int i = 0; i < codes.length; i++) {
            teamIds[i] = byCode.get(codes[i]);
        }
        List<Object[]> users = new ArrayList<>();
        String[] names = new String[model.users().size()];
        for (int i = 0; i < names.length; i++) {
            DemoModel.User u = model.users().get(i);
            names[i] = u.username();
            users.add(new Object[] {Ids.newId(), u.username(), u.displayName(), u.email(), u.role()});
            if (u.role() != Role.NORMAL) {
                pilots.add(i);
            }
        }
        DemoWriter.insertUsers(c, users);
        Map<String, UUID> byName = DemoWriter.userIds(c, names);
        userIds = new UUID[names.length];
        List<Object[]> memberships = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            userIds[i] = byName.get(names[i]);
            for (int t : model.users().get(i).teams()) {
                memberships.add(new Object[] {teamIds[t], userIds[i]});
            }
        }
        DemoWriter.insertMemberships(c, memberships);
    }

    private void plan() throws SQLException {
        String code = model.size().code();
        DemoWriter.insertPlan(c, planId, code, model.planName(),
                "Generated demo runbook (seed " + model.seed() + "). Titles, teams & people are fictitious.");
        UUID[] phaseIds = new UUID[model.phases().size()];
        List<Object[]> phases = new ArrayList<>();
        for (int p = 0; p < phaseIds.length; p++) {
            phaseIds[p] = Ids.newId();
            phases.add(new Object[] {phaseIds[p], planId, p, model.phases().get(p)});
        }
        PlanImportDao.insertPhases(c, phases);
        chapterIds = new UUID[model.chapters().size()];
        List<Object[]> chapters = new ArrayList<>();
        for (int i = 0; i < chapterIds.length; i++) {
            DemoModel.Chapter ch = model.chapters().get(i);
            chapterIds[i] = Ids.newId();
            chapters.add(new Object[] {chapterIds[i], planId, phaseIds[ch.phase()], ch.position(), ch.code(), ch.name()});
        }
        PlanImportDao.insertChapters(c, chapters);
        stepIds = new UUID[model.steps().size()];
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> impacted = new ArrayList<>();
        for (int i = 0; i < stepIds.length; i++) {
            DemoModel.Step s = model.steps().get(i);
            stepIds[i] = Ids.newId();
            steps.add(new Object[] {stepIds[i], planId, chapterIds[s.chapter()], s.position(), s.code(), s.type(), s.title(),
                    s.description(), s.ownerTeam() == null ? null : teamIds[s.ownerTeam()], s.minutes(), s.goNoGo()});
            for (int t : s.impactedTeams()) {
                impacted.add(new Object[] {stepIds[i], teamIds[t]});
            }
        }
        PlanImportDao.insertSteps(c, steps);
        PlanImportDao.insertImpactedTeams(c, impacted);
        List<Object[]> deps = new ArrayList<>();
        for (DemoModel.Dependency d : model.dependencies()) {
            deps.add(new Object[] {planId, stepIds[d.predecessor()], stepIds[d.successor()]});
        }
        PlanImportDao.insertDependencies(c, deps);
        taskIds = new UUID[model.tasks().size()];
        List<Object[]> tasks = new ArrayList<>();
        for (int i = 0; i < taskIds.length; i++) {
            DemoModel.Task t = model.tasks().get(i);
            taskIds[i] = Ids.newId();
            tasks.add(new Object[] {taskIds[i], stepIds[t.step()], t.position(), t.title(), t.description(),
                    t.team() == null ? null : teamIds[t.team()], t.nominatedUser() == null ? null : userIds[t.nominatedUser()]});
        }
        PlanImportDao.insertTasks(c, tasks);
        controlIds = new UUID[model.controls().size()];
        List<Object[]> controls = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        for (int i = 0; i < controlIds.length; i++) {
            DemoModel.Control ctl = model.controls().get(i);
            controlIds[i] = Ids.newId();
            controls.add(new Object[] {controlIds[i], planId, ctl.code(), ctl.title(), ctl.description(), ctl.critical()});
            for (int t : ctl.tasks()) {
                links.add(new Object[] {taskIds[t], controlIds[i]});
            }
        }
        PlanImportDao.insertControls(c, controls);
        PlanImportDao.insertControlLinks(c, links);
        DemoWriter.insertMigration(c, migrationId, code, model.migrationName(),
                "Demo programme: rehearsals and the cutover of the core banking replacement.");
    }

    // ------------------------------------------------------------------ iterations

    private void iterations() throws SQLException {
        long criticalPath = ChapterScheduler.criticalPathMinutes(model);
        long windowMinutes = Math.max(12 * 60, (long) Math.ceil(criticalPath * 1.25 / 60.0) * 60);
        List<ChapterScheduler.Window> schedule = ChapterScheduler.plan(model, windowMinutes);
        List<DemoSize.IterationPlan> plans = model.size().iterations();
        for (int i = 0; i < plans.size(); i++) {
            DemoSize.IterationPlan plan = plans.get(i);
            // Each iteration has its own random stream, so one iteration's night never shifts another's.
            SplittableRandom rnd = new SplittableRandom(model.seed() * 1_000_003L + 7919L * (i + 1));
            boolean underWayNow = plan.progress() == DemoSize.IterationStage.IN_PROGRESS;
            ExecutionSimulator.Timeline timeline = plan.progress() == DemoSize.IterationStage.PLANNED ? null
                    : ExecutionSimulator.timeline(model, underWayNow ? 0 : model.size().failuresPerExecutedIteration(), rnd);
            long cut = Long.MAX_VALUE;
            Instant plannedStart;
            if (underWayNow) {
                // Started long enough ago that about 40 % of the steps are done by now.
                long elapsed = roundUpToQuarterHour(timeline.secondsUntilDone(0.4));
                plannedStart = anchor.minusSeconds(elapsed);
                cut = elapsed;
            } else {
                plannedStart = anchor.truncatedTo(ChronoUnit.DAYS).plus(plan.dayOffset(), ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS);
            }
            Instant plannedEnd = plannedStart.plus(windowMinutes, ChronoUnit.MINUTES);
            if (underWayNow && !plannedEnd.isAfter(anchor)) {
                plannedEnd = anchor.plus(6, ChronoUnit.HOURS);
            }
            UUID iterationId = InstantiationService.createIteration(c, Caller.system(), new NewIteration(migrationId, planId,
                    plan.code(), plan.name(), plan.type(), plannedStart, plannedEnd, null), List.of()).iterationId();
            // Demo history must not notify anyone, so no listeners are passed above or told below.
            int scheduler = pilots.get(i % pilots.size());
            Instant scheduledAt = min(plannedStart.minus(2, ChronoUnit.DAYS), anchor);
            writeSchedule(iterationId, plannedStart, schedule, scheduler, scheduledAt);
            if (timeline == null) {
                DemoWriter.advanceIteration(c, iterationId, 1, 2, IterationStatus.PLANNED.name());
                continue;
            }
            Instant actualStart = underWayNow ? plannedStart : plannedStart.plusSeconds(60L * rnd.nextInt(20));
            ExecutionSimulator.History history = timeline.history(actualStart, cut, 3, underWayNow, rnd);
            writeHistory(iterationId, history);
            if (underWayNow) {
                underWay = history;
                DemoWriter.updatePlanInstance(c, iterationId, "IN_PROGRESS", actualStart, null);
                DemoWriter.advanceIteration(c, iterationId, 1, history.lastVersion(), IterationStatus.IN_PROGRESS.name());
            } else {
                DemoWriter.updatePlanInstance(c, iterationId, "COMPLETED", actualStart, history.lastActivity());
                DemoWriter.advanceIteration(c, iterationId, 1, history.lastVersion(), IterationStatus.COMPLETED.name());
            }
        }
    }

    private void writeSchedule(UUID iterationId, Instant plannedStart, List<ChapterScheduler.Window> schedule, int pilot,
                               Instant at) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (int ch = 0; ch < schedule.size(); ch++) {
            ChapterScheduler.Window w = schedule.get(ch);
            rows.add(new Object[] {iterationId, chapterIds[ch], plannedStart.plus(w.startMinute(), ChronoUnit.MINUTES),
                    plannedStart.plus(w.endMinute(), ChronoUnit.MINUTES), userIds[pilot], at, 2L});
        }
        DemoWriter.insertChapterSchedules(c, rows);
        List<Object[]> event = new ArrayList<>();
        event.add(eventRow(at, EventType.SCHEDULE_CHANGED, pilot, iterationId, null, null, null, null, 2L,
                Map.of("chapters", schedule.size(), "reason", "Initial chapter schedule")));
        DemoWriter.appendEvents(c, event);
    }

    private void writeHistory(UUID iterationId, ExecutionSimulator.History h) throws SQLException {
        Map<UUID, UUID> stepInstances = DemoWriter.stepInstanceIds(c, iterationId);
        Map<UUID, UUID> taskInstances = DemoWriter.taskInstanceIds(c, iterationId);
        List<Object[]> steps = new ArrayList<>();
        for (int s = 0; s < h.steps().length; s++) {
            ExecutionSimulator.StepState st = h.steps()[s];
            steps.add(new Object[] {stepInstances.get(stepIds[s]), st.status(), st.heldFrom(), st.readyAt(), st.startedAt(),
                    st.finishedAt(), user(st.lastActor()), st.rowVersion(), st.changedIn()});
        }
        DemoWriter.updateStepInstances(c, steps);
        List<Object[]> tasks = new ArrayList<>();
        for (int t = 0; t < h.tasks().length; t++) {
            ExecutionSimulator.TaskState st = h.tasks()[t];
            if (st != null) {
                tasks.add(new Object[] {taskInstances.get(taskIds[t]), st.done() ? "DONE" : "OPEN", st.completedAt(),
                        user(st.completedBy()), st.rowVersion(), st.changedIn()});
            }
        }
        DemoWriter.updateTaskInstances(c, tasks);
        List<Object[]> controls = new ArrayList<>();
        for (int k = 0; k < h.controls().length; k++) {
            ExecutionSimulator.ControlState st = h.controls()[k];
            if (st != null) {
                controls.add(new Object[] {iterationId, controlIds[k], st.status(), user(st.setBy()), st.setAt(), st.note(),
                        st.rowVersion(), st.changedIn()});
            }
        }
        DemoWriter.updateControlStatuses(c, controls);
        UUID[] commentIds = new UUID[h.comments().size()];
        List<Object[]> comments = new ArrayList<>();
        for (int k = 0; k < commentIds.length; k++) {
            ExecutionSimulator.Comment cm = h.comments().get(k);
            commentIds[k] = Ids.newId();
            comments.add(new Object[] {commentIds[k], iterationId, stepInstances.get(stepIds[cm.step()]), userIds[cm.author()],
                    model.users().get(cm.author()).displayName(), cm.body(), cm.at(), cm.version()});
        }
        DemoWriter.insertComments(c, comments);
        List<Object[]> events = new ArrayList<>(h.events().size());
        for (ExecutionSimulator.Event e : h.events()) {
            events.add(eventRow(e.at(), e.type(), e.actor(), iterationId,
                    e.step() == null ? null : stepInstances.get(stepIds[e.step()]),
                    e.task() == null ? null : taskInstances.get(taskIds[e.task()]),
                    e.control() == null ? null : controlIds[e.control()], e.comment() == null ? null : commentIds[e.comment()],
                    e.version(), e.details()));
        }
        DemoWriter.appendEvents(c, events);
    }

    private Object[] eventRow(Instant at, EventType type, Integer actor, UUID iterationId, UUID stepInstance, UUID taskInstance,
                              UUID control, UUID comment, long version, Map<String, Object> details) {
        return new Object[] {Ids.newId(), at, type, user(actor), actor == null ? null : model.users().get(actor).username(),
                iterationId, stepInstance, taskInstance, control, comment, version, new Jdbc.Json(DemoJson.write(details))};
    }

    private UUID user(Integer index) {
        return index == null ? null : userIds[index];
    }

    // ------------------------------------------------------------------ demo accounts

    /**
     * admin, pilot, pilot2, executor and viewer. The executor joins the team owning the most READY steps of the
     * iteration under way, and the team of its first running step, so "my ready steps" is never empty.
     */
    private void accounts() throws SQLException {
        List<Object[]> users = new ArrayList<>();
        String[] names = new String[DemoAccounts.LOGINS.size()];
        for (int i = 0; i < names.length; i++) {
            DemoAccounts.Account a = DemoAccounts.LOGINS.get(i);
            names[i] = a.username();
            users.add(new Object[] {Ids.newId(), a.username(), a.displayName(), a.username() + "@demo.cutplan.example", a.role()});
        }
        DemoWriter.insertUsers(c, users);
        Map<String, UUID> ids = DemoWriter.userIds(c, names);
        List<Object[]> memberships = new ArrayList<>();
        for (int team : executorTeams()) {
            memberships.add(new Object[] {teamIds[team], ids.get(DemoAccounts.EXECUTOR.username())});
        }
        DemoWriter.insertMemberships(c, memberships);
        if (passwordHasher != null) {
            List<Object[]> credentials = new ArrayList<>();
            for (DemoAccounts.Account a : DemoAccounts.LOGINS) {
                credentials.add(new Object[] {ids.get(a.username()), passwordHasher.apply(a.password())});
            }
            DemoWriter.insertCredentials(c, credentials);
        }
    }

    private List<Integer> executorTeams() {
        List<Integer> teams = new ArrayList<>();
        if (underWay == null) {
            return teams;
        }
        int[] ready = new int[model.teams().size()];
        Integer running = null;
        for (int s = 0; s < underWay.steps().length; s++) {
            Integer owner = model.steps().get(s).ownerTeam();
            if (owner == null) {
                continue;
            }
            StepStatus status = underWay.steps()[s].status();
            if (status == StepStatus.READY) {
                ready[owner]++;
            } else if (status == StepStatus.IN_PROGRESS && running == null) {
                running = owner;
            }
        }
        int best = 0;
        for (int t = 1; t < ready.length; t++) {
            best = ready[t] > ready[best] ? t : best;
        }
        if (ready[best] > 0) {
            teams.add(best);
        }
        if (running != null && !teams.contains(running)) {
            teams.add(running);
        }
        return teams;
    }

    private static long roundUpToQuarterHour(long seconds) {
        return (seconds + 899) / 900 * 900;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
