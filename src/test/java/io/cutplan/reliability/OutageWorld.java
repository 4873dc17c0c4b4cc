package io.cutplan.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.bench.BenchClient;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A runbook for fault tests: {@code chains} independent chains of {@code length} steps without tasks (so no
 * gate holds a step back), a pilot and a viewer. Also the consistency checks every fault test ends with:
 * nothing acknowledged is missing and nothing is half-committed.
 */
final class OutageWorld {
    final UUID iteration;
    final List<List<UUID>> chains = new ArrayList<>();
    final Fixtures.TestUser pilot;
    final Fixtures.TestUser viewer;
    final Fixtures.TestUser stranger;

    OutageWorld(Database db, int chains, int length) {
        Fixtures f = Fixtures.in(db);
        UUID team = f.team("OUT");
        pilot = f.user("opilot", Role.PILOT, team);
        viewer = f.user("oviewer", Role.NORMAL);
        stranger = f.user("ostranger", Role.NORMAL);
        Fixtures.Plan plan = f.plan("Outage plan");
        List<List<UUID>> canonical = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            if (c > 0) {
                plan.chapter("Chain " + c);
            }
            List<UUID> chain = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                UUID s = plan.step("TRT-" + (c * 1000 + i + 1), "Chain " + c + " step " + i, team, 5, false);
                if (i > 0) {
                    plan.dependency(chain.get(i - 1), s);
                }
                chain.add(s);
            }
            canonical.add(chain);
        }
        iteration = plan.iteration("OUTAGE");
        for (List<UUID> chain : canonical) {
            this.chains.add(chain.stream().map(s -> plan.stepInstance(iteration, s)).toList());
        }
    }

    static String auth(Fixtures.TestUser u) {
        return BenchClient.basic(u.username(), Fixtures.PASSWORD);
    }

    static JsonNode json(BenchClient.Result r) {
        try {
            return JsonMapper.get().readTree(r.body());
        } catch (Exception e) {
            return null;
        }
    }

    static boolean isJsonError(BenchClient.Result r, String code) {
        JsonNode n = json(r);
        return n != null && n.path("error").asText().equals(code) && n.path("message").isTextual();
    }

    /** An acknowledged status change: the server said 200 to moving {@code step} to {@code to}. */
    record Ack(UUID step, String to) {
    }

    /**
     * Every acknowledged change is in the event log; every step's status is the "to" of its last status event
     * (PENDING without one); a step past PENDING has its predecessor DONE (readiness is committed with the
     * change that caused it); the iteration's change version is its newest event's.
     */
    List<String> inconsistencies(Database db, List<Ack> acks) {
        List<String> problems = new ArrayList<>();
        db.transactor().readOnly(c -> {
            for (Ack a : acks) {
                boolean present = Jdbc.one(c, "SELECT 1 FROM event_log WHERE iteration_id = ? AND step_instance_id = ? "
                        + "AND event_type = 'STEP_STATUS_CHANGED' AND details ->> 'to' = ?", rs -> true, iteration, a.step(), a.to()).isPresent();
                if (!present) {
                    problems.add("acknowledged change lost: " + a);
                }
            }
            for (List<UUID> chain : chains) {
                String previous = "DONE";
                for (UUID step : chain) {
                    String status = Jdbc.one(c, "SELECT status FROM step_instances WHERE id = ?", rs -> rs.getString(1), step).orElseThrow();
                    String last = Jdbc.one(c, "SELECT details ->> 'to' FROM event_log WHERE step_instance_id = ? AND event_type = "
                            + "'STEP_STATUS_CHANGED' ORDER BY change_version DESC, occurred_at DESC LIMIT 1", rs -> rs.getString(1), step)
                            .orElse(chain.indexOf(step) == 0 ? "READY" : "PENDING");
                    if (!status.equals(last)) {
                        problems.add("step " + step + " is " + status + " but its last event says " + last);
                    }
                    if (!status.equals("PENDING") && !previous.equals("DONE")) {
                        problems.add("step " + step + " is " + status + " while its predecessor is " + previous);
                    }
                    if (status.equals("PENDING") && previous.equals("DONE")) {
                        problems.add("step " + step + " is still PENDING although its predecessor is DONE");
                    }
                    previous = status;
                }
            }
            Map<String, Long> v = Jdbc.one(c, "SELECT i.change_version AS iv, (SELECT max(change_version) FROM event_log e "
                    + "WHERE e.iteration_id = i.id) AS ev FROM iterations i WHERE i.id = ?",
                    rs -> Map.of("iteration", rs.getLong(1), "events", rs.getLong(2)), iteration).orElseThrow();
            if (!v.get("iteration").equals(v.get("events"))) {
                problems.add("iteration change_version " + v.get("iteration") + " but newest event version " + v.get("events"));
            }
            return null;
        });
        return problems;
    }
}
