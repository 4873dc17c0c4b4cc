package io.cutplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.IterationType;
import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.NewIteration;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The realistic demo in a real database: figures, idempotency, an acyclic graph, statuses that obey the
 * lifecycle in executed and running iterations, coherent change versions and events, the demo accounts, and
 * the instantiation time of a 1,200-step plan.
 */
@ExtendWith(TestDatabase.class)
class DemoRunbooksTest {
    private static final List<String> EXECUTED = List.of("RUN1", "RUN2", "RUN3", "DR1");
    private static DemoSummary summary;

    @BeforeAll
    static void load(Database db) {
        summary = DemoRunbooks.load(db, "realistic", DemoRunbooks.DEFAULT_SEED);
    }

    @Test
    void loadsTheStatedFigures(Database db) {
        assertThat(summary.loaded()).isTrue();
        assertThat(summary.iterationIds().keySet()).containsExactly("RUN1", "RUN2", "RUN3", "DR1", "DR2", "DR3", "CUTOVER");
        assertThat(count(db, "SELECT count(*) FROM macro_phases")).isEqualTo(5);
        assertThat(count(db, "SELECT count(*) FROM chapters")).isEqualTo(66);
        assertThat(count(db, "SELECT count(*) FROM steps")).isBetween(1150L, 1250L);
        assertThat(count(db, "SELECT count(*) FROM tasks")).isBetween(2600L, 2800L);
        assertThat(count(db, "SELECT count(*) FROM controls")).isBetween(120L, 180L);
        assertThat(count(db, "SELECT count(*) FROM teams")).isEqualTo(65);
        // 200 generated with the four original accounts, plus the second pilot (four-eyes demo)
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(201);
        assertThat(count(db, "SELECT max(n) FROM (SELECT count(*) n FROM steps GROUP BY chapter_id) x")).isBetween(150L, 200L);
        assertThat(count(db, "SELECT min(n) FROM (SELECT count(*) n FROM steps GROUP BY chapter_id) x")).isEqualTo(1);
        assertThat(count(db, "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) n FROM tasks GROUP BY step_id) x"))
                .isEqualTo(1);
        assertThat(count(db, "SELECT max(n) FROM (SELECT count(*) n FROM tasks GROUP BY step_id) x")).isBetween(45L, 55L);
        assertThat(count(db, "SELECT count(*) FROM steps WHERE planned_duration_minutes NOT BETWEEN 5 AND 120")).isZero();
        assertThat(count(db, "SELECT count(*) FROM steps WHERE go_no_go <> (step_type IN ('IGO', 'BGO', 'GON'))")).isZero();
        // Critical controls are linked to tasks of go/no-go steps only.
        assertThat(count(db, "SELECT count(*) FROM controls k JOIN task_controls_link l ON l.control_id = k.id "
                + "JOIN tasks t ON t.id = l.task_id JOIN steps s ON s.id = t.step_id WHERE k.critical AND NOT s.go_no_go")).isZero();
        assertThat(count(db, "SELECT count(*) FROM controls WHERE critical")).isGreaterThan(10);
        assertThat(count(db, "SELECT count(*) FROM steps WHERE owner_team_id IS NULL")).isPositive();
        assertThat(count(db, "SELECT count(*) FROM steps WHERE title LIKE '%&%' OR title LIKE '%<%'")).isPositive();
        assertThat(count(db, "SELECT count(*) FROM chapter_schedules")).isEqualTo(7 * 66);
    }

    @Test
    void loadingAgainAddsNothing(Database db) {
        Map<String, Long> before = tableCounts(db);
        DemoSummary again = DemoRunbooks.load(db, "realistic", DemoRunbooks.DEFAULT_SEED);
        assertThat(again.loaded()).isFalse();
        assertThat(again.planId()).isEqualTo(summary.planId());
        assertThat(again.iterationIds()).isEqualTo(summary.iterationIds());
        assertThat(DemoRunbooks.load(db, "realistic", 99).loaded()).as("another seed: still the same demo code").isFalse();
        assertThat(tableCounts(db)).isEqualTo(before);
    }

    @Test
    void theDependencyGraphIsAcyclicAndOnlyChainHeadsLackAPredecessor(Database db) {
        List<UUID[]> edges = db.transactor().readOnly(c -> Jdbc.list(c,
                "SELECT predecessor_step_id, successor_step_id FROM step_dependencies WHERE plan_id = ?",
                rs -> new UUID[] {Jdbc.uuid(rs, "predecessor_step_id"), Jdbc.uuid(rs, "successor_step_id")}, summary.planId()));
        List<UUID> steps = db.transactor().readOnly(c -> Jdbc.list(c, "SELECT id FROM steps WHERE plan_id = ?",
                rs -> Jdbc.uuid(rs, "id"), summary.planId()));
        // Kahn's algorithm: every step gets removed exactly when the graph has no cycle.
        Map<UUID, Integer> indegree = new HashMap<>();
        Map<UUID, List<UUID>> out = new HashMap<>();
        steps.forEach(s -> indegree.put(s, 0));
        for (UUID[] e : edges) {
            indegree.merge(e[1], 1, Integer::sum);
            out.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        }
        List<UUID> queue = new ArrayList<>(steps.stream().filter(s -> indegree.get(s) == 0).toList());
        int removed = 0;
        while (!queue.isEmpty()) {
            UUID s = queue.remove(queue.size() - 1);
            removed++;
            for (UUID next : out.getOrDefault(s, List.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    queue.add(next);
                }
            }
        }
        assertThat(removed).isEqualTo(steps.size());
        assertThat(edges.size()).isGreaterThan(steps.size());
        // Heads: entries (position 0) of chapters of the first macro-phase, and only a handful of them.
        assertThat(count(db, "SELECT count(*) FROM steps s JOIN chapters ch ON ch.id = s.chapter_id "
                + "JOIN macro_phases mp ON mp.id = ch.macro_phase_id WHERE NOT EXISTS (SELECT 1 FROM step_dependencies d "
                + "WHERE d.successor_step_id = s.id) AND (mp.position <> 0 OR s.position <> 0)")).isZero();
        assertThat(count(db, "SELECT count(*) FROM steps s WHERE NOT EXISTS "
                + "(SELECT 1 FROM step_dependencies d WHERE d.successor_step_id = s.id)")).isBetween(1L, 12L);
        assertThat(count(db, "SELECT count(*) FROM (SELECT successor_step_id FROM step_dependencies "
                + "GROUP BY 1 HAVING count(*) > 1) j")).as("joins").isGreaterThan(50);
    }

    @Test
    void executedIterationsAreCompleteWithActualTimesAndAFewRetries(Database db) {
        for (String code : EXECUTED) {
            UUID it = summary.iteration(code);
            assertThat(count(db, "SELECT count(*) FROM iterations WHERE id = ? AND status = 'COMPLETED'", it)).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status <> 'DONE'", it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND NOT "
                    + "(ready_at <= started_at AND started_at < finished_at)", it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM task_instances WHERE iteration_id = ? AND status <> 'DONE'", it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM control_iteration_status WHERE iteration_id = ? AND status <> 'PASSED'", it))
                    .isZero();
            // A successor became ready when its last predecessor finished, never before.
            assertThat(count(db, "SELECT count(*) FROM step_dependencies d "
                    + "JOIN step_instances p ON p.step_id = d.predecessor_step_id JOIN step_instances s ON s.step_id = d.successor_step_id "
                    + "AND s.iteration_id = p.iteration_id WHERE p.iteration_id = ? AND s.ready_at < p.finished_at", it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_STATUS_CHANGED' "
                    + "AND details->>'to' = 'FAILED'", it)).isBetween(1L, 6L);
            assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'STEP_STATUS_CHANGED' "
                    + "AND details->>'from' = 'FAILED' AND details->>'to' = 'IN_PROGRESS'", it)).isBetween(1L, 6L);
            assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'CONTROL_STATUS_CHANGED' "
                    + "AND details->>'from' = 'FAILED' AND details->>'to' = 'PASSED'", it)).isPositive();
            assertThat(count(db, "SELECT count(*) FROM plan_instances WHERE iteration_id = ? AND status = 'COMPLETED' "
                    + "AND finished_at > started_at", it)).isEqualTo(1);
            assertCoherentHistory(db, it);
        }
    }

    @Test
    void theIterationUnderWayHasARealisticMixThatObeysTheLifecycle(Database db) {
        UUID it = summary.iteration("DR2");
        assertThat(count(db, "SELECT count(*) FROM iterations WHERE id = ? AND status = 'IN_PROGRESS' "
                + "AND planned_start < now() AND planned_end > now()", it)).isEqualTo(1);
        for (String status : List.of("DONE", "IN_PROGRESS", "READY", "PENDING")) {
            assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status = ?", it, status))
                    .as(status).isPositive();
        }
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status = 'FAILED'", it)).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status = 'ON_HOLD'", it)).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status IN ('SKIPPED', 'CANCELLED')", it))
                .isZero();
        // Nothing but PENDING may have a predecessor that is not DONE or SKIPPED...
        assertThat(count(db, "SELECT count(*) FROM step_instances s JOIN step_dependencies d ON d.successor_step_id = s.step_id "
                + "JOIN step_instances p ON p.step_id = d.predecessor_step_id AND p.iteration_id = s.iteration_id "
                + "WHERE s.iteration_id = ? AND s.status <> 'PENDING' AND p.status NOT IN ('DONE', 'SKIPPED')", it)).isZero();
        // ...and every PENDING step really waits for one (the server makes a released step READY at once).
        assertThat(count(db, "SELECT count(*) FROM step_instances s WHERE s.iteration_id = ? AND s.status = 'PENDING' "
                + "AND NOT EXISTS (SELECT 1 FROM step_dependencies d JOIN step_instances p ON p.step_id = d.predecessor_step_id "
                + "AND p.iteration_id = s.iteration_id WHERE d.successor_step_id = s.step_id AND p.status NOT IN ('DONE', 'SKIPPED'))",
                it)).isZero();
        // The gate: DONE steps have no open task and no critical control short of PASSED.
        assertThat(count(db, "SELECT count(*) FROM step_instances s JOIN task_instances t ON t.step_instance_id = s.id "
                + "WHERE s.iteration_id = ? AND s.status = 'DONE' AND t.status <> 'DONE'", it)).isZero();
        assertThat(count(db, "SELECT count(*) FROM step_instances s JOIN task_instances t ON t.step_instance_id = s.id "
                + "JOIN task_controls_link l ON l.task_id = t.task_id JOIN controls k ON k.id = l.control_id AND k.critical "
                + "JOIN control_iteration_status cs ON cs.control_id = k.id AND cs.iteration_id = s.iteration_id "
                + "WHERE s.iteration_id = ? AND s.status = 'DONE' AND cs.status <> 'PASSED'", it)).isZero();
        // Times fit the status.
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND ("
                + "(status = 'PENDING' AND (ready_at IS NOT NULL OR started_at IS NOT NULL)) "
                + "OR (status IN ('READY', 'ON_HOLD') AND (ready_at IS NULL OR started_at IS NOT NULL)) "
                + "OR (status = 'IN_PROGRESS' AND (started_at IS NULL OR finished_at IS NOT NULL)) "
                + "OR (status IN ('DONE', 'FAILED') AND (started_at IS NULL OR finished_at IS NULL)) "
                + "OR finished_at > now() OR started_at > now())", it)).isZero();
        assertThat(count(db, "SELECT count(*) FROM step_instances s JOIN task_instances t ON t.step_instance_id = s.id "
                + "WHERE s.iteration_id = ? AND s.status IN ('PENDING', 'READY', 'ON_HOLD') AND t.status = 'DONE'", it)).isZero();
        assertCoherentHistory(db, it);
    }

    @Test
    void plannedIterationsAreFreshInstancesWithASchedule(Database db) {
        for (String code : List.of("DR3", "CUTOVER")) {
            UUID it = summary.iteration(code);
            assertThat(count(db, "SELECT count(*) FROM iterations WHERE id = ? AND status = 'PLANNED' AND change_version = 2 "
                    + "AND planned_start > now()", it)).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status NOT IN ('READY', 'PENDING')",
                    it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ?", it)).isEqualTo(2);
        }
    }

    @Test
    void chapterSchedulesLieInsideTheWindowAndFollowThePhases(Database db) {
        for (UUID it : summary.iterationIds().values()) {
            assertThat(count(db, "SELECT count(*) FROM chapter_schedules cs JOIN iterations i ON i.id = cs.iteration_id "
                    + "WHERE i.id = ? AND (cs.planned_start < i.planned_start OR cs.planned_end > i.planned_end)", it)).isZero();
            // Every chapter of a phase starts once the previous phase's checkpoint chapter has ended.
            assertThat(count(db, "SELECT count(*) FROM chapter_schedules cs JOIN chapters ch ON ch.id = cs.chapter_id "
                    + "JOIN macro_phases mp ON mp.id = ch.macro_phase_id "
                    + "JOIN macro_phases prev ON prev.plan_id = mp.plan_id AND prev.position = mp.position - 1 "
                    + "JOIN chapters gate ON gate.macro_phase_id = prev.id "
                    + "AND gate.position = (SELECT max(position) FROM chapters WHERE macro_phase_id = prev.id) "
                    + "JOIN chapter_schedules gs ON gs.chapter_id = gate.id AND gs.iteration_id = cs.iteration_id "
                    + "WHERE cs.iteration_id = ? AND cs.planned_start < gs.planned_end", it)).isZero();
            assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'SCHEDULE_CHANGED' "
                    + "AND change_version = 2 AND (details->>'chapters')::int = 66", it)).isEqualTo(1);
        }
    }

    @Test
    void demoAccountsHaveTheirRolesAndTheExecutorOwnsReadySteps(Database db) {
        List<String> accounts = db.transactor().readOnly(c -> Jdbc.list(c,
                "SELECT username || ':' || role FROM users WHERE username IN ('admin', 'pilot', 'pilot2', 'executor', 'viewer') "
                        + "ORDER BY username",
                rs -> rs.getString(1)));
        assertThat(accounts).containsExactly("admin:ADMIN", "executor:NORMAL", "pilot:PILOT", "pilot2:PILOT", "viewer:NORMAL");
        assertThat(count(db, "SELECT count(*) FROM teams_tms_x_users_usr m JOIN users u ON u.id = m.user_id "
                + "WHERE u.username = 'viewer'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM step_instances si JOIN steps s ON s.id = si.step_id "
                + "JOIN teams_tms_x_users_usr m ON m.team_id = s.owner_team_id JOIN users u ON u.id = m.user_id "
                + "WHERE u.username = 'executor' AND si.iteration_id = ? AND si.status = 'READY'", summary.iteration("DR2"))).isPositive();
        assertThat(count(db, "SELECT count(*) FROM local_credentials")).as("no passwords without a hasher").isZero();
    }

    /**
     * Instantiating the 1,200-step plan (issue 2 asks for under one second). Timed in transactions that are
     * rolled back, so the demo stays as it is; the figure is printed, not asserted.
     */
    @Test
    void instantiatesTheRealisticPlanAndReportsTheTime(Database db) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                Instant start = Instant.now().plus(90, ChronoUnit.DAYS);
                NewIteration spec = new NewIteration(summary.migrationId(), summary.planId(), "PERF" + run, "Timing run",
                        IterationType.RUN, start, start.plus(60, ChronoUnit.HOURS), null);
                long began = System.nanoTime();
                InstantiationService.Created created = InstantiationService.createIteration(c, Caller.system(), spec, List.of());
                micros.add((System.nanoTime() - began) / 1000);
                assertThat(created.counts().steps()).isEqualTo(1200);
                assertThat(created.counts().tasks()).isEqualTo(2700);
                c.rollback();
            }
        }
        List<Long> sorted = micros.stream().sorted().toList();
        System.out.printf("Instantiation of the realistic plan (1,200 steps, 2,700 tasks): median %.1f ms, runs %s µs%n",
                sorted.get(sorted.size() / 2) / 1000.0, micros);
        System.out.println("Realistic demo load: " + summary.describe());
    }

    /** Versions, rows and events tell the same story. */
    private static void assertCoherentHistory(Database db, UUID it) {
        long version = count(db, "SELECT change_version FROM iterations WHERE id = ?", it);
        assertThat(version).isGreaterThan(2);
        // Every version from 1 to the current one is one change with at least one event; none beyond.
        assertThat(count(db, "SELECT count(DISTINCT change_version) FROM event_log WHERE iteration_id = ?", it)).isEqualTo(version);
        assertThat(count(db, "SELECT max(change_version) FROM event_log WHERE iteration_id = ?", it)).isEqualTo(version);
        for (String table : List.of("step_instances", "task_instances", "control_iteration_status", "chapter_schedules", "comments")) {
            assertThat(count(db, "SELECT count(*) FROM " + table + " WHERE iteration_id = ? AND changed_in_version > ?", it, version))
                    .as(table).isZero();
        }
        // Each step's last status event names its current status, and its row version counts its changes.
        assertThat(count(db, "SELECT count(*) FROM step_instances s JOIN LATERAL (SELECT e.details->>'to' AS status, "
                + "e.change_version FROM event_log e WHERE e.step_instance_id = s.id AND e.event_type = 'STEP_STATUS_CHANGED' "
                + "ORDER BY e.change_version DESC LIMIT 1) last ON true WHERE s.iteration_id = ? "
                + "AND (last.status <> s.status OR last.change_version <> s.changed_in_version)", it)).isZero();
        assertThat(count(db, "SELECT count(*) FROM step_instances s WHERE s.iteration_id = ? AND s.version <> 1 + "
                + "(SELECT count(*) FROM event_log e WHERE e.step_instance_id = s.id AND e.event_type = 'STEP_STATUS_CHANGED')", it))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM step_instances s WHERE s.iteration_id = ? AND s.status NOT IN ('READY', 'PENDING') "
                + "AND NOT EXISTS (SELECT 1 FROM event_log e WHERE e.step_instance_id = s.id)", it)).isZero();
        assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'TASK_COMPLETED'", it))
                .isEqualTo(count(db, "SELECT count(*) FROM task_instances WHERE iteration_id = ? AND status = 'DONE'", it));
        assertThat(count(db, "SELECT count(*) FROM task_instances t WHERE t.iteration_id = ? AND t.status = 'DONE' AND NOT EXISTS "
                + "(SELECT 1 FROM event_log e WHERE e.task_instance_id = t.id AND e.change_version = t.changed_in_version)", it)).isZero();
    }

    @Test
    void failuresAndHoldsAreExplainedInComments(Database db) {
        for (String code : EXECUTED) {
            UUID it = summary.iteration(code);
            assertThat(count(db, "SELECT count(*) FROM comments WHERE iteration_id = ?", it))
                    .isEqualTo(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND details->>'to' = 'FAILED' "
                            + "AND event_type = 'STEP_STATUS_CHANGED'", it));
        }
        UUID dr2 = summary.iteration("DR2");
        assertThat(count(db, "SELECT count(*) FROM comments c JOIN step_instances s ON s.id = c.step_instance_id "
                + "WHERE c.iteration_id = ? AND s.status IN ('FAILED', 'ON_HOLD')", dr2)).isEqualTo(2);
        // Each comment has its COMMENT_ADDED event in the same change.
        assertThat(count(db, "SELECT count(*) FROM comments c WHERE NOT EXISTS (SELECT 1 FROM event_log e "
                + "WHERE e.comment_id = c.id AND e.event_type = 'COMMENT_ADDED' AND e.change_version = c.changed_in_version "
                + "AND e.step_instance_id = c.step_instance_id AND e.details->>'excerpt' <> '')")).isZero();
        assertThat(count(db, "SELECT count(*) FROM comments")).isPositive();
    }

    private static Map<String, Long> tableCounts(Database db) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String t : List.of("teams", "users", "teams_tms_x_users_usr", "local_credentials", "plans", "macro_phases", "chapters",
                "steps", "step_impacted_teams", "step_dependencies", "tasks", "controls", "task_controls_link", "migrations",
                "iterations", "step_iteration_scope", "plan_instances", "step_instances", "task_instances",
                "control_iteration_status", "chapter_schedules", "comments", "event_log")) {
            out.put(t, count(db, "SELECT count(*) FROM " + t));
        }
        return out;
    }

    private static long count(Database db, String sql, Object... params) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), params).orElse(0L));
    }
}
