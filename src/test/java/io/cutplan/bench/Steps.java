package io.cutplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The writer's view of an iteration: each step's status and version, kept current from the snapshot and the
 * answers of its own transitions (which list every step a change moved), so each move names the right
 * version. It hands out steps that can move (READY to IN_PROGRESS, IN_PROGRESS to DONE) one at a time, so
 * concurrent writers never race each other for one step.
 */
public final class Steps {
    public record Move(UUID step, String to, int expectedVersion) {
    }

    private final Map<UUID, String> status = new HashMap<>();
    private final Map<UUID, Integer> version = new HashMap<>();
    private final Deque<UUID> movable = new ArrayDeque<>();

    public synchronized void load(JsonNode dashboard) {
        for (JsonNode s : dashboard.path("steps")) {
            update(s);
        }
    }

    /** Applies the steps listed in a transition's answer. */
    public synchronized void applyChange(JsonNode change) {
        for (JsonNode s : change.path("steps")) {
            update(s);
        }
    }

    private void update(JsonNode s) {
        UUID id = UUID.fromString(s.path("id").asText());
        String st = s.path("status").asText();
        status.put(id, st);
        version.put(id, s.path("version").asInt());
        if ((st.equals("READY") || st.equals("IN_PROGRESS")) && !movable.contains(id)) {
            movable.addLast(id);
        }
    }

    /** The next move, or null when nothing can move; the step is out of the pool until {@link #release}. */
    public synchronized Move next() {
        for (int i = 0; i < movable.size(); i++) {
            UUID id = movable.pollFirst();
            String st = status.get(id);
            if (st.equals("READY")) {
                return new Move(id, "IN_PROGRESS", version.get(id));
            }
            if (st.equals("IN_PROGRESS")) {
                return new Move(id, "DONE", version.get(id));
            }
        }
        return null;
    }

    /** After a failed move: the step may be tried again. */
    public synchronized void release(UUID id) {
        String st = status.get(id);
        if ((st.equals("READY") || st.equals("IN_PROGRESS")) && !movable.contains(id)) {
            movable.addLast(id);
        }
    }

    public static String body(Move m) {
        return "{\"to\":\"" + m.to() + "\",\"expectedVersion\":" + m.expectedVersion()
                + (m.to().equals("DONE") ? ",\"override\":true,\"reason\":\"load test\"" : "") + "}";
    }
}
