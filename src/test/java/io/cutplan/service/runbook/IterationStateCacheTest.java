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
    private final IterationStateCache<String> cache = new IterationStateCache<>();
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
