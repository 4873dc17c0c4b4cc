package io.cutplan.domain;

import static io.cutplan.domain.NotificationAudience.IMPACTED_TEAMS;
import static io.cutplan.domain.NotificationAudience.OWNER_TEAM;
import static io.cutplan.domain.NotificationAudience.PILOTS;
import static io.cutplan.domain.NotificationAudience.TASK_NOMINEES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    private static Optional<NotificationRules.Decision> step(String to, boolean goNoGo) {
        return NotificationRules.decide(EventType.STEP_STATUS_CHANGED, Map.of("stepCode", "TRT-1", "from", "X", "to", to), goNoGo, true);
    }

    @Test
    void stepTransitionsNotifyTheRightAudiences() {
        assertThat(step("READY", false)).hasValue(new NotificationRules.Decision(NotificationKind.STEP_READY,
                java.util.Set.of(OWNER_TEAM, TASK_NOMINEES)));
        assertThat(step("FAILED", false)).hasValue(new NotificationRules.Decision(NotificationKind.STEP_FAILED,
                java.util.Set.of(OWNER_TEAM, IMPACTED_TEAMS, PILOTS)));
        assertThat(step("ON_HOLD", true)).hasValue(new NotificationRules.Decision(NotificationKind.STEP_ON_HOLD,
                java.util.Set.of(OWNER_TEAM, IMPACTED_TEAMS, PILOTS)));
        assertThat(step("DONE", true)).hasValue(new NotificationRules.Decision(NotificationKind.GO_NO_GO_DONE,
                java.util.Set.of(PILOTS, IMPACTED_TEAMS)));
        assertThat(step("DONE", false)).isEmpty();
        for (String quiet : new String[] {"PENDING", "IN_PROGRESS", "SKIPPED", "CANCELLED", ""}) {
            assertThat(step(quiet, true)).as(quiet).isEmpty();
        }
    }

    @Test
    void controlsCommentsAndEverythingElse() {
        assertThat(NotificationRules.decide(EventType.CONTROL_STATUS_CHANGED, Map.of("to", "FAILED"), false, true))
                .hasValueSatisfying(d -> assertThat(d.audiences()).containsExactly(PILOTS));
        assertThat(NotificationRules.decide(EventType.CONTROL_STATUS_CHANGED, Map.of("to", "PASSED"), false, true)).isEmpty();
        assertThat(NotificationRules.decide(EventType.COMMENT_ADDED, Map.of(), false, true))
                .hasValueSatisfying(d -> assertThat(d.audiences()).containsExactly(OWNER_TEAM));
        assertThat(NotificationRules.decide(EventType.COMMENT_ADDED, Map.of(), false, false)).isEmpty();
        for (EventType t : new EventType[] {EventType.TASK_COMPLETED, EventType.STEP_GATE_OVERRIDDEN, EventType.SCHEDULE_CHANGED,
                EventType.NOTIFICATION_SENT, EventType.NOTIFICATION_FAILED, EventType.ITERATION_UPDATED}) {
            assertThat(NotificationRules.mayNotify(t, Map.of("to", "FAILED"))).as(t.name()).isFalse();
        }
        assertThat(NotificationRules.mayNotify(EventType.STEP_STATUS_CHANGED, null)).isFalse();
    }

    @Test
    void onlyPlainSingleAddressesAreAccepted() {
        assertThat(EmailAddresses.isValid("ops.lead+cutover@bank.example")).isTrue();
        for (String bad : new String[] {null, "", "a", "a@", "@b", "a b@c.example", "a@b.example, c@d.example", "a@b;c",
                "x@y.example\r\nBcc: z@e.example", "<a@b.example>", "\"a\"@b.example", "a@-b.example", "a@b.example\n",
                "a".repeat(250) + "@b.example"}) {
            assertThat(EmailAddresses.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(EmailAddresses.key(" Pilot@Bank.Example ")).isEqualTo("pilot@bank.example");
    }
}
