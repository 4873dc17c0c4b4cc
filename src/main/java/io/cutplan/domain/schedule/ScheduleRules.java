package io.cutplan.domain.schedule;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The planning rules: a chapter's slot ends after it starts, lies inside the iteration's planned window, and
 * names a chapter of the iteration's plan that has steps in its scope. Requests are all or nothing, so the
 * first broken entry refuses the whole request, naming its field ({@code entries[3].plannedEnd}).
 */
public final class ScheduleRules {
    public static final int MAX_ENTRIES = 2_000;

    private ScheduleRules() {
    }

    /** A request entry as it arrives: the chapter id already typed, the times still text. */
    public record RawEntry(UUID chapterId, String plannedStart, String plannedEnd) {
    }

    /** Parses and checks the shape of every entry (no database facts needed). */
    public static List<ScheduleEntry> parse(List<RawEntry> entries) {
        if (entries == null) {
            throw DomainException.invalid("entries", "entries is required: a list of {chapterId, plannedStart, plannedEnd}");
        }
        if (entries.isEmpty()) {
            throw DomainException.invalid("entries", "entries must name at least one chapter");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw DomainException.invalid("entries", "at most " + MAX_ENTRIES + " entries per request");
        }
        List<ScheduleEntry> out = new ArrayList<>(entries.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "entries[" + i + "]";
            RawEntry raw = entries.get(i);
            if (raw == null) {
                throw DomainException.invalid(at, at + " must be an object {chapterId, plannedStart, plannedEnd}");
            }
            if (raw.chapterId() == null) {
                throw DomainException.invalid(at + ".chapterId", at + ".chapterId is required");
            }
            if (!seen.add(raw.chapterId())) {
                throw DomainException.invalid(at + ".chapterId", "Chapter " + raw.chapterId() + " appears twice in entries");
            }
            Instant start = ScheduleTimes.parseInstant(raw.plannedStart(), at + ".plannedStart");
            Instant end = ScheduleTimes.parseInstant(raw.plannedEnd(), at + ".plannedEnd");
            if (start == null && end != null) {
                throw DomainException.invalid(at + ".plannedStart",
                        at + ".plannedStart is required (leave both times null to remove the chapter's plan)");
            }
            if (end == null && start != null) {
                throw DomainException.invalid(at + ".plannedEnd",
                        at + ".plannedEnd is required (leave both times null to remove the chapter's plan)");
            }
            if (start != null && !end.isAfter(start)) {
                throw DomainException.invalid(at + ".plannedEnd", at + ".plannedEnd must be after plannedStart");
            }
            out.add(new ScheduleEntry(raw.chapterId(), start, end));
        }
        return out;
    }

    /**
     * Checks parsed entries against the iteration: inside its window, chapters of its plan with steps in scope.
     * {@code facts} holds every chapter id of the entries that exists at all.
     */
    public static void check(List<ScheduleEntry> entries, Window window, UUID planId, Map<UUID, ChapterFacts> facts) {
        for (int i = 0; i < entries.size(); i++) {
            String at = "entries[" + i + "]";
            ScheduleEntry e = entries.get(i);
            ChapterFacts f = facts.get(e.chapterId());
            if (f == null) {
                throw new DomainException(ErrorKind.INVALID, "unknown_chapter",
                        "Chapter " + e.chapterId() + " does not exist", at + ".chapterId", null);
            }
            if (!f.planId().equals(planId)) {
                throw new DomainException(ErrorKind.INVALID, "chapter_not_in_plan",
                        "Chapter " + e.chapterId() + " belongs to another plan than this iteration's", at + ".chapterId", null);
            }
            if (!f.hasStepsInScope()) {
                throw new DomainException(ErrorKind.INVALID, "chapter_not_in_scope",
                        "Chapter " + e.chapterId() + " has no steps in this iteration's scope", at + ".chapterId", null);
            }
            if (e.clears()) {
                continue;
            }
            if (e.plannedStart().isBefore(window.start())) {
                throw DomainException.invalid(at + ".plannedStart", at + ".plannedStart " + e.plannedStart()
                        + " is before the iteration's planned window (" + window.start() + " to " + window.end() + ")");
            }
            if (e.plannedEnd().isAfter(window.end())) {
                throw DomainException.invalid(at + ".plannedEnd", at + ".plannedEnd " + e.plannedEnd()
                        + " is after the iteration's planned window (" + window.start() + " to " + window.end() + ")");
            }
        }
    }

    /** How a copy places the source schedule in the target iteration. */
    public record CopyShift(Integer offsetMinutes, Boolean alignToWindowStart) {
        public static final int MAX_OFFSET_MINUTES = 366 * 24 * 60 * 10;

        /** The shift to apply, given the earliest source start and the target window. */
        public Duration resolve(Instant earliestSourceStart, Window target) {
            boolean align = Boolean.TRUE.equals(alignToWindowStart);
            if (align && offsetMinutes != null) {
                throw DomainException.invalid("offsetMinutes",
                        "offsetMinutes and alignToWindowStart exclude each other: give one of them");
            }
            if (offsetMinutes != null && Math.abs((long) offsetMinutes) > MAX_OFFSET_MINUTES) {
                throw DomainException.invalid("offsetMinutes", "offsetMinutes must be within ±" + MAX_OFFSET_MINUTES);
            }
            if (align) {
                return Duration.between(earliestSourceStart, target.start());
            }
            return Duration.ofMinutes(offsetMinutes == null ? 0 : offsetMinutes);
        }
    }

    /**
     * The source slots moved by {@code shift}; refused with a 422 naming the first chapter that would leave the
     * target window (by its label, e.g. "CH3 Data load", where {@code labels} has one), since a silently clipped
     * copy would be a wrong plan.
     */
    public static Map<UUID, Window> shifted(Map<UUID, Window> source, Duration shift, Window target, Map<UUID, String> labels) {
        Map<UUID, Window> out = new LinkedHashMap<>();
        for (Map.Entry<UUID, Window> e : source.entrySet()) {
            Window moved = new Window(e.getValue().start().plus(shift), e.getValue().end().plus(shift));
            if (!target.encloses(moved.start(), moved.end())) {
                throw new DomainException(ErrorKind.RULE_VIOLATION, "schedule_outside_window",
                        "Shifted by " + shift.toMinutes() + " minutes, chapter " + labels.getOrDefault(e.getKey(), "")
                                + " (" + e.getKey() + ") would run from "
                                + moved.start() + " to " + moved.end() + ", outside the target iteration's planned window ("
                                + target.start() + " to " + target.end() + "); choose another offset or widen the window",
                        null, Map.of("chapterId", e.getKey().toString(), "chapter", labels.getOrDefault(e.getKey(), ""),
                        "plannedStart", moved.start().toString(),
                        "plannedEnd", moved.end().toString(), "windowStart", target.start().toString(),
                        "windowEnd", target.end().toString(), "offsetMinutes", shift.toMinutes()));
            }
            out.put(e.getKey(), moved);
        }
        return out;
    }
}
