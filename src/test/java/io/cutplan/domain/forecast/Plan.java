package io.cutplan.domain.forecast;

import io.cutplan.domain.PlannedSchedule;
import io.cutplan.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small plan written by name for forecast tests: steps with planned minutes, dependencies, chapters, and what
 * happened, all in minutes after {@link #T0} (the iteration's planned start). The baseline slot of every step comes
 * from {@link PlannedSchedule}, as the service computes it.
 */
final class Plan {
    static final Instant T0 = Instant.parse("2027-03-06T18:00:00Z");
    static final String CHAPTER = "chapter";
    static final String PHASE = "phase";

    private final Map<String, UUID> ids = new LinkedHashMap<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<String[]> dependencies = new ArrayList<>();
    private final Map<String, Chapter> chapters = new LinkedHashMap<>();
    private Instant now = T0;
    private Instant windowEnd = T0.plus(Duration.ofHours(10));

    private static final class Step {
        String chapter = CHAPTER;
        Integer planned;
        Integer basis;
        StepStatus status = StepStatus.PENDING;
        StepStatus heldFrom;
        Instant readyAt;
        Instant startedAt;
        Instant finishedAt;
    }

    private record Chapter(String phase, Integer scheduledStart, Integer scheduledEnd) {
    }

    Plan() {
        chapter(CHAPTER, PHASE, null, null);
    }

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    UUID id(String name) {
        return ids.computeIfAbsent(name, k -> UUID.nameUUIDFromBytes(k.getBytes()));
    }

    Plan chapter(String name, String phase, Integer scheduledStartMinute, Integer scheduledEndMinute) {
        id(name);
        id(phase);
        chapters.put(name, new Chapter(phase, scheduledStartMinute, scheduledEndMinute));
        return this;
    }

    Plan step(String name, Integer plannedMinutes) {
        return step(name, plannedMinutes, CHAPTER);
    }

    Plan step(String name, Integer plannedMinutes, String chapter) {
        id(name);
        Step s = new Step();
        s.planned = plannedMinutes;
        s.chapter = chapter;
        steps.put(name, s);
        return this;
    }

    /** The duration the forecast uses, when it is not the planned one (a learned basis). */
    Plan basis(String name, int minutes) {
        steps.get(name).basis = minutes;
        return this;
    }

    Plan dep(String predecessor, String successor) {
        dependencies.add(new String[] {predecessor, successor});
        return this;
    }

    Plan chain(String... names) {
        for (int i = 1; i < names.length; i++) {
            dep(names[i - 1], names[i]);
        }
        return this;
    }

    Plan now(long minute) {
        now = at(minute);
        return this;
    }

    Plan windowEnd(long minute) {
        windowEnd = at(minute);
        return this;
    }

    Plan ready(String name, long atMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.READY;
        s.readyAt = at(atMinute);
        return this;
    }

    Plan running(String name, long startMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.IN_PROGRESS;
        s.startedAt = at(startMinute);
        return this;
    }

    Plan done(String name, long startMinute, long endMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.DONE;
        s.startedAt = at(startMinute);
        s.finishedAt = at(endMinute);
        return this;
    }

    Plan failed(String name, long startMinute, long failMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.FAILED;
        s.startedAt = at(startMinute);
        s.finishedAt = at(failMinute);
        return this;
    }

    /** On hold; {@code startMinute} null when it was held from READY (never started). */
    Plan held(String name, Long startMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.ON_HOLD;
        s.heldFrom = startMinute == null ? StepStatus.READY : StepStatus.IN_PROGRESS;
        s.startedAt = startMinute == null ? null : at(startMinute);
        return this;
    }

    Plan skipped(String name, long atMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.SKIPPED;
        s.finishedAt = at(atMinute);
        return this;
    }

    Plan cancelled(String name, long atMinute) {
        Step s = steps.get(name);
        s.status = StepStatus.CANCELLED;
        s.finishedAt = at(atMinute);
        return this;
    }

    ForecastInput input() {
        Map<UUID, Instant> chapterStarts = new HashMap<>();
        List<ForecastInput.ChapterFacts> chapterFacts = new ArrayList<>();
        for (var e : chapters.entrySet()) {
            Chapter c = e.getValue();
            Instant start = c.scheduledStart() == null ? null : at(c.scheduledStart());
            Instant end = c.scheduledEnd() == null ? null : at(c.scheduledEnd());
            if (start != null) {
                chapterStarts.put(id(e.getKey()), start);
            }
            chapterFacts.add(new ForecastInput.ChapterFacts(id(e.getKey()), id(c.phase()), start, end));
        }
        List<PlannedSchedule.Node> nodes = new ArrayList<>();
        steps.forEach((name, s) -> nodes.add(new PlannedSchedule.Node(id(name), s.planned == null ? 0 : s.planned,
                id(s.chapter))));
        List<PlannedSchedule.Edge> edges = new ArrayList<>();
        List<ForecastInput.Dependency> deps = new ArrayList<>();
        for (String[] d : dependencies) {
            edges.add(new PlannedSchedule.Edge(id(d[0]), id(d[1])));
            deps.add(new ForecastInput.Dependency(id(d[0]), id(d[1])));
        }
        Map<UUID, PlannedSchedule.Slot> baseline = PlannedSchedule.compute(T0, nodes, edges, chapterStarts);
        List<ForecastInput.StepFacts> facts = new ArrayList<>();
        steps.forEach((name, s) -> {
            PlannedSchedule.Slot slot = baseline.get(id(name));
            int basis = s.basis != null ? s.basis : s.planned == null ? 0 : s.planned;
            facts.add(new ForecastInput.StepFacts(id(name), id(s.chapter), s.status, s.heldFrom, s.planned, basis,
                    slot.start(), slot.end(), s.readyAt, s.startedAt, s.finishedAt));
        });
        return new ForecastInput(now, T0, windowEnd, facts, deps, chapterFacts);
    }

    Forecast forecast() {
        return Forecaster.compute(input());
    }

    /** The names of these ids, for readable assertions. */
    List<String> names(List<UUID> of) {
        Map<UUID, String> byId = new HashMap<>();
        ids.forEach((k, v) -> byId.put(v, k));
        return of.stream().map(byId::get).toList();
    }
}
