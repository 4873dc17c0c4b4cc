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
}
