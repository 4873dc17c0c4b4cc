package io.cutplan.service.runbook;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The newest caller-independent state of each iteration (or of each iteration and variant: the key), built once per
 * (change version, plan revision) and then shared by every poll of it. Hundreds of viewers polling one iteration
 * then cost one aggregation per change instead of one per poll.
 *
 * <p>Correct across nodes without coordination: a change version names exactly one committed state (every write
 * to an iteration raises it), and canonical edits raise the plan's revision, so an entry is either exactly right
 * or not used. Builds of one key are single-flight: concurrent polls of a new version wait for one build.
 *
 * <p>A state that also depends on the clock (the forecast: a running step overruns without any write) is built
 * with a {@code maxAge}: it is rebuilt when it is that old even if the version did not move, and whenever the clock
 * reads earlier than its build (a clock set back by a test). Without one, an entry lives until the version moves.
 *
 * <p>A state that may lag its version by a moment (the forecast again) is read with {@link #getOrPrevious}: while
 * one request builds the new state, every other request is answered at once with the newest one built, instead of
 * queueing behind the build with a pooled connection held. Under a burst of changes there is then at most one
 * build in flight per key, and no request waits for one it did not start.
 */
final class IterationStateCache<K, S> {
    /** Iterations polled at once are few; past this, the cache forgets everything and starts again. */
    static final int MAX_ITERATIONS = 64;

    @FunctionalInterface
    interface Builder<S> {
        /** Builds the state on this connection; {@code previous} is the newest cached state, or null, to advance from. */
        S build(Connection connection, S previous) throws SQLException;
    }

    private record Entry<S>(long version, long planRevision, Instant builtAt, S state) {
    }

    private final Map<Object, Entry<S>> latest = new ConcurrentHashMap<>();
    private final Map<Object, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    /** Entries valid for as long as the version and plan revision stay. */
    IterationStateCache() {
        this(null, Clock.systemUTC());
    }

    /** Entries also expire {@code maxAge} after their build, on {@code clock}. */
    IterationStateCache(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The state of {@code key} at {@code version} and {@code planRevision}, building it with {@code builder} on the
     * caller's connection (whose snapshot shows exactly that version) when it is not cached yet or too old.
     */
    S get(Connection connection, K key, long version, long planRevision, Builder<S> builder) throws SQLException {
        Entry<S> e = latest.get(key);
        if (usable(e, version, planRevision)) {
            return e.state();
        }
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            return buildLocked(connection, key, version, planRevision, builder);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #get}, but while another request is building this key, the newest state already built (of an
     * older version, or older than {@code maxAge}) is returned at once instead of waiting for that build. With
     * nothing built yet, it waits like {@link #get}.
     */
    S getOrPrevious(Connection connection, K key, long version, long planRevision, Builder<S> builder) throws SQLException {
        Entry<S> e = latest.get(key);
        if (usable(e, version, planRevision)) {
            return e.state();
        }
        ReentrantLock lock = lockOf(key);
        if (!lock.tryLock()) {
            Entry<S> previous = latest.get(key);
            if (previous != null && previous.version() <= version) {
                return previous.state();
            }
            lock.lock();
        }
        try {
            return buildLocked(connection, key, version, planRevision, builder);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(K key) {
        return locks.computeIfAbsent(key, k -> new ReentrantLock());
    }

    private S buildLocked(Connection connection, K key, long version, long planRevision, Builder<S> builder) throws SQLException {
        Entry<S> e = latest.get(key);
        if (usable(e, version, planRevision)) {
            return e.state();
        }
        Instant builtAt = clock.instant();
        S built = builder.build(connection, e == null ? null : e.state());
        // Never replace a newer entry with an older one (a slow request may still be reading an old snapshot).
        if (e == null || e.version() < version || (e.version() == version && e.planRevision() <= planRevision)) {
            if (latest.size() >= MAX_ITERATIONS && !latest.containsKey(key)) {
                // A lock held right now stays valid for its holder; a newcomer may build beside it, which is harmless.
                latest.clear();
                locks.clear();
            }
            latest.put(key, new Entry<>(version, planRevision, builtAt, built));
        }
        return built;
    }

    /** The cached state of {@code key} when it is at {@code version} and still fresh, else null (nothing is built). */
    S peek(K key, long version) {
        Entry<S> e = latest.get(key);
        return e != null && e.version() == version && fresh(e) ? e.state() : null;
    }

    private boolean usable(Entry<S> e, long version, long planRevision) {
        return e != null && e.version() == version && e.planRevision() == planRevision && fresh(e);
    }

    private boolean fresh(Entry<S> e) {
        if (maxAge == null) {
            return true;
        }
        Instant now = clock.instant();
        return !now.isBefore(e.builtAt()) && Duration.between(e.builtAt(), now).compareTo(maxAge) < 0;
    }

    /** How many keys are cached (for tests). */
    int size() {
        return latest.size();
    }
}
