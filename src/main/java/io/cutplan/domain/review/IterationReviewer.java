package io.cutplan.domain.review;

import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Computes the {@link Review} of one iteration from what was recorded (pure; see docs/review.md). Linear in steps,
 * links and events apart from sorting, so a 1,200-step iteration with 30,000 events reviews in milliseconds.
 */
public final class IterationReviewer {
    /** How many steps "top delays" lists. */
    public static final int TOP_DELAYS = 10;
    /** The team row of steps without an owning team. */
    public static final String NO_TEAM = "(no team)";

    private IterationReviewer() {
    }

    public static Review review(ReviewInput in) {
        return new Run(in).review();
    }

    /** Whole minutes from a to b, rounded toward zero; null when either is unknown. */
    static Long minutes(Instant a, Instant b) {
        return a == null || b == null ? null : Duration.between(a, b).toMinutes();
    }

    /** Seconds as whole minutes, to the nearest (half a minute up). */
    static long nearestMinute(long seconds) {
        return Math.floorDiv(seconds + 30, 60);
    }

    private static boolean finished(StepStatus s) {
        return s == StepStatus.DONE || s == StepStatus.SKIPPED || s == StepStatus.CANCELLED;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** Start and end of a group of steps, and whether all of them finished. */
    private static final class Span {
        Instant start;
        Instant end;
        boolean allFinished = true;
        int steps;
        int finishedSteps;

        void add(ReviewInput.Step s) {
            steps++;
            start = min(start, s.startedAt() != null ? s.startedAt() : s.finishedAt());
            if (finished(s.status()) && s.finishedAt() != null) {
                end = max(end, s.finishedAt());
                finishedSteps++;
            } else {
                allFinished = false;
            }
        }

        Review.Timing timing(Instant plannedStart, Instant plannedEnd) {
            Instant actualEnd = allFinished && steps > 0 ? end : null;
            Long actual = actualEnd == null ? null : minutes(start, actualEnd);
            Long planned = minutes(plannedStart, plannedEnd);
            return new Review.Timing(plannedStart, plannedEnd, planned, start, actualEnd, end, actual,
                    minutes(plannedStart, start), minutes(plannedEnd, actualEnd),
                    actual == null || planned == null ? null : actual - planned, actualEnd != null);
        }
    }

    private static final class Run {
        private final ReviewInput in;
        private final Map<UUID, ReviewInput.Step> steps = new LinkedHashMap<>();
        private final Map<UUID, Integer> order = new HashMap<>();
        private final Map<UUID, ReviewInput.Chapter> chapters = new LinkedHashMap<>();
        private final Map<UUID, List<UUID>> predecessors = new HashMap<>();
        private final Map<UUID, List<ReviewInput.StatusChange>> changes = new HashMap<>();
        private final Map<UUID, Review.StepRef> refs = new HashMap<>();
        private final Map<UUID, Long> holdMinutes = new HashMap<>();
        private final Map<UUID, Integer> failures = new HashMap<>();
        private final Map<UUID, Integer> retries = new HashMap<>();

        Run(ReviewInput in) {
            this.in = in;
            in.chapters().forEach(ch -> chapters.put(ch.id(), ch));
            for (ReviewInput.Step s : in.steps()) {
                order.put(s.id(), steps.size());
                steps.put(s.id(), s);
                ReviewInput.Chapter ch = chapters.get(s.chapterId());
                refs.put(s.id(), new Review.StepRef(s.id(), s.code(), s.title(), ch == null ? null : ch.code(), s.teamName()));
            }
            for (ReviewInput.Link l : in.links()) {
                if (steps.containsKey(l.predecessor()) && steps.containsKey(l.successor())) {
                    predecessors.computeIfAbsent(l.successor(), k -> new ArrayList<>()).add(l.predecessor());
                }
            }
            List<ReviewInput.StatusChange> sorted = new ArrayList<>(in.statusChanges());
            sorted.sort(Comparator.comparing(ReviewInput.StatusChange::at));
            for (ReviewInput.StatusChange c : sorted) {
                if (steps.containsKey(c.stepId())) {
                    changes.computeIfAbsent(c.stepId(), k -> new ArrayList<>()).add(c);
                    if (c.to() == StepStatus.FAILED) {
                        failures.merge(c.stepId(), 1, Integer::sum);
                    }
                    if (c.from() == StepStatus.FAILED && c.to() == StepStatus.IN_PROGRESS) {
                        retries.merge(c.stepId(), 1, Integer::sum);
                    }
                }
            }
        }

        Review review() {
            List<Review.Hold> holds = holds();
            holds.forEach(h -> holdMinutes.merge(h.step().id(), h.minutes(), Long::sum));
            Map<UUID, PlannedSchedule.Slot> planned = plannedSlots();
            Review.Chain chain = chain();
            Map<UUID, Review.ChainLink> onChain = new HashMap<>();
            chain.links().forEach(l -> onChain.put(l.step().id(), l));

            List<Review.StepRow> stepRows = stepRows(planned, onChain);
            Span all = new Span();
            in.steps().forEach(all::add);
            ReviewInput.Iteration it = in.iteration();
            Instant plannedEnd = planned.values().stream().map(PlannedSchedule.Slot::end).max(Comparator.naturalOrder())
                    .orElse(it.plannedStart());
            Review.Timing timing = all.timing(it.plannedStart(), plannedEnd);
            boolean complete = it.status() == IterationStatus.COMPLETED || (all.allFinished && all.steps > 0);

            List<Review.ChapterRow> chapterRows = new ArrayList<>();
            List<Review.PhaseRow> phaseRows = phases(planned, onChain, chapterRows);
            List<Review.Failure> failureRows = failureRows();
            List<Review.Closure> closures = closures();
            List<Review.GateOverride> overrides = in.overrides().stream().filter(o -> refs.containsKey(o.stepId()))
                    .sorted(Comparator.comparing(ReviewInput.GateOverride::at))
                    .map(o -> new Review.GateOverride(refs.get(o.stepId()), o.at(), o.actor(), o.reason(), o.openTasks(),
                            o.unpassedControls())).toList();
            List<Review.FailedControl> failedControls = in.controlFailures().stream()
                    .sorted(Comparator.comparing(ReviewInput.ControlFailure::at))
                    .map(f -> new Review.FailedControl(f.controlId(), f.code(), f.title(), f.critical(), f.at(), f.actor(),
                            f.note(), f.currentStatus(), f.stepId() == null ? null : refs.get(f.stepId()))).toList();
            List<Review.CommentRow> comments = in.comments().stream().sorted(Comparator.comparing(ReviewInput.Comment::at))
                    .map(c -> new Review.CommentRow(refs.get(c.stepId()), c.at(), c.author(), c.body())).toList();

            int done = 0, skipped = 0, cancelled = 0, running = 0;
            for (ReviewInput.Step s : in.steps()) {
                switch (s.status()) {
                    case DONE -> done++;
                    case SKIPPED -> skipped++;
                    case CANCELLED -> cancelled++;
                    case IN_PROGRESS -> running++;
                    default -> { }
                }
            }
            Review.Counts counts = new Review.Counts(in.steps().size(), all.finishedSteps, done, skipped, cancelled, running,
                    failureRows.size(), (int) retries.values().stream().filter(n -> n > 0).count(), holds.size(),
                    overrides.size(), failedControls.size(), comments.size(), timing.endVarianceMinutes(), it.plannedEnd(),
                    minutes(it.plannedEnd(), timing.actualEnd()));
            Review.Head head = new Review.Head(it.id(), it.code(), it.name(), it.migrationCode(), it.migrationName(), it.status(),
                    complete, in.asOf());
            List<Review.ChainLink> top = chain.links().stream().filter(l -> l.delayMinutes() > 0)
                    .sorted(Comparator.comparingLong(Review.ChainLink::delayMinutes).reversed()
                            .thenComparing(l -> order.get(l.step().id())))
                    .limit(TOP_DELAYS).toList();
            return new Review(head, timing, counts, phaseRows, chapterRows, chain, top, teams(stepRows), failureRows, holds,
                    closures, overrides, failedControls, comments, lessons(), stepRows);
        }

        private Map<UUID, PlannedSchedule.Slot> plannedSlots() {
            List<PlannedSchedule.Node> nodes = new ArrayList<>(steps.size());
            in.steps().forEach(s -> nodes.add(new PlannedSchedule.Node(s.id(), s.plannedMinutes(), s.chapterId())));
            List<PlannedSchedule.Edge> edges = new ArrayList<>();
            predecessors.forEach((succ, preds) -> preds.forEach(p -> edges.add(new PlannedSchedule.Edge(p, succ))));
            Map<UUID, Instant> chapterStarts = new HashMap<>();
            chapters.values().forEach(ch -> {
                if (ch.scheduledStart() != null) {
                    chapterStarts.put(ch.id(), ch.scheduledStart());
                }
            });
            return PlannedSchedule.compute(in.iteration().plannedStart(), nodes, edges, chapterStarts);
        }

        /**
         * The as-run critical path: from the step that finished last (ties: the later in plan order), back through the
         * predecessor that finished last before the step started (its finish is what let the step start). Stops at a
         * step without such a predecessor.
         */
        private Review.Chain chain() {
            ReviewInput.Step last = null;
            for (ReviewInput.Step s : in.steps()) {
                if (finished(s.status()) && s.finishedAt() != null
                        && (last == null || !s.finishedAt().isBefore(last.finishedAt()))) {
                    last = s;
                }
            }
            List<ReviewInput.Step> walk = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            ReviewInput.Step cur = last;
            while (cur != null && seen.add(cur.id())) {
                walk.add(cur);
                Instant start = startOf(cur);
                ReviewInput.Step best = null;
                for (UUID p : predecessors.getOrDefault(cur.id(), List.of())) {
                    ReviewInput.Step ps = steps.get(p);
                    if (ps.finishedAt() == null || ps.finishedAt().isAfter(start)) {
                        continue;
                    }
                    if (best == null || ps.finishedAt().isAfter(best.finishedAt())
                            || (ps.finishedAt().equals(best.finishedAt()) && order.get(p) > order.get(best.id()))) {
                        best = ps;
                    }
                }
                cur = best;
            }
            java.util.Collections.reverse(walk);
            List<Review.ChainLink> links = new ArrayList<>(walk.size());
            long planned = 0;
            ReviewInput.Step previous = null;
            Instant firstCould = null;
            for (ReviewInput.Step s : walk) {
                Instant could = previous == null
                        ? max(s.readyAt() == null ? in.iteration().plannedStart() : s.readyAt(), in.iteration().plannedStart())
                        : previous.finishedAt();
                Instant start = startOf(s);
                if (could.isAfter(start)) {
                    could = start; // started before the plan's start: nothing waited
                }
                if (firstCould == null) {
                    firstCould = could;
                }
                // In seconds, rounded to the nearest minute once per figure: rounding each part toward zero would lose
                // up to two minutes per link, hours over a long chain.
                long waitSeconds = Duration.between(could, start).getSeconds();
                long actualSeconds = s.startedAt() == null ? 0 : Duration.between(s.startedAt(), s.finishedAt()).getSeconds();
                long wait = nearestMinute(waitSeconds);
                long actual = nearestMinute(actualSeconds);
                int plannedMinutes = s.plannedMinutes();
                long added = nearestMinute(waitSeconds + actualSeconds) - plannedMinutes;
                planned += plannedMinutes;
                links.add(new Review.ChainLink(refs.get(s.id()), previous == null ? null : previous.id(), could, s.readyAt(),
                        s.startedAt(), s.finishedAt(), s.plannedMinutes(), wait, actual, holdMinutes.getOrDefault(s.id(), 0L),
                        retries.getOrDefault(s.id(), 0) > 0, added));
                previous = s;
            }
            long span = last == null ? 0 : nearestMinute(Duration.between(firstCould, last.finishedAt()).getSeconds());
            return new Review.Chain(List.copyOf(links), planned, span, span - planned);
        }

        /** When a step began: its (first) start, or for one never started (skipped, cancelled) when it was closed. */
        private static Instant startOf(ReviewInput.Step s) {
            return s.startedAt() != null ? s.startedAt() : s.finishedAt();
        }

        private List<Review.StepRow> stepRows(Map<UUID, PlannedSchedule.Slot> planned, Map<UUID, Review.ChainLink> onChain) {
            Map<UUID, String> notes = new HashMap<>();
            in.notes().forEach(n -> {
                if (n.stepId() != null) {
                    notes.put(n.stepId(), n.text());
                }
            });
            List<Review.StepRow> out = new ArrayList<>(steps.size());
            for (ReviewInput.Step s : in.steps()) {
                PlannedSchedule.Slot slot = planned.get(s.id());
                boolean running = s.status() == StepStatus.IN_PROGRESS;
                Instant endOfRun = finished(s.status()) ? s.finishedAt() : running ? in.asOf() : null;
                Long actual = s.startedAt() == null ? (finished(s.status()) ? Long.valueOf(0) : null)
                        : minutes(s.startedAt(), endOfRun);
                Long variance = actual == null || s.status() != StepStatus.DONE && !running ? null : actual - s.plannedMinutes();
                Long endVariance = finished(s.status()) && slot != null ? minutes(slot.end(), s.finishedAt()) : null;
                Long wait = s.startedAt() == null || s.readyAt() == null ? null : minutes(s.readyAt(), s.startedAt());
                Review.ChainLink link = onChain.get(s.id());
                out.add(new Review.StepRow(refs.get(s.id()), s.status(), s.plannedMinutes(), slot == null ? null : slot.start(),
                        slot == null ? null : slot.end(), s.readyAt(), s.startedAt(), s.finishedAt(), actual, variance,
                        endVariance, wait, holdMinutes.getOrDefault(s.id(), 0L), failures.getOrDefault(s.id(), 0),
                        retries.getOrDefault(s.id(), 0), retries.getOrDefault(s.id(), 0) > 0, running, link != null,
                        link == null ? null : link.delayMinutes(), notes.get(s.id())));
            }
            return out;
        }

        private List<Review.PhaseRow> phases(Map<UUID, PlannedSchedule.Slot> planned, Map<UUID, Review.ChainLink> onChain,
                                             List<Review.ChapterRow> chapterRows) {
            Map<UUID, List<ReviewInput.Step>> byChapter = new HashMap<>();
            in.steps().forEach(s -> byChapter.computeIfAbsent(s.chapterId(), k -> new ArrayList<>()).add(s));
            Map<UUID, Span> phaseSpans = new LinkedHashMap<>();
            Map<UUID, Instant[]> phasePlanned = new HashMap<>();
            Map<UUID, long[]> phaseFigures = new HashMap<>(); // chapters, delay
            Map<UUID, ReviewInput.Chapter> phaseOf = new HashMap<>();
            List<ReviewInput.Chapter> ordered = new ArrayList<>(chapters.values());
            for (ReviewInput.Chapter ch : ordered) {
                List<ReviewInput.Step> own = byChapter.get(ch.id());
                if (own == null) {
                    continue; // no step of this chapter is in scope
                }
                Span span = new Span();
                Instant ps = null, pe = null;
                int chain = 0;
                long delay = 0;
                for (ReviewInput.Step s : own) {
                    span.add(s);
                    PlannedSchedule.Slot slot = planned.get(s.id());
                    if (slot != null) {
                        ps = min(ps, slot.start());
                        pe = max(pe, slot.end());
                    }
                    Review.ChainLink l = onChain.get(s.id());
                    if (l != null) {
                        chain++;
                        delay += l.delayMinutes();
                    }
                }
                if (ch.scheduledStart() != null && ch.scheduledEnd() != null) {
                    ps = ch.scheduledStart();
                    pe = ch.scheduledEnd();
                }
                chapterRows.add(new Review.ChapterRow(ch.id(), ch.code(), ch.name(), ch.macroPhaseId(), ch.macroPhaseName(),
                        span.steps, span.finishedSteps, span.timing(ps, pe), chain, delay));
                Span phase = phaseSpans.computeIfAbsent(ch.macroPhaseId(), k -> new Span());
                own.forEach(phase::add);
                Instant[] pp = phasePlanned.computeIfAbsent(ch.macroPhaseId(), k -> new Instant[2]);
                pp[0] = min(pp[0], ps);
                pp[1] = max(pp[1], pe);
                long[] f = phaseFigures.computeIfAbsent(ch.macroPhaseId(), k -> new long[2]);
                f[0]++;
                f[1] += delay;
                phaseOf.putIfAbsent(ch.macroPhaseId(), ch);
            }
            List<Review.PhaseRow> out = new ArrayList<>();
            phaseSpans.forEach((id, span) -> {
                ReviewInput.Chapter first = phaseOf.get(id);
                Instant[] pp = phasePlanned.get(id);
                long[] f = phaseFigures.get(id);
                out.add(new Review.PhaseRow(id, first.macroPhaseName(), first.macroPhasePosition(), (int) f[0], span.steps,
                        span.timing(pp[0], pp[1]), f[1]));
            });
            out.sort(Comparator.comparingInt(Review.PhaseRow::position));
            return out;
        }

        private List<Review.TeamRow> teams(List<Review.StepRow> rows) {
            record Acc(UUID id, String name, long[] n) {
            }
            Map<String, Acc> byTeam = new LinkedHashMap<>();
            for (Review.StepRow r : rows) {
                ReviewInput.Step s = steps.get(r.step().id());
                String key = s.teamId() == null ? "" : s.teamId().toString();
                Acc a = byTeam.computeIfAbsent(key, k -> new Acc(s.teamId(),
                        s.teamId() == null ? NO_TEAM : (s.teamName() == null ? NO_TEAM : s.teamName()), new long[7]));
                long[] n = a.n();
                n[0]++;
                if (r.durationVarianceMinutes() != null) {
                    n[2] += r.plannedMinutes();
                    n[3] += r.actualMinutes();
                    if (r.durationVarianceMinutes() > 0) {
                        n[1]++;
                        n[4] += r.durationVarianceMinutes();
                    }
                }
                if (r.onChain()) {
                    n[5]++;
                    n[6] += r.delayMinutes();
                }
            }
            List<Review.TeamRow> out = new ArrayList<>();
            byTeam.values().forEach(a -> out.add(new Review.TeamRow(a.id(), a.name(), (int) a.n()[0], (int) a.n()[1], a.n()[2],
                    a.n()[3], a.n()[4], (int) a.n()[5], a.n()[6])));
            out.sort(Comparator.comparingLong(Review.TeamRow::overrunMinutes).reversed()
                    .thenComparing(Comparator.comparingLong(Review.TeamRow::delayMinutes).reversed())
                    .thenComparing(Review.TeamRow::name));
            return out;
        }

        private List<Review.Hold> holds() {
            List<Review.Hold> out = new ArrayList<>();
            for (ReviewInput.Step s : in.steps()) {
                ReviewInput.StatusChange open = null;
                for (ReviewInput.StatusChange c : changes.getOrDefault(s.id(), List.of())) {
                    if (open != null && c.from() == StepStatus.ON_HOLD) {
                        out.add(new Review.Hold(refs.get(s.id()), open.from(), open.at(), open.actor(), open.reason(), c.at(),
                                c.actor(), minutes(open.at(), c.at()), false));
                        open = null;
                    }
                    if (c.to() == StepStatus.ON_HOLD) {
                        open = c;
                    }
                }
                if (open != null) {
                    out.add(new Review.Hold(refs.get(s.id()), open.from(), open.at(), open.actor(), open.reason(), null, null,
                            Math.max(0, minutes(open.at(), in.asOf())), true));
                }
            }
            out.sort(Comparator.comparing(Review.Hold::heldAt));
            return out;
        }

        private List<Review.Failure> failureRows() {
            List<Review.Failure> out = new ArrayList<>();
            for (ReviewInput.Step s : in.steps()) {
                if (failures.getOrDefault(s.id(), 0) == 0 && s.status() != StepStatus.FAILED) {
                    continue;
                }
                List<Review.Event> failed = changes.getOrDefault(s.id(), List.of()).stream()
                        .filter(c -> c.to() == StepStatus.FAILED).map(c -> new Review.Event(c.at(), c.actor(), c.reason())).toList();
                int n = retries.getOrDefault(s.id(), 0);
                Long span = finished(s.status()) && s.startedAt() != null ? minutes(s.startedAt(), s.finishedAt()) : null;
                out.add(new Review.Failure(refs.get(s.id()), s.status(), failed, n, span, n > 0));
            }
            out.sort(Comparator.comparing(f -> f.failed().isEmpty() ? Instant.MAX : f.failed().get(0).at()));
            return out;
        }

        private List<Review.Closure> closures() {
            List<Review.Closure> out = new ArrayList<>();
            for (ReviewInput.Step s : in.steps()) {
                boolean recorded = false;
                for (ReviewInput.StatusChange c : changes.getOrDefault(s.id(), List.of())) {
                    if (c.to() == StepStatus.SKIPPED || c.to() == StepStatus.CANCELLED) {
                        out.add(new Review.Closure(refs.get(s.id()), c.to(), c.at(), c.actor(), c.reason()));
                        recorded = true;
                    }
                }
                if (!recorded && (s.status() == StepStatus.SKIPPED || s.status() == StepStatus.CANCELLED)) {
                    out.add(new Review.Closure(refs.get(s.id()), s.status(), s.finishedAt(), null, null));
                }
            }
            out.sort(Comparator.comparing(Review.Closure::at, Comparator.nullsLast(Comparator.naturalOrder())));
            return out;
        }

        private Review.Lessons lessons() {
            Review.Note iteration = null;
            List<Review.Note> perStep = new ArrayList<>();
            for (ReviewInput.Note n : in.notes()) {
                if (n.stepId() == null) {
                    iteration = new Review.Note(null, n.text(), n.author(), n.updatedAt());
                } else if (refs.containsKey(n.stepId())) {
                    perStep.add(new Review.Note(refs.get(n.stepId()), n.text(), n.author(), n.updatedAt()));
                }
            }
            perStep.sort(Comparator.comparing(n -> order.get(n.step().id())));
            return new Review.Lessons(iteration, perStep);
        }
    }
}
