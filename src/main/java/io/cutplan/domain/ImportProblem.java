package io.cutplan.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fault found in an imported file, or (as a warning) one repair made to it. {@code code} is the machine-readable
 * kind (see {@link Code}); {@code line} is the file line it is first found on and {@code lines} every line it
 * concerns when there are several (a step-level fault is reported once per step, naming all its lines);
 * {@code column} is the header name, absent for a whole-line fault. A cycle names its {@code steps}, one
 * {@code cycle} path through them and the {@code dependency} that would break it; a warning about a dropped
 * dependency names it in {@code dependency}. {@code repairable} says whether {@code repair=true} would fix it
 * (absent on warnings).
 */
public record ImportProblem(String code, Boolean repairable, int line, String column, String message, List<Integer> lines,
                            List<String> steps, List<String> cycle, String dependency, List<String> dependencies) {

    /** The kinds of problem and warning; the wire form is the lower-case name. */
    public enum Code {
        NOT_CSV, TOO_MANY_FIELDS, EMPTY_FILE, UNKNOWN_COLUMN, DUPLICATE_COLUMN, MISSING_COLUMN,
        MISSING_VALUE, TOO_LONG, MULTI_LINE, INVALID_CODE, TYPE_MISMATCH, INVALID_NUMBER, OUT_OF_RANGE, INVALID_BOOLEAN,
        SELF_DEPENDENCY, UNKNOWN_PREDECESSOR, DEPENDENCY_CYCLE, DUPLICATE_STEP, CONFLICTING_STEP, CONFLICTING_CHAPTER, CONFLICTING_CONTROL,
        CONFLICTING_POSITION, UNKNOWN_TEAM, AMBIGUOUS_TEAM, INVALID_TEAM_NAME, UNKNOWN_USER, SIMILAR_TEAM_NAMES;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How many problems of one code a report holds, and how many of them {@code repair=true} would fix. */
    public record CodeCount(String code, int count, int repairable) {
    }

    public static ImportProblem of(Code code, int line, String column, String message) {
        return new ImportProblem(code.wire(), false, line, column, message, null, null, null, null, null);
    }

    public ImportProblem markRepairable() {
        return new ImportProblem(code, true, line, column, message, lines, steps, cycle, dependency, dependencies);
    }

    /** All the lines this problem concerns; kept only when there is more than one. */
    public ImportProblem withLines(Collection<Integer> all) {
        List<Integer> sorted = all.stream().distinct().sorted().toList();
        return new ImportProblem(code, repairable, sorted.isEmpty() ? line : sorted.get(0), column, message,
                sorted.size() > 1 ? sorted : null, steps, cycle, dependency, dependencies);
    }

    public ImportProblem withSteps(List<String> stepCodes) {
        return new ImportProblem(code, repairable, line, column, message, lines, List.copyOf(stepCodes), cycle, dependency, dependencies);
    }

    public ImportProblem withCycle(List<String> path, String breaking, List<String> allBreaking) {
        return new ImportProblem(code, repairable, line, column, message, lines, steps, List.copyOf(path), breaking,
                allBreaking.size() > 1 ? List.copyOf(allBreaking) : null);
    }

    public ImportProblem withDependency(String dependencyText) {
        return new ImportProblem(code, repairable, line, column, message, lines, steps, cycle, dependencyText, dependencies);
    }

    /** The warning that says what repair mode did about this problem (same code, line and column). */
    public ImportProblem warning(String what) {
        return new ImportProblem(code, null, line, column, what, lines, steps, null, dependency, null);
    }

    public boolean canBeRepaired() {
        return Boolean.TRUE.equals(repairable);
    }

    /**
     * The problems grouped by code (groups in the order their first problem appears in the file), each group by
     * line: the order the report lists them in.
     */
    public static List<ImportProblem> grouped(Collection<ImportProblem> problems) {
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (ImportProblem p : problems) {
            firstLine.merge(p.code(), p.line(), Math::min);
        }
        List<ImportProblem> out = new ArrayList<>(problems);
        out.sort(Comparator.<ImportProblem>comparingInt(p -> firstLine.get(p.code())).thenComparing(ImportProblem::code)
                .thenComparingInt(ImportProblem::line));
        return out;
    }

    /** Counts per code, in the order of {@link #grouped}. */
    public static List<CodeCount> counts(Collection<ImportProblem> problems) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ImportProblem p : grouped(problems)) {
            int[] c = counts.computeIfAbsent(p.code(), k -> new int[2]);
            c[0]++;
            if (p.canBeRepaired()) {
                c[1]++;
            }
        }
        List<CodeCount> out = new ArrayList<>();
        counts.forEach((code, c) -> out.add(new CodeCount(code, c[0], c[1])));
        return out;
    }
}
