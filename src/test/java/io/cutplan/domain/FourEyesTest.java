package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FourEyesTest {
    private final Caller a = new Caller(UUID.randomUUID(), "a", "Pilot A", Role.PILOT, Set.of());
    private final Caller b = new Caller(UUID.randomUUID(), "b", "Pilot B", Role.PILOT, Set.of());

    @Test
    void withoutTheSettingAnOverrideCompletesEvenWithARequestPending() {
        assertThat(FourEyes.onOverride(false, false, null, null, a, "S-1")).isEqualTo(FourEyes.OverrideOutcome.COMPLETE);
        assertThat(FourEyes.onOverride(false, true, b.userId(), "Pilot B", a, "S-1"))
                .isEqualTo(FourEyes.OverrideOutcome.COMPLETE);
    }

    @Test
    void withTheSettingTheFirstOverrideIsARequest() {
        assertThat(FourEyes.onOverride(true, false, null, null, a, "S-1")).isEqualTo(FourEyes.OverrideOutcome.REQUEST);
    }

    @Test
    void withARequestPendingNoPlainOverrideCompletesTheStep() {
        assertThatThrownBy(() -> FourEyes.onOverride(true, true, a.userId(), "Pilot A", a, "S-1"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("four_eyes_required");
                    assertThat(e.kind()).isEqualTo(ErrorKind.RULE_VIOLATION);
                    assertThat(e.getMessage()).contains(FourEyes.RULE).contains("S-1").contains("already asked");
                });
        assertThatThrownBy(() -> FourEyes.onOverride(true, true, a.userId(), "Pilot A", b, "S-1"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("four_eyes_required");
                    assertThat(e.getMessage()).contains("Pilot A asked");
                });
    }

    @Test
    void theRequesterCannotConfirmButAnotherPilotCan() {
        assertThatThrownBy(() -> FourEyes.requireSecondPilot(a.userId(), a, "S-1"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("four_eyes_same_pilot");
                    assertThat(e.kind()).isEqualTo(ErrorKind.RULE_VIOLATION);
                });
        FourEyes.requireSecondPilot(a.userId(), b, "S-1");
    }
}
