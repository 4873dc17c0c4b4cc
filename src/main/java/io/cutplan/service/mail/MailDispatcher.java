package io.cutplan.service.mail;

import io.cutplan.service.outbox.OutboxWorkers;
import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.spi.MailDeliveryException;
import io.cutplan.service.spi.OutgoingMail;
import io.cutplan.service.spi.MailTransport;
import io.cutplan.domain.EventType;
import io.cutplan.store.Database;
import io.cutplan.store.EventLogDao;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.IterationDao;
import io.cutplan.store.NotificationOutboxDao;
import io.cutplan.store.OutboxMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox in the background, so no request ever waits on a mail server. A small fixed pool of
 * worker threads ({@link OutboxWorkers}, shared with the webhook dispatcher) each repeats: claim a few due messages in a short transaction ({@code FOR UPDATE SKIP
 * LOCKED}, plus a lease in the row), commit, send each through the {@link MailTransport} holding no
 * transaction or lock, then record the outcome in a second short transaction that also appends
 * {@code NOTIFICATION_SENT} or, after the last allowed attempt, {@code NOTIFICATION_FAILED} to the event log. A
 * {@linkplain MailDeliveryException#permanent() permanent} rejection (a 5xx answer) is FAILED at once, not retried.
 *
 * <p>Several dispatchers (threads, or nodes of a cluster) may share one database: a row is claimed by one
 * only, and an expired lease (a crashed node) lets another take it over. The outcome is recorded only while
 * the claim token still matches, so a dispatcher that overran its lease cannot overwrite the new holder.
 *
 * <p>Delivery events are appended with the iteration's current change version and do not raise it: a mail
 * going out changes nothing a dashboard shows, and raising the version would make every dashboard refetch.
 */
public final class MailDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final Database database;
    private final MailTransport transport;
    private final DispatcherSettings settings;
    private final String node;
    private final OutboxWorkers workers;
    private volatile boolean warnedUnconfigured;

    private MailDispatcher(Database database, MailTransport transport, DispatcherSettings settings, String node) {
        this.database = database;
        this.transport = transport;
        this.settings = settings;
        this.node = node;
        this.workers = OutboxWorkers.prepare("cutplan-mail", settings.threads(), settings.pollInterval(), this::pass, LOG,
                "Mail dispatcher");
    }

    /** Starts the worker threads. {@code node} names this dispatcher in claims (diagnostics only). */
    public static MailDispatcher start(Database database, MailTransport transport, DispatcherSettings settings, String node) {
        MailDispatcher dispatcher = new MailDispatcher(database, transport, settings, node);
        dispatcher.workers.start();
        return dispatcher;
    }

    /** A name for this JVM's dispatcher: host, process and a random part, so two nodes never share one. */
    public static String defaultNodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public MailTransport transport() {
        return transport;
    }

    public DispatcherSettings settings() {
        return settings;
    }

    /** Lets idle workers look for due messages now instead of at their next poll. */
    public void nudge() {
        workers.nudge();
    }

    /** One worker round: nothing while no mail server is configured (messages stay queued). */
    private int pass() {
        if (transport.isConfigured()) {
            return dispatchOnce();
        }
        if (!warnedUnconfigured) {
            warnedUnconfigured = true;
            LOG.warn("Mail dispatcher idle (messages stay queued): {}", transport.describe());
        }
        return 0;
    }

    /**
     * One pass: gives up on abandoned claims, claims a batch and sends it. Returns how many messages it
     * handled (0 when nothing was due).
     */
    int dispatchOnce() {
        List<OutboxMessage> abandoned = database.transactor().inTransaction(c -> {
            List<OutboxMessage> failed = NotificationOutboxDao.failAbandoned(c, settings.maxAttempts(), settings.batchSize());
            for (OutboxMessage m : failed) {
                recordOutcome(c, EventType.NOTIFICATION_FAILED, m, m.lastError());
            }
            return failed;
        });
        UUID token = UUID.randomUUID();
        List<OutboxMessage> claimed = database.transactor().inTransaction(c ->
                NotificationOutboxDao.claim(c, token, node, settings.lease(), settings.batchSize(), settings.maxAttempts()));
        for (OutboxMessage m : claimed) {
            if (!workers.running()) {
                release(m, token);
                continue;
            }
            deliver(m, token);
        }
        return abandoned.size() + claimed.size();
    }

    private void deliver(OutboxMessage m, UUID token) {
        String error = null;
        boolean permanent = false;
        try {
            transport.send(new OutgoingMail(m.recipient(), m.subject(), m.htmlBody(), m.textBody()));
        } catch (MailDeliveryException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            permanent = e instanceof MailDeliveryException d && d.permanent();
        }
        String failure = error;
        boolean giveUp = permanent || m.attempts() >= settings.maxAttempts();
        Optional<OutboxMessage> after = database.transactor().inTransaction(c -> {
            if (failure == null) {
                Optional<OutboxMessage> sent = NotificationOutboxDao.markSent(c, m.id(), token);
                sent.ifPresent(s -> record(c, EventType.NOTIFICATION_SENT, s, null));
                return sent;
            }
            if (giveUp) {
                // A permanent rejection (5xx) fails at once: retrying would only repeat it.
                Optional<OutboxMessage> failed = NotificationOutboxDao.markFailed(c, m.id(), token, failure);
                failed.ifPresent(f -> record(c, EventType.NOTIFICATION_FAILED, f, failure));
                return failed;
            }
            return NotificationOutboxDao.markRetry(c, m.id(), token, settings.backoffAfter(m.attempts()), failure);
        });
        if (after.isEmpty()) {
            LOG.warn("Notification {} outlived its lease; another dispatcher holds it now", m.id());
        } else if (failure != null) {
            LOG.info("Notification {} to {} not delivered (attempt {} of {}{}): {}", m.id(), m.recipient(), m.attempts(),
                    settings.maxAttempts(), permanent ? ", rejected for good: FAILED" : "", failure);
        }
    }

    /** Hands a claimed but unsent message back when stopping (the attempt did not happen). */
    private void release(OutboxMessage m, UUID token) {
        try {
            database.transactor().inTransaction(c -> NotificationOutboxDao.release(c, m.id(), token));
        } catch (RuntimeException e) {
            LOG.debug("Could not release notification {} (its lease will expire): {}", m.id(), e.toString());
        }
    }

    private static void record(Connection c, EventType type, OutboxMessage m, String error) {
        try {
            recordOutcome(c, type, m, error);
        } catch (SQLException e) {
            throw new io.cutplan.store.StoreException(e);
        }
    }

    /** Appends the delivery outcome to the audit log without raising the iteration's version (see class comment). */
    static void recordOutcome(Connection c, EventType type, OutboxMessage m, String error) throws SQLException {
        Long version = IterationDao.currentVersion(c, m.iterationId()).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", m.id().toString());
        details.put("eventId", m.eventId().toString());
        details.put("kind", m.kind().name());
        details.put("recipient", m.recipient());
        details.put("testMode", m.testMode());
        details.put("attempts", m.attempts());
        if (error != null) {
            details.put("error", error);
        }
        EventLogDao.append(c, new EventRecord(Ids.newId(), null, type, null, "system", m.iterationId(), m.stepInstanceId(),
                null, null, null, version, details));
    }

    /** Stops the workers: idle ones at once; one in the middle of a send finishes it (bounded by the transport's timeouts). */
    @Override
    public void close() {
        workers.close();
    }

    /** For logs. */
    public String node() {
        return node;
    }

}
