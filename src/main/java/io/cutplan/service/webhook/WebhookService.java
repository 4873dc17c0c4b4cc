package io.cutplan.service.webhook;

import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.Text;
import io.cutplan.domain.WebhookFormat;
import io.cutplan.domain.WebhookKind;
import io.cutplan.domain.WebhookUrls;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.NotificationContextDao;
import io.cutplan.store.WebhookDao;
import io.cutplan.store.WebhookDeliveryDao;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Webhook administration (administrators only): configure, test, see deliveries, resend a failed one. */
public final class WebhookService {
    public static final int DEFAULT_LIST_LIMIT = 100;
    public static final int MAX_LIST_LIMIT = 500;

    private final Database database;
    private final WebhookDispatcher dispatcher;

    public WebhookService(Database database, WebhookDispatcher dispatcher) {
        this.database = database;
        this.dispatcher = dispatcher;
    }

    private boolean allowHttpLoopback() {
        return dispatcher.settings().allowHttpLoopback();
    }

    private int maxAttempts() {
        return dispatcher.settings().dispatch().maxAttempts();
    }

    public WebhookList list(Caller caller, UUID migrationId, UUID iterationId) {
        caller.requireAdmin("see webhooks");
        List<WebhookView> hooks = database.transactor().readOnly(c -> WebhookDao.list(c, migrationId, iterationId)).stream()
                .map(w -> WebhookView.of(w, null)).toList();
        return new WebhookList(allowHttpLoopback(), subscribable(), hooks);
    }

    public WebhookView get(Caller caller, UUID id) {
        caller.requireAdmin("see webhooks");
        return WebhookView.of(database.transactor().readOnly(c -> WebhookDao.find(c, id))
                .orElseThrow(() -> DomainException.notFound("Webhook", id)), null);
    }

    public WebhookView create(Caller caller, WebhookInput in) {
        caller.requireAdmin("configure webhooks");
        if (in == null) {
            throw DomainException.invalid(null, "A JSON object {migrationId or iterationId, url, eventKinds, format} is required");
        }
        UUID migrationId = uuid("migrationId", in.migrationId());
        UUID iterationId = uuid("iterationId", in.iterationId());
        if ((migrationId == null) == (iterationId == null)) {
            throw new DomainException(ErrorKind.INVALID, "webhook_scope_required",
                    "Give exactly one of migrationId (every iteration of the migration) and iterationId", "migrationId", null);
        }
        if (in.rotateSecret() != null) {
            throw DomainException.invalid("rotateSecret", "rotateSecret is for PUT only; a new webhook gets a new secret anyway");
        }
        Fields f = fields(in, null);
        String secret = in.secret() == null ? WebhookSigner.newSecret() : secret(in.secret());
        WebhookDao.Row row = new WebhookDao.Row(Ids.newId(), migrationId, iterationId, f.name, f.url, f.kinds, f.format, secret,
                f.enabled, caller.userId(), Instant.now(), Instant.now());
        WebhookDao.Row saved = database.transactor().inTransaction(c -> {
            if (migrationId != null && !WebhookDao.migrationExists(c, migrationId)) {
                throw DomainException.notFound("Migration", migrationId);
            }
            if (iterationId != null && !WebhookDao.iterationExists(c, iterationId)) {
                throw DomainException.notFound("Iteration", iterationId);
            }
            WebhookDao.insert(c, row);
            return WebhookDao.find(c, row.id()).orElseThrow();
        });
        // Shown once: a generated secret must be copied now; a given one is the caller's already.
        return WebhookView.of(saved, in.secret() == null ? secret : null);
    }

    public WebhookView update(Caller caller, UUID id, WebhookInput in) {
        caller.requireAdmin("configure webhooks");
        if (in == null) {
            throw DomainException.invalid(null, "A JSON object {url, eventKinds, format, enabled} is required");
        }
        if (in.migrationId() != null || in.iterationId() != null) {
            throw new DomainException(ErrorKind.INVALID, "webhook_scope_fixed",
                    "A webhook's scope cannot change; delete it and create another", in.migrationId() != null ? "migrationId" : "iterationId", null);
        }
        boolean rotate = Boolean.TRUE.equals(in.rotateSecret());
        if (rotate && in.secret() != null) {
            throw DomainException.invalid("secret", "Give a secret or rotateSecret, not both");
        }
        String newSecret = rotate ? WebhookSigner.newSecret() : in.secret() == null ? null : secret(in.secret());
        WebhookDao.Row saved = database.transactor().inTransaction(c -> {
            WebhookDao.Row current = WebhookDao.lock(c, id).orElseThrow(() -> DomainException.notFound("Webhook", id));
            Fields f = fields(in, current);
            return WebhookDao.update(c, id, f.name, f.url, f.kinds, f.format, f.enabled, newSecret).orElseThrow();
        });
        if (saved.enabled()) {
            dispatcher.nudge();
        }
        return WebhookView.of(saved, rotate ? newSecret : null);
    }

    public void delete(Caller caller, UUID id) {
        caller.requireAdmin("delete webhooks");
        boolean gone = database.transactor().inTransaction(c -> WebhookDao.delete(c, id));
        if (!gone) {
            throw DomainException.notFound("Webhook", id);
        }
    }

    /** Queues a TEST delivery (through the outbox like any other) and returns it. */
    public WebhookDeliveryView test(Caller caller, UUID id) {
        caller.requireAdmin("test webhooks");
        WebhookDeliveryView view = database.transactor().inTransaction(c -> {
            WebhookDao.Row w = WebhookDao.find(c, id).orElseThrow(() -> DomainException.notFound("Webhook", id));
            if (!w.enabled()) {
                throw DomainException.rule("webhook_disabled", "Webhook " + id + " is disabled; enable it to send a test");
            }
            UUID deliveryId = Ids.newId();
            NotificationContextDao.IterationFacts it = w.iterationId() == null ? null
                    : NotificationContextDao.iteration(c, w.iterationId()).orElse(null);
            String body = WebhookPayloads.render(w.format(), new WebhookPayloads.Facts(deliveryId, WebhookKind.TEST,
                    Instant.now(), caller.username(), it, null, null, Map.of(), w.name()));
            WebhookDeliveryDao.queue(c, deliveryId, w.id(), w.iterationId(), null, WebhookKind.TEST, body);
            return WebhookDeliveryView.of(WebhookDeliveryDao.find(c, deliveryId).orElseThrow(), maxAttempts());
        });
        dispatcher.nudge();
        return view;
    }

    public WebhookDeliveryList deliveries(Caller caller, UUID webhookId, NotificationStatus status, Integer limit) {
        caller.requireAdmin("see webhook deliveries");
        int n = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (n < 1 || n > MAX_LIST_LIMIT) {
            throw DomainException.invalid("limit", "limit must be 1 to " + MAX_LIST_LIMIT);
        }
        return database.transactor().readOnly(c -> {
            if (webhookId != null && WebhookDao.find(c, webhookId).isEmpty()) {
                throw DomainException.notFound("Webhook", webhookId);
            }
            List<WebhookDeliveryView> list = WebhookDeliveryDao.list(c, webhookId, status, n).stream()
                    .map(d -> WebhookDeliveryView.of(d, maxAttempts())).toList();
            return new WebhookDeliveryList(WebhookDeliveryDao.counts(c, webhookId), list);
        });
    }

    /** Queues a FAILED delivery again (same id, same body) with a fresh attempt budget; anything else is a conflict. */
    public WebhookDeliveryView resend(Caller caller, UUID id) {
        caller.requireAdmin("resend webhook deliveries");
        WebhookDeliveryView view = database.transactor().inTransaction(c -> {
            WebhookDeliveryDao.Delivery d = WebhookDeliveryDao.find(c, id)
                    .orElseThrow(() -> DomainException.notFound("Webhook delivery", id));
            WebhookDeliveryDao.Delivery queued = WebhookDeliveryDao.resend(c, id).orElseThrow(() -> new DomainException(
                    ErrorKind.CONFLICT, "not_resendable", "Only a FAILED delivery can be resent; this one is " + d.status(),
                    null, Map.of("status", d.status().name())));
            return WebhookDeliveryView.of(queued, maxAttempts());
        });
        dispatcher.nudge();
        return view;
    }

    private record Fields(String name, String url, List<WebhookKind> kinds, WebhookFormat format, boolean enabled) {
    }

    /** The validated editable fields; on update, absent name/format/enabled keep {@code current}'s. */
    private Fields fields(WebhookInput in, WebhookDao.Row current) {
        URI url = WebhookUrls.check(in.url(), allowHttpLoopback());
        List<WebhookKind> kinds = kinds(in.eventKinds());
        WebhookFormat format;
        if (in.format() == null) {
            format = current == null ? WebhookFormat.GENERIC : current.format();
        } else {
            format = WebhookFormat.parse(in.format());
            if (format == null) {
                throw new DomainException(ErrorKind.INVALID, "webhook_format_unknown",
                        "format must be generic, slack or teams", "format", Map.of("allowed", List.of("generic", "slack", "teams")));
            }
        }
        String name = in.name() == null || in.name().isBlank()
                ? (current == null ? url.getHost() : current.name()) : in.name().strip();
        if (name.length() > 200) {
            throw DomainException.invalid("name", "name must be at most 200 characters");
        }
        Text.requireNoBidiControls(name, "name");
        boolean enabled = in.enabled() == null ? current == null || current.enabled() : in.enabled();
        return new Fields(name, url.toString(), kinds, format, enabled);
    }

    private static List<WebhookKind> kinds(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw DomainException.invalid("eventKinds", "eventKinds is required: one or more of " + subscribable());
        }
        Set<WebhookKind> kinds = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            WebhookKind k = n == null ? null : Arrays.stream(WebhookKind.values()).filter(WebhookKind::subscribable)
                    .filter(v -> v.name().equalsIgnoreCase(n.strip())).findFirst().orElse(null);
            if (k == null) {
                unknown.add(String.valueOf(n));
            } else {
                kinds.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DomainException(ErrorKind.INVALID, "webhook_kind_unknown", "Unknown event kind(s) " + unknown
                    + "; allowed: " + subscribable(), "eventKinds", Map.of("unknown", unknown, "allowed", subscribable()));
        }
        // Stored in the enum's order, whatever the request's.
        return Arrays.stream(WebhookKind.values()).filter(kinds::contains).toList();
    }

    private static List<String> subscribable() {
        return Arrays.stream(WebhookKind.values()).filter(WebhookKind::subscribable).map(Enum::name).toList();
    }

    private static String secret(String s) {
        if (s.length() < 16 || s.length() > 200 || !s.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw DomainException.invalid("secret", "secret must be 16 to 200 printable ASCII characters without spaces");
        }
        return s;
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, field + " must be a UUID");
        }
    }
}
