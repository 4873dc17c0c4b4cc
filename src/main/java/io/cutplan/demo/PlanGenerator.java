package io.cutplan.demo;

import io.cutplan.domain.Role;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a canonical demo runbook from a size and a seed, with no database involved: the same seed always
 * gives the same teams, users, codes, titles and dependency graph (only lists and index order are used,
 * never hash iteration order).
 *
 * <p>Shape: each macro-phase has "work" chapters followed by one go/no-go checkpoint chapter. A work
 * chapter is an entry step, parallel lanes of up to {@value #LANE} steps with occasional cross-lane joins,
 * and an exit step. The checkpoint's consolidation step joins the exits of every work chapter of its phase,
 * then IT and business go/no-go run in parallel and the go decision joins them; the next phase's chapters
 * start from that decision. Some chapters also wait for the previous chapter, which makes longer chains.
 */
final class PlanGenerator {
    static final int LANE = 8;
    private static final int DEMO_ACCOUNTS = DemoAccounts.ALL.size();
    private static final String[] WORK_TYPES = {"TRT", "TRT", "TRT", "TRT", "CHK", "CHK", "BUS", "SYS", "SYS", "PRE"};

    private final DemoSize size;
    private final long seed;
    private final SplittableRandom rnd;
    private final List<DemoModel.Team> teams = new ArrayList<>();
    private final List<DemoModel.User> users = new ArrayList<>();
    private final List<DemoModel.Chapter> chapters = new ArrayList<>();
    private final List<DemoModel.Step> steps = new ArrayList<>();
    private final List<DemoModel.Task> tasks = new ArrayList<>();
    private final List<DemoModel.Control> controls = new ArrayList<>();
    private final List<DemoModel.Dependency> dependencies = new ArrayList<>();
    private final Set<Long> edges = new HashSet<>();
    private int codeNumber;

    private PlanGenerator(DemoSize size, long seed) {
        this.size = size;
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
    }

    static DemoModel generate(DemoSize size, long seed) {
        return new PlanGenerator(size, seed).build();
    }

    private DemoModel build() {
        teams();
        users();
        chaptersAndSteps();
        tasks();
        controls();
        return new DemoModel(size, seed, "Core banking replacement – cutover runbook (" + size.name() + " demo)",
                "Core banking migration 2027 (" + size.name() + " demo)", List.copyOf(teams), List.copyOf(users),
                DemoTexts.PHASES, List.copyOf(chapters), List.copyOf(steps), List.copyOf(tasks), List.copyOf(controls),
                List.copyOf(dependencies));
    }

    // ------------------------------------------------------------------ people

    private void teams() {
        List<DemoModel.Team> all = new ArrayList<>();
        for (String[] d : DemoTexts.DOMAINS) {
            for (String[] f : DemoTexts.FUNCTIONS) {
                String code = d[0] + "-" + f[0];
                // Some teams have no mailbox: notifications must cope.
                String email = (all.size() % 9 == 4) ? null : code.toLowerCase(Locale.ROOT) + "@bank.example";
                all.add(new DemoModel.Team(code, d[1] + " – " + f[1], email));
            }
        }
        shuffle(all);
        teams.addAll(all.subList(0, Math.min(size.teams(), all.size())));
    }

    private void users() {
        int generated = size.users() - DEMO_ACCOUNTS;
        int pilots = Math.max(2, generated / 40);
        Set<String> taken = new HashSet<>();
        DemoAccounts.LOGINS.forEach(a -> taken.add(a.username()));
        for (int i = 0; i < generated; i++) {
            String first = DemoTexts.pick(rnd, DemoTexts.FIRST_NAMES);
            String last = DemoTexts.pick(rnd, DemoTexts.LAST_NAMES);
            String base = ascii(first) + "." + ascii(last);
            String username = base;
            for (int n = 2; taken.contains(username); n++) {
                username = base + n;
            }
            taken.add(username);
            Role role = i == 0 ? Role.ADMIN : i <= pilots ? Role.PILOT : Role.NORMAL;
            List<Integer> memberOf = new ArrayList<>();
            memberOf.add(i % teams.size());     // round robin: every team has members
            if (rnd.nextInt(10) < 3) {
                int second = rnd.nextInt(teams.size());
                if (second != memberOf.get(0)) {
                    memberOf.add(second);
                }
            }
            users.add(new DemoModel.User(username, first + " " + last, username + "@bank.example", role, List.copyOf(memberOf)));
        }
    }

    private static String ascii(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replace("ø", "o").replace("ł", "l").replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ chapters, steps, dependencies

    private void chaptersAndSteps() {
        int[] perPhase = size.chaptersPerPhase();
        int workChapters = 0;
        for (int n : perPhase) {
            workChapters += n - 1;
        }
        int[] sizes = chapterSizes(workChapters, size.steps() - 4 * perPhase.length, size.maxStepsPerChapter());
        codeNumber = 1000 + rnd.nextInt(100);
        int work = 0;
        Integer previousDecision = null;
        for (int p = 0; p < perPhase.length; p++) {
            List<Integer> exits = new ArrayList<>();
            Integer previousExit = null;
            boolean previousSequenced = false;
            for (int k = 0; k < perPhase[p] - 1; k++) {
                int chapter = addChapter(p, k, false);
                int[] entryExit = workChapter(chapter, sizes[work++]);
                List<Integer> entryPreds = new ArrayList<>();
                if (previousDecision != null) {
                    entryPreds.add(previousDecision);
                }
                // Some chapters wait for the one before (at most two in a row, so the night still fits a weekend).
                boolean sequenced = previousExit != null && !previousSequenced && rnd.nextInt(100) < 30;
                if (sequenced) {
                    entryPreds.add(previousExit);
                }
                for (int pred : entryPreds) {
                    depend(pred, entryExit[0]);
                }
                previousSequenced = sequenced;
                previousExit = entryExit[1];
                exits.add(entryExit[1]);
            }
            previousDecision = gateChapter(p, perPhase[p] - 1, exits);
        }
    }

    /** Skewed chapter sizes (a few huge chapters, many small ones) summing exactly to {@code total}. */
    private int[] chapterSizes(int n, int total, int max) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(1.3 * gaussian());
            sum += w[i];
        }
        int[] s = new int[n];
        int biggest = 0;
        int smallest = 0;
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.max(1, Math.min(max, Math.round(w[i] / sum * total)));
            biggest = w[i] > w[biggest] ? i : biggest;
            smallest = w[i] < w[smallest] ? i : smallest;
        }
        // The extremes of real runbooks: one chapter close to the maximum, one with a single step.
        if (max < total / 2) {
            s[biggest] = max - rnd.nextInt(Math.max(1, max / 20));
        }
        s[smallest] = 1;
        int diff = total;
        for (int v : s) {
            diff -= v;
        }
        for (int guard = 0; diff != 0 && guard < 1_000_000; guard++) {
            int i = rnd.nextInt(n);
            if (i == biggest || i == smallest) {
                continue;
            }
            if (diff > 0 && s[i] < max - 1) {
                s[i]++;
                diff--;
            } else if (diff < 0 && s[i] > 2) {
                s[i]--;
                diff++;
            }
        }
        return s;
    }

    private double gaussian() {
        // Box-Muller from the seeded stream (SplittableRandom has no nextGaussian on Java 17).
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private int addChapter(int phase, int position, boolean gate) {
        String name;
        if (gate) {
            name = "Go/No-Go checkpoint " + (phase + 1) + ": " + DemoTexts.PHASES.get(phase);
        } else {
            String[] domain = DemoTexts.DOMAINS.get(rnd.nextInt(DemoTexts.DOMAINS.size()));
            name = domain[1] + " – " + DemoTexts.PHASES.get(phase).toLowerCase(Locale.ROOT);
        }
        chapters.add(new DemoModel.Chapter(phase, position, String.format("%d.%02d", phase + 1, position + 1), name, gate));
        return chapters.size() - 1;
    }

    /** Adds a work chapter's steps and inner dependencies; returns {entry step, exit step}. */
    private int[] workChapter(int chapter, int n) {
        List<Integer> pool = teamPool();
        if (n == 1) {
            int only = addStep(chapter, 0, WORK_TYPES[rnd.nextInt(WORK_TYPES.length)], pool);
            return new int[] {only, only};
        }
        int entry = addStep(chapter, 0, rnd.nextBoolean() ? "PRE" : "SYS", pool);
        int middle = n - 2;
        int lanes = (middle + LANE - 1) / LANE;
        List<List<Integer>> laneSteps = new ArrayList<>();
        int position = 1;
        for (int l = 0; l < lanes; l++) {
            int length = middle / lanes + (l < middle % lanes ? 1 : 0);
            List<Integer> lane = new ArrayList<>();
            for (int j = 0; j < length; j++) {
                int s = addStep(chapter, position++, WORK_TYPES[rnd.nextInt(WORK_TYPES.length)], pool);
                depend(j == 0 ? entry : lane.get(j - 1), s);
                if (l > 0 && j > 0 && rnd.nextInt(100) < 15) {
                    List<Integer> other = laneSteps.get(rnd.nextInt(l));
                    depend(other.get(Math.min(j - 1, other.size() - 1)), s);   // a join across lanes
                }
                lane.add(s);
            }
            laneSteps.add(lane);
        }
        int exit = addStep(chapter, position, "CHK", pool);
        if (laneSteps.isEmpty()) {
            depend(entry, exit);
        }
        for (List<Integer> lane : laneSteps) {
            depend(lane.get(lane.size() - 1), exit);
        }
        return new int[] {entry, exit};
    }

    /** The phase's checkpoint: consolidation joins every chapter exit; IT and business go/no-go; the go decision. */
    private int gateChapter(int phase, int position, List<Integer> exits) {
        int chapter = addChapter(phase, position, true);
        List<Integer> pool = teamPool();
        int consolidate = addStep(chapter, 0, "CHK", pool);
        int itGo = addStep(chapter, 1, "IGO", pool);
        int businessGo = addStep(chapter, 2, "BGO", pool);
        int decision = addStep(chapter, 3, "GON", pool);
        for (int e : exits) {
            depend(e, consolidate);
        }
        depend(consolidate, itGo);
        depend(consolidate, businessGo);
        depend(itGo, decision);
        depend(businessGo, decision);
        return decision;
    }

    private List<Integer> teamPool() {
        List<Integer> pool = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            pool.add(rnd.nextInt(teams.size()));
        }
        return pool;
    }

    private int addStep(int chapter, int position, String type, List<Integer> pool) {
        codeNumber += 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
        String code = type + "-" + codeNumber;
        DemoModel.Chapter ch = chapters.get(chapter);
        boolean goNoGo = type.equals("IGO") || type.equals("BGO") || type.equals("GON");
        String title = switch (type) {
            case "IGO" -> "IT go/no-go: " + DemoTexts.PHASES.get(ch.phase());
            case "BGO" -> "Business go/no-go: " + DemoTexts.PHASES.get(ch.phase());
            case "GON" -> ch.phase() == DemoTexts.PHASES.size() - 1 ? "Final GO-LIVE decision (CIO & COO)"
                    : "Go decision – proceed to \"" + DemoTexts.PHASES.get(ch.phase() + 1) + "\"";
            case "CHK" -> ch.gate() ? "Consolidate status of all teams – " + DemoTexts.PHASES.get(ch.phase())
                    : DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.CHK), code);
            case "PRE" -> DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.PRE), code);
            case "TRT" -> DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.TRT), code);
            case "BUS" -> DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.BUS), code);
            default -> DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.SYS), code);
        };
        String description = rnd.nextInt(10) < 4 ? DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.DESCRIPTIONS), code) : null;
        // A few steps have an empty owner-team field, as spreadsheets do; go/no-go steps always have an owner.
        Integer owner = !goNoGo && rnd.nextInt(100) < 4 ? null : pool.get(rnd.nextInt(pool.size()));
        List<Integer> impacted = new ArrayList<>();
        if (rnd.nextInt(100) < 20) {
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                int t = rnd.nextInt(teams.size());
                if (!impacted.contains(t) && !Integer.valueOf(t).equals(owner)) {
                    impacted.add(t);
                }
            }
        }
        steps.add(new DemoModel.Step(chapter, position, code, type, title, description, owner, minutes(type),
                goNoGo, List.copyOf(impacted)));
        return steps.size() - 1;
    }

    /** Planned minutes, 5 to 120, skewed short the way real runbooks are. */
    private int minutes(String type) {
        switch (type) {
            case "IGO", "BGO" -> {
                return 15 + rnd.nextInt(31);
            }
            case "GON" -> {
                return 10 + rnd.nextInt(21);
            }
            case "PRE" -> {
                return 5 + rnd.nextInt(26);
            }
            default -> {
                int r = rnd.nextInt(100);
                if (r < 45) {
                    return 5 + rnd.nextInt(16);
                } else if (r < 75) {
                    return 20 + rnd.nextInt(26);
                } else if (r < 92) {
                    return 45 + rnd.nextInt(46);
                }
                return 90 + rnd.nextInt(31);
            }
        }
    }

    private void depend(int predecessor, int successor) {
        if (predecessor >= successor) {
            throw new IllegalStateException("dependencies must point forward in plan order");
        }
        if (edges.add(((long) predecessor << 32) | successor)) {
            dependencies.add(new DemoModel.Dependency(predecessor, successor));
        }
    }

    // ------------------------------------------------------------------ tasks and controls

    private void tasks() {
        int[] count = new int[steps.size()];
        int gateTotal = 0;
        List<Integer> work = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            DemoModel.Step step = steps.get(s);
            if (chapters.get(step.chapter()).gate()) {
                count[s] = 2 + rnd.nextInt(3);
                gateTotal += count[s];
            } else {
                count[s] = workTaskCount();
                work.add(s);
            }
        }
        // One step carries the maximum: a branch-by-branch reconciliation.
        int widest = -1;
        for (int s : work) {
            if (steps.get(s).type().equals("CHK") && (widest < 0 || rnd.nextInt(4) == 0)) {
                widest = s;
            }
        }
        count[widest] = size.maxTasksPerStep();
        DemoModel.Step w = steps.get(widest);
        steps.set(widest, new DemoModel.Step(w.chapter(), w.position(), w.code(), w.type(),
                "Reconcile balances branch by branch (" + size.maxTasksPerStep() + " branches)", w.description(),
                w.ownerTeam(), Math.max(w.minutes(), 90), false, w.impactedTeams()));
        int diff = size.tasks() - gateTotal;
        for (int s : work) {
            diff -= count[s];
        }
        // Reach the exact total by nudging steps that already have several tasks, so the median stays at one.
        for (int guard = 0; diff != 0 && guard < 1_000_000; guard++) {
            int s = work.get(rnd.nextInt(work.size()));
            if (s == widest || count[s] < 2) {
                continue;
            }
            if (diff > 0 && count[s] < size.maxTasksPerStep() / 2) {
                count[s]++;
                diff--;
            } else if (diff < 0 && count[s] > 2) {
                count[s]--;
                diff++;
            }
        }
        List<List<Integer>> members = membersByTeam();
        for (int s = 0; s < steps.size(); s++) {
            DemoModel.Step step = steps.get(s);
            for (int i = 0; i < count[s]; i++) {
                String title;
                if (s == widest) {
                    title = String.format("Reconcile branch %03d – %s", i + 1, DemoTexts.CITIES.get(i % DemoTexts.CITIES.size()));
                } else if (chapters.get(step.chapter()).gate()) {
                    title = DemoTexts.GATE_TASKS.get((i + step.position()) % DemoTexts.GATE_TASKS.size());
                } else {
                    title = DemoTexts.fill(rnd, DemoTexts.pick(rnd, DemoTexts.TASKS), step.code());
                }
                int r = rnd.nextInt(100);
                Integer team = r < 85 ? step.ownerTeam() : r < 95 ? Integer.valueOf(rnd.nextInt(teams.size())) : null;
                Integer nominated = null;
                if (team != null && rnd.nextInt(100) < 20 && !members.get(team).isEmpty()) {
                    nominated = members.get(team).get(rnd.nextInt(members.get(team).size()));
                }
                String description = rnd.nextInt(10) == 0 ? "Evidence: https://wiki.bank.example/display/CUT/" + step.code() : null;
                tasks.add(new DemoModel.Task(s, i, title, description, team, nominated));
            }
        }
    }

    private int workTaskCount() {
        int r = rnd.nextInt(100);
        if (r < 64) {
            return 1;
        } else if (r < 78) {
            return 2;
        } else if (r < 87) {
            return 3;
        } else if (r < 96) {
            return 4 + rnd.nextInt(5);
        }
        return 9 + rnd.nextInt(Math.max(1, size.maxTasksPerStep() / 2 - 9));
    }

    private List<List<Integer>> membersByTeam() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (int u = 0; u < users.size(); u++) {
            for (int t : users.get(u).teams()) {
                out.get(t).add(u);
            }
        }
        return out;
    }

    /**
     * Critical controls sit on tasks of go/no-go steps (the gate), the others on tasks of checks and business
     * validations. Each control is linked to tasks of one step only, so its outcome belongs to one moment of the night.
     */
    private void controls() {
        List<List<Integer>> byStep = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            byStep.add(new ArrayList<>());
        }
        for (int t = 0; t < tasks.size(); t++) {
            byStep.get(tasks.get(t).step()).add(t);
        }
        List<Integer> gates = new ArrayList<>();
        List<Integer> checks = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            DemoModel.Step step = steps.get(s);
            if (step.goNoGo()) {
                gates.add(s);
            } else if (step.type().equals("CHK") || step.type().equals("BUS")) {
                checks.add(s);
            }
        }
        List<Boolean> kinds = new ArrayList<>();
        for (int i = 0; i < size.controls(); i++) {
            kinds.add(i < size.criticalControls());
        }
        shuffle(kinds);
        int nextGate = 0;
        for (int i = 0; i < kinds.size(); i++) {
            boolean critical = kinds.get(i);
            String code = String.format("CTL-%03d", i + 1);
            int step;
            if (critical) {
                step = gates.get(nextGate++ % gates.size());
            } else {
                step = checks.get(rnd.nextInt(checks.size()));
            }
            List<Integer> stepTasks = byStep.get(step);
            List<Integer> linked = new ArrayList<>();
            linked.add(stepTasks.get(rnd.nextInt(stepTasks.size())));
            if (stepTasks.size() > 1 && rnd.nextInt(5) == 0) {
                int other = stepTasks.get(rnd.nextInt(stepTasks.size()));
                if (!linked.contains(other)) {
                    linked.add(other);
                }
            }
            linked.sort(Integer::compare);
            String title = DemoTexts.fill(rnd, DemoTexts.pick(rnd, critical ? DemoTexts.CRITICAL_CONTROLS : DemoTexts.CONTROLS), code);
            String description = rnd.nextInt(10) < 3 ? "Evidence & sign-off: https://wiki.bank.example/display/CUT/" + code : null;
            controls.add(new DemoModel.Control(code, title, description, critical, List.copyOf(linked)));
        }
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
