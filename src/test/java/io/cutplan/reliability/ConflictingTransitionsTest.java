package io.cutplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.api.JsonMapper;
import io.cutplan.bench.BenchClient;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Pilots clicking at the same moment: several requests move the same step from the same version at once, to
 * the same or to different statuses. Exactly one may win; every other gets 409 with the current state; the
 * event log records exactly the winning change and agrees with the step's final status.
 */
class ConflictingTransitionsTest {
    private static final String[][] RACES = {
            {"IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS"},
            {"IN_PROGRESS", "ON_HOLD", "SKIPPED", "CANCELLED", "IN_PROGRESS", "ON_HOLD"},
    };

    @Test
    void exactlyOneOfSimultaneousConflictingMovesWins() throws Exception {
        Database db = TestHost.get().database();
        Fixtures f = Fixtures.in(db);
        UUID team = f.team("RACE");
        List<Fixtures.TestUser> pilots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pilots.add(f.user("rpilot" + i, Role.PILOT, team));
        }
        Fixtures.Plan plan = f.plan("Race plan");
        int rounds = 12;
        List<UUID> canonical = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            canonical.add(plan.step("TRT-" + (i + 1), "Raced step " + i, team));
        }
        UUID iteration = plan.iteration("RACE");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        BenchClient client = new BenchClient(TestHost.get().restUrl(), pool);
        for (Fixtures.TestUser p : pilots) {
            // Log every pilot in before the race, so the race is about the step and not about PBKDF2.
            assertThat(client.get(BenchClient.basic(p.username(), Fixtures.PASSWORD), "/iterations/" + iteration, null).status()).isEqualTo(200);
        }
        ExecutorService racers = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < rounds; round++) {
                UUID step = plan.stepInstance(iteration, canonical.get(round));
                String[] targets = RACES[round % RACES.length];
                CountDownLatch go = new CountDownLatch(1);
                List<Future<BenchClient.Result>> answers = new ArrayList<>();
                for (int i = 0; i < targets.length; i++) {
                    String auth = BenchClient.basic(pilots.get(i).username(), Fixtures.PASSWORD);
                    String body = "{\"to\":\"" + targets[i] + "\",\"expectedVersion\":1,\"reason\":\"race " + i + "\"}";
                    answers.add(racers.submit(() -> {
                        go.await();
                        return client.post(auth, "/iterations/" + iteration + "/steps/" + step + "/transitions", null, body);
                    }));
                }
                go.countDown();
                int won = 0;
                String winner = null;
                for (int i = 0; i < answers.size(); i++) {
                    BenchClient.Result r = answers.get(i).get();
                    if (r.status() == 200) {
                        won++;
                        winner = targets[i];
                    } else {
                        assertThat(r.status()).as("a losing racer: " + r.text()).isEqualTo(409);
                        var err = JsonMapper.get().readTree(r.body());
                        assertThat(err.path("error").asText()).isEqualTo("stale_version");
                        assertThat(err.path("details").path("version").asInt()).as("409 carries the current state").isEqualTo(2);
                    }
                }
                assertThat(won).as("winners of round " + round).isEqualTo(1);
                String expected = winner;
                String status = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT status FROM step_instances WHERE id = ?",
                        rs -> rs.getString(1), step)).orElseThrow();
                List<String> events = db.transactor().readOnly(c -> Jdbc.list(c, "SELECT details ->> 'to' FROM event_log "
                        + "WHERE step_instance_id = ? AND event_type = 'STEP_STATUS_CHANGED' ORDER BY change_version",
                        rs -> rs.getString(1), step));
                assertThat(status).isEqualTo(expected);
                assertThat(events).as("the event log of the raced step").containsExactly(expected);
            }
        } finally {
            racers.shutdownNow();
            pool.shutdownNow();
        }
    }
}
