package io.cutplan.demo;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class DemoSmokeScratch {
    @Test
    void load(Database db) {
        DemoModel m = PlanGenerator.generate(DemoSize.REALISTIC, DemoRunbooks.DEFAULT_SEED);
        System.out.println("CP minutes " + ChapterScheduler.criticalPathMinutes(m));
        int[] sizes = new int[m.chapters().size()];
        m.steps().forEach(s -> sizes[s.chapter()]++);
        System.out.println("chapter sizes " + java.util.Arrays.toString(sizes));
        System.out.println(DemoRunbooks.load(db, "realistic", DemoRunbooks.DEFAULT_SEED).describe());
        db.transactor().readOnly(c -> {
            for (String q : new String[] {
                    "SELECT i.code || ' ' || i.status || ' v' || i.change_version || ' ' || i.planned_start || ' .. ' || i.planned_end FROM iterations i ORDER BY planned_start",
                    "SELECT i.code || ' ' || si.status || ' ' || count(*) FROM step_instances si JOIN iterations i ON i.id = si.iteration_id GROUP BY i.code, si.status, i.planned_start ORDER BY i.planned_start, si.status",
                    "SELECT 'heads ' || count(*) FROM steps s WHERE NOT EXISTS (SELECT 1 FROM step_dependencies d WHERE d.successor_step_id = s.id)",
                    "SELECT 'tasks per step median ' || percentile_disc(0.5) WITHIN GROUP (ORDER BY n) || ' max ' || max(n) FROM (SELECT count(*) n FROM tasks GROUP BY step_id) x",
                    "SELECT 'owner teams ' || count(DISTINCT owner_team_id) || ' null owners ' || count(*) FILTER (WHERE owner_team_id IS NULL) FROM steps",
                    "SELECT 'joins ' || count(*) FROM (SELECT successor_step_id FROM step_dependencies GROUP BY 1 HAVING count(*) > 1) x",
                    "SELECT code || ' ' || title FROM steps ORDER BY random() LIMIT 25",
                    "SELECT title FROM tasks ORDER BY random() LIMIT 10",
                    "SELECT code || ' ' || critical || ' ' || title FROM controls ORDER BY random() LIMIT 8",
                    "SELECT username || ' ' || display_name || ' ' || role FROM users ORDER BY random() LIMIT 8",
                    "SELECT event_type || ' ' || details::text FROM event_log ORDER BY random() LIMIT 8",
                    "SELECT ch.code || ' ' || ch.name || ' ' || cs.planned_start || ' ' || cs.planned_end FROM chapter_schedules cs JOIN chapters ch ON ch.id = cs.chapter_id JOIN iterations i ON i.id = cs.iteration_id WHERE i.code = 'DR2' ORDER BY ch.plan_id, cs.planned_start LIMIT 70",
            }) {
                Jdbc.list(c, q, rs -> rs.getString(1)).forEach(System.out::println);
            }
            return null;
        });
    }
}
