package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {
    private static Optional<WebhookKind> kind(EventType t, Map<String, Object> d, boolean goNoGo) {
        return WebhookRules.kind(t, d, goNoGo);
    }

    @Test
    void stepTransitions() {
        assertThat(kind(EventType.STEP_STATUS_CHANGED, Map.of("to", "FAILED"), false)).contains(WebhookKind.STEP_FAILED);
        assertThat(kind(EventType.STEP_STATUS_CHANGED, Map.of("to", "ON_HOLD"), true)).contains(WebhookKind.STEP_ON_HOLD);
        assertThat(kind(EventType.STEP_STATUS_CHANGED, Map.of("to", "DONE"), true)).contains(WebhookKind.GO_NO_GO_DONE);
        assertThat(kind(EventType.STEP_STATUS_CHANGED, Map.of("to", "DONE"), false)).isEmpty();
        for (String to : new String[] {"READY", "IN_PROGRESS", "SKIPPED", "CANCELLED", "PENDING"}) {
            assertThat(WebhookRules.candidate(EventType.STEP_STATUS_CHANGED, Map.of("to", to))).as(to).isFalse();
        }
        assertThat(WebhookRules.needsGoNoGo(EventType.STEP_STATUS_CHANGED, Map.of("to", "DONE"))).isTrue();
        assertThat(WebhookRules.needsGoNoGo(EventType.STEP_STATUS_CHANGED, Map.of("to", "FAILED"))).isFalse();
    }

    @Test
    void gateOverrideAndBroadcast() {
        assertThat(kind(EventType.STEP_GATE_OVERRIDDEN, Map.of("reason", "x"), true)).contains(WebhookKind.GATE_OVERRIDDEN);
        assertThat(kind(EventType.BROADCAST_POSTED, Map.of("text", "x", "automatic", true), false)).contains(WebhookKind.BROADCAST);
    }

    @Test
    void iterationStartAndCompletionButNotReopenOrOtherFields() {
        assertThat(kind(EventType.ITERATION_UPDATED, Map.of("field", "status", "from", "PLANNED", "to", "IN_PROGRESS"), false))
                .contains(WebhookKind.ITERATION_STARTED);
        assertThat(kind(EventType.ITERATION_UPDATED, Map.of("field", "status", "from", "IN_PROGRESS", "to", "COMPLETED"), false))
                .contains(WebhookKind.ITERATION_COMPLETED);
        assertThat(kind(EventType.ITERATION_UPDATED, Map.of("field", "status", "from", "COMPLETED", "to", "IN_PROGRESS"), false)).isEmpty();
        assertThat(kind(EventType.ITERATION_UPDATED, Map.of("field", "name", "to", "COMPLETED"), false)).isEmpty();
        assertThat(kind(EventType.ITERATION_UPDATED, Map.of("notificationMode", "ON"), false)).isEmpty();
    }

    @Test
    void everythingElseIsNeverACandidate() {
        for (EventType t : EventType.values()) {
            if (t != EventType.STEP_STATUS_CHANGED && t != EventType.STEP_GATE_OVERRIDDEN && t != EventType.BROADCAST_POSTED
                    && t != EventType.ITERATION_UPDATED) {
                assertThat(WebhookRules.candidate(t, Map.of("to", "FAILED", "field", "status"))).as(t.name()).isFalse();
            }
        }
    }
}
