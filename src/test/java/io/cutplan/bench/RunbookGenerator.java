package io.cutplan.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a runbook of any size straight into the database with batched SQL, shaped like the scraped real one
 * (domain.md): 5 macro-phases, chapters of about 18 steps, one long chain per chapter with a join into the
 * previous chapter every 7th step, 1 to 5 tasks per step (about 1.9 on average), a control per 8 steps, 65
 * owner teams, messy titles with HTML entities. Then instantiates it as an iteration. Chapter heads have no
 * predecessor, so about one step in 18 is READY at the start: enough parallel work for the load test.
 */
public final class RunbookGenerator {
    public static final String PASSWORD = "bench-password";
    private static final String[] TYPES = {"TRT", "PRE", "CHK", "SYS", "BUS", "TRT", "TRT", "IGO"};

    public record Runbook(UUID planId, UUID migrationId, UUID iterationId, int steps, int tasks, String pilot,
                          String viewer, String admin) {
    }

    private RunbookGenerator() {
    }

    /** Users named {@code pilot<suffix>}, {@code viewer<suffix>}, {@code admin<suffix>}, password {@link #PASSWORD}. */
    public static Runbook generate(Database db, int stepCount, String suffix) {
        String hash = PasswordHasher.hash(PASSWORD);
        UUID plan = Ids.newId();
        UUID migration = Ids.newId();
        List<UUID> teams = new ArrayList<>();
        List<Object[]> teamRows = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            UUID t = Ids.newId();
            teams.add(t);
            teamRows.add(new Object[] {t, "T" + i + suffix, "Team " + i + " &amp; friends", "team" + i + suffix + "@example.com"});
        }
        List<Object[]> phases = new ArrayList<>();
        List<UUID> phaseIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID p = Ids.newId();
            phaseIds.add(p);
            phases.add(new Object[] {p, plan, i, "Macro-phase " + (i + 1)});
        }
        int chapterCount = Math.max(1, Math.round(stepCount / 18f));
        List<UUID> chapterIds = new ArrayList<>();
        List<Object[]> chapters = new ArrayList<>();
        int[] chapterPosition = new int[5];
        for (int i = 0; i < chapterCount; i++) {
            UUID c = Ids.newId();
            chapterIds.add(c);
            int phase = i * 5 / chapterCount;
            chapters.add(new Object[] {c, plan, phaseIds.get(phase), chapterPosition[phase]++, "CH" + i, "Chapter " + i + ": <b>systems</b> &eacute;"});
        }
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> deps = new ArrayList<>();
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> controls = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        UUID[] stepIds = new UUID[stepCount];
        int[] stepChapter = new int[stepCount];
        int taskCount = 0;
        int perChapter = (int) Math.ceil(stepCount / (double) chapterCount);
        for (int i = 0; i < stepCount; i++) {
            int chapter = Math.min(chapterCount - 1, i / perChapter);
            int position = i - chapter * perChapter;
            UUID s = Ids.newId();
            stepIds[i] = s;
            stepChapter[i] = chapter;
            String type = TYPES[i % TYPES.length];
            steps.add(new Object[] {s, plan, chapterIds.get(chapter), position, type + "-" + (i + 1), type,
                    "Step " + (i + 1) + ": migrate &lt;db&gt; &amp; check https://wiki.example/x?i=" + i,
                    teams.get(i % teams.size()), 5 + (i * 37) % 116, type.equals("IGO")});
            if (position > 0) {
                deps.add(new Object[] {plan, stepIds[i - 1], s});
                if (i % 7 == 0 && chapter > 0) {
                    // A join: this step also waits for a step in the previous chapter.
                    int other = chapter * perChapter - 1 - (i % 5);
                    if (other >= 0 && stepChapter[other] == chapter - 1) {
                        deps.add(new Object[] {plan, stepIds[other], s});
                    }
                }
            }
            int n = i % 11 == 0 ? 5 : i % 3 == 0 ? 2 : 1;
            for (int k = 0; k < n; k++) {
                UUID t = Ids.newId();
                tasks.add(new Object[] {t, s, k, "Task " + (k + 1) + " of step " + (i + 1), teams.get((i + k) % teams.size())});
                taskCount++;
                if (k == 0 && i % 8 == 0) {
                    UUID c = Ids.newId();
                    controls.add(new Object[] {c, plan, "CTL-" + (i / 8 + 1), "Control " + (i / 8 + 1), i % 16 == 0});
                    links.add(new Object[] {t, c});
                }
            }
        }
        UUID pilot = Ids.newId();
        UUID viewer = Ids.newId();
        UUID admin = Ids.newId();
        db.transactor().inTransaction(c -> {
            Jdbc.batch(c, "INSERT INTO teams (id, code, name, email) VALUES (?, ?, ?, ?)", teamRows);
            Jdbc.batch(c, "INSERT INTO users (id, username, display_name, email, role) VALUES (?, ?, ?, ?, ?)", List.of(
                    new Object[] {pilot, "pilot" + suffix, "Pilot", "pilot" + suffix + "@example.com", Role.PILOT},
                    new Object[] {viewer, "viewer" + suffix, "Viewer", "viewer" + suffix + "@example.com", Role.NORMAL},
                    new Object[] {admin, "admin" + suffix, "Admin", "admin" + suffix + "@example.com", Role.ADMIN}));
            Jdbc.batch(c, "INSERT INTO local_credentials (user_id, password_hash) VALUES (?, ?)",
                    List.of(new Object[] {pilot, hash}, new Object[] {viewer, hash}, new Object[] {admin, hash}));
            Jdbc.update(c, "INSERT INTO plans (id, code, name) VALUES (?, ?, ?)", plan, "BENCH" + suffix, "Bench plan " + stepCount);
            Jdbc.batch(c, "INSERT INTO macro_phases (id, plan_id, position, name) VALUES (?, ?, ?, ?)", phases);
            Jdbc.batch(c, "INSERT INTO chapters (id, plan_id, macro_phase_id, position, code, name) VALUES (?, ?, ?, ?, ?, ?)", chapters);
            Jdbc.batch(c, "INSERT INTO steps (id, plan_id, chapter_id, position, code, step_type, title, owner_team_id, "
                    + "planned_duration_minutes, go_no_go) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps);
            Jdbc.batch(c, "INSERT INTO step_dependencies (plan_id, predecessor_step_id, successor_step_id) VALUES (?, ?, ?)", deps);
            Jdbc.batch(c, "INSERT INTO tasks (id, step_id, position, title, assigned_team_id) VALUES (?, ?, ?, ?, ?)", tasks);
            Jdbc.batch(c, "INSERT INTO controls (id, plan_id, code, title, critical) VALUES (?, ?, ?, ?, ?)", controls);
            Jdbc.batch(c, "INSERT INTO task_controls_link (task_id, control_id) VALUES (?, ?)", links);
            Jdbc.update(c, "INSERT INTO migrations (id, code, name) VALUES (?, ?, ?)", migration, "MIG" + suffix, "Bench migration");
            return null;
        });
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        NewIteration spec = new NewIteration(migration, plan, "RUN1", "Bench run " + stepCount, IterationType.RUN,
                start, start.plus(60, ChronoUnit.HOURS), null);
        UUID iteration = db.transactor().inTransaction(c ->
                InstantiationService.createIteration(c, Caller.system(), spec, List.of()).iterationId());
        db.transactor().inTransaction(c -> Jdbc.update(c, "ANALYZE"));
        return new Runbook(plan, migration, iteration, stepCount, taskCount, "pilot" + suffix, "viewer" + suffix, "admin" + suffix);
    }
}
