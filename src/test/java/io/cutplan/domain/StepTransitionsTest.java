package io.cutplan.domain;

import static io.cutplan.domain.StepStatus.CANCELLED;
import static io.cutplan.domain.StepStatus.DONE;
import static io.cutplan.domain.StepStatus.FAILED;
import static io.cutplan.domain.StepStatus.IN_PROGRESS;
import static io.cutplan.domain.StepStatus.ON_HOLD;
import static io.cutplan.domain.StepStatus.PENDING;
import static io.cutplan.domain.StepStatus.READY;
import static io.cutplan.domain.StepStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole 8 x 8 transition table, spelled out once and checked cell by cell. */
class StepTransitionsTest {

    /** Every move that exists: "FROM>TO" -> who. Anything not listed must not exist. */
    private static final Map<String, StepTransitions.Who> EXPECTED = new HashMap<>();

    static {
        expect("PENDING>READY", StepTransitions.Who.AUTOMATIC);
        expect("READY>PENDING", StepTransitions.Who.AUTOMATIC);
        expect("ON_HOLD>PENDING", StepTransitions.Who.AUTOMATIC);
        expect("READY>IN_PROGRESS", StepTransitions.Who.OWNER_OR_PILOT);
        expect("IN_PROGRESS>DONE", StepTransitions.Who.OWNER_OR_PILOT);
        expect("IN_PROGRESS>FAILED", StepTransitions.Who.OWNER_OR_PILOT);
        expect("FAILED>IN_PROGRESS", StepTransitions.Who.OWNER_OR_PILOT);
        expect("READY>ON_HOLD", StepTransitions.Who.OWNER_OR_PILOT);
        expect("IN_PROGRESS>ON_HOLD", StepTransitions.Who.OWNER_OR_PILOT);
        expect("ON_HOLD>READY", StepTransitions.Who.OWNER_OR_PILOT);
        expect("ON_HOLD>IN_PROGRESS", StepTransitions.Who.OWNER_OR_PILOT);
        expect("PENDING>SKIPPED", StepTransitions.Who.PILOT);
        expect("READY>SKIPPED", StepTransitions.Who.PILOT);
        expect("ON_HOLD>SKIPPED", StepTransitions.Who.PILOT);
        expect("FAILED>SKIPPED", StepTransitions.Who.PILOT);
        expect("PENDING>CANCELLED", StepTransitions.Who.PILOT);
        expect("READY>CANCELLED", StepTransitions.Who.PILOT);
        expect("IN_PROGRESS>CANCELLED", StepTransitions.Who.PILOT);
        expect("ON_HOLD>CANCELLED", StepTransitions.Who.PILOT);
        expect("FAILED>CANCELLED", StepTransitions.Who.PILOT);
        expect("DONE>IN_PROGRESS", StepTransitions.Who.PILOT);
        expect("SKIPPED>PENDING", StepTransitions.Who.PILOT);
        expect("CANCELLED>PENDING", StepTransitions.Who.PILOT);
    }

    private static void expect(String move, StepTransitions.Who who) {
        EXPECTED.put(move, who);
    }

    @ParameterizedTest
    @EnumSource(StepStatus.class)
    void everyCellOfTheTableFromThisStatusIsAsSpecified(StepStatus from) {
        for (StepStatus to : StepStatus.values()) {
            Optional<StepTransitions.Rule> rule = StepTransitions.rule(from, to);
            StepTransitions.Who expected = EXPECTED.get(from + ">" + to);
            if (expected == null) {
                assertThat(rule).as(from + " -> " + to).isEmpty();
            } else {
                assertThat(rule).as(from + " -> " + to).isPresent();
                assertThat(rule.get().who()).as(from + " -> " + to).isEqualTo(expected);
                assertThat(rule.get().reasonRequired()).as("reason for " + from + " -> " + to)
                        .isEqualTo(expected == StepTransitions.Who.PILOT);
            }
        }
    }

    @Test
    void noStatusMovesToItself() {
        for (StepStatus s : StepStatus.values()) {
            assertThat(StepTransitions.rule(s, s)).as(s.name()).isEmpty();
        }
    }

    @Test
    void automaticMovesAreNeverOfferedToPeople() {
        assertThat(StepTransitions.manualRule(PENDING, null, READY)).isEmpty();
        assertThat(StepTransitions.manualRule(READY, null, PENDING)).isEmpty();
        assertThat(StepTransitions.manualRule(ON_HOLD, READY, PENDING)).isEmpty();
        assertThat(StepTransitions.manualTargets(PENDING, null)).containsExactlyInAnyOrder(SKIPPED, CANCELLED);
    }

    @Test
    void holdIsReleasedOnlyToTheStatusItWasHeldFrom() {
        assertThat(StepTransitions.manualRule(ON_HOLD, READY, READY)).isPresent();
        assertThat(StepTransitions.manualRule(ON_HOLD, READY, IN_PROGRESS)).isEmpty();
        assertThat(StepTransitions.manualRule(ON_HOLD, IN_PROGRESS, IN_PROGRESS)).isPresent();
        assertThat(StepTransitions.manualRule(ON_HOLD, IN_PROGRESS, READY)).isEmpty();
        assertThat(StepTransitions.manualTargets(ON_HOLD, IN_PROGRESS))
                .containsExactlyInAnyOrder(IN_PROGRESS, SKIPPED, CANCELLED);
    }

    @Test
    void manualTargetsPerStatus() {
        assertThat(StepTransitions.manualTargets(READY, null)).containsExactlyInAnyOrder(IN_PROGRESS, ON_HOLD, SKIPPED, CANCELLED);
        assertThat(StepTransitions.manualTargets(IN_PROGRESS, null)).containsExactlyInAnyOrder(DONE, FAILED, ON_HOLD, CANCELLED);
        assertThat(StepTransitions.manualTargets(FAILED, null)).containsExactlyInAnyOrder(IN_PROGRESS, SKIPPED, CANCELLED);
        assertThat(StepTransitions.manualTargets(DONE, null)).containsExactly(IN_PROGRESS);
        assertThat(StepTransitions.manualTargets(SKIPPED, null)).containsExactly(PENDING);
        assertThat(StepTransitions.manualTargets(CANCELLED, null)).containsExactly(PENDING);
    }

    @Test
    void terminalStatusesAreDoneSkippedAndCancelled() {
        assertThat(Set.of(StepStatus.values()).stream().filter(StepTransitions::isTerminal))
                .containsExactlyInAnyOrder(DONE, SKIPPED, CANCELLED);
    }
}
