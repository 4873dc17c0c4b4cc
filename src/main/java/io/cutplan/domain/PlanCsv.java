package io.cutplan.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a canonical plan from CSV, one row per task (see docs/import-csv.md for the columns). Pure: it checks
 * everything that can be checked without the database and collects one {@link Problem} per fault, with the line
 * and column it was found on, instead of stopping at the first. Team and user names are returned as
 * {@link Reference}s, with their lines, for the caller to resolve.
 */
public final class PlanCsv {
    /** The columns, by header name. */
    public enum Column {
        MACRO_PHASE(true), CHAPTER_CODE(false), CHAPTER(true), STEP_CODE(true), STEP_TYPE(false), STEP_TITLE(true),
        STEP_DESCRIPTION(false), OWNER_TEAM(false), IMPACTED_TEAMS(false), DURATION_MINUTES(true), GO_NO_GO(false),
        PREDECESSORS(false), TASK_TITLE(false), TASK_DESCRIPTION(false), TASK_TEAM(false), NOMINATED_USER(false),
        CONTROLS(false), CRITICAL_CONTROLS(false);

        public final boolean required;

        Column(boolean required) {
            this.required = required;
        }

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_DURATION_MINUTES = 10_080;
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s;,]+");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "x");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "");

    public record Problem(int line, String column, String message) {
    }

    /** A team or user named on a line, to be resolved against the database. */
    public record Reference(String name, int line, Column column) {
    }

    public record Task(String title, String description, String team, String nominatedUser, List<String> controls, int line) {
    }

    public static final class Step {
        public final String code;
        public final String type;
        public final int line;
        public String title;
        public String description;
        public String ownerTeam;
        public List<String> impactedTeams = List.of();
        public int minutes;
        public boolean goNoGo;
        public final Set<String> predecessors = new LinkedHashSet<>();
        public final List<Task> tasks = new ArrayList<>();
        final String phaseName;
        final String chapterKey;
        final Map<Column, String> given = new HashMap<>();

        Step(StepCode code, int line, String phaseName, String chapterKey) {
            this.code = code.value();
            this.type = code.type();
            this.line = line;
            this.phaseName = phaseName;
            this.chapterKey = chapterKey;
        }
    }

    public static final class Chapter {
        public String code;
        public final String name;
        public final int line;
        public final List<Step> steps = new ArrayList<>();
        final String phaseName;

        Chapter(String code, String name, int line, String phaseName) {
            this.code = code;
            this.name = name;
            this.line = line;
            this.phaseName = phaseName;
        }
    }

    public record Phase(String name, List<Chapter> chapters) {
    }

    /** The plan read from the file; meaningful only when {@link #problems} is empty. */
    public record Result(List<Phase> phases, Map<String, Boolean> controls, List<Reference> teams, List<Reference> users,
                         List<Problem> problems, int rows) {
        public List<Step> steps() {
            List<Step> out = new ArrayList<>();
            phases.forEach(p -> p.chapters().forEach(c -> out.addAll(c.steps)));
            return out;
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private final Map<String, Chapter> chapters = new HashMap<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, Boolean> controls = new LinkedHashMap<>();
    private final List<Reference> teams = new ArrayList<>();
    private final List<Reference> users = new ArrayList<>();
    private Map<Column, Integer> columns;

    private PlanCsv() {
    }

    public static Result read(String text) {
        return new PlanCsv().run(text);
    }

    private Result run(String text) {
        CsvParser.Result csv = CsvParser.parse(text);
        csv.problems().forEach(p -> problems.add(new Problem(p.line(), null, p.message())));
        List<CsvParser.Row> rows = csv.rows();
        if (rows.isEmpty()) {
            problems.add(new Problem(1, null, "The file is empty: a header row and at least one step row are required"));
            return result(0);
        }
        if (!readHeader(rows.get(0))) {
            return result(rows.size() - 1);
        }
        if (rows.size() == 1) {
            problems.add(new Problem(rows.get(0).line(), null, "The file has a header but no rows"));
        }
        for (CsvParser.Row row : rows.subList(1, rows.size())) {
            readRow(row);
        }
        checkPredecessors();
        assignChapterCodes();
        return result(rows.size() - 1);
    }

    private Result result(int rows) {
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Result(List.copyOf(phases.values()), controls, teams, users, List.copyOf(problems), rows);
    }

    private boolean readHeader(CsvParser.Row header) {
        columns = new LinkedHashMap<>();
        Map<String, Column> byName = new HashMap<>();
        for (Column c : Column.values()) {
            byName.put(c.header(), c);
        }
        boolean ok = true;
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            Column c = byName.get(name);
            if (c == null) {
                problems.add(new Problem(header.line(), header.fields().get(i), "Unknown column '" + header.fields().get(i)
                        + "'; the columns are " + Arrays.stream(Column.values()).map(Column::header).toList()));
                ok = false;
            } else if (columns.putIfAbsent(c, i) != null) {
                problems.add(new Problem(header.line(), c.header(), "Column '" + c.header() + "' appears twice"));
                ok = false;
            }
        }
        for (Column c : Column.values()) {
            if (c.required && !columns.containsKey(c)) {
                problems.add(new Problem(header.line(), c.header(), "Required column '" + c.header() + "' is missing"));
                ok = false;
            }
        }
        return ok;
    }

    private String get(CsvParser.Row row, Column c) {
        Integer i = columns.get(c);
        if (i == null) {
            return "";
        }
        String raw = row.field(i);
        return HtmlEntities.decode(raw.replace("\r\n", "\n").replace('\r', '\n')).strip();
    }

    private void problem(CsvParser.Row row, Column c, String message) {
        problems.add(new Problem(row.line(), c == null ? null : c.header(), message));
    }

    private void readRow(CsvParser.Row row) {
        int before = problems.size();
        if (row.fields().size() > columns.size()) {
            problem(row, null, "The row has " + row.fields().size() + " fields but the header has " + columns.size()
                    + "; quote fields that contain commas");
            return;
        }
        String phaseName = text(row, Column.MACRO_PHASE, 200, true);
        String chapterName = text(row, Column.CHAPTER, 300, true);
        String chapterCode = get(row, Column.CHAPTER_CODE);
        if (!chapterCode.isEmpty() && !CODE.matcher(chapterCode).matches()) {
            problem(row, Column.CHAPTER_CODE, "chapter_code must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String rawCode = get(row, Column.STEP_CODE);
        StepCode code = null;
        if (!StepCode.isValid(rawCode)) {
            problem(row, Column.STEP_CODE, rawCode.isEmpty() ? "step_code is required"
                    : "'" + rawCode + "' is not a step code: expected TYPE-number such as TRT-1204");
        } else {
            code = StepCode.parse(rawCode, Column.STEP_CODE.header());
            String type = get(row, Column.STEP_TYPE);
            if (!type.isEmpty() && !type.equalsIgnoreCase(code.type())) {
                problem(row, Column.STEP_TYPE, "step_type '" + type + "' does not match the code " + code.value());
            }
        }
        if (problems.size() > before || phaseName == null || chapterName == null || code == null) {
            return;
        }
        Chapter chapter = chapter(row, phaseName, chapterName, chapterCode);
        if (chapter == null) {
            return;
        }
        Step step = steps.get(code.value());
        if (step == null) {
            step = new Step(code, row.line(), phaseName, chapterKey(chapterName, chapterCode));
            defineStep(row, step);
            steps.put(step.code, step);
            chapter.steps.add(step);
        } else {
            repeatStep(row, step, chapter);
        }
        readPredecessors(row, step);
        readTask(row, step);
    }

    private String chapterKey(String name, String code) {
        return code.isEmpty() ? "name:" + name : "code:" + code;
    }

    private Chapter chapter(CsvParser.Row row, String phaseName, String name, String code) {
        String key = chapterKey(name, code);
        Chapter chapter = chapters.get(key);
        if (chapter == null) {
            Phase phase = phases.computeIfAbsent(phaseName, n -> new Phase(n, new ArrayList<>()));
            chapter = new Chapter(code.isEmpty() ? null : code, name, row.line(), phaseName);
            chapters.put(key, chapter);
            phase.chapters().add(chapter);
            return chapter;
        }
        if (!chapter.phaseName.equals(phaseName)) {
            problem(row, Column.MACRO_PHASE, "Chapter '" + name + "' is in macro-phase '" + chapter.phaseName + "' (line "
                    + chapter.line + "), not '" + phaseName + "'");
            return null;
        }
        if (!chapter.name.equals(name)) {
            problem(row, Column.CHAPTER, "Chapter " + code + " is named '" + chapter.name + "' on line " + chapter.line);
            return null;
        }
        return chapter;
    }

    private void defineStep(CsvParser.Row row, Step step) {
        step.title = text(row, Column.STEP_TITLE, 500, true);
        step.description = text(row, Column.STEP_DESCRIPTION, 20_000, false);
        step.ownerTeam = team(row, Column.OWNER_TEAM);
        step.impactedTeams = teamList(row, Column.IMPACTED_TEAMS);
        String minutes = get(row, Column.DURATION_MINUTES);
        try {
            step.minutes = Integer.parseInt(minutes);
            if (step.minutes < 1 || step.minutes > MAX_DURATION_MINUTES) {
                problem(row, Column.DURATION_MINUTES, "duration_minutes must be between 1 and " + MAX_DURATION_MINUTES);
            }
        } catch (NumberFormatException e) {
            problem(row, Column.DURATION_MINUTES, minutes.isEmpty() ? "duration_minutes is required on the first row of a step"
                    : "duration_minutes '" + minutes + "' is not a whole number");
        }
        step.goNoGo = bool(row, Column.GO_NO_GO);
        for (Column c : List.of(Column.STEP_TITLE, Column.STEP_DESCRIPTION, Column.OWNER_TEAM, Column.IMPACTED_TEAMS,
                Column.DURATION_MINUTES, Column.GO_NO_GO)) {
            step.given.put(c, get(row, c));
        }
    }

    /** A later row of a step already defined: its step columns must be blank or repeat the first row. */
    private void repeatStep(CsvParser.Row row, Step step, Chapter chapter) {
        if (!chapter.steps.contains(step)) {
            problem(row, Column.STEP_CODE, "Step " + step.code + " is in another chapter on line " + step.line);
            return;
        }
        for (Map.Entry<Column, String> e : step.given.entrySet()) {
            String value = get(row, e.getKey());
            if (!value.isEmpty() && !value.equals(e.getValue())) {
                problem(row, e.getKey(), e.getKey().header() + " differs from the first row of step " + step.code
                        + " (line " + step.line + "); leave it blank or repeat it");
            }
        }
    }

    private void readPredecessors(CsvParser.Row row, Step step) {
        for (String p : list(get(row, Column.PREDECESSORS))) {
            if (!StepCode.isValid(p)) {
                problem(row, Column.PREDECESSORS, "'" + p + "' is not a step code");
                continue;
            }
            String code = StepCode.parse(p, Column.PREDECESSORS.header()).value();
            if (code.equals(step.code)) {
                problem(row, Column.PREDECESSORS, "Step " + step.code + " cannot depend on itself");
            } else {
                step.predecessors.add(code);
                predecessorLines.putIfAbsent(step.code + ">" + code, row.line());
            }
        }
    }

    private final Map<String, Integer> predecessorLines = new HashMap<>();

    private void readTask(CsvParser.Row row, Step step) {
        String title = get(row, Column.TASK_TITLE);
        List<String> codes = new ArrayList<>();
        for (Column c : List.of(Column.CONTROLS, Column.CRITICAL_CONTROLS)) {
            for (String control : list(get(row, c))) {
                if (!CODE.matcher(control).matches()) {
                    problem(row, c, "'" + control + "' is not a control code (1 to 64 letters, digits, '.', '_' or '-')");
                    continue;
                }
                boolean critical = c == Column.CRITICAL_CONTROLS;
                controls.merge(control, critical, Boolean::logicalOr);
                if (!codes.contains(control)) {
                    codes.add(control);
                }
            }
        }
        if (title.isEmpty()) {
            for (Column c : List.of(Column.TASK_DESCRIPTION, Column.TASK_TEAM, Column.NOMINATED_USER, Column.CONTROLS,
                    Column.CRITICAL_CONTROLS)) {
                if (!get(row, c).isEmpty()) {
                    problem(row, c, c.header() + " is given but task_title is blank: a task needs a title");
                }
            }
            return;
        }
        if (title.length() > 500) {
            problem(row, Column.TASK_TITLE, "task_title is longer than 500 characters");
        }
        String description = text(row, Column.TASK_DESCRIPTION, 20_000, false);
        String team = team(row, Column.TASK_TEAM);
        String user = get(row, Column.NOMINATED_USER);
        if (!user.isEmpty()) {
            users.add(new Reference(user, row.line(), Column.NOMINATED_USER));
        }
        step.tasks.add(new Task(title, description, team, user.isEmpty() ? null : user, List.copyOf(codes), row.line()));
    }

    private void checkPredecessors() {
        DependencyGraph<String> graph = new DependencyGraph<>();
        for (Step s : steps.values()) {
            graph.addNode(s.code);
            for (String p : s.predecessors) {
                if (!steps.containsKey(p)) {
                    problems.add(new Problem(predecessorLines.get(s.code + ">" + p), Column.PREDECESSORS.header(),
                            "Predecessor " + p + " of step " + s.code + " is not a step of this file"));
                } else {
                    graph.addEdge(p, s.code);
                }
            }
        }
        Optional<List<String>> cycle = graph.findCycle();
        if (cycle.isPresent()) {
            List<String> path = cycle.get();
            Step first = steps.get(path.get(1));
            problems.add(new Problem(predecessorLines.getOrDefault(first.code + ">" + path.get(0), first.line),
                    Column.PREDECESSORS.header(), "The dependencies form a cycle: " + String.join(" -> ", path)));
        }
    }

    /** Chapters without a chapter_code get CH-001, CH-002 ... in file order, skipping codes the file uses. */
    private void assignChapterCodes() {
        Set<String> used = new LinkedHashSet<>();
        chapters.values().stream().map(c -> c.code).filter(Objects::nonNull).forEach(used::add);
        int n = 0;
        for (Phase p : phases.values()) {
            for (Chapter c : p.chapters()) {
                if (c.code == null) {
                    String candidate;
                    do {
                        candidate = String.format("CH-%03d", ++n);
                    } while (used.contains(candidate));
                    c.code = candidate;
                    used.add(candidate);
                }
            }
        }
    }

    private String text(CsvParser.Row row, Column c, int max, boolean required) {
        String v = get(row, c);
        if (v.isEmpty()) {
            if (required) {
                problem(row, c, c.header() + " is required");
            }
            return null;
        }
        if (v.length() > max) {
            problem(row, c, c.header() + " is longer than " + max + " characters");
            return null;
        }
        if (required && v.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            problem(row, c, c.header() + " must be a single line");
            return null;
        }
        return v;
    }

    private String team(CsvParser.Row row, Column c) {
        String v = get(row, c);
        if (v.isEmpty()) {
            return null;
        }
        teams.add(new Reference(v, row.line(), c));
        return v;
    }

    private List<String> teamList(CsvParser.Row row, Column c) {
        List<String> out = new ArrayList<>();
        for (String t : list(get(row, c))) {
            teams.add(new Reference(t, row.line(), c));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private boolean bool(CsvParser.Row row, Column c) {
        String v = get(row, c).toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (!FALSE.contains(v)) {
            problem(row, c, c.header() + " '" + v + "' is not true/false (also yes/no, y/n, 1/0, x/blank)");
        }
        return false;
    }

    private static List<String> list(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(LIST_SEPARATOR.split(value)).filter(s -> !s.isEmpty()).toList();
    }
}
