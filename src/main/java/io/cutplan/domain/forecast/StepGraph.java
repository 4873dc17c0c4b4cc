package io.cutplan.domain.forecast;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dependency graph of one forecast input as primitive arrays indexed by plan position (the index of a step in
 * {@link ForecastInput#steps()}): predecessors and successors in compressed rows, and one deterministic
 * topological order. Built once per input in O(steps + dependencies + steps log steps); the passes of
 * {@link Forecaster} then touch only arrays.
 *
 * <p>Order: Kahn's algorithm that always takes, among the steps whose predecessors are all placed, the one first in
 * plan order (a binary heap of plan positions). Cycles cannot be authored, but the order is defensive: when no step
 * is free, the unplaced step first in plan order is placed anyway, and every dependency that points backwards in
 * the resulting order (one closing a cycle) is ignored by both passes ({@link #isForward}). A self-dependency is
 * ignored likewise, and so is a dependency naming a step that is not in scope. Nothing loops or throws.
 */
final class StepGraph {
    final int size;
    /** Plan position of each predecessor of step i: {@code predecessors[predecessorStart[i] .. predecessorStart[i+1])}. */
    final int[] predecessorStart;
    final int[] predecessors;
    final int[] successorStart;
    final int[] successors;
    /** Plan positions in topological order. */
    final int[] order;
    /** Where each plan position stands in {@link #order}. */
    final int[] rank;
    /** Dependencies ignored because they closed a cycle (0 on any authored plan). */
    final int ignoredCycleEdges;

    private StepGraph(int size, int[] predecessorStart, int[] predecessors, int[] successorStart, int[] successors,
                      int[] order, int[] rank, int ignoredCycleEdges) {
        this.size = size;
        this.predecessorStart = predecessorStart;
        this.predecessors = predecessors;
        this.successorStart = successorStart;
        this.successors = successors;
        this.order = order;
        this.rank = rank;
        this.ignoredCycleEdges = ignoredCycleEdges;
    }

    /** Does the dependency {@code from -> to} count (it does unless it closes a cycle)? */
    boolean isForward(int from, int to) {
        return rank[from] < rank[to];
    }

    /** Plan position of every step id; a duplicated id is a caller's bug and refused. */
    static Map<UUID, Integer> positions(List<ForecastInput.StepFacts> steps) {
        Map<UUID, Integer> index = new HashMap<>(steps.size() * 2);
        for (int i = 0; i < steps.size(); i++) {
            if (index.putIfAbsent(steps.get(i).id(), i) != null) {
                throw new IllegalArgumentException("step " + steps.get(i).id() + " is listed twice");
            }
        }
        return index;
    }

    static StepGraph of(List<ForecastInput.StepFacts> steps, List<ForecastInput.Dependency> dependencies,
                        Map<UUID, Integer> index) {
        int n = steps.size();
        int m = dependencies.size();
        int[] from = new int[m];
        int[] to = new int[m];
        int edges = 0;
        for (ForecastInput.Dependency d : dependencies) {
            Integer p = index.get(d.predecessor());
            Integer s = index.get(d.successor());
            if (p == null || s == null || p.intValue() == s.intValue()) {
                continue;
            }
            from[edges] = p;
            to[edges] = s;
            edges++;
        }
        int[] predecessorStart = new int[n + 1];
        int[] successorStart = new int[n + 1];
        for (int e = 0; e < edges; e++) {
            predecessorStart[to[e] + 1]++;
            successorStart[from[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            predecessorStart[i + 1] += predecessorStart[i];
            successorStart[i + 1] += successorStart[i];
        }
        int[] predecessors = new int[edges];
        int[] successors = new int[edges];
        int[] fillP = new int[n];
        int[] fillS = new int[n];
        for (int e = 0; e < edges; e++) {
            predecessors[predecessorStart[to[e]] + fillP[to[e]]++] = from[e];
            successors[successorStart[from[e]] + fillS[from[e]]++] = to[e];
        }

        int[] waitingFor = new int[n];
        for (int i = 0; i < n; i++) {
            waitingFor[i] = predecessorStart[i + 1] - predecessorStart[i];
        }
        int[] order = new int[n];
        int[] rank = new int[n];
        boolean[] queued = new boolean[n];
        MinHeap free = new MinHeap(n);
        for (int i = 0; i < n; i++) {
            if (waitingFor[i] == 0) {
                free.push(i);
                queued[i] = true;
            }
        }
        int placed = 0;
        int firstUnqueued = 0;
        while (placed < n) {
            if (free.isEmpty()) {
                // Only reachable on a cycle: release the unplaced step first in plan order.
                while (queued[firstUnqueued]) {
                    firstUnqueued++;
                }
                free.push(firstUnqueued);
                queued[firstUnqueued] = true;
            }
            int i = free.pop();
            rank[i] = placed;
            order[placed++] = i;
            for (int k = successorStart[i]; k < successorStart[i + 1]; k++) {
                int s = successors[k];
                if (--waitingFor[s] == 0 && !queued[s]) {
                    free.push(s);
                    queued[s] = true;
                }
            }
        }
        int backwards = 0;
        for (int e = 0; e < edges; e++) {
            if (rank[from[e]] > rank[to[e]]) {
                backwards++;
            }
        }
        return new StepGraph(n, predecessorStart, predecessors, successorStart, successors, order, rank, backwards);
    }

    /** A binary min-heap of plan positions: the free step first in plan order comes out first. */
    private static final class MinHeap {
        private final int[] heap;
        private int count;

        MinHeap(int capacity) {
            heap = new int[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return count == 0;
        }

        void push(int value) {
            int at = count++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (heap[parent] <= value) {
                    break;
                }
                heap[at] = heap[parent];
                at = parent;
            }
            heap[at] = value;
        }

        int pop() {
            int top = heap[0];
            int last = heap[--count];
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= count) {
                    break;
                }
                if (child + 1 < count && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= last) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            if (count > 0) {
                heap[at] = last;
            }
            return top;
        }
    }
}
