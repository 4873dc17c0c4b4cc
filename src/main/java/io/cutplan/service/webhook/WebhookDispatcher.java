package io.cutplan.service.webhook;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.WebhookUrls;
import io.cutplan.service.outbox.OutboxWorkers;
import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.spi.WebhookSettings;
import io.cutplan.store.Database;
import io.cutplan.store.WebhookDeliveryDao;
import io.cutplan.store.WebhookDeliveryDao.Claimed;
import io.cutplan.store.WebhookDeliveryDao.Delivery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook outbox in the background, exactly as the mail dispatcher sends mail (shared
 * {@link OutboxWorkers} loop, {@link io.cutplan.store.OutboxLease} claims): claim a few due deliveries in a short
 * transaction, POST each holding no transaction or lock, record the outcome while the claim is still ours. A
 * non-2xx answer, a redirect, a timeout or a refused connection is retried with backoff; after
 * {@code maxAttempts} the delivery is FAILED (an administrator may resend it). Several dispatchers (nodes) may share
 * one database: a delivery is claimed by one only.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Database database;
    private final WebhookSettings settings;
    private final WebhookSender sender;
    private final String node;
    private final OutboxWorkers workers;

    private WebhookDispatcher(Database database, WebhookSettings settings, String node) {
        this.database = database;
        this.settings = settings;
        this.sender = new WebhookSender(settings.connectTimeout(), settings.requestTimeout());
        this.node = node;
        DispatcherSettings d = settings.dispatch();
        this.workers = OutboxWorkers.prepare("cutplan-webhook", d.threads(), d.pollInterval(), this::dispatchOnce, LOG,
                "Webhook dispatcher");
    }

    public static WebhookDispatcher start(Database database, WebhookSettings settings, String node) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(database, settings, node);
        dispatcher.workers.start();
        return dispatcher;
    }

    public WebhookSettings settings() {
        return settings;
    }

    public void nudge() {
        workers.nudge();
    }

    int dispatchOnce() {
        DispatcherSettings d = settings.dispatch();
        List<Delivery> abandoned = database.transactor().inTransaction(c ->
                WebhookDeliveryDao.failAbandoned(c, d.maxAttempts(), d.batchSize()));
        UUID token = UUID.randomUUID();
        List<Claimed> claimed = database.transactor().inTransaction(c ->
                WebhookDeliveryDao.claim(c, token, node, d.lease(), d.batchSize(), d.maxAttempts()));
        for (Claimed m : claimed) {
            if (!workers.running()) {
                release(m.delivery(), token);
                continue;
            }
            deliver(m, token);
        }
        return abandoned.size() + claimed.size();
    }

    private void deliver(Claimed m, UUID token) {
        Delivery d = m.delivery();
        WebhookSender.Result result;
        boolean permanent = false;
        try {
            // The host's rule may have changed since the webhook was saved.
            WebhookUrls.check(m.url(), settings.allowHttpLoopback());
            long timestamp = Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Cutplan-Event", d.kind().name());
            headers.put("X-Cutplan-Delivery", d.id().toString());
            headers.put("X-Cutplan-Timestamp", Long.toString(timestamp));
            headers.put("X-Cutplan-Signature", WebhookSigner.signature(m.secret(), timestamp, d.payload()));
            result = sender.post(m.url(), headers, d.payload());
        } catch (DomainException e) {
            result = new WebhookSender.Result(false, null, "URL no longer allowed: " + e.getMessage());
            permanent = true;
        } catch (RuntimeException e) {
            result = new WebhookSender.Result(false, null, WebhookUrls.sanitise(e.toString()));
        }
        WebhookSender.Result r = result;
        boolean giveUp = permanent || d.attempts() >= settings.dispatch().maxAttempts();
        Optional<Delivery> after = database.transactor().inTransaction(c -> {
            if (r.ok()) {
                return WebhookDeliveryDao.markSent(c, d.id(), token, r.status());
            }
            if (giveUp) {
                return WebhookDeliveryDao.markFailed(c, d.id(), token, r.error(), r.status());
            }
            return WebhookDeliveryDao.markRetry(c, d.id(), token, settings.dispatch().backoffAfter(d.attempts()), r.error(),
                    r.status());
        });
        if (after.isEmpty()) {
            LOG.warn("Webhook delivery {} outlived its lease; another dispatcher holds it now", d.id());
        } else if (!r.ok()) {
            LOG.info("Webhook delivery {} to {} not delivered (attempt {} of {}{}): {}", d.id(), WebhookUrls.redact(m.url()),
                    d.attempts(), settings.dispatch().maxAttempts(), giveUp ? ": FAILED" : "", r.error());
        }
    }

    private void release(Delivery d, UUID token) {
        try {
            database.transactor().inTransaction(c -> WebhookDeliveryDao.release(c, d.id(), token));
        } catch (RuntimeException e) {
            LOG.debug("Could not release webhook delivery {} (its lease will expire): {}", d.id(), e.toString());
        }
    }

    @Override
    public void close() {
        workers.close();
    }

    public String node() {
        return node;
    }
}
