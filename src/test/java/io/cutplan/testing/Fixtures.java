package io.cutplan.testing;

import io.cutplan.domain.Caller;
import io.cutplan.domain.IterationType;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.PasswordHasher;
import io.cutplan.service.iteration.InstantiationService;
import io.cutplan.service.iteration.NewIteration;
import io.cutplan.store.Database;
import io.cutplan.store.Ids;
import io.cutplan.store.Jdbc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes test data straight into a database with plain SQL, independent of the API under test. Every name
 * it creates carries a unique suffix, so test classes sharing one database never collide.
 */
public final class Fixtures {
    public static final String PASSWORD = "test-password";
    private static final String PASSWORD_HASH = PasswordHasher.hash(PASSWORD);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Database db;
    private final String suffix;

    private Fixtures(Database db) {
        this.db = db;
        this.suffix = "_" + ProcessHandle.current().pid() % 10000 + "_" + COUNTER.incrementAndGet();
    }

    public static Fixtures in(Database db) {
        return new Fixtures(db);
    }

    public record TestUser(UUID id, String username) {
    }

    public UUID team(String code) {
        UUID id = Ids.newId();
        db.transactor().inTransaction(c -> Jdbc.update(c, "INSERT INTO teams (id, code, name, email) VALUES (?, ?, ?, ?)",
                id, code + suffix, "Team " + code, code.toLowerCase() + suffix + "@teams.example"));
        return id;
    }

    /** A user with {@link #PASSWORD}, the given role and team memberships; the username gets the fixture's suffix. */
    public TestUser user(String name, Role role, UUID... teams) {
        UUID id = Ids.newId();
        String username = name + suffix;
        db.transactor().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO users (id, username, display_name, email, role) VALUES (?, ?, ?, ?, ?)",
                    id, username, "User " + name, username + "@example.com", role);
            Jdbc.update(c, "INSERT INTO local_credentials (user_id, password_hash) VALUES (?, ?)", id, PASSWORD_HASH);
            for (UUID t : teams) {
                Jdbc.update(c, "INSERT INTO teams_tms_x_users_usr (team_id, user_id) VALUES (?, ?)", t, id);
            }
            return null;
        });
        return new TestUser(id, username);
    }

    public Plan plan(String name) {
        return new Plan(name);
    }

    /** A canonical plan under construction: steps go into the current chapter. */
    public final class Plan {
        public final UUID id = Ids.newId();
        private UUID phase;
        private UUID chapter;
        private int phases;
        private int chapters;
        private int steps;
        private UUID migration;

        private Plan(String name) {
            db.transactor().inTransaction(c -> Jdbc.update(c, "INSERT INTO plans (id, code, name) VALUES (?, ?, ?)",
                    id, "PLAN" + suffix, name));
            phase("Preparation");
            chapter("Chapter 1");
        }

        public UUID phase(String name) {
            phase = Ids.newId();
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, ?, ?)", phase, id, phases++, name));
            return phase;
        }

        public UUID chapter(String name) {
            chapter = Ids.newId();
            int position = chapters++;
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, ?, ?, ?)",
                    chapter, id, phase, position, "CH" + position, name));
            return chapter;
        }

        public UUID currentChapter() {
            return chapter;
        }

        /** A step in the current chapter. */
        public UUID step(String code, String title, UUID ownerTeam) {
            return step(code, title, ownerTeam, 30, false);
        }

        public UUID step(String code, String title, UUID ownerTeam, int minutes, boolean goNoGo) {
            UUID step = Ids.newId();
            int position = steps++;
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, owner_team_id, "
                            + "planned_duration_minutes, go_no_go) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    step, id, chapter, position, code, code.substring(0, code.indexOf('-')), title, ownerTeam, minutes, goNoGo));
            return step;
        }

        public void impacts(UUID step, UUID team) {
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO step_impacted_teams (step_id, team_id) VALUES (?, ?)", step, team));
        }

        public void dependency(UUID predecessor, UUID successor) {
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)",
                    id, predecessor, successor));
        }

        public UUID task(UUID step, String title, UUID assignedTeam) {
            return task(step, title, assignedTeam, null);
        }

        public UUID task(UUID step, String title, UUID assignedTeam, UUID nominatedUser) {
            UUID task = Ids.newId();
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO tasks (id, step_id, position, title, assigned_team_id, nominated_user_id) "
                            + "VALUES (?, ?, (SELECT count(*) FROM tasks WHERE step_id = ?), ?, ?, ?)",
                    task, step, step, title, assignedTeam, nominatedUser));
            return task;
        }

        public UUID control(String code, String title, boolean critical) {
            UUID control = Ids.newId();
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO controls (id, plan_id, code, title, critical) VALUES (?, ?, ?, ?, ?)",
                    control, id, code, title, critical));
            return control;
        }

        public void link(UUID task, UUID control) {
            db.transactor().inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO task_controls_link (task_id, control_id) VALUES (?, ?)", task, control));
        }

        /** Instantiates the whole plan as a new iteration (starting now, 60 hours long). */
        public UUID iteration(String code) {
            return iteration(code, null);
        }

        public UUID iteration(String code, Set<UUID> scope) {
            if (migration == null) {
                migration = Ids.newId();
                db.transactor().inTransaction(c -> Jdbc.update(c, "INSERT INTO migrations (id, code, name) VALUES (?, ?, ?)",
                        migration, "MIG" + suffix, "Migration" + suffix));
            }
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            NewIteration spec = new NewIteration(migration, id, code, "Iteration " + code, IterationType.RUN,
                    start, start.plus(60, ChronoUnit.HOURS), scope);
            return db.transactor().inTransaction(c ->
                    InstantiationService.createIteration(c, Caller.system(), spec, List.of()).iterationId());
        }

        public UUID migration() {
            return migration;
        }

        /** The instance of a canonical step in an iteration. */
        public UUID stepInstance(UUID iteration, UUID step) {
            return db.transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT id FROM step_instances WHERE iteration_id = ? AND step_id = ?",
                    rs -> Jdbc.uuid(rs, "id"), iteration, step)).orElseThrow();
        }

        public UUID taskInstance(UUID iteration, UUID task) {
            return db.transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT id FROM task_instances WHERE iteration_id = ? AND task_id = ?",
                    rs -> Jdbc.uuid(rs, "id"), iteration, task)).orElseThrow();
        }

        public String stepStatus(UUID iteration, UUID step) {
            return db.transactor().readOnly(c -> Jdbc.one(c,
                    "SELECT status FROM step_instances WHERE iteration_id = ? AND step_id = ?",
                    rs -> rs.getString(1), iteration, step)).orElseThrow();
        }
    }
}
