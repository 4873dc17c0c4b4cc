package io.cutplan.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directed graph of step dependencies (predecessor -> successor) and the one question authoring asks of it:
 * is there a cycle, and if so, which steps form it, in order. Iterative, so a chain of thousands of steps
 * cannot overflow the stack. Deterministic: nodes and edges are visited in insertion order.
 */
public final class DependencyGraph<T> {
    private final Map<T, Set<T>> successors = new LinkedHashMap<>();

    public void addNode(T node) {
        successors.computeIfAbsent(node, k -> new LinkedHashSet<>());
    }

    public void addEdge(T predecessor, T successor) {
        addNode(successor);
        successors.computeIfAbsent(predecessor, k -> new LinkedHashSet<>()).add(successor);
    }

    public Set<T> successorsOf(T node) {
        return Collections.unmodifiableSet(successors.getOrDefault(node, Set.of()));
    }

    /**
     * The cycle that adding {@code predecessor -> successor} would close, as the path
     * {@code [predecessor, successor, ..., predecessor]}; empty when the edge is safe. A self-dependency is
     * the cycle {@code [x, x]}.
     */
    public Optional<List<T>> cycleIfAdded(T predecessor, T successor) {
        if (predecessor.equals(successor)) {
            return Optional.of(List.of(predecessor, predecessor));
        }
        return path(successor, predecessor).map(p -> {
            List<T> cycle = new ArrayList<>(p.size() + 1);
            cycle.add(predecessor);
            cycle.addAll(p);
            return cycle;
        });
    }

    /** A shortest path {@code from ... to} following edges forwards, if one exists. */
    public Optional<List<T>> path(T from, T to) {
        Map<T, T> cameFrom = new HashMap<>();
        Deque<T> queue = new ArrayDeque<>();
        queue.add(from);
        cameFrom.put(from, from);
        while (!queue.isEmpty()) {
            T node = queue.poll();
            if (node.equals(to)) {
                List<T> path = new ArrayList<>();
                for (T n = to; ; n = cameFrom.get(n)) {
                    path.add(n);
                    if (n.equals(from)) {
                        break;
                    }
                }
                Collections.reverse(path);
                return Optional.of(path);
            }
            for (T next : successors.getOrDefault(node, Set.of())) {
                if (cameFrom.putIfAbsent(next, node) == null) {
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Some cycle of the graph as a closed path {@code [a, b, ..., a]}, or empty when the graph is acyclic.
     * Depth-first with an explicit stack; the cycle is read off the current path when a back edge is found.
     */
    public Optional<List<T>> findCycle() {
        Set<T> done = new HashSet<>();
        for (T start : successors.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            List<T> pathNodes = new ArrayList<>();
            Map<T, Integer> onPath = new HashMap<>();
            Deque<Iterator<T>> stack = new ArrayDeque<>();
            pathNodes.add(start);
            onPath.put(start, 0);
            stack.push(successors.get(start).iterator());
            while (!stack.isEmpty()) {
                Iterator<T> it = stack.peek();
                if (it.hasNext()) {
                    T next = it.next();
                    Integer at = onPath.get(next);
                    if (at != null) {
                        List<T> cycle = new ArrayList<>(pathNodes.subList(at, pathNodes.size()));
                        cycle.add(next);
                        return Optional.of(cycle);
                    }
                    if (done.add(next)) {
                        onPath.put(next, pathNodes.size());
                        pathNodes.add(next);
                        stack.push(successors.getOrDefault(next, Set.of()).iterator());
                    }
                } else {
                    stack.pop();
                    T finished = pathNodes.remove(pathNodes.size() - 1);
                    onPath.remove(finished);
                    done.add(finished);
                }
            }
        }
        return Optional.empty();
    }

    /** Builds a graph from edges given as pairs. */
    public static <T> DependencyGraph<T> of(Collection<T> nodes, Collection<Map.Entry<T, T>> edges) {
        DependencyGraph<T> g = new DependencyGraph<>();
        nodes.forEach(g::addNode);
        edges.forEach(e -> g.addEdge(e.getKey(), e.getValue()));
        return g;
    }
}
