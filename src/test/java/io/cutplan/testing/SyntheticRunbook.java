package io.cutplan.testing;

import io.cutplan.domain.Caller;
import io.cutplan.domain.IterationType;
import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.NewIteration;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.Jdbc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A realistic-sized runbook written with set-based SQL in one transaction (about a second): 5 macro-phases,
 * 66 chapters, {@code steps} steps in long chains with a join every tenth step, about 2.3 tasks per step, 150
 * controls (30 critical) linked to the first task of every eighth step, 65 owner teams. For measurements; the demo
 * generator is a separate thing.
 */
public final class SyntheticRunbook {
    public final UUID planId = Ids.newId();
    public final UUID iterationId;
    public final String prefix;

    private SyntheticRunbook(UUID iterationId, String prefix) {
        this.iterationId = iterationId;
        this.prefix = prefix;
    }

    public static SyntheticRunbook create(Database db, int steps) {
        String prefix = "S" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        UUID planId = Ids.newId();
        UUID migration = Ids.newId();
        UUID iteration = db.transactor().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO plans (id, code, name) VALUES (?, ?, ?)", planId, prefix, "Synthetic " + prefix);
            Jdbc.update(c, "INSERT INTO teams (id, code, name) SELECT gen_random_uuid(), ? || '-T' || g, 'Team ' || ? || ' ' || g "
                    + "FROM generate_series(1, 65) g", prefix, prefix);
            Jdbc.update(c, "INSERT INTO macro_phases (id, plan_id, position, name) "
                    + "SELECT gen_random_uuid(), ?, g - 1, 'Phase ' || g FROM generate_series(1, 5) g", planId);
            Jdbc.update(c, """
                    INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name)
                    SELECT gen_random_uuid(), ?, mp.id, g - 1, 'CH' || g, 'Chapter ' || g
                      FROM generate_series(1, 66) g JOIN macro_phases mp ON mp.plan_id = ? AND mp.position = (g - 1) * 5 / 66""",
                    planId, planId);
            Jdbc.update(c, """
                    WITH ch AS (SELECT id, row_number() OVER (ORDER BY position) AS rn FROM chapters WHERE plan_id = ?),
                         tm AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS rn FROM teams WHERE code LIKE ? || '-T%')
                    INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, owner_team_id,
                                       planned_duration_minutes, go_no_go)
                    SELECT gen_random_uuid(), ?, ch.id, g, CASE WHEN g % 100 = 0 THEN 'GON-' ELSE 'TRT-' END || g,
                           CASE WHEN g % 100 = 0 THEN 'GON' ELSE 'TRT' END, 'Synthetic step ' || g || ' &amp; more',
                           tm.id, 5 + g % 116, g % 100 = 0
                      FROM generate_series(1, ?) g
                      JOIN ch ON ch.rn = ((g - 1) * 66 / ?) + 1
                      JOIN tm ON tm.rn = g % 65""", planId, prefix, planId, steps, steps);
            Jdbc.update(c, """
                    WITH n AS (SELECT id, substring(code from '[0-9]+$')::int AS k FROM steps WHERE plan_id = ?)
                    INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id)
                    SELECT ?, a.id, b.id FROM n a JOIN n b ON b.k = a.k + 1 WHERE b.k % 50 <> 1
                    UNION
                    SELECT ?, a.id, b.id FROM n a JOIN n b ON b.k = a.k + 7 WHERE b.k % 10 = 0""", planId, planId, planId);
            Jdbc.update(c, """
                    WITH n AS (SELECT s.id, s.owner_team_id, substring(s.code from '[0-9]+$')::int AS k FROM steps s WHERE s.plan_id = ?)
                    INSERT INTO tasks (id, step_id, position, title, assigned_team_id)
                    SELECT gen_random_uuid(), n.id, p - 1, 'Task ' || p || ' of step ' || n.k, n.owner_team_id
                      FROM n CROSS JOIN LATERAL generate_series(1, CASE WHEN n.k % 5 = 0 THEN 4 ELSE 1 + n.k % 3 END) p""", planId);
            Jdbc.update(c, "INSERT INTO controls (id, plan_id, code, title, critical) "
                    + "SELECT gen_random_uuid(), ?, 'CTL-' || g, 'Control ' || g, g % 5 = 0 FROM generate_series(1, 150) g", planId);
            Jdbc.update(c, """
                    WITH n AS (SELECT s.id, substring(s.code from '[0-9]+$')::int AS k FROM steps s WHERE s.plan_id = ?)
                    INSERT INTO task_controls_link (task_id, control_id)
                    SELECT t.id, ctl.id FROM n JOIN tasks t ON t.step_id = n.id AND t.position = 0
                      JOIN controls ctl ON ctl.plan_id = ? AND ctl.code = 'CTL-' || ((n.k / 8) % 150 + 1)
                     WHERE n.k % 8 = 0""", planId, planId);
            Jdbc.update(c, "INSERT INTO migrations (id, code, name) VALUES (?, ?, ?)", migration, prefix, "Synthetic " + prefix);
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            return InstantiationService.createIteration(c, Caller.system(), new NewIteration(migration, planId, "RUN1",
                    "Synthetic run", IterationType.RUN, start, start.plus(60, ChronoUnit.HOURS), null), List.of()).iterationId();
        });
        return new SyntheticRunbook(iteration, prefix);
    }
}
