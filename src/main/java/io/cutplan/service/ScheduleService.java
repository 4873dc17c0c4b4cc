package io.cutplan.service;

import io.cutplan.domain.schedule.ExportDocument;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.spi.EventListener;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.schedule.ChapterFacts;
import io.cutplan.domain.schedule.ScheduledChapter;
import io.cutplan.domain.schedule.LastCopy;
import io.cutplan.domain.schedule.ExportFileName;
import io.cutplan.domain.schedule.ExportFormat;
import io.cutplan.domain.schedule.ScheduleCsv;
import io.cutplan.domain.schedule.ScheduleEntry;
import io.cutplan.domain.schedule.ScheduleHtml;
import io.cutplan.domain.schedule.ScheduleRules;
import io.cutplan.domain.schedule.ScheduleTable;
import io.cutplan.domain.schedule.ScheduleView;
import io.cutplan.domain.schedule.Window;
import io.cutplan.store.Database;
import io.cutplan.store.ScheduleDao;
import io.cutplan.store.ScheduleSnapshotDao;
import io.cutplan.store.ScheduleDao.IterationHead;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Planning: reads an iteration's chapter schedule with actual times, sets it (pilots and admins, all or
 * nothing), copies it from another iteration of the same plan, and exports it as HTML or CSV. Every write
 * is one {@link IterationChange}: rows stamped with its version and one {@code SCHEDULE_CHANGED} event.
 */
public final class ScheduleService {
    private final Database database;
    private final List<EventListener> listeners;
    private final Clock clock;

    public ScheduleService(Database database, List<EventListener> listeners) {
        this(database, listeners, Clock.systemUTC());
    }

    public ScheduleService(Database database, List<EventListener> listeners, Clock clock) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** Anyone who may see Cutplan reads schedules; unknown users too (read-only). */
    public ScheduleView view(Caller caller, UUID iterationId) {
        Objects.requireNonNull(caller);
        return database.transactor().readOnly(c -> load(c, head(c, iterationId)));
    }

    /** Whether this caller may change schedules (the planning view shows its edit controls accordingly). */
    public boolean mayEdit(Caller caller) {
        return caller.known() && caller.isPilot();
    }

    /**
     * A PUT: the chapters to set (or clear) and, optionally, the schedule version the editor started from
     * (a conflict if another schedule change committed since). Chapters not named keep their plan.
     */
    public record Update(List<ScheduleRules.RawEntry> entries, Long expectedScheduleVersion) {
    }

    public ScheduleView update(Caller caller, UUID iterationId, Update request) {
        requireEditor(caller);
        List<ScheduleEntry> entries = ScheduleRules.parse(request.entries());
        return database.transactor().inTransaction(c -> {
            IterationHead head = lockedHead(c, iterationId, request.expectedScheduleVersion());
            UUID[] ids = entries.stream().map(ScheduleEntry::chapterId).toArray(UUID[]::new);
            Map<UUID, ChapterFacts> facts = ScheduleDao.facts(c, iterationId, ids);
            ScheduleRules.check(entries, head.window(), head.planId(), facts);
            Map<UUID, Window> current = ScheduleDao.slots(c, iterationId);
            List<ScheduleEntry> changes = entries.stream().filter(e -> differs(e, current)).toList();
            if (changes.isEmpty()) {
                return load(c, head);
            }
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            List<ScheduleDao.Slot> slots = changes.stream().filter(e -> !e.clears())
                    .map(e -> new ScheduleDao.Slot(e.chapterId(), e.plannedStart(), e.plannedEnd())).toList();
            UUID[] clear = changes.stream().filter(ScheduleEntry::clears).map(ScheduleEntry::chapterId).toArray(UUID[]::new);
            int cleared = clear.length == 0 ? 0 : ScheduleDao.delete(c, iterationId, clear);
            ScheduleDao.upsert(c, iterationId, slots, caller.userId(), change.version());
            int set = slots.size();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("chapters", changes.size());
            details.put("source", "edit");
            details.put("set", set);
            details.put("cleared", cleared);
            details.put("chapterIds", changes.stream().map(e -> e.chapterId().toString()).toList());
            change.event(EventType.SCHEDULE_CHANGED).details(details).record();
            return load(c, lockedHead(c, iterationId, null));
        });
    }

    /**
     * A copy request: the source iteration, how to shift its times (see {@link ScheduleRules.CopyShift}) and, optionally,
     * the schedule version the confirmation was given for (409 if another schedule change committed since).
     */
    public record CopyRequest(UUID fromIterationId, Integer offsetMinutes, Boolean alignToWindowStart,
                              Long expectedScheduleVersion) {
        public CopyRequest(UUID fromIterationId, Integer offsetMinutes, Boolean alignToWindowStart) {
            this(fromIterationId, offsetMinutes, alignToWindowStart, null);
        }
    }

    /** What a copy did, with the resulting schedule. */
    public record CopyResult(int copied, long offsetMinutes, List<UUID> skippedChapterIds, ScheduleView schedule) {
    }

    /** A chapter of the target whose existing plan the copy replaces: its plan now and after (null = cleared). */
    public record Overwritten(UUID chapterId, String chapterCode, String chapterName, Instant plannedStart,
                              Instant plannedEnd, Instant newPlannedStart, Instant newPlannedEnd) {
    }

    /**
     * What a copy would do, without doing it: the target, the source, the shift, how many chapters it plans, which
     * chapters that have planned times now it overwrites (moves or clears), and the schedule version to confirm.
     */
    public record CopyPreview(UUID iterationId, String iterationCode, String iterationName, UUID fromIterationId,
                              String fromIterationCode, long offsetMinutes, int copies, int overwrites,
                              List<Overwritten> overwritten, List<UUID> skippedChapterIds, long scheduleVersion,
                              boolean replacesUndo) {
    }

    /** What an undo restored, with the resulting schedule. */
    public record UndoResult(int restored, int cleared, String fromIterationCode, ScheduleView schedule) {
    }

    /** The computed copy: the target's head and plan before, the shifted slots to write, the skipped chapters. */
    private record CopyPlan(IterationHead target, IterationHead source, Duration shift, Map<UUID, Window> before,
                            Map<UUID, Window> shifted, List<UUID> skipped, Map<UUID, ScheduledChapter> chapters) {
    }

    /** Same rules and refusals as {@link #copy}, nothing written: what the confirmation dialog shows. */
    public CopyPreview previewCopy(Caller caller, UUID iterationId, CopyRequest request) {
        requireEditor(caller);
        return database.transactor().readOnly(c -> {
            CopyPlan plan = plan(c, head(c, iterationId), iterationId, request);
            List<Overwritten> overwritten = new ArrayList<>();
            plan.before().forEach((chapter, now) -> {
                Window next = plan.shifted().get(chapter);
                if (next == null || !next.equals(now)) {
                    ScheduledChapter row = plan.chapters().get(chapter);
                    overwritten.add(new Overwritten(chapter, row == null ? null : row.chapterCode(),
                            row == null ? null : row.chapterName(), now.start(), now.end(),
                            next == null ? null : next.start(), next == null ? null : next.end()));
                }
            });
            boolean replacesUndo = ScheduleSnapshotDao.find(c, iterationId).isPresent();
            return new CopyPreview(plan.target().id(), plan.target().code(), plan.target().name(), plan.source().id(),
                    plan.source().code(), plan.shift().toMinutes(), plan.shifted().size(), overwritten.size(),
                    List.copyOf(overwritten), List.copyOf(plan.skipped()), plan.target().scheduleVersion(), replacesUndo);
        });
    }

    /**
     * Replaces the target's schedule with the source's, shifted. Source chapters without steps in the target's
     * scope are skipped (and reported); the target's other planned chapters lose their plan, so the result is
     * exactly the shifted source. Refused with 422 if any shifted slot leaves the target window. The target's
     * schedule before the copy is kept (replacing the previous copy's) so {@link #undoCopy} can restore it.
     */
    public CopyResult copy(Caller caller, UUID iterationId, CopyRequest request) {
        requireEditor(caller);
        return database.transactor().inTransaction(c -> {
            IterationHead target = lockedHead(c, iterationId, request.expectedScheduleVersion());
            CopyPlan plan = plan(c, target, iterationId, request);
            IterationHead source = plan.source();
            Map<UUID, Window> shifted = plan.shifted();

            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            Map<UUID, Window> before = plan.before();
            ScheduleSnapshotDao.save(c, iterationId, change.version(), source.id(), source.code(), caller.userId(), before);
            UUID[] clear = before.keySet().stream().filter(chapter -> !shifted.containsKey(chapter)).toArray(UUID[]::new);
            int cleared = clear.length == 0 ? 0 : ScheduleDao.delete(c, iterationId, clear);
            ScheduleDao.upsert(c, iterationId, shifted.entrySet().stream()
                    .map(e -> new ScheduleDao.Slot(e.getKey(), e.getValue().start(), e.getValue().end())).toList(),
                    caller.userId(), change.version());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("chapters", shifted.size() + cleared);
            details.put("source", "copy");
            details.put("fromIterationId", source.id().toString());
            details.put("fromIterationCode", source.code());
            details.put("offsetMinutes", plan.shift().toMinutes());
            details.put("set", shifted.size());
            details.put("cleared", cleared);
            details.put("skipped", plan.skipped().size());
            change.event(EventType.SCHEDULE_CHANGED).details(details).record();
            return new CopyResult(shifted.size(), plan.shift().toMinutes(), List.copyOf(plan.skipped()),
                    load(c, lockedHead(c, iterationId, null)));
        });
    }

    /**
     * Puts back the schedule the target had before its last copy (pilots and admins), as one change recorded as
     * {@code SCHEDULE_CHANGED} with source {@code copy-undo}. 409 {@code nothing_to_undo} without a copy to undo
     * (none, or already undone); 409 {@code schedule_changed_since_copy} once a later schedule change committed,
     * so an undo never loses an edit made after the copy.
     */
    public UndoResult undoCopy(Caller caller, UUID iterationId) {
        requireEditor(caller);
        return database.transactor().inTransaction(c -> {
            IterationHead head = lockedHead(c, iterationId, null);
            ScheduleSnapshotDao.Snapshot snapshot = ScheduleSnapshotDao.find(c, iterationId).orElseThrow(() ->
                    new DomainException(ErrorKind.CONFLICT, "nothing_to_undo",
                            "Iteration " + head.code() + " has no schedule copy to undo", null, null));
            if (snapshot.copyVersion() != head.scheduleVersion()) {
                throw new DomainException(ErrorKind.CONFLICT, "schedule_changed_since_copy", "The schedule of " + head.code()
                        + " was changed (version " + head.scheduleVersion() + ") after the copy from "
                        + snapshot.fromIterationCode() + " (version " + snapshot.copyVersion()
                        + "); undoing the copy would lose that change, so it is refused",
                        null, Map.of("scheduleVersion", head.scheduleVersion(), "copyVersion", snapshot.copyVersion()));
            }
            Map<UUID, Window> restore = ScheduleSnapshotDao.slots(c, iterationId);
            Map<UUID, Window> now = ScheduleDao.slots(c, iterationId);
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            UUID[] clear = now.keySet().stream().filter(chapter -> !restore.containsKey(chapter)).toArray(UUID[]::new);
            int cleared = clear.length == 0 ? 0 : ScheduleDao.delete(c, iterationId, clear);
            ScheduleDao.upsert(c, iterationId, restore.entrySet().stream()
                    .map(e -> new ScheduleDao.Slot(e.getKey(), e.getValue().start(), e.getValue().end())).toList(),
                    caller.userId(), change.version());
            ScheduleSnapshotDao.delete(c, iterationId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("chapters", restore.size() + cleared);
            details.put("source", "copy-undo");
            details.put("undoneCopyVersion", snapshot.copyVersion());
            details.put("fromIterationCode", snapshot.fromIterationCode());
            details.put("set", restore.size());
            details.put("cleared", cleared);
            change.event(EventType.SCHEDULE_CHANGED).details(details).record();
            return new UndoResult(restore.size(), cleared, snapshot.fromIterationCode(), load(c, lockedHead(c, iterationId, null)));
        });
    }

    private CopyPlan plan(Connection c, IterationHead target, UUID iterationId, CopyRequest request) throws SQLException {
        if (request.fromIterationId() == null) {
            throw DomainException.invalid("fromIterationId", "fromIterationId is required: choose the iteration to copy from");
        }
        if (request.fromIterationId().equals(iterationId)) {
            throw DomainException.invalid("fromIterationId", "fromIterationId must name another iteration than the target");
        }
        IterationHead source = ScheduleDao.head(c, request.fromIterationId()).orElseThrow(() -> new DomainException(
                ErrorKind.NOT_FOUND, "not_found", "Iteration " + request.fromIterationId() + " does not exist",
                "fromIterationId", null));
        if (!source.planId().equals(target.planId())) {
            throw new DomainException(ErrorKind.RULE_VIOLATION, "different_plan",
                    "Iteration " + source.code() + " runs another plan; schedules copy only between iterations of one plan",
                    "fromIterationId", null);
        }
        Map<UUID, Window> sourceSlots = ScheduleDao.slots(c, source.id());
        if (sourceSlots.isEmpty()) {
            throw new DomainException(ErrorKind.RULE_VIOLATION, "source_schedule_empty",
                    "Iteration " + source.code() + " has no planned chapters to copy", "fromIterationId", null);
        }
        Map<UUID, ChapterFacts> facts = ScheduleDao.facts(c, iterationId, sourceSlots.keySet().toArray(UUID[]::new));
        Map<UUID, Window> inScope = new LinkedHashMap<>();
        List<UUID> skipped = new ArrayList<>();
        sourceSlots.forEach((chapter, slot) -> {
            ChapterFacts f = facts.get(chapter);
            if (f != null && f.hasStepsInScope()) {
                inScope.put(chapter, slot);
            } else {
                skipped.add(chapter);
            }
        });
        if (inScope.isEmpty()) {
            throw new DomainException(ErrorKind.RULE_VIOLATION, "source_schedule_empty",
                    "None of the chapters planned in " + source.code() + " has steps in this iteration's scope",
                    "fromIterationId", null);
        }
        Instant earliest = inScope.values().iterator().next().start();
        Duration shift = new ScheduleRules.CopyShift(request.offsetMinutes(), request.alignToWindowStart())
                .resolve(earliest, target.window());
        Map<UUID, String> labels = new LinkedHashMap<>();
        Map<UUID, ScheduledChapter> chapters = new LinkedHashMap<>();
        for (ScheduledChapter row : ScheduleDao.chapters(c, iterationId)) {
            labels.put(row.chapterId(), row.chapterCode() + " " + row.chapterName());
            chapters.put(row.chapterId(), row);
        }
        Map<UUID, Window> shifted = ScheduleRules.shifted(inScope, shift, target.window(), labels);
        return new CopyPlan(target, source, shift, ScheduleDao.slots(c, iterationId), shifted, skipped, chapters);
    }

    /**
     * The schedule rendered for {@code zone}. A downloaded HTML file starts with a UTF-8 byte-order mark: opened
     * from disk it has no Content-Type header, and a fragment has no {@code <meta charset>}, so without the mark
     * browsers would guess the encoding and garble umlauts. The inline (copy and paste) fragment has none.
     */
    public ExportDocument export(Caller caller, UUID iterationId, ZoneId zone, ExportFormat format, boolean download) {
        ScheduleView view = view(caller, iterationId);
        Instant asOf = clock.instant();
        ScheduleTable table = ScheduleTable.of(view, zone, asOf);
        String body = format == ExportFormat.CSV ? ScheduleCsv.render(table)
                : (download ? ScheduleCsv.BYTE_ORDER_MARK : "") + ScheduleHtml.render(table);
        String fileName = ExportFileName.of(view.migrationCode(), view.iterationCode(), asOf.atZone(zone).toLocalDate(), format);
        return new ExportDocument(body, format.mediaType(), fileName);
    }

    private void requireEditor(Caller caller) {
        caller.requireKnown("change schedules");
        caller.requirePilot("change schedules");
    }

    private static boolean differs(ScheduleEntry e, Map<UUID, Window> current) {
        Window now = current.get(e.chapterId());
        if (e.clears()) {
            return now != null;
        }
        return now == null || !now.start().equals(e.plannedStart()) || !now.end().equals(e.plannedEnd());
    }

    private static IterationHead head(Connection c, UUID iterationId) throws SQLException {
        return ScheduleDao.head(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    private static IterationHead lockedHead(Connection c, UUID iterationId, Long expectedScheduleVersion) throws SQLException {
        IterationHead head = ScheduleDao.lockHead(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
        if (expectedScheduleVersion != null && expectedScheduleVersion != head.scheduleVersion()) {
            throw new DomainException(ErrorKind.CONFLICT, "stale_version", "The schedule was changed (version "
                    + head.scheduleVersion() + ") since version " + expectedScheduleVersion + "; reload it and try again",
                    "expectedScheduleVersion", Map.of("scheduleVersion", head.scheduleVersion()));
        }
        return head;
    }

    private static ScheduleView load(Connection c, IterationHead head) throws SQLException {
        List<ScheduledChapter> chapters = ScheduleDao.chapters(c, head.id());
        LastCopy lastCopy = ScheduleSnapshotDao.find(c, head.id()).map(s -> new LastCopy(s.fromIterationId(),
                s.fromIterationCode(), s.copyVersion(), s.copiedAt(), s.copyVersion() == head.scheduleVersion())).orElse(null);
        return new ScheduleView(head.id(), head.code(), head.name(), head.status(), head.migrationId(), head.migrationCode(),
                head.migrationName(), head.planId(), head.window(), head.changeVersion(), head.scheduleVersion(), chapters,
                lastCopy);
    }
}
