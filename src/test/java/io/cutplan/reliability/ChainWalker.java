package io.cutplan.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.bench.BenchClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A pilot walking one chain: each step READY to IN_PROGRESS to DONE, each move naming the version it saw.
 * When a move gets no clear answer (a 503 or no response), whether it committed is unknown, so the walker
 * asks the server for the step's current state before going on: it never guesses and never repeats a change.
 */
final class ChainWalker implements Runnable {
    static final long PACE_MILLIS = 20;

    private final BenchClient client;
    private final String auth;
    private final UUID iteration;
    private final List<UUID> chain;
    private final Consumer<BenchClient.Result> observer;
    final List<OutageWorld.Ack> acks = new CopyOnWriteArrayList<>();
    private volatile boolean stop;

    ChainWalker(BenchClient client, String auth, UUID iteration, List<UUID> chain, Consumer<BenchClient.Result> observer) {
        this.client = client;
        this.auth = auth;
        this.iteration = iteration;
        this.chain = chain;
        this.observer = observer;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        int index = 0;
        String status = "READY";
        int version = 1;
        while (!stop && index < chain.size()) {
            UUID step = chain.get(index);
            String to = status.equals("READY") ? "IN_PROGRESS" : "DONE";
            BenchClient.Result r = client.post(auth, "/iterations/" + iteration + "/steps/" + step + "/transitions", null,
                    "{\"to\":\"" + to + "\",\"expectedVersion\":" + version + "}");
            observer.accept(r);
            if (r.status() == 200) {
                acks.add(new OutageWorld.Ack(step, to));
                JsonNode moved = OutageWorld.json(r).path("steps").get(0);
                version = moved.path("version").asInt();
                status = moved.path("status").asText();
                if (status.equals("DONE")) {
                    index++;
                    status = "READY";
                    version = index < chain.size() ? currentVersion(chain.get(index)) : 0;
                }
                // A pilot's pace, so that on a fast machine the chain still outlasts the test's outages.
                pause(PACE_MILLIS);
                continue;
            }
            pause(150);
            // Unknown outcome: read the truth (retrying while the database is away).
            int[] state = null;
            while (!stop && state == null) {
                state = read(step);
                if (state == null) {
                    pause(150);
                }
            }
            if (state == null) {
                return;
            }
            version = state[1];
            status = state[0] == 0 ? "READY" : state[0] == 1 ? "IN_PROGRESS" : "DONE";
            if (status.equals("DONE")) {
                index++;
                status = "READY";
                version = index < chain.size() ? currentVersion(chain.get(index)) : 0;
            }
        }
    }

    private int currentVersion(UUID step) {
        int[] s = null;
        while (!stop && s == null) {
            s = read(step);
            if (s == null) {
                pause(150);
            }
        }
        return s == null ? 0 : s[1];
    }

    /** {status code (0 READY, 1 IN_PROGRESS, 2 DONE), version}, or null when the server cannot tell now. */
    private int[] read(UUID step) {
        BenchClient.Result r = client.get(auth, "/iterations/" + iteration + "/steps/" + step, null);
        observer.accept(r);
        if (r.status() != 200) {
            return null;
        }
        JsonNode s = OutageWorld.json(r).path("step");
        String st = s.path("status").asText();
        return new int[] {st.equals("READY") ? 0 : st.equals("IN_PROGRESS") ? 1 : 2, s.path("version").asInt()};
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
