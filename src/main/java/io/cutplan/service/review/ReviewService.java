package io.cutplan.service.review;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EventType;
import io.cutplan.domain.review.IterationReviewer;
import io.cutplan.domain.review.Review;
import io.cutplan.domain.review.ReviewCsv;
import io.cutplan.domain.schedule.ReportFormat;
import io.cutplan.domain.review.ReviewHtml;
import io.cutplan.domain.review.ReviewInput;
import io.cutplan.domain.schedule.ExportDocument;
import io.cutplan.domain.schedule.ExportFileName;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.Database;
import io.cutplan.store.ReviewDao;
import io.cutplan.store.RunbookReadDao;
import io.cutplan.store.RunbookReadDao.IterationRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The iteration review (issue 14, docs/review.md): computed on every read from the recorded times and the event log
 * (one REPEATABLE READ transaction), rendered as JSON, one HTML document or CSV; and the lessons, a review note per
 * iteration and per step, which pilots write (each change one {@link IterationChange} with a
 * {@code REVIEW_NOTE_CHANGED} event).
 */
public final class ReviewService {
    /** The longest review note, in characters. */
    public static final int MAX_NOTE = 4000;

    private final Database database;
    private final List<EventListener> listeners;
    private final Clock clock;

    public ReviewService(Database database, List<EventListener> listeners, Clock clock) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** Anyone who may read Cutplan reads a review, unknown users too. */
    public Review review(Caller caller, UUID iterationId) {
        Objects.requireNonNull(caller);
        return database.transactor().readOnly(c -> compute(c, iterationId));
    }

    /** The review rendered as HTML or CSV, with its media type and the file name a download gets. */
    public ExportDocument render(Caller caller, UUID iterationId, ReportFormat format, ZoneId zone) {
        if (format == ReportFormat.JSON) {
            throw new IllegalArgumentException("JSON is not rendered here");
        }
        Review r = review(caller, iterationId);
        String body = format == ReportFormat.CSV ? ReviewCsv.render(r, zone) : ReviewHtml.render(r, zone);
        String name = ExportFileName.of("review", r.iteration().migrationCode(), r.iteration().code(),
                r.iteration().asOf().atZone(zone).toLocalDate(), format.export());
        return new ExportDocument(body, format.export().mediaType(), name);
    }

    /** The current lessons of an iteration. */
    public Review.Lessons notes(Caller caller, UUID iterationId) {
        return review(caller, iterationId).lessons();
    }

    /**
     * A PUT of one note. {@code stepInstanceId} null targets the iteration. Blank text clears the note. Pilots only;
     * an unchanged note changes nothing and records nothing.
     */
    public Review.Lessons putNote(Caller caller, UUID iterationId, UUID stepInstanceId, String text) {
        requireNoteWriter(caller);
        if (text == null) {
            throw DomainException.invalid("text", "'text' is required (an empty text clears the note)");
        }
        String body = text.strip();
        if (body.length() > MAX_NOTE) {
            throw DomainException.invalid("text", "'text' is longer than " + MAX_NOTE + " characters");
        }
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') {
                throw DomainException.invalid("text", "'text' contains a control character");
            }
        }
        return database.transactor().inTransaction(c -> {
            requireIteration(c, iterationId);
            String stepCode = null;
            if (stepInstanceId != null) {
                stepCode = ReviewDao.stepCode(c, iterationId, stepInstanceId)
                        .orElseThrow(() -> DomainException.notFound("Step", stepInstanceId));
            }
            String before = ReviewDao.note(c, iterationId, stepInstanceId).orElse(null);
            boolean clear = body.isEmpty();
            if (clear ? before == null : body.equals(before)) {
                return compute(c, iterationId).lessons();
            }
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            // Read again under the iteration's lock: a pilot saving the same target a moment earlier has committed now.
            before = ReviewDao.note(c, iterationId, stepInstanceId).orElse(null);
            if (clear) {
                ReviewDao.deleteNote(c, iterationId, stepInstanceId);
            } else {
                ReviewDao.putNote(c, iterationId, stepInstanceId, body, caller.userId(), caller.displayName(), change.version());
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("target", stepInstanceId == null ? "iteration" : "step");
            if (stepCode != null) {
                d.put("stepCode", stepCode);
            }
            d.put("action", clear ? "cleared" : before == null ? "set" : "changed");
            d.put("text", body);
            change.event(EventType.REVIEW_NOTE_CHANGED).step(stepInstanceId).details(d).record();
            return compute(c, iterationId).lessons();
        });
    }

    /** Pilots and admins write review notes; anyone else is refused (403) before their input is looked at. */
    public void requireNoteWriter(Caller caller) {
        caller.requireKnown("write review notes");
        caller.requirePilot("write review notes");
    }

    private static IterationRow requireIteration(Connection c, UUID iterationId) throws SQLException {
        return RunbookReadDao.iteration(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    private Review compute(Connection c, UUID iterationId) throws SQLException {
        return IterationReviewer.review(input(c, requireIteration(c, iterationId), clock.instant()));
    }

    /** Reads everything a review is made of (seven set-wise statements besides the iteration). */
    static ReviewInput input(Connection c, IterationRow it, Instant asOf) throws SQLException {
        List<ReviewInput.Chapter> chapters = new ArrayList<>();
        for (RunbookReadDao.IterationChapterRow ch : RunbookReadDao.chapters(c, it.id())) {
            chapters.add(new ReviewInput.Chapter(ch.id(), ch.code(), ch.name(), ch.macroPhaseId(), ch.macroPhaseName(),
                    ch.macroPhasePosition(), ch.scheduledStart(), ch.scheduledEnd()));
        }
        List<ReviewInput.Link> links = new ArrayList<>();
        for (RunbookReadDao.Link l : RunbookReadDao.links(c, it.id())) {
            links.add(new ReviewInput.Link(l.predecessor(), l.successor()));
        }
        return new ReviewInput(new ReviewInput.Iteration(it.id(), it.code(), it.name(), it.migrationCode(), it.migrationName(),
                it.status(), it.plannedStart(), it.plannedEnd()), asOf, chapters, ReviewDao.steps(c, it.id()), links,
                ReviewDao.statusChanges(c, it.id()), ReviewDao.overrides(c, it.id()), ReviewDao.controlFailures(c, it.id()),
                ReviewDao.comments(c, it.id()), ReviewDao.notes(c, it.id()));
    }
}
