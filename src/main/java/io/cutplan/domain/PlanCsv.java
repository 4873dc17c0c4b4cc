package io.cutplan.domain;

import io.cutplan.domain.ImportProblem.Code;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a canonical plan from CSV, one row per task (see docs/import-csv.md). Pure: it checks everything that can be
 * checked without the database and reports every fault at once as an {@link ImportProblem} with a machine code, never
 * stopping at the first and never letting one fault hide or cause another: a row with a bad macro-phase or chapter
 * still registers its step and is checked completely, a step-level fault is reported once per step with all its
 * lines, and every cycle is reported (one problem per strongly connected group of steps).
 *
 * <p>The plan it returns always has the repairs of {@code repair=true} applied (steps without macro-phase or chapter
 * in "Unassigned", self-dependencies, unknown predecessors and one dependency per cycle dropped, overlong titles cut
 * with the full text in the description, identical repeats merged once), and {@link Result#warnings} says what each
 * repair did. The caller decides: without repair mode any problem refuses the file; with it only the problems that
 * are not {@linkplain ImportProblem#canBeRepaired() repairable} do.
 *
 * <p>A step's rows are consecutive (one <em>record</em>); its step columns are read from the record's first row, and
 * later rows of the record leave them blank or repeat them. The same code again after other steps is a second
 * record: identical to the first, it is a {@code duplicate_step}; different, a {@code conflicting_step}.
 */
public final class PlanCsv {
    /** The columns, by header name. */
    public enum Column {
        MACRO_PHASE(true), MACRO_PHASE_POSITION(false), CHAPTER_CODE(false), CHAPTER(true), CHAPTER_POSITION(false),
        STEP_CODE(true), STEP_TYPE(false), STEP_TITLE(true), STEP_DESCRIPTION(false), OWNER_TEAM(false), IMPACTED_TEAMS(false),
        DURATION_MINUTES(true), GO_NO_GO(false), PREDECESSORS(false), TASK_TITLE(false), TASK_DESCRIPTION(false),
        TASK_TEAM(false), NOMINATED_USER(false), CONTROLS(false), CRITICAL_CONTROLS(false), CONTROL_CODE(false),
        CONTROL_TITLE(false), CONTROL_DESCRIPTION(false), CONTROL_CRITICAL(false);

        public final boolean required;

        Column(boolean required) {
            this.required = required;
        }

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_DURATION_MINUTES = 10_080;
    public static final int MAX_PHASE_NAME = 200;
    public static final int MAX_CHAPTER_NAME = 300;
    public static final int MAX_TITLE = 500;
    public static final int MAX_DESCRIPTION = 20_000;
    public static final int MAX_POSITION = 1_000_000;
    /** Where repair mode puts a step without macro-phase or chapter. */
    public static final String UNASSIGNED = "Unassigned";

    /** The step columns: read from the first row of a step's record, blank or repeated on its other rows. */
    private static final List<Column> STEP_COLUMNS = List.of(Column.STEP_TYPE, Column.STEP_TITLE, Column.STEP_DESCRIPTION,
            Column.OWNER_TEAM, Column.IMPACTED_TEAMS, Column.DURATION_MINUTES, Column.GO_NO_GO);
    private static final List<Column> LOCATION_COLUMNS = List.of(Column.MACRO_PHASE, Column.CHAPTER_CODE, Column.CHAPTER);
    private static final List<Column> TASK_COLUMNS = List.of(Column.TASK_TITLE, Column.TASK_DESCRIPTION, Column.TASK_TEAM,
            Column.NOMINATED_USER, Column.CONTROLS, Column.CRITICAL_CONTROLS);
    private static final Pattern CODE_LIST_SEPARATOR = Pattern.compile("[\\s;,]+");
    /** Team names may contain spaces, so a team list is separated by ';', ',' or line breaks only. */
    private static final Pattern TEAM_LIST_SEPARATOR = Pattern.compile("\\s*[;,\\n]\\s*");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "x");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "");

    /** A team or user named in the file (as written, trimmed), with every line that names it. */
    public record Reference(String name, List<Integer> lines, Column column) {
        public int line() {
            return lines.get(0);
        }
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

        Step(StepCode code, int line) {
            this.code = code.value();
            this.type = code.type();
            this.line = line;
        }
    }

    public static final class Chapter {
        public String code;
        public final String name;
        public final int line;
        public final List<Step> steps = new ArrayList<>();
        final String phaseName;
        Integer position;

        Chapter(String code, String name, int line, String phaseName) {
            this.code = code;
            this.name = name;
            this.line = line;
            this.phaseName = phaseName;
        }
    }

    public record Phase(String name, List<Chapter> chapters) {
    }

    /** A control's title and description, from a control row (the title is the code when no row gives one). */
    public record ControlText(String title, String description) {
    }

    /**
     * The plan read from the file (with the repairs applied), every problem found, and the warnings saying what each
     * repair did. The plan can be written when no problem is left that repair mode cannot fix.
     */
    public record Result(List<Phase> phases, Map<String, Boolean> controls, Map<String, ControlText> controlTexts,
                         List<Reference> teams, List<Reference> users, List<ImportProblem> problems, List<ImportProblem> warnings,
                         int rows) {
        public List<Step> steps() {
            List<Step> out = new ArrayList<>();
            phases.forEach(p -> p.chapters().forEach(c -> out.addAll(c.steps)));
            return out;
        }

        public boolean hasUnrepairable() {
            return problems.stream().anyMatch(p -> !p.canBeRepaired());
        }
    }

    /** One data row with its fields decoded once. */
    private record Row(int line, Map<Column, String> values, boolean tooManyFields) {
        String get(Column c) {
            return values.getOrDefault(c, "");
        }
    }

    /** Consecutive rows of one step. */
    private record StepRecord(List<Row> rows) {
        Row first() {
            return rows.get(0);
        }
    }

    private static final class StepRows {
        final StepCode code;
        final List<StepRecord> records = new ArrayList<>();

        StepRows(StepCode code) {
            this.code = code;
        }
    }

    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<ImportProblem> warnings = new ArrayList<>();
    private final Map<String, List<Chapter>> phases = new LinkedHashMap<>();
    private final Map<String, Integer> phasePositions = new HashMap<>();
    private final Map<String, Chapter> chapters = new HashMap<>();
    private final Map<String, StepRows> stepRows = new LinkedHashMap<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Set<String> codesOfUnreadRows = new HashSet<>();
    private final Map<String, Boolean> controls = new LinkedHashMap<>();
    private final Map<String, ControlText> controlTexts = new HashMap<>();
    private final Map<String, Reference> teams = new LinkedHashMap<>();
    private final Map<String, Reference> users = new LinkedHashMap<>();
    /** "PRE-1>TRT-2" (predecessor > successor) -> the line the dependency is declared on. */
    private final Map<String, Integer> dependencyLines = new HashMap<>();
    private Map<Column, Integer> columns;
    private final Map<Integer, Integer> fieldCounts = new HashMap<>();

    private PlanCsv() {
    }

    public static Result read(String text) {
        return new PlanCsv().run(text);
    }

    private Result run(String text) {
        CsvParser.Result csv = CsvParser.parse(text);
        csv.problems().forEach(p -> problems.add(ImportProblem.of(Code.NOT_CSV, p.line(), null, p.message())));
        List<CsvParser.Row> rows = csv.rows();
        if (rows.isEmpty()) {
            problems.add(ImportProblem.of(Code.EMPTY_FILE, 1, null,
                    "The file is empty: a header row and at least one step row are required"));
            return result(0);
        }
        if (!readHeader(rows.get(0))) {
            return result(rows.size() - 1);
        }
        if (rows.size() == 1) {
            problems.add(ImportProblem.of(Code.EMPTY_FILE, rows.get(0).line(), null, "The file has a header but no rows"));
        }
        String previousCode = null;
        for (CsvParser.Row raw : rows.subList(1, rows.size())) {
            Row row = decode(raw);
            String code = readRow(row);
            if (code != null) {
                StepRows s = stepRows.computeIfAbsent(code, k -> new StepRows(StepCode.parse(k, "step_code")));
                if (code.equals(previousCode)) {
                    s.records.get(s.records.size() - 1).rows().add(row);
                } else {
                    s.records.add(new StepRecord(new ArrayList<>(List.of(row))));
                }
                previousCode = code;
            }
        }
        readPositions(rows.size() > 1);
        Map<String, String> phaseOfChapter = chapterPhases();
        for (StepRows s : stepRows.values()) {
            readStep(s, phaseOfChapter);
        }
        checkDependencies();
        return result(rows.size() - 1);
    }

    private Result result(int rows) {
        List<Phase> ordered = new ArrayList<>();
        List<String> names = new ArrayList<>(phases.keySet());
        // Stable: phases with a position by it, the others after them in file order; "Unassigned" (made by repair) last.
        names.sort(Comparator.comparingInt(n -> phasePositions.getOrDefault(n, n.equals(UNASSIGNED) && !givenPhases.contains(n)
                ? Integer.MAX_VALUE : MAX_POSITION + 1)));
        for (String name : names) {
            List<Chapter> list = new ArrayList<>(phases.get(name));
            list.sort(Comparator.comparingInt(c -> c.position != null ? c.position
                    : UNASSIGNED_CHAPTER.equals(c.code) ? Integer.MAX_VALUE : MAX_POSITION + 1));
            ordered.add(new Phase(name, list));
        }
        assignChapterCodes(ordered);
        List<ImportProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ImportProblem::line));
        List<ImportProblem> repairs = new ArrayList<>(warnings);
        repairs.sort(Comparator.comparingInt(ImportProblem::line));
        return new Result(ordered, controls, controlTexts, List.copyOf(teams.values()), List.copyOf(users.values()), List.copyOf(sorted),
                List.copyOf(repairs), rows);
    }

    /** Marks an "Unassigned" chapter made by repair until real codes are given out. */
    private static final String UNASSIGNED_CHAPTER = "\u0000unassigned";
    private final Set<String> givenPhases = new HashSet<>();

    // ------------------------------------------------------------------------------------------------ rows

    private boolean readHeader(CsvParser.Row header) {
        columns = new LinkedHashMap<>();
        Map<String, Column> byName = new HashMap<>();
        for (Column c : Column.values()) {
            byName.put(c.header(), c);
        }
        boolean ok = true;
        for (int i = 0; i < header.fields().size(); i++) {
            String written = header.fields().get(i).strip();
            Column c = byName.get(written.toLowerCase(Locale.ROOT).replace(' ', '_'));
            if (c == null) {
                problems.add(ImportProblem.of(Code.UNKNOWN_COLUMN, header.line(), abbreviate(written, 64), "Unknown column '"
                        + abbreviate(written, 64) + "'; the columns are " + Arrays.stream(Column.values()).map(Column::header).toList()));
                ok = false;
            } else if (columns.putIfAbsent(c, i) != null) {
                problems.add(ImportProblem.of(Code.DUPLICATE_COLUMN, header.line(), c.header(), "Column '" + c.header() + "' appears twice"));
                ok = false;
            }
        }
        for (Column c : Column.values()) {
            if (c.required && !columns.containsKey(c)) {
                problems.add(ImportProblem.of(Code.MISSING_COLUMN, header.line(), c.header(), "Required column '" + c.header() + "' is missing"));
                ok = false;
            }
        }
        return ok;
    }

    private Row decode(CsvParser.Row raw) {
        fieldCounts.put(raw.line(), raw.fields().size());
        Map<Column, String> values = new EnumMap<>(Column.class);
        for (Map.Entry<Column, Integer> e : columns.entrySet()) {
            String field = raw.field(e.getValue());
            if (!field.isEmpty()) {
                // A file's text cannot be asked about: bidi controls are dropped, lone surrogates become U+FFFD and a
                // cell of only invisible characters is empty (issue 15, finding 10).
                String v = Text.stripInvisible(Text.replaceUnpairedSurrogates(Text.withoutBidiControls(
                        HtmlEntities.decode(field.replace("\r\n", "\n").replace('\r', '\n')))));
                // The formula guard of our own CSV exports: an apostrophe before = + - @ or a tab keeps a cell text.
                if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@\t".indexOf(v.charAt(1)) >= 0) {
                    v = v.substring(1);
                }
                if (!v.isEmpty()) {
                    values.put(e.getKey(), v);
                }
            }
        }
        return new Row(raw.line(), values, raw.fields().size() > columns.size());
    }

    private void problem(Row row, Column c, Code code, String message) {
        problems.add(ImportProblem.of(code, row.line(), c == null ? null : c.header(), message));
    }

    /**
     * The checks of a row that need no other row. Returns the row's step code, or null when the row has none (it is
     * still checked completely, but belongs to no step).
     */
    private String readRow(Row row) {
        String rawCode = row.get(Column.STEP_CODE);
        if (row.tooManyFields()) {
            problem(row, null, Code.TOO_MANY_FIELDS, "The row has " + fieldCounts.get(row.line()) + " fields but the header has " + columns.size()
                    + "; quote fields that contain commas");
            // Its fields may be shifted, so nothing else of it is judged; its step still counts as one of the file.
            if (StepCode.isValid(rawCode)) {
                codesOfUnreadRows.add(StepCode.parse(rawCode, "step_code").value());
            }
            return null;
        }
        if (rawCode.isEmpty() && !row.get(Column.CONTROL_CODE).isEmpty()) {
            readControlRow(row);
            return null;
        }
        String chapterCode = row.get(Column.CHAPTER_CODE);
        if (!chapterCode.isEmpty() && !CODE.matcher(chapterCode).matches()) {
            problem(row, Column.CHAPTER_CODE, Code.INVALID_CODE, "chapter_code '" + abbreviate(chapterCode, 40)
                    + "' is not a code: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        text(row, Column.MACRO_PHASE, MAX_PHASE_NAME);
        text(row, Column.CHAPTER, MAX_CHAPTER_NAME);
        position(row, Column.MACRO_PHASE_POSITION);
        position(row, Column.CHAPTER_POSITION);
        if (!StepCode.isValid(rawCode)) {
            problem(row, Column.STEP_CODE, rawCode.isEmpty() ? Code.MISSING_VALUE : Code.INVALID_CODE, rawCode.isEmpty()
                    ? "step_code is required" : "'" + abbreviate(rawCode, 40) + "' is not a step code: expected TYPE-number such as TRT-1204");
            // No step to attach it to, but every value it gives is still checked.
            checkStepValues(row, null, false);
            readTask(row, null);
            predecessorCodes(row);
            return null;
        }
        return StepCode.parse(rawCode, "step_code").value();
    }

    /**
     * A control row (no step_code, a control_code): the control's title, description and critical flag, so controls
     * keep their text and a control no task names is kept. A control is critical if any row says so.
     */
    private void readControlRow(Row row) {
        String code = row.get(Column.CONTROL_CODE);
        if (!CODE.matcher(code).matches()) {
            problem(row, Column.CONTROL_CODE, Code.INVALID_CODE, "'" + abbreviate(code, 40)
                    + "' is not a control code (1 to 64 letters, digits, '.', '_' or '-')");
            return;
        }
        String title = row.get(Column.CONTROL_TITLE);
        String description = row.get(Column.CONTROL_DESCRIPTION);
        if (title.length() > MAX_TITLE) {
            problem(row, Column.CONTROL_TITLE, Code.TOO_LONG, "control_title is " + title.length() + " characters long; the limit is " + MAX_TITLE);
        }
        if (description.length() > MAX_DESCRIPTION) {
            problem(row, Column.CONTROL_DESCRIPTION, Code.TOO_LONG, "control_description is " + description.length()
                    + " characters long; the limit is " + MAX_DESCRIPTION);
        }
        ControlText text = new ControlText(title.isEmpty() ? code : title, description.isEmpty() ? null : description);
        ControlText before = controlTexts.putIfAbsent(code, text);
        if (before != null && !before.equals(text)) {
            problem(row, Column.CONTROL_CODE, Code.CONFLICTING_CONTROL, "Control " + code + " is described differently on an earlier row");
        }
        controls.merge(code, bool(row, Column.CONTROL_CRITICAL), Boolean::logicalOr);
    }

    private Integer position(Row row, Column c) {
        String v = row.get(c);
        if (v.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > MAX_POSITION) {
                problem(row, c, Code.OUT_OF_RANGE, c.header() + " is " + p + "; it must be between 0 and " + MAX_POSITION);
                return null;
            }
            return p;
        } catch (NumberFormatException e) {
            problem(row, c, Code.INVALID_NUMBER, c.header() + " '" + abbreviate(v, 20) + "' is not a whole number");
            return null;
        }
    }

    /** Length check of a one-line name; the value is kept whatever its fault so nothing cascades from it. */
    private void text(Row row, Column c, int max) {
        String v = row.get(c);
        if (v.length() > max) {
            problem(row, c, Code.TOO_LONG, c.header() + " is " + v.length() + " characters long; the limit is " + max);
        }
    }

    // ------------------------------------------------------------------------------------------------ positions

    /** macro_phase_position and chapter_position: one value per macro-phase and per chapter, wherever given. */
    private void readPositions(boolean hasRows) {
        if (!hasRows) {
            return;
        }
        Map<String, Map<Integer, List<Integer>>> phaseValues = new LinkedHashMap<>();
        Map<String, Map<Integer, List<Integer>>> chapterValues = new LinkedHashMap<>();
        for (StepRows s : stepRows.values()) {
            for (StepRecord r : s.records) {
                for (Row row : r.rows()) {
                    Integer pp = quietPosition(row.get(Column.MACRO_PHASE_POSITION));
                    if (pp != null && !row.get(Column.MACRO_PHASE).isEmpty()) {
                        phaseValues.computeIfAbsent(row.get(Column.MACRO_PHASE), k -> new LinkedHashMap<>())
                                .computeIfAbsent(pp, k -> new ArrayList<>()).add(row.line());
                    }
                    Integer cp = quietPosition(row.get(Column.CHAPTER_POSITION));
                    String key = chapterKey(row.get(Column.CHAPTER), row.get(Column.CHAPTER_CODE));
                    if (cp != null && key != null) {
                        chapterValues.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(cp, k -> new ArrayList<>()).add(row.line());
                    }
                }
            }
        }
        phaseValues.forEach((phase, values) -> {
            phasePositions.put(phase, values.keySet().iterator().next());
            conflictingPositions(Column.MACRO_PHASE_POSITION, "macro-phase '" + abbreviate(phase, 60) + "'", values);
        });
        chapterValues.forEach((key, values) -> {
            chapterPositions.put(key, values.keySet().iterator().next());
            conflictingPositions(Column.CHAPTER_POSITION, "chapter " + key.substring(key.indexOf(':') + 1), values);
        });
    }

    private final Map<String, Integer> chapterPositions = new HashMap<>();

    private void conflictingPositions(Column c, String what, Map<Integer, List<Integer>> values) {
        if (values.size() > 1) {
            List<Integer> lines = values.values().stream().flatMap(List::stream).toList();
            problems.add(ImportProblem.of(Code.CONFLICTING_POSITION, lines.get(0), c.header(), "The " + what + " is given "
                    + values.size() + " different positions " + values.keySet() + "; give it one").withLines(lines));
        }
    }

    private static Integer quietPosition(String v) {
        try {
            int p = Integer.parseInt(v);
            return p < 0 || p > MAX_POSITION ? null : p;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ steps

    private static String chapterKey(String name, String code) {
        if (!code.isEmpty() && CODE.matcher(code).matches()) {
            return "code:" + code;
        }
        return name.isEmpty() ? null : "name:" + name;
    }

    /** The macro-phase each chapter is given on the first row of a step that names both, for steps naming only the chapter. */
    private Map<String, String> chapterPhases() {
        Map<String, String> out = new HashMap<>();
        for (StepRows s : stepRows.values()) {
            Row first = s.records.get(0).first();
            String key = chapterKey(first.get(Column.CHAPTER), first.get(Column.CHAPTER_CODE));
            if (key != null && !first.get(Column.MACRO_PHASE).isEmpty()) {
                out.putIfAbsent(key, first.get(Column.MACRO_PHASE));
            }
        }
        return out;
    }

    private void readStep(StepRows s, Map<String, String> phaseOfChapter) {
        StepRecord firstRecord = s.records.get(0);
        Row defining = firstRecord.first();
        Step step = new Step(s.code, defining.line());
        steps.put(step.code, step);
        locate(step, defining, phaseOfChapter);

        List<Row> rows = firstRecord.rows();
        int period = repetitionPeriod(rows);
        if (period < rows.size()) {
            List<Integer> lines = rows.subList(period, rows.size()).stream().map(Row::line).toList();
            ImportProblem p = ImportProblem.of(Code.DUPLICATE_STEP, lines.get(0), Column.STEP_CODE.header(), "Step " + step.code
                    + " (line " + defining.line() + ") is repeated identically " + (rows.size() / period - 1) + " more time(s) right after itself"
                    + "; its tasks would be doubled").markRepairable().withLines(lines).withSteps(List.of(step.code));
            problems.add(p);
            warnings.add(p.warning("Step " + step.code + ": imported its rows once; the identical repeat on line(s) "
                    + lineList(lines) + " was merged"));
            rows = rows.subList(0, period);
        }

        Map<Column, List<Integer>> differing = new EnumMap<>(Column.class);
        for (Row row : rows.subList(1, rows.size())) {
            for (Column c : STEP_COLUMNS) {
                String v = row.get(c);
                if (!v.isEmpty() && !sameValue(c, v, defining.get(c))) {
                    differing.computeIfAbsent(c, k -> new ArrayList<>()).add(row.line());
                }
            }
            for (Column c : LOCATION_COLUMNS) {
                String v = row.get(c);
                if (!v.isEmpty() && !v.equals(defining.get(c))) {
                    differing.computeIfAbsent(c, k -> new ArrayList<>()).add(row.line());
                }
            }
        }
        checkStepValues(defining, step, true);
        for (Row row : rows) {
            if (row != defining) {
                referTeams(row, step);
            }
            for (String p : predecessorCodes(row)) {
                if (p.equals(step.code)) {
                    selfLines.computeIfAbsent(step.code, k -> new ArrayList<>()).add(row.line());
                } else if (step.predecessors.add(p)) {
                    dependencyLines.put(p + ">" + step.code, row.line());
                }
            }
            readTask(row, step);
        }

        List<Integer> duplicateLines = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<Integer> conflictLines = new ArrayList<>();
        differing.forEach((c, lines) -> {
            conflicts.add(c.header() + " on line(s) " + lineList(lines) + " differs from line " + defining.line());
            conflictLines.addAll(lines);
        });
        String signature = signature(firstRecord.rows());
        for (StepRecord again : s.records.subList(1, s.records.size())) {
            if (signature(again.rows()).equals(signature)) {
                again.rows().forEach(r -> duplicateLines.add(r.line()));
            } else {
                conflicts.add("it appears again on line " + again.first().line() + " after other steps, with "
                        + (sameLocation(again.first(), defining) ? "other values or tasks" : "another macro-phase or chapter"));
                again.rows().forEach(r -> conflictLines.add(r.line()));
            }
        }
        if (!duplicateLines.isEmpty()) {
            ImportProblem p = ImportProblem.of(Code.DUPLICATE_STEP, duplicateLines.get(0), Column.STEP_CODE.header(), "Step "
                    + step.code + " (line " + defining.line() + ") is repeated identically on line(s) " + lineList(duplicateLines)
                    + "; its tasks would be doubled").markRepairable().withLines(duplicateLines).withSteps(List.of(step.code));
            problems.add(p);
            warnings.add(p.warning("Step " + step.code + ": imported once; the identical repeat on line(s) " + lineList(duplicateLines)
                    + " was merged"));
        }
        if (!conflicts.isEmpty()) {
            problems.add(ImportProblem.of(Code.CONFLICTING_STEP, conflictLines.get(0), Column.STEP_CODE.header(), "Step " + step.code
                    + " (line " + defining.line() + ") has conflicting records: " + String.join("; ", conflicts)
                    + ". A step's rows must be consecutive and repeat its values or leave them blank; give different steps different codes")
                    .withLines(conflictLines).withSteps(List.of(step.code)));
        }
    }

    private static boolean sameLocation(Row a, Row b) {
        return LOCATION_COLUMNS.stream().allMatch(c -> a.get(c).equals(b.get(c)));
    }

    private static boolean sameValue(Column c, String a, String b) {
        if (c == Column.OWNER_TEAM) {
            return TeamDirectory.key(a).equals(TeamDirectory.key(b));
        }
        if (c == Column.IMPACTED_TEAMS) {
            return teamList(a).stream().map(TeamDirectory::key).collect(Collectors.toSet())
                    .equals(teamList(b).stream().map(TeamDirectory::key).collect(Collectors.toSet()));
        }
        if (c == Column.STEP_TYPE) {
            return a.equalsIgnoreCase(b);
        }
        return a.equals(b);
    }

    /** What makes two records of a step the same: every value of every row, in order. */
    private static String signature(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(r.values()).append('\u0001');
        }
        return sb.toString();
    }

    /**
     * The shortest p such that the rows are the first p rows repeated (a block pasted twice in a row), or the number
     * of rows when they are not such a repetition.
     */
    private static int repetitionPeriod(List<Row> rows) {
        int n = rows.size();
        for (int p = 1; p <= n / 2; p++) {
            if (n % p != 0) {
                continue;
            }
            boolean repeats = true;
            for (int i = p; i < n && repeats; i++) {
                repeats = rows.get(i).values().equals(rows.get(i - p).values());
            }
            if (repeats) {
                return p;
            }
        }
        return n;
    }

    /** Places the step in its chapter; a missing macro-phase or chapter is repaired into "Unassigned". */
    private void locate(Step step, Row row, Map<String, String> phaseOfChapter) {
        String phase = row.get(Column.MACRO_PHASE);
        String chapterName = row.get(Column.CHAPTER);
        String chapterCode = row.get(Column.CHAPTER_CODE);
        String key = chapterKey(chapterName, chapterCode);
        if (phase.isEmpty()) {
            String inferred = key == null ? null : phaseOfChapter.get(key);
            phase = inferred != null ? inferred : UNASSIGNED;
            ImportProblem p = ImportProblem.of(Code.MISSING_VALUE, row.line(), Column.MACRO_PHASE.header(), "Step " + step.code
                    + " has no macro_phase").markRepairable().withSteps(List.of(step.code));
            problems.add(p);
            warnings.add(p.warning("Step " + step.code + " has no macro_phase: put into macro-phase '" + abbreviate(phase, 60) + "'"
                    + (inferred != null ? ", where its chapter is" : "")));
        } else {
            givenPhases.add(phase);
        }
        Chapter chapter;
        if (key == null) {
            ImportProblem p = ImportProblem.of(Code.MISSING_VALUE, row.line(), Column.CHAPTER.header(), "Step " + step.code
                    + " has no chapter").markRepairable().withSteps(List.of(step.code));
            problems.add(p);
            warnings.add(p.warning("Step " + step.code + " has no chapter: put into chapter '" + UNASSIGNED + "' of macro-phase '"
                    + abbreviate(phase, 60) + "'"));
            String finalPhase = phase;
            chapter = chapters.computeIfAbsent("unassigned:" + phase, k -> register(new Chapter(UNASSIGNED_CHAPTER, UNASSIGNED,
                    row.line(), finalPhase)));
        } else {
            Chapter existing = chapters.get(key);
            if (existing == null) {
                String name = chapterName.isEmpty() ? chapterCode : chapterName;
                if (chapterName.isEmpty()) {
                    ImportProblem p = ImportProblem.of(Code.MISSING_VALUE, row.line(), Column.CHAPTER.header(), "Chapter "
                            + chapterCode + " has no name").markRepairable().withSteps(List.of(step.code));
                    problems.add(p);
                    warnings.add(p.warning("Chapter " + chapterCode + " has no name: named after its code"));
                }
                Chapter created = new Chapter(chapterCode.isEmpty() ? null : chapterCode, name, row.line(), phase);
                created.position = chapterPositions.get(key);
                chapter = register(created);
                chapters.put(key, chapter);
            } else {
                chapter = existing;
                if (!row.get(Column.MACRO_PHASE).isEmpty() && !existing.phaseName.equals(phase)) {
                    problem(row, Column.MACRO_PHASE, Code.CONFLICTING_CHAPTER, "Chapter '" + abbreviate(existing.name, 60)
                            + "' is in macro-phase '" + abbreviate(existing.phaseName, 60) + "' (line " + existing.line + "), not '"
                            + abbreviate(phase, 60) + "'");
                } else if (!chapterName.isEmpty() && !existing.name.equals(chapterName)) {
                    problem(row, Column.CHAPTER, Code.CONFLICTING_CHAPTER, "Chapter " + chapterCode + " is named '"
                            + abbreviate(existing.name, 60) + "' on line " + existing.line + ", not '" + abbreviate(chapterName, 60) + "'");
                }
            }
        }
        chapter.steps.add(step);
    }

    private Chapter register(Chapter chapter) {
        phases.computeIfAbsent(chapter.phaseName, k -> new ArrayList<>()).add(chapter);
        return chapter;
    }

    /** The step columns of a step's defining row (or, with {@code step} null, of a row that has no valid code). */
    private void checkStepValues(Row row, Step step, boolean defining) {
        String code = row.get(Column.STEP_CODE);
        String type = row.get(Column.STEP_TYPE);
        if (step != null && !type.isEmpty() && !type.equalsIgnoreCase(step.type)) {
            problem(row, Column.STEP_TYPE, Code.TYPE_MISMATCH, "step_type '" + abbreviate(type, 20) + "' does not match the code "
                    + step.code + " (its type is " + step.type + ")");
        }
        String description = row.get(Column.STEP_DESCRIPTION);
        String title = title(row, Column.STEP_TITLE, step == null ? code : step.code, defining);
        if (title != null && !title.equals(row.get(Column.STEP_TITLE))) {
            description = description.isEmpty() ? row.get(Column.STEP_TITLE) : row.get(Column.STEP_TITLE) + "\n\n" + description;
        }
        if (description.length() > MAX_DESCRIPTION) {
            problem(row, Column.STEP_DESCRIPTION, Code.TOO_LONG, "step_description is " + description.length()
                    + " characters long" + (description.length() > row.get(Column.STEP_DESCRIPTION).length() ? " with the title moved into it" : "")
                    + "; the limit is " + MAX_DESCRIPTION);
        }
        String minutes = row.get(Column.DURATION_MINUTES);
        int parsed = 0;
        if (minutes.isEmpty()) {
            if (defining) {
                problem(row, Column.DURATION_MINUTES, Code.MISSING_VALUE, "duration_minutes is required on the first row of a step");
            }
        } else {
            try {
                parsed = Integer.parseInt(minutes);
                if (parsed < 1 || parsed > MAX_DURATION_MINUTES) {
                    problem(row, Column.DURATION_MINUTES, Code.OUT_OF_RANGE, "duration_minutes is " + parsed
                            + "; it must be between 1 and " + MAX_DURATION_MINUTES);
                }
            } catch (NumberFormatException e) {
                problem(row, Column.DURATION_MINUTES, Code.INVALID_NUMBER, "duration_minutes '" + abbreviate(minutes, 20)
                        + "' is not a whole number of minutes");
            }
        }
        boolean goNoGo = bool(row, Column.GO_NO_GO);
        if (step != null) {
            step.title = title;
            step.description = description.isEmpty() ? null : description;
            step.minutes = parsed;
            step.goNoGo = goNoGo;
            String owner = row.get(Column.OWNER_TEAM);
            step.ownerTeam = owner.isEmpty() ? null : owner;
            step.impactedTeams = teamList(row.get(Column.IMPACTED_TEAMS));
        }
        referTeams(row, step);
    }

    /** Notes the step-level teams a row names (the owner and impacted teams), so an unknown one is reported with all its lines. */
    private void referTeams(Row row, Step step) {
        String owner = row.get(Column.OWNER_TEAM);
        if (!owner.isEmpty()) {
            refer(teams, owner, row.line(), Column.OWNER_TEAM);
        }
        for (String t : teamList(row.get(Column.IMPACTED_TEAMS))) {
            refer(teams, t, row.line(), Column.IMPACTED_TEAMS);
        }
    }

    private static void refer(Map<String, Reference> refs, String name, int line, Column column) {
        Reference r = refs.get(name);
        if (r == null) {
            refs.put(name, new Reference(name, new ArrayList<>(List.of(line)), column));
        } else if (r.lines().get(r.lines().size() - 1) != line) {
            r.lines().add(line);
        }
    }

    /**
     * A required one-line title of at most 500 characters. One that is too long or spans lines is a repairable problem:
     * the title is cut at its first line (and to the limit) and the caller moves the full text to the description.
     */
    private String title(Row row, Column c, String owner, boolean required) {
        String v = row.get(c);
        if (v.isEmpty()) {
            if (required) {
                problem(row, c, Code.MISSING_VALUE, c.header() + " is required" + (owner.isEmpty() ? "" : " (step " + owner + ")"));
            }
            return null;
        }
        boolean multiLine = v.indexOf('\n') >= 0;
        if (v.length() <= MAX_TITLE && (!multiLine || c == Column.TASK_TITLE)) {
            return v;
        }
        String cut = shorten(v);
        ImportProblem p = (v.length() > MAX_TITLE
                ? ImportProblem.of(Code.TOO_LONG, row.line(), c.header(), c.header() + " is " + v.length()
                        + " characters long; the limit is " + MAX_TITLE)
                : ImportProblem.of(Code.MULTI_LINE, row.line(), c.header(), c.header() + " spans " + v.lines().count()
                        + " lines; a title is one line")).markRepairable();
        problems.add(p);
        warnings.add(p.warning(c.header() + " of " + (c == Column.TASK_TITLE ? "a task of " : "") + "step " + owner + " ("
                + v.length() + " characters) cut to \"" + abbreviate(cut, 60) + "\" (" + cut.length()
                + " characters); the full text starts the " + (c == Column.TASK_TITLE ? "task" : "step") + "'s description"));
        return cut;
    }

    /** The first line, cut at a word boundary to fit the limit with an ellipsis when it is still too long. */
    static String shorten(String text) {
        String first = text.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(text.strip());
        if (first.length() <= MAX_TITLE) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX_TITLE - 1);
        if (cut < MAX_TITLE / 2) {
            cut = MAX_TITLE - 1;
        }
        return first.substring(0, cut).strip() + "\u2026";
    }

    private List<String> predecessorCodes(Row row) {
        List<String> out = new ArrayList<>();
        for (String p : codeList(row.get(Column.PREDECESSORS))) {
            if (!StepCode.isValid(p)) {
                problem(row, Column.PREDECESSORS, Code.INVALID_CODE, "'" + abbreviate(p, 40) + "' is not a step code");
            } else {
                out.add(StepCode.parse(p, "predecessors").value());
            }
        }
        return out;
    }

    private final Map<String, List<Integer>> selfLines = new LinkedHashMap<>();

    private void readTask(Row row, Step step) {
        String title = row.get(Column.TASK_TITLE);
        List<String> codes = new ArrayList<>();
        for (Column c : List.of(Column.CONTROLS, Column.CRITICAL_CONTROLS)) {
            for (String control : codeList(row.get(c))) {
                if (!CODE.matcher(control).matches()) {
                    problem(row, c, Code.INVALID_CODE, "'" + abbreviate(control, 40)
                            + "' is not a control code (1 to 64 letters, digits, '.', '_' or '-')");
                    continue;
                }
                if (step != null) {
                    controls.merge(control, c == Column.CRITICAL_CONTROLS, Boolean::logicalOr);
                }
                if (!codes.contains(control)) {
                    codes.add(control);
                }
            }
        }
        String team = row.get(Column.TASK_TEAM);
        String user = row.get(Column.NOMINATED_USER);
        if (!team.isEmpty()) {
            refer(teams, team, row.line(), Column.TASK_TEAM);
        }
        if (!user.isEmpty()) {
            refer(users, user, row.line(), Column.NOMINATED_USER);
        }
        String description = row.get(Column.TASK_DESCRIPTION);
        if (title.isEmpty()) {
            List<String> given = TASK_COLUMNS.stream().filter(c -> !row.get(c).isEmpty()).map(Column::header).toList();
            if (!given.isEmpty()) {
                problem(row, Column.TASK_TITLE, Code.MISSING_VALUE, String.join(", ", given)
                        + (given.size() == 1 ? " is" : " are") + " given but task_title is blank: a task needs a title");
            }
            return;
        }
        String cut = title(row, Column.TASK_TITLE, step == null ? row.get(Column.STEP_CODE) : step.code, false);
        if (!cut.equals(title)) {
            description = description.isEmpty() ? title : title + "\n\n" + description;
        }
        if (description.length() > MAX_DESCRIPTION) {
            problem(row, Column.TASK_DESCRIPTION, Code.TOO_LONG, "task_description is " + description.length()
                    + " characters long; the limit is " + MAX_DESCRIPTION);
        }
        if (step != null) {
            step.tasks.add(new Task(cut, description.isEmpty() ? null : description, team.isEmpty() ? null : team,
                    user.isEmpty() ? null : user, List.copyOf(codes), row.line()));
        }
    }

    // ------------------------------------------------------------------------------------------------ dependencies

    private void checkDependencies() {
        selfLines.forEach((code, lines) -> {
            ImportProblem p = ImportProblem.of(Code.SELF_DEPENDENCY, lines.get(0), Column.PREDECESSORS.header(), "Step " + code
                    + " names itself as a predecessor").markRepairable().withLines(lines).withSteps(List.of(code))
                    .withDependency(code + " -> " + code);
            problems.add(p);
            warnings.add(p.warning("Dropped step " + code + "'s dependency on itself"));
        });
        DependencyGraph<String> graph = new DependencyGraph<>();
        for (Step s : steps.values()) {
            graph.addNode(s.code);
        }
        for (Step s : steps.values()) {
            for (String p : List.copyOf(s.predecessors)) {
                if (steps.containsKey(p)) {
                    graph.addEdge(p, s.code);
                    continue;
                }
                s.predecessors.remove(p);
                if (codesOfUnreadRows.contains(p)) {
                    continue; // its row could not be read; that row's problem already refuses the file
                }
                int line = dependencyLines.get(p + ">" + s.code);
                ImportProblem problem = ImportProblem.of(Code.UNKNOWN_PREDECESSOR, line, Column.PREDECESSORS.header(), "Predecessor "
                        + p + " of step " + s.code + " is not a step of this file").markRepairable().withSteps(List.of(s.code))
                        .withDependency(p + " -> " + s.code);
                problems.add(problem);
                warnings.add(problem.warning("Dropped the dependency " + p + " -> " + s.code + ": " + p + " is not a step of this file"));
            }
        }
        for (DependencyGraph.Cycle<String> cycle : graph.cycles()) {
            List<String> breaking = cycle.breakingEdges().stream().map(DependencyGraph.Edge::toString).toList();
            DependencyGraph.Edge<String> first = cycle.breakingEdges().get(0);
            int line = dependencyLines.get(first.predecessor() + ">" + first.successor());
            String members = cycle.members().size() <= 12 ? String.join(", ", cycle.members())
                    : String.join(", ", cycle.members().subList(0, 12)) + " and " + (cycle.members().size() - 12) + " more";
            String path = cycle.cycle().size() <= 13 ? String.join(" -> ", cycle.cycle())
                    : String.join(" -> ", cycle.cycle().subList(0, 12)) + " -> … -> " + cycle.cycle().get(0);
            ImportProblem p = ImportProblem.of(Code.DEPENDENCY_CYCLE, line, Column.PREDECESSORS.header(), "Steps " + members
                    + " depend on each other in a cycle (" + path + "); removing the dependency " + first
                    + (breaking.size() > 1 ? " and " + (breaking.size() - 1) + " more (see dependencies)" : "") + " breaks it")
                    .markRepairable().withSteps(cycle.members()).withCycle(cycle.cycle(), first.toString(), breaking);
            problems.add(p);
            for (DependencyGraph.Edge<String> e : cycle.breakingEdges()) {
                steps.get(e.successor()).predecessors.remove(e.predecessor());
                int edgeLine = dependencyLines.get(e.predecessor() + ">" + e.successor());
                warnings.add(ImportProblem.of(Code.DEPENDENCY_CYCLE, edgeLine, Column.PREDECESSORS.header(), "").withSteps(cycle.members())
                        .withDependency(e.toString()).warning("Dropped the dependency " + e + " (line " + edgeLine
                                + ") to break the cycle " + path));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Chapters without a chapter_code get CH-001, CH-002 ... in plan order, skipping codes the file uses. */
    private void assignChapterCodes(List<Phase> ordered) {
        Set<String> used = new HashSet<>();
        chapters.values().stream().map(c -> c.code).filter(Objects::nonNull).filter(c -> !c.equals(UNASSIGNED_CHAPTER)).forEach(used::add);
        int n = 0;
        for (Phase p : ordered) {
            for (Chapter c : p.chapters()) {
                if (c.code == null || c.code.equals(UNASSIGNED_CHAPTER)) {
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

    private boolean bool(Row row, Column c) {
        String v = row.get(c).toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (!FALSE.contains(v)) {
            problem(row, c, Code.INVALID_BOOLEAN, c.header() + " '" + abbreviate(v, 20) + "' is not true/false (also yes/no, y/n, 1/0, x/blank)");
        }
        return false;
    }

    private static List<String> codeList(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(CODE_LIST_SEPARATOR.split(value)).filter(s -> !s.isEmpty()).toList();
    }

    /** Team names separated by ';', ',' or line breaks, each trimmed, without repeats (compared ignoring case and spaces). */
    static List<String> teamList(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String t : TEAM_LIST_SEPARATOR.split(value)) {
            String name = t.strip();
            if (!name.isEmpty() && seen.add(TeamDirectory.key(name))) {
                out.add(name);
            }
        }
        return out;
    }

    static String lineList(List<Integer> lines) {
        TreeSet<Integer> sorted = new TreeSet<>(lines);
        String shown = sorted.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "));
        return sorted.size() > 20 ? shown + " and " + (sorted.size() - 20) + " more" : shown;
    }

    static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "\u2026" : s;
    }
}
