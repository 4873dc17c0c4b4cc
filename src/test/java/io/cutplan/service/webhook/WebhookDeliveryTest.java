package io.cutplan.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutplan.domain.Caller;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.EventType;
import io.cutplan.domain.NotificationStatus;
import io.cutplan.domain.Role;
import io.cutplan.service.iteration.IterationChange;
import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.spi.EventListener;
import io.cutplan.service.spi.WebhookSettings;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.store.WebhookDeliveryDao;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook deliveries end to end against a real HTTP receiver in this JVM: events written by real transactions (the
 * listener queues in the event's transaction), dispatchers sending over HTTP, outcomes read from the database.
 * Waits have deadlines on conditions, never fixed sleeps.
 */
@ExtendWith(TestDatabase.class)
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ITERATIONS = new AtomicInteger();
    private static final List<EventListener> LISTENERS = List.of(new WebhookListener());

    static Database db;
    static Fixtures.Plan plan;
    static UUID trt1;
    static UUID gon2;
    static Caller admin;
    static WebhookReceiver receiver;

    @BeforeAll
    static void world(Database database) {
        db = database;
        Fixtures fx = Fixtures.in(db);
        UUID ops = fx.team("OPS");
        Fixtures.TestUser a = fx.user("admin", Role.ADMIN);
        admin = new Caller(a.id(), a.username(), "Admin", Role.ADMIN, Set.of());
        plan = fx.plan("Webhooks");
        trt1 = plan.step("TRT-1", "Stop <the> batch & *jobs*", ops);
        gon2 = plan.step("GON-2", "Go / no-go", ops, 15, true);
        receiver = new WebhookReceiver().start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static DispatcherSettings fast(int maxAttempts) {
        return DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(25))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).withLease(Duration.ofMinutes(1))
                .withMaxAttempts(maxAttempts);
    }

    static WebhookDispatcher dispatcher(DispatcherSettings d, Duration requestTimeout, String node) {
        return WebhookDispatcher.start(db, WebhookSettings.defaults().withAllowHttpLoopback(true).withDispatch(d)
                .withTimeouts(Duration.ofSeconds(2), requestTimeout), node);
    }

    static UUID iteration() {
        return plan.iteration("W" + ITERATIONS.incrementAndGet());
    }

    /** Records one event through IterationChange, so the listener runs inside its transaction. */
    static UUID event(UUID iterationId, EventType type, UUID stepInstanceId, Map<String, Object> details) {
        return db.transactor().inTransaction(c -> {
            IterationChange change = IterationChange.begin(c, iterationId, admin, LISTENERS);
            IterationChange.Event e = change.event(type).details(details);
            if (stepInstanceId != null) {
                e.step(stepInstanceId);
            }
            return e.record().id();
        });
    }

    static Map<String, Object> to(String status, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stepCode", "TRT-1");
        d.put("from", "IN_PROGRESS");
        d.put("to", status);
        if (reason != null) {
            d.put("reason", reason);
        }
        d.put("automatic", false);
        d.put("override", false);
        return d;
    }

    static List<WebhookDeliveryDao.Delivery> deliveries(UUID webhookId) {
        List<WebhookDeliveryDao.Delivery> newestFirst = db.transactor().readOnly(c -> WebhookDeliveryDao.list(c, webhookId, null, 10_000));
        List<WebhookDeliveryDao.Delivery> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    static WebhookDeliveryDao.Delivery delivery(UUID id) {
        return db.transactor().readOnly(c -> WebhookDeliveryDao.find(c, id)).orElseThrow();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static WebhookView hook(WebhookService service, UUID migrationId, UUID iterationId, String path, List<String> kinds,
                            String format) {
        return service.create(admin, new WebhookInput(migrationId == null ? null : migrationId.toString(),
                iterationId == null ? null : iterationId.toString(), null, receiver.url(path), kinds, format, true, null, null));
    }

    static void disable(WebhookService service, WebhookView w) {
        service.update(admin, w.id(), new WebhookInput(null, null, w.name(), w.url(), w.eventKinds(), w.format(), false, null, null));
    }

    static final List<String> ALL = List.of("STEP_FAILED", "STEP_ON_HOLD", "GO_NO_GO_DONE", "GATE_OVERRIDDEN",
            "ITERATION_STARTED", "ITERATION_COMPLETED", "BROADCAST");

    static String hmac(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** The acceptance: receiver down, then back: every event exactly once, in order per iteration, signed; two nodes. */
    @Test
    void aReceiverDownThenBackGetsEveryEventOnceInOrderSignedAcrossTwoNodes() throws Exception {
        WebhookDispatcher nodeA = dispatcher(fast(50), Duration.ofSeconds(5), "node-a");
        WebhookDispatcher nodeB = dispatcher(fast(50), Duration.ofSeconds(5), "node-b");
        WebhookService service = new WebhookService(db, nodeA);
        try {
            UUID it1 = iteration();
            UUID it2 = iteration();
            WebhookView w = hook(service, plan.migration(), null, "/outage", ALL, "generic");
            assertThat(w.secret()).startsWith("whsec_");
            receiver.stop();
            List<UUID> iterations = List.of(it1, it2);
            for (int round = 0; round < 4; round++) {
                for (UUID it : iterations) {
                    UUID si = plan.stepInstance(it, trt1);
                    event(it, EventType.STEP_STATUS_CHANGED, si, to("FAILED", "ORA-01652 round " + round));
                    event(it, EventType.BROADCAST_POSTED, null, Map.of("text", "Round " + round + " <ok> & on", "automatic", false));
                    event(it, EventType.STEP_STATUS_CHANGED, si, to("ON_HOLD", null));
                }
            }
            List<WebhookDeliveryDao.Delivery> queued = deliveries(w.id());
            assertThat(queued).hasSize(24);
            // Down: the head of each iteration is retried (connection refused) while the ones after it wait their turn.
            await(() -> deliveries(w.id()).stream().filter(d -> d.attempts() >= 3).map(WebhookDeliveryDao.Delivery::iterationId)
                    .collect(Collectors.toSet()).size() == 2, "both iterations' first deliveries to fail 3 times");
            List<WebhookDeliveryDao.Delivery> during = deliveries(w.id());
            assertThat(during).noneMatch(d -> d.status() == NotificationStatus.SENT);
            assertThat(during.stream().filter(d -> d.attempts() > 0).count()).isEqualTo(2);
            assertThat(during.stream().filter(d -> d.lastError() != null).findFirst().orElseThrow().lastError())
                    .contains("ConnectException");
            receiver.start();
            await(() -> deliveries(w.id()).stream().allMatch(d -> d.status() == NotificationStatus.SENT), "all to be SENT");

            List<WebhookReceiver.Received> got = receiver.received("/outage");
            assertThat(got).hasSize(24);
            assertThat(got.stream().map(WebhookReceiver.Received::deliveryId).distinct().count()).isEqualTo(24);
            assertThat(got.stream().map(WebhookReceiver.Received::deliveryId).collect(Collectors.toSet()))
                    .isEqualTo(queued.stream().map(d -> d.id().toString()).collect(Collectors.toSet()));
            for (UUID it : iterations) {
                List<String> expected = queued.stream().filter(d -> d.iterationId().equals(it)).map(d -> d.id().toString()).toList();
                List<String> actual = new ArrayList<>();
                for (WebhookReceiver.Received r : got) {
                    if (JSON.readTree(r.body()).path("iteration").path("id").asText().equals(it.toString())) {
                        actual.add(r.deliveryId());
                    }
                }
                assertThat(actual).as("order within iteration %s", it).isEqualTo(expected);
            }
            for (WebhookReceiver.Received r : got) {
                assertThat(r.signature()).isEqualTo(hmac(w.secret(), r.timestamp(), r.body()));
                assertThat(r.signature()).isNotEqualTo(hmac("not-the-secret-at-all", r.timestamp(), r.body()));
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.path("id").asText()).isEqualTo(r.deliveryId());
                assertThat(body.path("event").asText()).isEqualTo(r.event());
            }
            JsonNode first = JSON.readTree(got.get(0).body());
            assertThat(first.path("event").asText()).isEqualTo("STEP_FAILED");
            assertThat(first.path("reason").asText()).isEqualTo("ORA-01652 round 0");
            assertThat(first.path("step").path("code").asText()).isEqualTo("TRT-1");
            assertThat(first.path("step").path("status").asText()).isEqualTo("FAILED");
            JsonNode broadcast = JSON.readTree(got.stream().filter(r -> r.event().equals("BROADCAST")).findFirst().orElseThrow().body());
            assertThat(broadcast.path("broadcast").path("text").asText()).isEqualTo("Round 0 <ok> & on");
            // Both nodes did some of the work, yet nothing went twice.
            Set<String> holders = db.transactor().readOnly(c -> Jdbc.list(c, "SELECT DISTINCT claimed_by FROM webhook_deliveries "
                    + "WHERE webhook_id = ?", rs -> rs.getString(1), w.id())).stream().collect(Collectors.toSet());
            assertThat(holders).isSubsetOf("node-a", "node-b");
            disable(service, w);
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverDeliverTwice() throws Exception {
        DispatcherSettings d = fast(10).withThreads(3).withBatchSize(4);
        WebhookDispatcher nodeA = dispatcher(d, Duration.ofSeconds(5), "two-a");
        WebhookDispatcher nodeB = dispatcher(d, Duration.ofSeconds(5), "two-b");
        WebhookService service = new WebhookService(db, nodeA);
        try {
            List<UUID> its = List.of(iteration(), iteration(), iteration());
            WebhookView w1 = hook(service, plan.migration(), null, "/two-1", List.of("BROADCAST"), "generic");
            WebhookView w2 = hook(service, null, its.get(0), "/two-2", List.of("BROADCAST"), "slack");
            for (int i = 0; i < 20; i++) {
                for (UUID it : its) {
                    event(it, EventType.BROADCAST_POSTED, null, Map.of("text", "n" + i, "automatic", true));
                }
            }
            await(() -> deliveries(w1.id()).size() == 60 && deliveries(w1.id()).stream().allMatch(x -> x.status() == NotificationStatus.SENT)
                    && deliveries(w2.id()).stream().allMatch(x -> x.status() == NotificationStatus.SENT), "all 80 to be SENT");
            List<WebhookReceiver.Received> got = receiver.received("/two-");
            assertThat(got).hasSize(80);
            assertThat(got.stream().map(WebhookReceiver.Received::deliveryId).distinct().count()).isEqualTo(80);
            for (UUID it : its) {
                List<String> expected = deliveries(w1.id()).stream().filter(x -> x.iterationId().equals(it))
                        .map(x -> x.id().toString()).toList();
                List<String> actual = got.stream().filter(r -> r.path().equals("/two-1"))
                        .filter(r -> r.body().contains(it.toString())).map(WebhookReceiver.Received::deliveryId).toList();
                assertThat(actual).isEqualTo(expected);
            }
            // The Slack one is a Slack message, not the generic document.
            JsonNode slack = JSON.readTree(got.stream().filter(r -> r.path().equals("/two-2")).findFirst().orElseThrow().body());
            assertThat(slack.fieldNames()).toIterable().containsExactly("text");
            assertThat(slack.path("text").asText()).contains("Status summary: n");
            disable(service, w1);
            disable(service, w2);
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    @Test
    void aRedirectIsNotFollowedAndTheErrorHasNoQueryString() {
        WebhookDispatcher node = dispatcher(fast(2), Duration.ofSeconds(5), "redirect");
        WebhookService service = new WebhookService(db, node);
        receiver.mode(WebhookReceiver.Mode.REDIRECT);
        try {
            UUID it = iteration();
            WebhookView w = hook(service, null, it, "/redirect?token=TOPSECRET42", List.of("STEP_FAILED"), "generic");
            event(it, EventType.STEP_STATUS_CHANGED, plan.stepInstance(it, trt1), to("FAILED", null));
            await(() -> deliveries(w.id()).size() == 1 && deliveries(w.id()).get(0).status() == NotificationStatus.FAILED,
                    "the redirected delivery to be FAILED");
            WebhookDeliveryDao.Delivery d = deliveries(w.id()).get(0);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastStatusCode()).isEqualTo(302);
            assertThat(d.lastError()).contains("redirect not followed").doesNotContain("TOPSECRET42");
            assertThat(receiver.movedHits()).isZero();
            assertThat(receiver.received("/redirect")).isEmpty();
            disable(service, w);
        } finally {
            receiver.mode(WebhookReceiver.Mode.OK);
            node.close();
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutThenResendDeliversTheSameId() {
        WebhookDispatcher node = dispatcher(fast(1), Duration.ofMillis(300), "timeout");
        WebhookService service = new WebhookService(db, node);
        receiver.mode(WebhookReceiver.Mode.STALL);
        try {
            UUID it = iteration();
            WebhookView w = hook(service, null, it, "/stall", List.of("BROADCAST"), "teams");
            event(it, EventType.BROADCAST_POSTED, null, Map.of("text", "We are *late* [see](http://x) <b>", "automatic", false));
            await(() -> deliveries(w.id()).size() == 1 && deliveries(w.id()).get(0).status() == NotificationStatus.FAILED,
                    "the stalled delivery to time out and be FAILED");
            WebhookDeliveryDao.Delivery d = deliveries(w.id()).get(0);
            assertThat(d.lastError()).contains("Timed out");
            receiver.mode(WebhookReceiver.Mode.OK);
            WebhookDeliveryView again = service.resend(admin, d.id());
            assertThat(again.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(again.attempts()).isZero();
            await(() -> delivery(d.id()).status() == NotificationStatus.SENT, "the resent delivery to be SENT");
            List<WebhookReceiver.Received> got = receiver.received("/stall");
            assertThat(got).hasSize(1);
            assertThat(got.get(0).deliveryId()).isEqualTo(d.id().toString());
            assertThat(got.get(0).body()).contains("MessageCard").contains("\\\\*late\\\\*").contains("&lt;b&gt;")
                    .doesNotContain("<b>");
            disable(service, w);
        } finally {
            receiver.mode(WebhookReceiver.Mode.OK);
            node.close();
        }
    }

    @Test
    void failedAfterMaxAttemptsThenResendWorksOnceAndOnlyForFailed() {
        WebhookDispatcher node = dispatcher(fast(3), Duration.ofSeconds(5), "failing");
        WebhookService service = new WebhookService(db, node);
        receiver.mode(WebhookReceiver.Mode.ERROR_500);
        try {
            UUID it = iteration();
            WebhookView w = hook(service, null, it, "/failing", List.of("GATE_OVERRIDDEN"), "generic");
            event(it, EventType.STEP_GATE_OVERRIDDEN, plan.stepInstance(it, gon2),
                    Map.of("stepCode", "GON-2", "reason", "CAB said go", "openTasks", 4, "unpassedControls", List.of("CTL-1")));
            await(() -> deliveries(w.id()).size() == 1 && deliveries(w.id()).get(0).status() == NotificationStatus.FAILED,
                    "FAILED after 3 attempts");
            WebhookDeliveryDao.Delivery d = deliveries(w.id()).get(0);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastStatusCode()).isEqualTo(500);
            receiver.mode(WebhookReceiver.Mode.OK);
            service.resend(admin, d.id());
            await(() -> delivery(d.id()).status() == NotificationStatus.SENT, "SENT after the resend");
            assertThat(receiver.received("/failing")).extracting(WebhookReceiver.Received::deliveryId).containsExactly(d.id().toString());
            assertThatThrownBy(() -> service.resend(admin, d.id())).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("not_resendable");
            disable(service, w);
        } finally {
            receiver.mode(WebhookReceiver.Mode.OK);
            node.close();
        }
    }

    @Test
    void onlySubscribedEnabledInScopeWebhooksGetRowsAndOnlyInTheEventsTransaction() {
        WebhookDispatcher node = dispatcher(fast(3), Duration.ofSeconds(5), "rules");
        WebhookService service = new WebhookService(db, node);
        try {
            UUID it = iteration();
            UUID other = iteration();
            WebhookView failedOnly = hook(service, null, it, "/rules-a", List.of("STEP_FAILED"), "generic");
            WebhookView gates = hook(service, null, it, "/rules-b", List.of("GO_NO_GO_DONE", "ITERATION_STARTED"), "generic");
            WebhookView off = hook(service, null, it, "/rules-c", ALL, "generic");
            disable(service, off);
            event(it, EventType.STEP_STATUS_CHANGED, plan.stepInstance(it, trt1), to("DONE", null));      // not a go/no-go
            event(it, EventType.STEP_STATUS_CHANGED, plan.stepInstance(it, gon2), to("DONE", null));      // a go/no-go
            event(it, EventType.STEP_STATUS_CHANGED, plan.stepInstance(it, trt1), to("READY", null));     // never
            event(other, EventType.STEP_STATUS_CHANGED, plan.stepInstance(other, trt1), to("FAILED", null)); // other iteration
            event(it, EventType.ITERATION_UPDATED, null, Map.of("field", "status", "from", "COMPLETED", "to", "IN_PROGRESS")); // reopen
            event(it, EventType.ITERATION_UPDATED, null, Map.of("field", "status", "from", "PLANNED", "to", "IN_PROGRESS"));
            // A change that rolls back leaves no delivery behind.
            assertThatThrownBy(() -> db.transactor().inTransaction(c -> {
                IterationChange.begin(c, it, admin, LISTENERS).event(EventType.STEP_STATUS_CHANGED).step(plan.stepInstance(it, trt1))
                        .details(to("FAILED", null)).record();
                throw new IllegalStateException("rolled back");
            })).hasMessageContaining("rolled back");
            assertThat(deliveries(failedOnly.id())).isEmpty();
            assertThat(deliveries(gates.id())).extracting(WebhookDeliveryDao.Delivery::kind).extracting(Enum::name)
                    .containsExactly("GO_NO_GO_DONE", "ITERATION_STARTED");
            assertThat(deliveries(off.id())).isEmpty();
            disable(service, failedOnly);
            disable(service, gates);
        } finally {
            node.close();
        }
    }
}
