package io.cutplan.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutboxWorkersTest {

    /** The dispatchers keep their workers in a field the pass reads: no pass may run before the owner has it. */
    @Test
    void noPassRunsBeforeStartAndEveryPassSeesTheOwnersField() throws InterruptedException {
        AtomicReference<OutboxWorkers> owner = new AtomicReference<>();
        AtomicInteger passesBeforeAssignment = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(6);
        OutboxWorkers workers = OutboxWorkers.prepare("test-outbox", 3, Duration.ofMillis(5), () -> {
            if (owner.get() == null) {
                passesBeforeAssignment.incrementAndGet();
            }
            passes.incrementAndGet();
            ran.countDown();
            return 0;
        }, LoggerFactory.getLogger(OutboxWorkersTest.class), "Test dispatcher");
        try {
            // Unstarted workers run nothing, however long the owner takes to keep them.
            Thread.sleep(50);
            assertThat(passes.get()).isZero();
            owner.set(workers);
            assertThat(workers.start()).isSameAs(workers.start());
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(passesBeforeAssignment.get()).isZero();
        } finally {
            workers.close();
        }
        assertThat(workers.running()).isFalse();
    }
}
