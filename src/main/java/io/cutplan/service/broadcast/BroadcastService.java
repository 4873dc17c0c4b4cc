package io.cutplan.service.broadcast;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EmailAddresses;
import io.cutplan.domain.EventType;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.Text;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.runbook.BroadcastView;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.BroadcastDao;
import io.cutplan.store.Database;
import io.cutplan.store.EventRecord;
import io.cutplan.store.IterationStateDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Broadcasts (issue 17, Deliver 5): a pilot's status update to the iteration's stakeholders, kept as a
 * {@code BROADCAST_POSTED} event (so the event log, the dashboard's delta feed, the mail outbox and the webhooks all
 * take it from one place), and the per-iteration stakeholder list and hourly-summary setting.
 */
public final class BroadcastService {
    public static final int MAX_TEXT = 2000;
    public static final int MAX_STAKEHOLDERS = 200;
    public static final int DEFAULT_LIST_LIMIT = 20;
    public static final int MAX_LIST_LIMIT = 200;
    /** How far ahead a "next update at" may be announced. */
    public static final Duration MAX_NEXT_UPDATE = Duration.ofDays(31);

    private final Database database;
    private final List<EventListener> listeners;
    private final Clock clock;

    public BroadcastService(Database database, List<EventListener> listeners, Clock clock) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    // ---------------------------------------------------------------- settings

    /** Every authenticated reader; the addresses only for pilots and administrators. */
    public BroadcastSettings settings(Caller caller, UUID iterationId) {
        BroadcastDao.Settings s = database.transactor().readOnly(c -> {
            requireIteration(c, iterationId);
            return BroadcastDao.settings(c, iterationId).orElse(BroadcastDao.Settings.NONE);
        });
        return view(caller, s);
    }

    public BroadcastSettings updateSettings(Caller caller, UUID iterationId, BroadcastSettingsUpdate body) {
        caller.requirePilot("change the broadcast settings");
        if (body == null) {
            throw DomainException.invalid(null, "A JSON object {stakeholders, hourlySummary} is required");
        }
        if (body.stakeholders() == null) {
            throw DomainException.invalid("stakeholders", "stakeholders is required: a list of e-mail addresses (may be empty)");
        }
        if (body.hourlySummary() == null) {
            throw DomainException.invalid("hourlySummary", "hourlySummary is required: true or false");
        }
        List<String> stakeholders = stakeholders(body.stakeholders());
        boolean hourly = body.hourlySummary();
        BroadcastDao.Settings saved = database.transactor().inTransaction(c -> {
            // Locks the iteration (404 when missing) and audits the change; the addresses stay out of the event log
            // (every reader may read it), their number goes in.
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            BroadcastDao.saveSettings(c, iterationId, stakeholders, hourly);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("stakeholderCount", stakeholders.size());
            details.put("hourlySummary", hourly);
            change.event(EventType.ITERATION_UPDATED).details(details).record();
            return BroadcastDao.settings(c, iterationId).orElseThrow();
        });
        return view(caller, saved);
    }

    /** Trimmed, checked with {@link EmailAddresses}, de-duplicated case-blind (first spelling kept), at most 200. */
    static List<String> stakeholders(List<String> given) {
        if (given.size() > MAX_STAKEHOLDERS) {
            throw DomainException.invalid("stakeholders", "stakeholders holds " + given.size() + " addresses; at most "
                    + MAX_STAKEHOLDERS + " are allowed");
        }
        List<String> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "stakeholders[" + i + "]";
            String raw = given.get(i);
            String address = raw == null ? "" : Text.stripInvisible(raw);
            if (address.isEmpty()) {
                throw DomainException.invalid(field, field + " is empty; give one plain e-mail address such as name@example.com");
            }
            if (!EmailAddresses.isValid(address)) {
                throw DomainException.invalid(field, field + " is not one plain e-mail address such as name@example.com");
            }
            if (keys.add(EmailAddresses.key(address))) {
                out.add(address);
            }
        }
        return out;
    }

    private static BroadcastSettings view(Caller caller, BroadcastDao.Settings s) {
        boolean mayList = caller.known() && caller.isPilot();
        return new BroadcastSettings(mayList ? s.stakeholders() : null, s.stakeholders().size(), s.hourlySummary(), s.updatedAt());
    }

    // ---------------------------------------------------------------- broadcasts

    /** Posts a pilot's broadcast: one {@code BROADCAST_POSTED} event (automatic false). */
    public BroadcastView post(Caller caller, UUID iterationId, BroadcastRequest body) {
        caller.requirePilot("post a broadcast");
        if (body == null) {
            throw DomainException.invalid(null, "A JSON object {text, nextUpdateAt} is required");
        }
        String text = text(body.text());
        Instant now = clock.instant();
        Instant next = nextUpdateAt(body.nextUpdateAt(), now);
        return database.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            requireNotCancelled(c, iterationId);
            EventRecord e = change.event(EventType.BROADCAST_POSTED).details(details(text, next, false)).record();
            return BroadcastView.of(e);
        });
    }

    /** The event details of a broadcast: {@code text}, {@code nextUpdateAt} (absent when none), {@code automatic}. */
    static Map<String, Object> details(String text, Instant nextUpdateAt, boolean automatic) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("text", text);
        if (nextUpdateAt != null) {
            d.put("nextUpdateAt", nextUpdateAt.toString());
        }
        d.put("automatic", automatic);
        return d;
    }

    /** Newest first; {@code beforeVersion} pages back. Every authenticated reader. */
    public BroadcastList list(Caller caller, UUID iterationId, Long beforeVersion, Integer limit) {
        int n = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (n < 1 || n > MAX_LIST_LIMIT) {
            throw DomainException.invalid("limit", "limit must be 1 to " + MAX_LIST_LIMIT);
        }
        if (beforeVersion != null && beforeVersion < 1) {
            throw DomainException.invalid("beforeVersion", "beforeVersion must be a version of 1 or more");
        }
        return database.transactor().readOnly(c -> {
            requireIteration(c, iterationId);
            List<EventRecord> rows = BroadcastDao.list(c, iterationId, beforeVersion, n + 1);
            boolean more = rows.size() > n;
            List<BroadcastView> page = (more ? rows.subList(0, n) : rows).stream().map(BroadcastView::of).toList();
            return new BroadcastList(page, more, more ? page.get(page.size() - 1).version() : null);
        });
    }

    static String text(String given) {
        Text.requireNoBidiControls(given, "text");
        String text = Text.visiblyBlank(given) ? null : Text.stripInvisible(given);
        if (text == null) {
            throw DomainException.invalid("text", given == null || given.isEmpty() ? "'text' is required"
                    : "'text' is required (it holds only white space or invisible characters)");
        }
        if (Text.firstUnpairedSurrogate(text) >= 0) {
            throw DomainException.invalid("text", "'text' contains a UTF-16 surrogate without its pair");
        }
        if (text.length() > MAX_TEXT) {
            throw DomainException.invalid("text", "'text' is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** An ISO-8601 instant (or date-time with offset) in the future of the service clock, at most 31 days ahead. */
    static Instant nextUpdateAt(String given, Instant now) {
        if (given == null || given.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(given.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("nextUpdateAt", "nextUpdateAt must be an ISO-8601 instant such as 2027-03-28T02:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw new DomainException(io.cutplan.domain.ErrorKind.RULE_VIOLATION, "next_update_in_past",
                    "nextUpdateAt (" + at + ") is not in the future (now is " + now + ")", "nextUpdateAt", null);
        }
        if (at.isAfter(now.plus(MAX_NEXT_UPDATE))) {
            throw new DomainException(io.cutplan.domain.ErrorKind.RULE_VIOLATION, "next_update_too_far",
                    "nextUpdateAt may be at most " + MAX_NEXT_UPDATE.toDays() + " days ahead", "nextUpdateAt", null);
        }
        return at;
    }

    private static void requireIteration(java.sql.Connection c, UUID iterationId) throws java.sql.SQLException {
        IterationStateDao.status(c, iterationId).orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
    }

    private static void requireNotCancelled(java.sql.Connection c, UUID iterationId) throws java.sql.SQLException {
        IterationStatus status = IterationStateDao.status(c, iterationId)
                .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
        if (status == IterationStatus.CANCELLED) {
            throw DomainException.rule("iteration_cancelled", "This iteration is cancelled; no broadcast can be posted");
        }
    }
}
