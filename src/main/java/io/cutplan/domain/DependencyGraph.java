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
 * A directed graph of step dependencies (predecessor -> successor) and the questions authoring asks of it: would
 * this edge close a cycle, and (for an import) which groups of steps depend on each other in a cycle and which
 * edges would break each group. Iterative, so a chain of thousands of steps
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

    /** A dependency {@code predecessor -> successor}. */
    public record Edge<T>(T predecessor, T successor) {
        @Override
        public String toString() {
            return predecessor + " -> " + successor;
        }
    }

    /**
     * One strongly connected group of two or more nodes (every node reaches every other), as the import reports it:
     * its {@code members} in insertion order, one closed {@code cycle} path (the first the search below meets), and the
     * {@code breakingEdges}: a deterministic set of edges of the group whose removal leaves it acyclic (the back
     * edges of a depth-first search of the group started at its first member, successors in insertion order). A
     * group that is one simple cycle has exactly one breaking edge.
     */
    public record Cycle<T>(List<T> members, List<T> cycle, List<Edge<T>> breakingEdges) {
    }

    /**
     * The strongly connected components, by Tarjan's algorithm with an explicit stack (no recursion, so a chain of
     * any length is safe). Every node is in exactly one component; components are returned ordered by their first
     * member's insertion order, and members in insertion order. Self-loops do not occur here: the graph holds
     * only edges the caller added, and the import never adds a self-dependency.
     */
    public List<List<T>> stronglyConnectedComponents() {
        Map<T, Integer> order = new HashMap<>();
        for (T node : successors.keySet()) {
            order.put(node, order.size());
        }
        int n = order.size();
        List<T> nodes = new ArrayList<>(successors.keySet());
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackSize = 0;
        int counter = 0;
        int[] component = new int[n];
        int components = 0;
        // The explicit call stack: the node being visited and the iterator over its successors.
        int[] callNode = new int[n];
        List<Iterator<T>> callIterator = new ArrayList<>(java.util.Collections.nCopies(n, null));
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callIterator.set(0, successors.get(nodes.get(root)).iterator());
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                Iterator<T> it = callIterator.get(depth);
                if (it.hasNext()) {
                    int w = order.get(it.next());
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callIterator.set(depth, successors.get(nodes.get(w)).iterator());
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--stackSize];
                        onStack[w] = false;
                        component[w] = components;
                    } while (w != v);
                    components++;
                }
                callIterator.set(depth, null);
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        Map<Integer, List<T>> byComponent = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byComponent.computeIfAbsent(component[i], k -> new ArrayList<>()).add(nodes.get(i));
        }
        return new ArrayList<>(byComponent.values());
    }

    /** Every strongly connected group of two or more nodes, each with a cycle through it and the edges that break it. */
    public List<Cycle<T>> cycles() {
        List<Cycle<T>> out = new ArrayList<>();
        for (List<T> members : stronglyConnectedComponents()) {
            if (members.size() > 1) {
                out.add(analyse(members));
            }
        }
        return out;
    }

    /** Depth-first search restricted to one component: back edges break it, the first back edge gives the cycle. */
    private Cycle<T> analyse(List<T> members) {
        Set<T> inGroup = new HashSet<>(members);
        Set<T> visited = new HashSet<>();
        List<Edge<T>> breaking = new ArrayList<>();
        List<T> firstCycle = null;
        for (T start : members) {
            if (!visited.add(start)) {
                continue;
            }
            List<T> path = new ArrayList<>();
            Map<T, Integer> onPath = new HashMap<>();
            Deque<Iterator<T>> stack = new ArrayDeque<>();
            path.add(start);
            onPath.put(start, 0);
            stack.push(successors.get(start).iterator());
            while (!stack.isEmpty()) {
                Iterator<T> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    onPath.remove(path.remove(path.size() - 1));
                    continue;
                }
                T next = it.next();
                if (!inGroup.contains(next)) {
                    continue;
                }
                Integer at = onPath.get(next);
                if (at != null) {
                    breaking.add(new Edge<>(path.get(path.size() - 1), next));
                    if (firstCycle == null) {
                        firstCycle = new ArrayList<>(path.subList(at, path.size()));
                        firstCycle.add(next);
                    }
                } else if (visited.add(next)) {
                    onPath.put(next, path.size());
                    path.add(next);
                    stack.push(successors.get(next).iterator());
                }
            }
        }
        return new Cycle<>(List.copyOf(members), List.copyOf(firstCycle), List.copyOf(breaking));
    }

    /** Builds a graph from edges given as pairs. */
    public static <T> DependencyGraph<T> of(Collection<T> nodes, Collection<Map.Entry<T, T>> edges) {
        DependencyGraph<T> g = new DependencyGraph<>();
        nodes.forEach(g::addNode);
        edges.forEach(e -> g.addEdge(e.getKey(), e.getValue()));
        return g;
    }
}
