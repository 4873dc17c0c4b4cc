package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.bench.BenchClient;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under load and comes back, twice: a clean fast shutdown, then a crash (every server
 * process quits at once; the restart replays the write-ahead log). A standalone host of its own keeps
 * running throughout, with pilots walking chains of steps and viewers polling the dashboard and health.
 * While the database is away every request must fail fast with a 503 JSON error; afterwards the pool must
 * recover by itself; and in the end nothing acknowledged may be missing and nothing half-committed present.
 */
class DatabaseOutageTest {
    /** A refusal must come well before the client gives up (Hikari waits 3 s, the driver connects within 5 s). */
    static final long FAIL_FAST_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void survivesAStopAndACrashOfThePostgresServerUnderLoad(@TempDir Path dir) throws Exception {
        outages(dir, 4, 150, 1500, 2500);
    }

    /** The long version ({@code -Plong}): more pilots, longer chains, outages of 20 s. */
    @Test
    @org.junit.jupiter.api.Tag("long")
    void survivesLongOutagesUnderHeavierLoad(@TempDir Path dir) throws Exception {
        outages(dir, 8, 200, 5000, 20_000);
    }

    private void outages(Path dir, int chains, int length, long upMillis, long downMillis) throws Exception {
        try (RestartablePostgres pg = RestartablePostgres.start(dir.resolve("pgdata"));
             StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of()), pg.config(10))) {
            OutageWorld world = new OutageWorld(host.database(), chains, length);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            BenchClient client = new BenchClient("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pool);
            Observed seen = new Observed();
            List<ChainWalker> walkers = new ArrayList<>();
            for (var chain : world.chains) {
                walkers.add(new ChainWalker(client, OutageWorld.auth(world.pilot), world.iteration, chain, seen::record));
            }
            // Log both users in first (PBKDF2 once each), as a running cutover would have.
            for (var u : List.of(world.pilot, world.viewer)) {
                assertThat(client.get(OutageWorld.auth(u), "/iterations/" + world.iteration, null).status()).isEqualTo(200);
            }
            Poller poller = new Poller(client, world, seen);
            List<Thread> threads = new ArrayList<>();
            walkers.forEach(w -> threads.add(start(w)));
            threads.add(start(poller));
            threads.add(start(poller));

            Thread.sleep(upMillis);
            int acksBefore = acks(walkers);
            assertThat(acksBefore).as("writes succeed before the outage: " + seen.summary() + " " + seen.unexpected).isPositive();

            seen.phase = "down (stopped)";
            pg.stop();
            Thread.sleep(downMillis);
            // A user whose login is not cached yet needs the database too; the answer must still be JSON.
            BenchClient.Result stranger = client.get(OutageWorld.auth(world.stranger), "/iterations/" + world.iteration + "/dashboard", null);
            seen.phase = "restarting";
            pg.start();
            long recovered = awaitRecovery(seen);
            seen.phase = "up again";
            Thread.sleep(upMillis);
            int acksAfterFirst = acks(walkers);

            seen.phase = "down (crashed)";
            pg.crash();
            Thread.sleep(downMillis);
            seen.phase = "restarting";
            pg.start();
            long recoveredAfterCrash = awaitRecovery(seen);
            seen.phase = "up again";
            Thread.sleep(upMillis);

            walkers.forEach(ChainWalker::stop);
            poller.stop = true;
            for (Thread t : threads) {
                t.join(60_000);
            }
            pool.shutdownNow();

            List<OutageWorld.Ack> acks = new ArrayList<>();
            walkers.forEach(w -> acks.addAll(w.acks));
            System.out.printf("Database outage: %s; recovered %.1f s after the restart, %.1f s after the crash restart; "
                            + "%d acknowledged changes; first login while down answered %d%n", seen.summary(),
                    recovered / 1e9, recoveredAfterCrash / 1e9, acks.size(), stranger.status());

            assertThat(seen.unexpected).as("answers other than success, 503 JSON or a 409 after an unknown outcome").isEmpty();
            if (seen.knownGap500.get() > 0) {
                System.out.println("KNOWN GAP db-outage-500: " + seen.knownGap500.get() + " requests answered 500 instead of 503 while "
                        + "the database was away (tolerated only with -Dcutplan.tolerateKnownGaps=true)");
            }
            assertThat(seen.refusedWhileDown.get() + seen.knownGap500.get()).as("requests refused while the database was away").isPositive();
            assertThat(seen.slowestRefusal).as("slowest 503 (ns)").isLessThan(FAIL_FAST_NANOS);
            assertThat(acks(walkers)).as("writes succeed again after each restart").isGreaterThan(acksAfterFirst);
            assertThat(acksAfterFirst).isGreaterThan(acksBefore);
            assertThat(stranger.status()).as("an uncached login while the database is down: " + stranger.text())
                    .isIn(KnownGap.STRICT ? List.of(503) : List.of(503, 500));
            if (OutageWorld.json(stranger) == null && !KnownGap.STRICT) {
                // Known gap (reported): BasicAuthFilter lets the database error escape the servlet filter, so Jetty
                // answers with its HTML 500 page; it should answer 503 JSON with Retry-After like the API does.
                System.out.println("KNOWN GAP basic-auth-db-down: an uncached login while the database is away gets Jetty's HTML "
                        + stranger.status() + " page (tolerated only with -Dcutplan.tolerateKnownGaps=true)");
            } else {
                assertThat(OutageWorld.json(stranger)).as("JSON error for an uncached login while down: " + stranger.text()).isNotNull();
            }
            assertThat(world.inconsistencies(host.database(), acks)).isEmpty();
        }
    }

    private static int acks(List<ChainWalker> walkers) {
        return walkers.stream().mapToInt(w -> w.acks.size()).sum();
    }

    /** Waits until health answers 200 again, without touching the host: the pool must find the server itself. */
    private static long awaitRecovery(Observed seen) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            if (seen.lastHealth == 200 && seen.lastHealthAt > t0) {
                return System.nanoTime() - t0;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the host did not recover within 60 s of the database restart");
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r, "outage-load");
        t.start();
        return t;
    }

    /** Viewers polling the dashboard and an operator watching health, as fast as the server answers. */
    static final class Poller implements Runnable {
        private final BenchClient client;
        private final OutageWorld world;
        private final Observed seen;
        volatile boolean stop;

        Poller(BenchClient client, OutageWorld world, Observed seen) {
            this.client = client;
            this.world = world;
            this.seen = seen;
        }

        @Override
        public void run() {
            while (!stop) {
                seen.record(client.get(OutageWorld.auth(world.viewer), "/iterations/" + world.iteration + "/dashboard", null));
                BenchClient.Result h = client.get(OutageWorld.auth(world.viewer), "/health", null);
                seen.record(h);
                seen.lastHealthAt = System.nanoTime();
                seen.lastHealth = h.status();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Tallies every answer by phase; anything that is neither success, 503 JSON nor a stale 409 is unexpected. */
    static final class Observed {
        volatile String phase = "up";
        volatile int lastHealth;
        volatile long lastHealthAt;
        volatile long slowestRefusal;
        final AtomicInteger refusedWhileDown = new AtomicInteger();
        final AtomicInteger knownGap500 = new AtomicInteger();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();

        void record(BenchClient.Result r) {
            String p = phase;
            tally.computeIfAbsent(p + " " + r.status(), k -> new AtomicInteger()).incrementAndGet();
            int s = r.status();
            if (s == 200 || s == 201 || s == 304) {
                return;
            }
            if (s == 503 && (OutageWorld.isJsonError(r, "database_unavailable") || isHealthDown(r))) {
                if (!p.startsWith("up")) {
                    refusedWhileDown.incrementAndGet();
                }
                synchronized (this) {
                    slowestRefusal = Math.max(slowestRefusal, r.nanos());
                }
                return;
            }
            if (s == 500 && !p.equals("up") && !p.equals("up again") && !KnownGap.STRICT
                    && OutageWorld.isJsonError(r, "internal_error")) {
                // Known gap (reported to the lead): DatabaseUnavailableException calls initCause on a DomainException
                // whose cause is already set (to null) by super(message, null, false, false), so building the 503
                // throws IllegalStateException and the answer is a 500. A closed connection (no SQLSTATE) is a 500 too.
                knownGap500.incrementAndGet();
                return;
            }
            if (s == 409 && OutageWorld.isJsonError(r, "stale_version")) {
                return; // the walker's retry after an unknown outcome, resolved by reading the step
            }
            unexpected.add(p + ": " + s + " " + (r.text().length() > 300 ? r.text().substring(0, 300) : r.text()));
        }

        private static boolean isHealthDown(BenchClient.Result r) {
            var n = OutageWorld.json(r);
            return n != null && n.path("status").asText().equals("DOWN");
        }

        String summary() {
            return new java.util.TreeMap<>(tally).toString();
        }
    }
}
