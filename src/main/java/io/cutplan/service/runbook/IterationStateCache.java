package io.cutplan.service.runbook;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest caller-independent state of each iteration, built once per (change version, plan revision) and then
 * shared by every poll of it. Hundreds of viewers polling one iteration then cost one aggregation per change
 * instead of one per poll.
 *
 * <p>Correct across nodes without coordination: a change version names exactly one committed state (every write
 * to an iteration raises it), and canonical edits raise the plan's revision, so an entry is either exactly right
 * or not used. Builds of one iteration are single-flight: concurrent polls of a new version wait for one build.
 */
final class IterationStateCache<S> {
    /** Iterations polled at once are few; past this, the cache forgets everything and starts again. */
    static final int MAX_ITERATIONS = 64;

    @FunctionalInterface
    interface Builder<S> {
        /** Builds the state on this connection; {@code previous} is the newest cached state, or null, to advance from. */
        S build(Connection connection, S previous) throws SQLException;
    }

    private record Entry<S>(long version, long planRevision, S state) {
    }

    private final Map<UUID, Entry<S>> latest = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    /**
     * The state of the iteration at {@code version} and {@code planRevision}, building it with {@code builder} on the
     * caller's connection (whose snapshot shows exactly that version) when it is not cached yet.
     */
    S get(Connection connection, UUID iterationId, long version, long planRevision, Builder<S> builder) throws SQLException {
        Entry<S> e = latest.get(iterationId);
        if (e != null && e.version() == version && e.planRevision() == planRevision) {
            return e.state();
        }
        synchronized (locks.computeIfAbsent(iterationId, k -> new Object())) {
            e = latest.get(iterationId);
            if (e != null && e.version() == version && e.planRevision() == planRevision) {
                return e.state();
            }
            S built = builder.build(connection, e == null ? null : e.state());
            // Never replace a newer entry with an older one (a slow request may still be reading an old snapshot).
            if (e == null || e.version() < version || (e.version() == version && e.planRevision() < planRevision)) {
                if (latest.size() >= MAX_ITERATIONS && !latest.containsKey(iterationId)) {
                    latest.clear();
                    locks.clear();
                }
                latest.put(iterationId, new Entry<>(version, planRevision, built));
            }
            return built;
        }
    }

    /** How many iterations are cached (for tests). */
    int size() {
        return latest.size();
    }
}
