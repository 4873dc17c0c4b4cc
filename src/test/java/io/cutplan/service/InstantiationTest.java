package io.cutplan.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestDatabase;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Instantiation copies exactly the in-scope rows with the right initial statuses. */
@ExtendWith(TestDatabase.class)
class InstantiationTest {

    @Test
    void copiesOnlyInScopeRowsAndMarksStepsWithoutInScopePredecessorsReady(Database db) {
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        Fixtures.Plan plan = fx.plan("Plan");
        UUID a = plan.step("PRE-1", "Freeze changes", team);
        UUID b = plan.step("TRT-2", "Stop batch", team);
        UUID c = plan.step("TRT-3", "Copy data", team);
        UUID outOfScope = plan.step("CHK-4", "Optional check", team);
        UUID join = plan.step("GON-5", "Go / no-go", team, 15, true);
        plan.dependency(a, b);
        plan.dependency(outOfScope, c);   // c's only predecessor is out of scope: c starts READY
        plan.dependency(b, join);
        plan.dependency(c, join);
        UUID t1 = plan.task(b, "Stop jobs", team);
        plan.task(b, "Confirm", team);
        UUID t3 = plan.task(outOfScope, "Not copied", team);
        UUID ctl = plan.control("CTL-1", "Balances match", true);
        UUID unrelated = plan.control("CTL-2", "Only on an out-of-scope task", false);
        plan.link(t1, ctl);
        plan.link(t3, unrelated);

        UUID it = plan.iteration("RUN1", Set.of(a, b, c, join));

        assertThat(plan.stepStatus(it, a)).isEqualTo("READY");
        assertThat(plan.stepStatus(it, b)).isEqualTo("PENDING");
        assertThat(plan.stepStatus(it, c)).isEqualTo("READY");
        assertThat(plan.stepStatus(it, join)).isEqualTo("PENDING");
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ?", it)).isEqualTo(4);
        assertThat(count(db, "SELECT count(*) FROM task_instances WHERE iteration_id = ?", it)).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM control_iteration_status WHERE iteration_id = ? AND status = 'PENDING'", it))
                .isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM step_instances WHERE iteration_id = ? AND status = 'READY' AND ready_at IS NULL", it))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM event_log WHERE iteration_id = ? AND event_type = 'ITERATION_CREATED' "
                + "AND change_version = 1", it)).isEqualTo(1);
        assertThat(count(db, "SELECT change_version FROM iterations WHERE id = ?", it)).isEqualTo(1);
    }

    private static long count(Database db, String sql, UUID id) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1), id).orElseThrow());
    }
}
