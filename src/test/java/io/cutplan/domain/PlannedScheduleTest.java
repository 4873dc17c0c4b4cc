package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlannedScheduleTest {
    private static final Instant T0 = Instant.parse("2027-03-06T18:00:00Z");
    private final UUID ch1 = UUID.randomUUID();
    private final UUID ch2 = UUID.randomUUID();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID join = UUID.randomUUID();

    @Test
    void aJoinStartsWhenItsLatestPredecessorEnds() {
        var nodes = List.of(new PlannedSchedule.Node(a, 30, ch1), new PlannedSchedule.Node(b, 10, ch1),
                new PlannedSchedule.Node(c, 45, ch1), new PlannedSchedule.Node(join, 5, ch1));
        var edges = List.of(new PlannedSchedule.Edge(a, b), new PlannedSchedule.Edge(b, join), new PlannedSchedule.Edge(c, join));
        var slots = PlannedSchedule.compute(T0, nodes, edges, Map.of());
        assertThat(slots.get(a).start()).isEqualTo(T0);
        assertThat(slots.get(b).start()).isEqualTo(T0.plusSeconds(30 * 60));
        assertThat(slots.get(join).start()).isEqualTo(T0.plusSeconds(45 * 60)); // c ends at 45, b at 40
        assertThat(slots.get(join).end()).isEqualTo(T0.plusSeconds(50 * 60));
    }

    @Test
    void aChapterScheduleDelaysItsStepsAndCyclesDoNotHang() {
        Instant later = T0.plusSeconds(3600);
        var nodes = List.of(new PlannedSchedule.Node(a, 30, ch2), new PlannedSchedule.Node(b, 10, ch1),
                new PlannedSchedule.Node(c, 10, ch1));
        var edges = List.of(new PlannedSchedule.Edge(b, c), new PlannedSchedule.Edge(c, b));
        var slots = PlannedSchedule.compute(T0, nodes, edges, Map.of(ch2, later));
        assertThat(slots.get(a).start()).isEqualTo(later);
        assertThat(slots).containsKeys(b, c);
    }
}
