package io.cutplan.service.outbox;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The worker loop both outbox dispatchers (mail, webhooks) share: a small fixed pool of daemon threads, each
 * repeating one {@link Pass} and, when it found nothing to do, waiting for the poll interval or a {@link #nudge()}.
 * A failing pass (the database is down, a bug) keeps the thread alive and is logged at most once a minute.
 */
public final class OutboxWorkers implements AutoCloseable {
    /** One round of claiming and sending; returns how many rows it handled (0: nothing was due). */
    @FunctionalInterface
    public interface Pass {
        int run();
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService workers;
    private final int threads;
    private final Duration pollInterval;
    private final Pass pass;
    private final Logger log;
    private final String what;
    private final Object wakeUp = new Object();
    private volatile boolean running = true;
    private boolean started;
    private volatile long lastPassWarning;

    private OutboxWorkers(String threadPrefix, int threads, Duration pollInterval, Pass pass, Logger log, String what) {
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.pass = pass;
        this.log = log;
        this.what = what;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadPrefix + "-" + pool + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code threads} workers named {@code threadPrefix-<pool>-<n>}, not started yet; {@code what} names them in logs.
     * The owner keeps the result in a field and only then calls {@link #start()}: a pass that runs before that
     * assignment would see no workers, fail mid-batch and leave its claimed rows leased until the lease expires.
     */
    public static OutboxWorkers prepare(String threadPrefix, int threads, Duration pollInterval, Pass pass, Logger log,
                                        String what) {
        return new OutboxWorkers(threadPrefix, threads, pollInterval, pass, log, what);
    }

    /** Starts the workers (once). */
    public synchronized OutboxWorkers start() {
        if (!started) {
            started = true;
            for (int i = 0; i < threads; i++) {
                workers.execute(this::work);
            }
        }
        return this;
    }

    public boolean running() {
        return running;
    }

    /** Lets idle workers look for due rows now instead of at their next poll. */
    public void nudge() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void work() {
        while (running) {
            int handled = 0;
            try {
                handled = pass.run();
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (now - lastPassWarning > TimeUnit.MINUTES.toNanos(1) || lastPassWarning == 0) {
                    lastPassWarning = now;
                    log.warn("{} pass failed (logged at most once a minute): {}", what, e.toString());
                }
            }
            if (handled == 0 && running) {
                synchronized (wakeUp) {
                    try {
                        wakeUp.wait(pollInterval.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Stops: idle workers at once; one in the middle of a send finishes it (bounded by the sender's timeouts). */
    @Override
    public void close() {
        running = false;
        nudge();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                log.warn("{} threads still busy after 5 s; claimed rows are retried when their lease expires", what);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
