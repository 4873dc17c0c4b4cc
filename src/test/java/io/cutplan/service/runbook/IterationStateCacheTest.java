package io.cutplan.service.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The state cache builds once per (version, plan revision), never goes backwards, and builds once under a crowd. */
class IterationStateCacheTest {
    private final IterationStateCache<UUID, String> cache = new IterationStateCache<>();
    private final AtomicInteger builds = new AtomicInteger();
    private final UUID iteration = UUID.randomUUID();

    private String get(long version, long revision) throws Exception {
        return cache.get(null, iteration, version, revision, (c, previous) -> "v" + version + "r" + revision + "#" + builds.incrementAndGet());
    }

    @Test
    void buildsOncePerVersionAndAgainWhenTheVersionOrThePlanRevisionMoves() throws Exception {
        assertThat(get(5, 0)).isEqualTo("v5r0#1");
        assertThat(get(5, 0)).isEqualTo("v5r0#1");
        assertThat(get(6, 0)).isEqualTo("v6r0#2");
        assertThat(get(6, 1)).isEqualTo("v6r1#3");
        assertThat(builds).hasValue(3);
    }

    @Test
    void aClockBoundStateIsRebuiltWhenItIsTooOldOrTheClockWentBackButNotBefore() throws Exception {
        io.cutplan.service.AdjustableClock clock = new io.cutplan.service.AdjustableClock();
        java.time.Instant t0 = java.time.Instant.parse("2026-12-01T10:00:00Z");
        clock.pin(t0);
        IterationStateCache<UUID, String> aging = new IterationStateCache<>(java.time.Duration.ofSeconds(30), clock);
        IterationStateCache.Builder<String> builder = (c, previous) -> "built at " + clock.instant() + " after " + previous;
        String first = aging.get(null, iteration, 1, 0, builder);
        clock.pin(t0.plusSeconds(29));
        assertThat(aging.get(null, iteration, 1, 0, builder)).isSameAs(first);
        assertThat(aging.peek(iteration, 1)).isSameAs(first);
        assertThat(aging.peek(iteration, 2)).isNull();
        clock.pin(t0.plusSeconds(30));
        assertThat(aging.peek(iteration, 1)).isNull();
        String second = aging.get(null, iteration, 1, 0, builder);
        assertThat(second).isEqualTo("built at " + t0.plusSeconds(30) + " after " + first);
        clock.pin(t0.plusSeconds(10));
        assertThat(aging.get(null, iteration, 1, 0, builder)).isNotSameAs(second).startsWith("built at " + t0.plusSeconds(10));
    }

    @Test
    void aSlowReaderOfAnOlderVersionGetsItsOwnStateWithoutDisplacingTheNewer() throws Exception {
        assertThat(get(9, 0)).isEqualTo("v9r0#1");
        assertThat(get(8, 0)).isEqualTo("v8r0#2");
        assertThat(get(9, 0)).isEqualTo("v9r0#1");
        assertThat(builds).hasValue(2);
    }

    @Test
    void aCrowdPollingANewVersionCausesOneBuild() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.get(null, iteration, 42, 0, (c, previous) -> {
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                        return "v42#" + builds.incrementAndGet();
                    });
                }));
            }
            go.countDown();
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("v42#1");
            }
            assertThat(builds).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileOneRequestBuildsTheNextStateOthersGetTheNewestBuiltAtOnce() throws Exception {
        assertThat(cache.getOrPrevious(null, iteration, 1, 0, (c, previous) -> "v1")).isEqualTo("v1");
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> builder = pool.submit(() -> cache.getOrPrevious(null, iteration, 2, 0, (c, previous) -> {
                building.countDown();
                await(release);
                return "v2 after " + previous;
            }));
            building.await();
            // The build of version 2 is in flight: a reader of version 2 (or 3) is not made to wait for it.
            assertThat(cache.getOrPrevious(null, iteration, 2, 0, (c, previous) -> "must not build")).isEqualTo("v1");
            assertThat(cache.getOrPrevious(null, iteration, 3, 0, (c, previous) -> "must not build")).isEqualTo("v1");
            release.countDown();
            assertThat(builder.get()).isEqualTo("v2 after v1");
            // Once built, version 2 is served; version 3 is built by the next reader (no build in flight).
            assertThat(cache.getOrPrevious(null, iteration, 2, 0, (c, previous) -> "must not build")).isEqualTo("v2 after v1");
            assertThat(cache.getOrPrevious(null, iteration, 3, 0, (c, previous) -> "v3")).isEqualTo("v3");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void withNothingBuiltYetAReaderWaitsForTheBuildInFlight() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> cache.getOrPrevious(null, iteration, 7, 0, (c, previous) -> {
                building.countDown();
                await(release);
                return "v7#" + builds.incrementAndGet();
            }));
            building.await();
            Future<String> second = pool.submit(() -> cache.getOrPrevious(null, iteration, 7, 0, (c, previous) -> "v7#" + builds.incrementAndGet()));
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            assertThat(second.isDone()).as("the second reader waits: there is nothing to give it yet").isFalse();
            release.countDown();
            assertThat(first.get()).isEqualTo("v7#1");
            assertThat(second.get()).isEqualTo("v7#1");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** A build parked on a latch (builders may throw only SQLException). */
    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
