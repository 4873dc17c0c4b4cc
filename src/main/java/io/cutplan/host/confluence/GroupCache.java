package io.cutplan.host.confluence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * SAL's answers to "is this user in that group" (and "is this user a system administrator") for a short while.
 * A caller is built per request and asks several such questions; with the cache a poll every few seconds costs SAL
 * one question per user and group every {@link #TTL_NANOS}, and a change in Confluence's groups shows within that
 * time. Bounded: at {@link #MAX_ENTRIES} answers it forgets them all and starts again.
 */
final class GroupCache {
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int MAX_ENTRIES = 10_000;

    private record Key(String userKey, String question) {
    }

    private record Answer(boolean yes, long askedAt) {
    }

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();
    private volatile LongSupplier nanoTime = System::nanoTime;

    /** The cached answer to {@code question} about {@code userKey}, or SAL's fresh one from {@code ask}. */
    boolean answer(String userKey, String question, BooleanSupplier ask) {
        Key key = new Key(userKey, question);
        long now = nanoTime.getAsLong();
        Answer cached = answers.get(key);
        if (cached != null && now - cached.askedAt() < TTL_NANOS) {
            return cached.yes();
        }
        boolean yes = ask.getAsBoolean();
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer(yes, now));
        return yes;
    }

    int size() {
        return answers.size();
    }

    /** Tests: read time from this clock instead of {@link System#nanoTime}. */
    void useClock(LongSupplier clock) {
        nanoTime = clock;
    }
}
