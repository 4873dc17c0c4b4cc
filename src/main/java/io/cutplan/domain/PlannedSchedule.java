package io.cutplan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The planned (baseline) time of every step: a forward pass over the dependency graph from the iteration's planned
 * start. A step starts as soon as all its in-scope predecessors have ended, and never before its chapter's
 * scheduled start; it ends its planned duration later. Steps caught in a dependency cycle (authoring refuses
 * cycles, so this is defensive) are scheduled from their chapter or iteration start.
 */
public final class PlannedSchedule {

    /** One step's input: its id, planned duration and chapter. */
    public record Node(UUID id, int minutes, UUID chapterId) {
    }

    /** Predecessor -> successor, both step instance ids. */
    public record Edge(UUID predecessor, UUID successor) {
    }

    public record Slot(Instant start, Instant end) {
    }

    private PlannedSchedule() {
    }

    public static Map<UUID, Slot> compute(Instant iterationStart, Collection<Node> nodes, Collection<Edge> edges,
                                          Map<UUID, Instant> chapterStarts) {
        Map<UUID, Node> byId = new HashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Map<UUID, List<UUID>> successors = new HashMap<>();
        Map<UUID, Integer> indegree = new HashMap<>();
        for (Edge e : edges) {
            if (!byId.containsKey(e.predecessor()) || !byId.containsKey(e.successor())) {
                continue;
            }
            successors.computeIfAbsent(e.predecessor(), k -> new java.util.ArrayList<>()).add(e.successor());
            indegree.merge(e.successor(), 1, Integer::sum);
        }
        Map<UUID, Instant> earliest = new HashMap<>();
        Map<UUID, Slot> out = new HashMap<>();
        ArrayDeque<UUID> queue = new ArrayDeque<>();
        for (Node n : nodes) {
            if (indegree.getOrDefault(n.id(), 0) == 0) {
                queue.add(n.id());
            }
        }
        while (!queue.isEmpty()) {
            UUID id = queue.poll();
            Slot slot = place(byId.get(id), earliest.get(id), iterationStart, chapterStarts);
            out.put(id, slot);
            for (UUID s : successors.getOrDefault(id, List.of())) {
                earliest.merge(s, slot.end(), (a, b) -> a.isAfter(b) ? a : b);
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    queue.add(s);
                }
            }
        }
        for (Node n : nodes) {
            out.computeIfAbsent(n.id(), k -> place(n, earliest.get(k), iterationStart, chapterStarts));
        }
        return out;
    }

    private static Slot place(Node n, Instant afterPredecessors, Instant iterationStart, Map<UUID, Instant> chapterStarts) {
        Instant start = iterationStart;
        Instant chapter = chapterStarts.get(n.chapterId());
        if (chapter != null && chapter.isAfter(start)) {
            start = chapter;
        }
        if (afterPredecessors != null && afterPredecessors.isAfter(start)) {
            start = afterPredecessors;
        }
        return new Slot(start, start.plus(Duration.ofMinutes(n.minutes())));
    }
}
