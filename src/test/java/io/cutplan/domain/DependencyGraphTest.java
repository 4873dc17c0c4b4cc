package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    @Test
    void anEdgeClosingAChainNamesTheCycleInOrder() {
        DependencyGraph<String> g = new DependencyGraph<>();
        g.addEdge("A", "B");
        g.addEdge("B", "C");
        g.addEdge("C", "D");
        assertThat(g.cycleIfAdded("D", "A")).contains(List.of("D", "A", "B", "C", "D"));
        assertThat(g.cycleIfAdded("C", "B")).contains(List.of("C", "B", "C"));
        assertThat(g.cycleIfAdded("A", "D")).isEmpty();
        assertThat(g.cycleIfAdded("X", "A")).isEmpty();
    }

    @Test
    void selfDependencyIsACycleOfOne() {
        assertThat(new DependencyGraph<String>().cycleIfAdded("A", "A")).contains(List.of("A", "A"));
    }

    @Test
    void findsACycleInAGraphWithJoins() {
        DependencyGraph<Integer> g = new DependencyGraph<>();
        g.addEdge(1, 2);
        g.addEdge(1, 3);
        g.addEdge(2, 4);
        g.addEdge(3, 4);
        assertThat(g.findCycle()).isEmpty();
        g.addEdge(4, 5);
        g.addEdge(5, 3);
        List<Integer> cycle = g.findCycle().orElseThrow();
        // Depth-first from 1 reaches 4 via 2 first, so the back edge found is 3 -> 4.
        assertThat(cycle).containsExactly(4, 5, 3, 4);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        DependencyGraph<Integer> g = new DependencyGraph<>();
        for (int i = 0; i < 100_000; i++) {
            g.addEdge(i, i + 1);
        }
        assertThat(g.findCycle()).isEmpty();
        assertThat(g.cycleIfAdded(100_000, 0).orElseThrow()).hasSize(100_002);
        g.addEdge(100_000, 50_000);
        List<Integer> cycle = g.findCycle().orElseThrow();
        assertThat(cycle.get(0)).isEqualTo(50_000);
        assertThat(cycle).hasSize(50_002).endsWith(50_000);
    }
}
