package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cutplan.bench.BenchClient;
import io.cutplan.bench.Samples;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.PostgresServer;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two standalone nodes on one database, as a Confluence Data Center cluster runs: both start at the same moment
 * on an empty database; pilots drive the runbook through both nodes while the mail server goes down for a
 * while and comes back; then both nodes show the same dashboard, every notification was delivered exactly
 * once, and status changes kept succeeding while SMTP was down (the outbox decouples them).
 */
class TwoNodesTest {

    @Test
    void twoNodesOnOneDatabaseAgreeAndNeverSendTwice() throws Exception {
        DbConfig db = PostgresServer.get().createEmptyDatabase().withPoolSize(5);
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail[] smtp = {new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))};
        smtp[0].start();
        List<MimeMessage> received = new ArrayList<>();
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(smtpPort), "--mail-poll-ms", "100", "--mail-retry-ms", "300"}, Map.of());
        ExecutorService starter = Executors.newFixedThreadPool(2);
        Callable<StandaloneHost> start = () -> StandaloneHost.start(options, db);
        Future<StandaloneHost> fa = starter.submit(start);
        Future<StandaloneHost> fb = starter.submit(start);
        try (StandaloneHost a = fa.get(120, TimeUnit.SECONDS); StandaloneHost b = fb.get(120, TimeUnit.SECONDS)) {
            starter.shutdown();
            assertThat(a.schemaVersion()).isEqualTo(b.schemaVersion());
            int migrations = a.database().transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL",
                    rs -> rs.getInt(1))).orElseThrow();
            assertThat(migrations).as("migrations applied twice").isZero();

            OutageWorld world = new OutageWorld(a.database(), 4, 30);
            a.database().transactor().inTransaction(c -> Jdbc.update(c,
                    "UPDATE iterations SET notification_mode = 'ON' WHERE id = ?", world.iteration));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            BenchClient ca = new BenchClient("http://127.0.0.1:" + a.port() + "/rest/cutplan/1.0", pool);
            BenchClient cb = new BenchClient("http://127.0.0.1:" + b.port() + "/rest/cutplan/1.0", pool);
            for (BenchClient c : List.of(ca, cb)) {
                for (var u : List.of(world.pilot, world.viewer)) {
                    // Log in first on each node (PBKDF2 once per node), as a running cutover would have.
                    assertThat(c.get(OutageWorld.auth(u), "/iterations/" + world.iteration, null).status()).isEqualTo(200);
                }
            }
            Samples smtpUp = new Samples();
            Samples smtpDown = new Samples();
            boolean[] down = {false};
            List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<ChainWalker> walkers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < world.chains.size(); i++) {
                BenchClient client = i % 2 == 0 ? ca : cb;
                ChainWalker w = new ChainWalker(client, OutageWorld.auth(world.pilot), world.iteration, world.chains.get(i), r -> {
                    if (r.status() == 200) {
                        (down[0] ? smtpDown : smtpUp).add(r.nanos());
                    } else {
                        unexpected.add(r.status() + " " + r.text());
                    }
                });
                walkers.add(w);
                Thread t = new Thread(w, "two-nodes-walker");
                threads.add(t);
                t.start();
            }
            // The mail server goes down after a third of the moves and comes back after another third: by
            // progress, not by the clock, so a fast or a slow machine tests the same thing.
            awaitAcks(walkers, 80);
            down[0] = true;
            received.addAll(List.of(smtp[0].getReceivedMessages()));
            smtp[0].stop();
            awaitAcks(walkers, 160);
            smtp[0] = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp[0].start();
            down[0] = false;
            for (Thread t : threads) {
                t.join(120_000);
            }

            // Both nodes show the same iteration, step by step.
            JsonNode da = OutageWorld.json(ca.get(OutageWorld.auth(world.viewer), "/iterations/" + world.iteration + "/dashboard", null));
            JsonNode db2 = OutageWorld.json(cb.get(OutageWorld.auth(world.viewer), "/iterations/" + world.iteration + "/dashboard", null));
            assertThat(db2.path("version")).isEqualTo(da.path("version"));
            assertThat(stepStates(db2)).isEqualTo(stepStates(da)).hasSize(120);
            assertThat(stepStates(da)).allMatch(s -> s.endsWith("DONE"));

            // Every notification delivered, each exactly once, by one of the two dispatchers.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long pending = -1;
            while (System.nanoTime() < deadline) {
                pending = a.database().transactor().readOnly(c -> Jdbc.one(c,
                        "SELECT count(*) FROM notification_outbox WHERE iteration_id = ? AND status <> 'SENT'", rs -> rs.getLong(1),
                        world.iteration)).orElseThrow();
                if (pending == 0) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(pending).as("notifications not yet sent a minute after the load").isZero();
            received.addAll(List.of(smtp[0].getReceivedMessages()));
            long sent = a.database().transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT count(*) FROM notification_outbox WHERE iteration_id = ?", rs -> rs.getLong(1), world.iteration)).orElseThrow();
            Set<String> distinct = new HashSet<>();
            for (MimeMessage m : received) {
                distinct.add(String.join(",", List.of(m.getHeader("To"))) + "|" + m.getSubject());
            }
            List<String> nodes = a.database().transactor().readOnly(c -> Jdbc.list(c,
                    "SELECT DISTINCT claimed_by FROM notification_outbox WHERE iteration_id = ? AND claimed_by IS NOT NULL",
                    rs -> rs.getString(1), world.iteration));
            System.out.printf("Two nodes: %d notifications in the outbox, %d messages received (%d distinct), claimed by %s; "
                            + "transition p50/p99 %s/%s ms with SMTP up (%d), %s/%s ms with SMTP down (%d)%n",
                    sent, received.size(), distinct.size(), nodes, Samples.ms(smtpUp.percentile(50)), Samples.ms(smtpUp.percentile(99)),
                    smtpUp.count(), Samples.ms(smtpDown.percentile(50)), Samples.ms(smtpDown.percentile(99)), smtpDown.count());
            assertThat(sent).as("the run produced notifications").isPositive();
            assertThat(received).as("messages received").hasSize((int) sent);
            assertThat(distinct).as("distinct (recipient, subject)").hasSize(received.size());
            assertThat(unexpected).as("answers other than success").isEmpty();
            assertThat(smtpDown.count()).as("status changes kept succeeding while SMTP was down").isPositive();
            pool.shutdownNow();
        } finally {
            smtp[0].stop();
            PostgresServer.get().drop(db);
        }
    }

    /** Waits until the pilots together have made {@code n} acknowledged moves (of 240). */
    private static void awaitAcks(List<ChainWalker> walkers, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (walkers.stream().mapToInt(w -> w.acks.size()).sum() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pilots made fewer than " + n + " moves in two minutes");
            }
            Thread.sleep(5);
        }
    }

    private static List<String> stepStates(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : dashboard.path("steps")) {
            out.add(s.path("id").asText() + ":" + s.path("version").asInt() + ":" + s.path("status").asText());
        }
        out.sort(null);
        return out;
    }
}
