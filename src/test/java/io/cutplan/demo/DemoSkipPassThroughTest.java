package io.cutplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.StepStatus;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.runbook.ChangeResult;
import io.cutplan.service.runbook.EventView;
import io.cutplan.service.runbook.RunbookViews;
import io.cutplan.service.runbook.TransitionCommand;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17's acceptance: the finding reproduced on the realistic demo's running iteration. A pilot skips a PENDING
 * consolidation step while steps feeding it are unfinished: the IT go/no-go it feeds stays PENDING (before the
 * change it became READY at once), the panel names what it waits for, and it becomes READY in the very change that
 * finishes the last of those steps, not one change earlier.
 */
@ExtendWith(TestDatabase.class)
class DemoSkipPassThroughTest {

    record Row(UUID id, String code, StepStatus status, StepStatus heldFrom, int version) {
    }

    @Test
    void skippingAConsolidationLeavesTheItGoNoGoPendingUntilItsFeedingStepsFinish(Database db) throws Exception {
        DemoSummary demo = DemoRunbooks.load(db, "realistic", DemoRunbooks.DEFAULT_SEED);
        try (CutplanServices services = new CutplanServices(db, new HostSettings(null, "http://localhost"))) {
            Caller pilot = services.callers().resolve(Optional.of(DemoAccounts.PILOT.username()));
            UUID it = demo.iteration("DR2");
            Map<UUID, Row> rows = rows(db, it);
            Map<UUID, List<UUID>> preds = predecessors(db, it);
            Map<String, UUID> byCode = new HashMap<>();
            rows.values().forEach(r -> byCode.put(r.code(), r.id()));

            // A PENDING consolidation (CHK feeding an IGO) whose feeding chapter exits are partly unfinished; the one
            // with the least unfinished work behind it, so the test finishes that work in a few hundred moves.
            UUID consolidation = null;
            UUID gate = null;
            List<UUID> feed = null;
            for (Row r : rows.values()) {
                if (!r.code().startsWith("IGO-") || r.status() != StepStatus.PENDING) {
                    continue;
                }
                UUID chk = preds.get(r.id()).get(0);
                Row c = rows.get(chk);
                long openDirect = preds.get(chk).stream().filter(p -> rows.get(p).status() != StepStatus.DONE).count();
                if (!c.code().startsWith("CHK-") || c.status() != StepStatus.PENDING || openDirect < 2
                        || preds.get(chk).size() - openDirect < 1) {
                    continue;
                }
                List<UUID> open = unfinishedFeed(chk, rows, preds);
                if (feed == null || open.size() < feed.size()) {
                    consolidation = chk;
                    gate = r.id();
                    feed = open;
                }
            }
            assertThat(consolidation).as("the running demo iteration has a PENDING consolidation with open feeding steps").isNotNull();
            assertThat(preds.get(gate)).containsExactly(consolidation);
            Set<String> openDirect = new HashSet<>();
            for (UUID p : preds.get(consolidation)) {
                if (rows.get(p).status() != StepStatus.DONE) {
                    openDirect.add(rows.get(p).code());
                }
            }

            // The skip: the gate stays PENDING, and says which of the feeding steps it waits for.
            ChangeResult skip = services.runbook().transition(pilot, it, consolidation,
                    new TransitionCommand(StepStatus.SKIPPED, rows.get(consolidation).version(), "Consolidated by phone", false));
            assertThat(automaticMoves(skip)).as("the skip releases nothing").isEmpty();
            assertThat(rows(db, it).get(gate).status()).isEqualTo(StepStatus.PENDING);
            RunbookViews.StepDetail gateDetail = services.runbookQueries().step(pilot, it, gate);
            assertThat(gateDetail.waitingForCount()).isEqualTo(openDirect.size());
            assertThat(gateDetail.waitingFor()).hasSize(Math.min(20, openDirect.size()));
            assertThat(openDirect).containsAll(gateDetail.waitingFor());
            assertThat(services.runbookQueries().step(pilot, it, consolidation).waitingForCount()).isEqualTo(openDirect.size());

            // Finish the feeding work in dependency order; the gate stays PENDING until the very last step is DONE.
            String gateCode = rows.get(gate).code();
            int moves = 0;
            for (int i = 0; i < feed.size(); i++) {
                UUID step = feed.get(i);
                boolean last = i == feed.size() - 1;
                List<String> released = new ArrayList<>();
                for (ChangeResult r : finish(services, pilot, it, db, step)) {
                    released.addAll(automaticMoves(r));
                    moves++;
                }
                if (last) {
                    assertThat(released).as("the last feeding step releases the gate in its own change")
                            .contains(gateCode + ":PENDING>READY");
                } else {
                    assertThat(released).as("after %s, %d feeding steps still open", rows.get(step).code(), feed.size() - i - 1)
                            .doesNotContain(gateCode + ":PENDING>READY");
                    assertThat(rows(db, it).get(gate).status()).isEqualTo(StepStatus.PENDING);
                }
            }
            assertThat(moves).isGreaterThan(feed.size());
            assertThat(rows(db, it).get(gate).status()).isEqualTo(StepStatus.READY);
            assertThat(rows(db, it).get(consolidation).status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(services.runbookQueries().step(pilot, it, gate).waitingFor()).isEmpty();
        }
    }

    /** Every unfinished step the consolidation's work depends on (transitively), in dependency order. */
    private static List<UUID> unfinishedFeed(UUID step, Map<UUID, Row> rows, Map<UUID, List<UUID>> preds) {
        Set<UUID> out = new LinkedHashSet<>();
        visit(step, rows, preds, out, new HashSet<>());
        out.remove(step);
        return new ArrayList<>(out);
    }

    private static void visit(UUID step, Map<UUID, Row> rows, Map<UUID, List<UUID>> preds, Set<UUID> out, Set<UUID> seen) {
        if (!seen.add(step) || rows.get(step).status() == StepStatus.DONE) {
            return;
        }
        for (UUID p : preds.getOrDefault(step, List.of())) {
            visit(p, rows, preds, out, seen);
        }
        out.add(step);
    }

    /** Drives one step to DONE the way the night would: release or retry, start, done (gate overridden by the pilot). */
    private static List<ChangeResult> finish(CutplanServices services, Caller pilot, UUID it, Database db, UUID step) {
        List<ChangeResult> out = new ArrayList<>();
        for (int guard = 0; guard < 5; guard++) {
            Row r = rows(db, it).get(step);
            StepStatus to = switch (r.status()) {
                case READY, FAILED -> StepStatus.IN_PROGRESS;
                case ON_HOLD -> r.heldFrom();
                case IN_PROGRESS -> StepStatus.DONE;
                case DONE -> null;
                default -> throw new AssertionError(r.code() + " is " + r.status() + " although everything before it is DONE");
            };
            if (to == null) {
                return out;
            }
            boolean done = to == StepStatus.DONE;
            out.add(services.runbook().transition(pilot, it, step,
                    new TransitionCommand(to, r.version(), done ? "Rehearsal: gate checked by phone" : null, done)));
        }
        throw new AssertionError("step did not finish");
    }

    private static List<String> automaticMoves(ChangeResult r) {
        List<String> out = new ArrayList<>();
        for (EventView e : r.events()) {
            if (e.type().equals("STEP_STATUS_CHANGED") && Boolean.TRUE.equals(e.details().get("automatic"))) {
                out.add(e.details().get("stepCode") + ":" + e.details().get("from") + ">" + e.details().get("to"));
            }
        }
        return out;
    }

    private static Map<UUID, Row> rows(Database db, UUID it) {
        Map<UUID, Row> out = new HashMap<>();
        db.transactor().readOnly(c -> Jdbc.list(c, """
                SELECT si.id, s.code, si.status, si.held_from, si.version FROM step_instances si
                  JOIN baseline_steps s ON s.iteration_id = si.iteration_id AND s.id = si.step_id
                 WHERE si.iteration_id = ?""", rs -> {
            Row r = new Row(Jdbc.uuid(rs, "id"), rs.getString("code"), Jdbc.enumValue(rs, "status", StepStatus.class),
                    Jdbc.enumValue(rs, "held_from", StepStatus.class), rs.getInt("version"));
            out.put(r.id(), r);
            return r;
        }, it));
        return out;
    }

    /** Step instance id -> its in-scope predecessors' instance ids. */
    private static Map<UUID, List<UUID>> predecessors(Database db, UUID it) {
        Map<UUID, List<UUID>> out = new HashMap<>();
        db.transactor().readOnly(c -> Jdbc.list(c, """
                SELECT p.id AS pred, s.id AS succ FROM baseline_dependencies d
                  JOIN step_instances p ON p.iteration_id = d.iteration_id AND p.step_id = d.predecessor_step_id
                  JOIN step_instances s ON s.iteration_id = d.iteration_id AND s.step_id = d.successor_step_id
                 WHERE d.iteration_id = ?""", rs -> {
            out.computeIfAbsent(Jdbc.uuid(rs, "succ"), k -> new ArrayList<>()).add(Jdbc.uuid(rs, "pred"));
            return null;
        }, it));
        return out;
    }
}
