package io.cutplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V10 on a database that already runs iterations: each existing iteration gets a baseline equal to its plan as it
 * is (it read the plan live until then), its instances hang off that baseline, and from then on an edit of the plan
 * no longer shows in it.
 */
class BaselineMigrationTest {

    @Test
    void existingIterationsGetTheirPlanAsBaselineAndStopReadingThePlanLive() {
        var server = io.cutplan.testing.PostgresServer.get();
        DbConfig empty = server.createEmptyDatabase();
        try (Database db = Database.open(empty.withPoolSize(2))) {
            Flyway.configure(Database.class.getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("5").load().migrate();
            UUID plan = UUID.randomUUID(), phase = UUID.randomUUID(), chapter = UUID.randomUUID();
            UUID a = UUID.randomUUID(), b = UUID.randomUUID(), task = UUID.randomUUID(), control = UUID.randomUUID();
            UUID migration = UUID.randomUUID(), iteration = UUID.randomUUID(), planInstance = UUID.randomUUID();
            UUID stepInstance = UUID.randomUUID();
            db.transactor().inTransaction(c -> {
                Jdbc.update(c, "INSERT INTO plans (id, code, name, revision) VALUES (?, 'P', 'Plan', 7)", plan);
                Jdbc.update(c, "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, 0, 'Phase')", phase, plan);
                Jdbc.update(c, "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, 0, 'CH1', 'Ch')",
                        chapter, plan, phase);
                for (Object[] s : List.of(new Object[] {a, 0, "PRE-1", "First"}, new Object[] {b, 1, "TRT-2", "Second"})) {
                    Jdbc.update(c, "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, planned_duration_minutes) "
                            + "VALUES (?, ?, ?, ?, ?, 'X', ?, 10)", s[0], plan, chapter, s[1], s[2], s[3]);
                }
                Jdbc.update(c, "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)", plan, a, b);
                Jdbc.update(c, "INSERT INTO tasks (id, step_id, position, title) VALUES (?, ?, 0, 'Task')", task, a);
                Jdbc.update(c, "INSERT INTO controls (id, plan_id, code, title, critical) VALUES (?, ?, 'C1', 'Control', true)", control, plan);
                Jdbc.update(c, "INSERT INTO task_controls_link (task_id, control_id) VALUES (?, ?)", task, control);
                Jdbc.update(c, "INSERT INTO migrations (id, code, name) VALUES (?, 'M', 'M')", migration);
                Jdbc.update(c, "INSERT INTO iterations (id, migration_id, plan_id, code, name, iteration_type, planned_start, planned_end, "
                        + "status) VALUES (?, ?, ?, 'R1', 'R1', 'RUN', now(), now() + interval '1 day', 'IN_PROGRESS')", iteration, migration, plan);
                Jdbc.update(c, "INSERT INTO step_iteration_scope (iteration_id, step_id) VALUES (?, ?), (?, ?)", iteration, a, iteration, b);
                Jdbc.update(c, "INSERT INTO plan_instances (id, iteration_id, plan_id) VALUES (?, ?, ?)", planInstance, iteration, plan);
                Jdbc.update(c, "INSERT INTO step_instances (id, iteration_id, plan_instance_id, step_id, status) VALUES (?, ?, ?, ?, 'IN_PROGRESS'), "
                        + "(gen_random_uuid(), ?, ?, ?, 'PENDING')", stepInstance, iteration, planInstance, a, iteration, planInstance, b);
                Jdbc.update(c, "INSERT INTO task_instances (id, iteration_id, step_instance_id, task_id) VALUES (gen_random_uuid(), ?, ?, ?)",
                        iteration, stepInstance, task);
                Jdbc.update(c, "INSERT INTO control_iteration_status (iteration_id, control_id) VALUES (?, ?)", iteration, control);
                Jdbc.update(c, "INSERT INTO chapter_schedules (iteration_id, chapter_id, planned_start, planned_end) "
                        + "VALUES (?, ?, now(), now() + interval '1 hour')", iteration, chapter);
                return null;
            });

            db.migrate();

            assertThat(db.transactor().readOnly(c -> Jdbc.one(c, "SELECT baseline_revision FROM iterations WHERE id = ?",
                    rs -> rs.getLong(1), iteration)).orElseThrow()).isEqualTo(7);
            List<RunbookReadDao.StepSummaryRow> steps = db.transactor().readOnly(c -> RunbookReadDao.allSteps(c, iteration));
            assertThat(steps).extracting(RunbookReadDao.StepSummaryRow::title).containsExactly("First", "Second");
            assertThat(steps.get(0).tasksTotal()).isEqualTo(1);
            assertThat(steps.get(0).openCriticalControls()).isEqualTo(1);
            List<RunbookReadDao.Link> links = db.transactor().readOnly(c -> RunbookReadDao.links(c, iteration));
            assertThat(links).hasSize(1);
            List<RunbookReadDao.IterationChapterRow> chapters = db.transactor().readOnly(c -> RunbookReadDao.chapters(c, iteration));
            assertThat(chapters).hasSize(1);
            assertThat(chapters.get(0).scheduledStart()).isNotNull();

            // The plan is edited and loses a step: the running iteration does not notice.
            db.transactor().inTransaction(c -> {
                Jdbc.update(c, "UPDATE steps SET title = 'Renamed' WHERE id = ?", a);
                Jdbc.update(c, "DELETE FROM steps WHERE id = ?", b);
                return null;
            });
            List<RunbookReadDao.StepSummaryRow> after = db.transactor().readOnly(c -> RunbookReadDao.allSteps(c, iteration));
            assertThat(after).extracting(RunbookReadDao.StepSummaryRow::title).containsExactly("First", "Second");
            // Instances now hang off the baseline: one that names no baseline step is refused.
            assertThatThrownBy(() -> db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO step_instances (id, iteration_id, plan_instance_id, step_id, status) VALUES (gen_random_uuid(), ?, ?, ?, 'PENDING')",
                    iteration, planInstance, UUID.randomUUID()))).isInstanceOf(StoreException.class).hasMessageContaining("23503");
        } finally {
            server.drop(empty);
        }
    }
}
