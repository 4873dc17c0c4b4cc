package io.cutplan.service.webhook;

import io.cutplan.domain.WebhookKind;
import io.cutplan.domain.WebhookRules;
import io.cutplan.service.spi.EventListener;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.NotificationContextDao;
import io.cutplan.store.NotificationContextDao.IterationFacts;
import io.cutplan.store.NotificationContextDao.StepFacts;
import io.cutplan.store.WebhookDao;
import io.cutplan.store.WebhookDeliveryDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook outbox's writer: told of every event inside the transaction that records it, it writes one delivery
 * row (with its rendered body) per enabled webhook of the iteration (or its migration) that subscribes to the
 * event's kind, so deliveries commit or roll back with the change. It never sends anything itself. Most events are
 * dismissed without a query ({@link WebhookRules#candidate}); a candidate costs one query when no webhook is set up.
 *
 * <p>A failure here must never stop a cutover: the work runs under a savepoint and, if it fails, the change still
 * commits without its deliveries (logged).
 */
public final class WebhookListener implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookListener.class);

    @Override
    public void onEvent(Connection c, EventRecord event) throws SQLException {
        if (event.iterationId() == null || !WebhookRules.candidate(event.type(), event.details())) {
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            int queued = queue(c, event);
            c.releaseSavepoint(savepoint);
            if (queued > 0) {
                LOG.debug("Queued {} webhook deliver(ies) for event {}", queued, event.id());
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            LOG.error("Could not queue webhook deliveries for event {} ({}): {}", event.id(), event.type(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
        }
    }

    int queue(Connection c, EventRecord event) throws SQLException {
        List<WebhookDao.Row> hooks = WebhookDao.enabledFor(c, event.iterationId());
        if (hooks.isEmpty()) {
            return 0;
        }
        StepFacts step = event.stepInstanceId() == null ? null : NotificationContextDao.step(c, event.stepInstanceId()).orElse(null);
        Optional<WebhookKind> kind = WebhookRules.kind(event.type(), event.details(), step != null && step.goNoGo());
        if (kind.isEmpty()) {
            return 0;
        }
        List<WebhookDao.Row> subscribed = hooks.stream().filter(h -> h.kinds().contains(kind.get())).toList();
        if (subscribed.isEmpty()) {
            return 0;
        }
        IterationFacts iteration = NotificationContextDao.iteration(c, event.iterationId()).orElse(null);
        Object to = event.details().get("to");
        String stepStatus = event.type() == io.cutplan.domain.EventType.STEP_STATUS_CHANGED && to != null ? to.toString() : null;
        UUID[] ids = new UUID[subscribed.size()];
        UUID[] webhookIds = new UUID[ids.length];
        String[] payloads = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            WebhookDao.Row h = subscribed.get(i);
            ids[i] = Ids.newId();
            webhookIds[i] = h.id();
            payloads[i] = WebhookPayloads.render(h.format(), new WebhookPayloads.Facts(ids[i], kind.get(), event.occurredAt(),
                    event.actorName(), iteration, step, stepStatus, event.details(), h.name()));
        }
        // One statement for all of them, in webhook order (seq follows it).
        int n = WebhookDeliveryDao.queueAll(c, event.iterationId(), event.id(), kind.get(), ids, webhookIds, payloads);
        return n;
    }
}
