package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the strongly connected components and their breaking edges, on random graphs checked against a
 * brute-force reachability oracle ({@link DependencyGraph#path}).
 */
class DependencyGraphCyclesTest {
    private static DependencyGraph<Integer> random(Random rnd, int nodes, int edges) {
        DependencyGraph<Integer> g = new DependencyGraph<>();
        for (int i = 0; i < nodes; i++) {
            g.addNode(i);
        }
        for (int e = 0; e < edges; e++) {
            int a = rnd.nextInt(nodes);
            int b = rnd.nextInt(nodes);
            if (a != b) {
                g.addEdge(a, b);
            }
        }
        return g;
    }

    private static boolean reaches(DependencyGraph<Integer> g, int from, int to) {
        return g.path(from, to).isPresent();
    }

    @Test
    void componentsPartitionTheNodesIntoMutuallyReachableGroups() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(25);
            DependencyGraph<Integer> g = random(rnd, n, rnd.nextInt(n * 3 + 1));
            List<List<Integer>> sccs = g.stronglyConnectedComponents();
            Map<Integer, Integer> componentOf = new HashMap<>();
            for (int c = 0; c < sccs.size(); c++) {
                for (int node : sccs.get(c)) {
                    assertThat(componentOf.put(node, c)).as("every node in one component only").isNull();
                }
            }
            assertThat(componentOf).hasSize(n);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    boolean mutual = a == b || reaches(g, a, b) && reaches(g, b, a);
                    assertThat(componentOf.get(a).equals(componentOf.get(b))).as("round %d: %d and %d", round, a, b).isEqualTo(mutual);
                }
            }
        }
    }

    @Test
    void removingTheBreakingEdgesOfEveryGroupLeavesNoCycle() {
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 2 + rnd.nextInt(30);
            DependencyGraph<Integer> g = random(rnd, n, rnd.nextInt(n * 4));
            List<DependencyGraph.Cycle<Integer>> cycles = g.cycles();
            Set<DependencyGraph.Edge<Integer>> drop = new HashSet<>();
            for (DependencyGraph.Cycle<Integer> c : cycles) {
                assertThat(c.members()).hasSizeGreaterThan(1);
                assertThat(c.breakingEdges()).isNotEmpty();
                // The cycle shown is a real closed path inside the group.
                assertThat(c.cycle().get(0)).isEqualTo(c.cycle().get(c.cycle().size() - 1));
                for (int i = 0; i + 1 < c.cycle().size(); i++) {
                    assertThat(g.successorsOf(c.cycle().get(i))).contains(c.cycle().get(i + 1));
                    assertThat(c.members()).contains(c.cycle().get(i));
                }
                for (DependencyGraph.Edge<Integer> e : c.breakingEdges()) {
                    assertThat(g.successorsOf(e.predecessor())).contains(e.successor());
                    assertThat(c.members()).contains(e.predecessor(), e.successor());
                }
                drop.addAll(c.breakingEdges());
            }
            DependencyGraph<Integer> rest = new DependencyGraph<>();
            for (int a = 0; a < n; a++) {
                rest.addNode(a);
                for (int b : g.successorsOf(a)) {
                    if (!drop.contains(new DependencyGraph.Edge<>(a, b))) {
                        rest.addEdge(a, b);
                    }
                }
            }
            assertThat(rest.findCycle()).as("round %d", round).isEmpty();
            assertThat(g.findCycle().isPresent()).isEqualTo(!cycles.isEmpty());
        }
    }

    @Test
    void disjointSimpleCyclesAreEachOneGroupWithOneBreakingEdge() {
        Random rnd = new Random(3);
        for (int round = 0; round < 50; round++) {
            int groups = 1 + rnd.nextInt(40);
            List<Integer> nodes = new ArrayList<>();
            for (int i = 0; i < groups * 10; i++) {
                nodes.add(i);
            }
            java.util.Collections.shuffle(nodes, rnd);
            DependencyGraph<Integer> g = new DependencyGraph<>();
            int at = 0;
            for (int c = 0; c < groups; c++) {
                int length = 2 + rnd.nextInt(5);
                List<Integer> ring = nodes.subList(at, at + length);
                at += length;
                for (int i = 0; i < length; i++) {
                    g.addEdge(ring.get(i), ring.get((i + 1) % length));
                }
            }
            // Acyclic links between the rings (always from a lower to a higher ring index) join no groups.
            for (int i = 0; i < groups; i++) {
                g.addNode(nodes.get(at + i));
            }
            List<DependencyGraph.Cycle<Integer>> cycles = g.cycles();
            assertThat(cycles).hasSize(groups);
            assertThat(cycles).allSatisfy(c -> assertThat(c.breakingEdges()).hasSize(1));
            assertThat(g.cycles()).as("deterministic").isEqualTo(cycles);
        }
    }

    @Test
    void aChainOfAHundredThousandStepsNeedsNoRecursion() {
        DependencyGraph<Integer> g = new DependencyGraph<>();
        for (int i = 0; i <= 100_000; i++) {
            g.addNode(i); // insertion order is the order of groups, members and the search
        }
        for (int i = 0; i < 100_000; i++) {
            g.addEdge(i, i + 1);
        }
        assertThat(g.cycles()).isEmpty();
        g.addEdge(100_000, 0);
        List<DependencyGraph.Cycle<Integer>> cycles = g.cycles();
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).members()).hasSize(100_001);
        assertThat(cycles.get(0).breakingEdges()).containsExactly(new DependencyGraph.Edge<>(100_000, 0));
    }

    @Test
    void aGroupOfTwoCyclesNeedsTwoBreaks() {
        DependencyGraph<String> g = new DependencyGraph<>();
        List.of("A", "B", "C").forEach(g::addNode);
        g.addEdge("A", "B");
        g.addEdge("B", "A");
        g.addEdge("B", "C");
        g.addEdge("C", "B");
        List<DependencyGraph.Cycle<String>> cycles = g.cycles();
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0).members()).containsExactly("A", "B", "C");
        assertThat(cycles.get(0).cycle()).containsExactly("A", "B", "A");
        assertThat(cycles.get(0).breakingEdges()).containsExactly(new DependencyGraph.Edge<>("B", "A"), new DependencyGraph.Edge<>("C", "B"));
    }
}
