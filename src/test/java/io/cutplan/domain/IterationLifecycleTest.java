package io.cutplan.domain;

import static io.cutplan.domain.IterationStatus.CANCELLED;
import static io.cutplan.domain.IterationStatus.COMPLETED;
import static io.cutplan.domain.IterationStatus.IN_PROGRESS;
import static io.cutplan.domain.IterationStatus.PLANNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IterationLifecycleTest {
    @Test
    void allowsTheDocumentedMovesOnly() {
        assertThat(IterationLifecycle.canMove(PLANNED, IN_PROGRESS)).isTrue();
        assertThat(IterationLifecycle.canMove(PLANNED, CANCELLED)).isTrue();
        assertThat(IterationLifecycle.canMove(IN_PROGRESS, COMPLETED)).isTrue();
        assertThat(IterationLifecycle.canMove(COMPLETED, IN_PROGRESS)).isTrue();
        assertThat(IterationLifecycle.canMove(CANCELLED, PLANNED)).isTrue();
        assertThat(IterationLifecycle.canMove(PLANNED, PLANNED)).as("no change is fine").isTrue();
        assertThat(IterationLifecycle.canMove(PLANNED, COMPLETED)).isFalse();
        assertThat(IterationLifecycle.canMove(IN_PROGRESS, PLANNED)).isFalse();
        assertThat(IterationLifecycle.canMove(COMPLETED, CANCELLED)).isFalse();
        assertThatThrownBy(() -> IterationLifecycle.requireMove(COMPLETED, PLANNED))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RULE_VIOLATION);
                    assertThat(e.field()).isEqualTo("status");
                });
    }

    @Test
    void onlyPlannedOrCancelledIterationsMayBeDeleted() {
        assertThat(IterationLifecycle.deletable(PLANNED)).isTrue();
        assertThat(IterationLifecycle.deletable(CANCELLED)).isTrue();
        assertThat(IterationLifecycle.deletable(IN_PROGRESS)).isFalse();
        assertThat(IterationLifecycle.deletable(COMPLETED)).isFalse();
    }
}
