package io.cutplan.service.mail;

import io.cutplan.service.spi.MailTransport;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EmailAddresses;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.EventType;
import io.cutplan.domain.NotificationMode;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.schedule.ScheduleTimes;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.store.Database;
import io.cutplan.store.NotificationContextDao;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import io.cutplan.store.NotificationOutboxDao;
import io.cutplan.store.OutboxMessage;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notification administration: per-iteration settings (pilots and admins), the outbox listing, one message,
 * and resending a failed message (admins).
 */
public final class NotificationService {
    public static final int DEFAULT_LIST_LIMIT = 100;
    public static final int MAX_LIST_LIMIT = 500;

    private final Database database;
    private final List<EventListener> listeners;
    private final MailDispatcher dispatcher;
    private final ZoneId hostZone;

    /** Iterations without a zone of their own use the JVM's default zone (as {@link MailRenderer} does). */
    public NotificationService(Database database, List<EventListener> listeners, MailDispatcher dispatcher) {
        this(database, listeners, dispatcher, ZoneId.systemDefault());
    }

    public NotificationService(Database database, List<EventListener> listeners, MailDispatcher dispatcher, ZoneId hostZone) {
        this.database = database;
        this.listeners = List.copyOf(listeners);
        this.dispatcher = dispatcher;
        this.hostZone = hostZone;
    }

    public NotificationSettings settings(Caller caller, UUID iterationId) {
        caller.requirePilot("see notification settings");
        IterationFacts it = database.transactor().readOnly(c -> NotificationContextDao.iteration(c, iterationId))
                .orElseThrow(() -> DomainException.notFound("Iteration", iterationId));
        return new NotificationSettings(it.mode(), it.testAddress(), it.notifyComments(), it.timeZone(), hostZone.getId());
    }

    public NotificationSettings updateSettings(Caller caller, UUID iterationId, NotificationSettings body) {
        caller.requirePilot("change notification settings");
        if (body == null) {
            throw DomainException.invalid(null, "A JSON object {mode, testAddress, notifyComments, timeZone} is required");
        }
        if (body.mode() == null) {
            throw DomainException.invalid("mode", "mode is required: ON, OFF or TEST");
        }
        if (body.notifyComments() == null) {
            throw DomainException.invalid("notifyComments", "notifyComments is required: true or false");
        }
        String address = body.testAddress() == null || body.testAddress().isBlank() ? null : body.testAddress().strip();
        if (address != null && !EmailAddresses.isValid(address)) {
            throw DomainException.invalid("testAddress", "testAddress must be one plain email address such as name@example.com");
        }
        if (body.mode() == NotificationMode.TEST && address == null) {
            throw DomainException.invalid("testAddress", "testAddress is required when mode is TEST");
        }
        // An IANA id (offsets and abbreviations do not follow daylight saving); blank or null: the host's zone.
        ZoneId zone = ScheduleTimes.parseZone(body.timeZone(), null, "timeZone");
        String timeZone = zone == null ? null : zone.getId();
        NotificationSettings next = new NotificationSettings(body.mode(), address, body.notifyComments(), timeZone,
                hostZone.getId());
        return database.transactor().inTransaction(c -> {
            // Locks the iteration (404 when missing) and audits the change like any other change to the iteration.
            IterationChange change = IterationChange.begin(c, iterationId, caller, listeners);
            NotificationContextDao.updateSettings(c, iterationId, next.mode(), next.testAddress(), next.notifyComments(),
                    next.timeZone());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("notificationMode", next.mode().name());
            details.put("notifyComments", next.notifyComments());
            if (next.testAddress() != null) {
                details.put("notificationTestAddress", next.testAddress());
            }
            if (next.timeZone() != null) {
                details.put("timeZone", next.timeZone());
            }
            change.event(EventType.ITERATION_UPDATED).details(details).record();
            return next;
        });
    }

    public NotificationList list(Caller caller, NotificationStatus status, UUID iterationId, Integer limit) {
        caller.requireAdmin("see notification emails");
        int n = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (n < 1 || n > MAX_LIST_LIMIT) {
            throw DomainException.invalid("limit", "limit must be 1 to " + MAX_LIST_LIMIT);
        }
        int max = dispatcher.settings().maxAttempts();
        return database.transactor().readOnly(c -> {
            List<NotificationView> messages = NotificationOutboxDao.list(c, status, iterationId, n).stream()
                    .map(m -> NotificationView.of(m, max, false)).toList();
            return new NotificationList(transportState(), NotificationOutboxDao.counts(c, iterationId), messages);
        });
    }

    public NotificationView get(Caller caller, UUID id) {
        caller.requireAdmin("see notification emails");
        OutboxMessage m = database.transactor().readOnly(c -> NotificationOutboxDao.find(c, id))
                .orElseThrow(() -> DomainException.notFound("Notification", id));
        return NotificationView.of(m, dispatcher.settings().maxAttempts(), true);
    }

    /** Queues a FAILED message again with a fresh attempt budget; anything else is a conflict. */
    public NotificationView resend(Caller caller, UUID id) {
        caller.requireAdmin("resend notification emails");
        NotificationView view = database.transactor().inTransaction(c -> {
            OutboxMessage m = NotificationOutboxDao.find(c, id).orElseThrow(() -> DomainException.notFound("Notification", id));
            OutboxMessage queued = NotificationOutboxDao.resend(c, id).orElseThrow(() -> new DomainException(ErrorKind.CONFLICT,
                    "not_resendable", "Only a FAILED message can be resent; this one is " + m.status(), null,
                    Map.of("status", m.status().name())));
            return NotificationView.of(queued, dispatcher.settings().maxAttempts(), false);
        });
        dispatcher.nudge();
        return view;
    }

    public NotificationList.TransportState transportState() {
        MailTransport t = dispatcher.transport();
        return new NotificationList.TransportState(t.isConfigured(), t.describe());
    }
}
