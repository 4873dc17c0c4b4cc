package io.cutplan.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a canonical plan in the import's own CSV format ({@link PlanCsv}), so that importing the file under another
 * code gives the same plan: one row per task (a step without tasks has one row), the step's columns on its first row
 * only, positions and chapter codes given, and a control row per control (its title, description and critical flag)
 * at the end. Every field goes through the one CSV escaper ({@link Csv#field}, with its formula guard, which the
 * import undoes), and every {@code &} is written {@code &amp;} because the import decodes character references once.
 */
public final class PlanCsvWriter {
    private PlanCsvWriter() {
    }

    public record Task(String title, String description, String teamCode, String nominatedUser, List<String> controlCodes) {
    }

    /** One step, with where it sits; steps are given in plan order (macro-phase, chapter, step position). */
    public record Step(String macroPhase, int macroPhasePosition, String chapterCode, String chapter, int chapterPosition,
                       String code, String type, String title, String description, String ownerTeamCode,
                       List<String> impactedTeamCodes, int minutes, boolean goNoGo, List<String> predecessorCodes, List<Task> tasks) {
    }

    public record Control(String code, String title, String description, boolean critical) {
    }

    private static final List<PlanCsv.Column> COLUMNS = List.of(PlanCsv.Column.values());

    public static String write(List<Step> steps, List<Control> controls) {
        StringBuilder out = new StringBuilder();
        row(out, COLUMNS.stream().map(PlanCsv.Column::header).map(h -> (Object) h).toList().toArray());
        Map<String, Boolean> critical = new java.util.HashMap<>();
        controls.forEach(c -> critical.put(c.code(), c.critical()));
        for (Step s : steps) {
            List<Task> tasks = s.tasks().isEmpty() ? java.util.Collections.singletonList(null) : s.tasks();
            boolean first = true;
            for (Task t : tasks) {
                Object[] v = new Object[COLUMNS.size()];
                put(v, PlanCsv.Column.MACRO_PHASE, s.macroPhase());
                put(v, PlanCsv.Column.CHAPTER_CODE, s.chapterCode());
                put(v, PlanCsv.Column.CHAPTER, s.chapter());
                put(v, PlanCsv.Column.STEP_CODE, s.code());
                if (first) {
                    put(v, PlanCsv.Column.MACRO_PHASE_POSITION, s.macroPhasePosition());
                    put(v, PlanCsv.Column.CHAPTER_POSITION, s.chapterPosition());
                    put(v, PlanCsv.Column.STEP_TYPE, s.type());
                    put(v, PlanCsv.Column.STEP_TITLE, s.title());
                    put(v, PlanCsv.Column.STEP_DESCRIPTION, s.description());
                    put(v, PlanCsv.Column.OWNER_TEAM, s.ownerTeamCode());
                    put(v, PlanCsv.Column.IMPACTED_TEAMS, String.join("; ", s.impactedTeamCodes()));
                    put(v, PlanCsv.Column.DURATION_MINUTES, s.minutes());
                    put(v, PlanCsv.Column.GO_NO_GO, s.goNoGo() ? "yes" : "no");
                    put(v, PlanCsv.Column.PREDECESSORS, String.join(" ", s.predecessorCodes()));
                }
                if (t != null) {
                    put(v, PlanCsv.Column.TASK_TITLE, t.title());
                    put(v, PlanCsv.Column.TASK_DESCRIPTION, t.description());
                    put(v, PlanCsv.Column.TASK_TEAM, t.teamCode());
                    put(v, PlanCsv.Column.NOMINATED_USER, t.nominatedUser());
                    List<String> plain = new ArrayList<>();
                    List<String> crit = new ArrayList<>();
                    for (String code : t.controlCodes()) {
                        (Boolean.TRUE.equals(critical.get(code)) ? crit : plain).add(code);
                    }
                    put(v, PlanCsv.Column.CONTROLS, String.join(" ", plain));
                    put(v, PlanCsv.Column.CRITICAL_CONTROLS, String.join(" ", crit));
                }
                row(out, v);
                first = false;
            }
        }
        for (Control c : controls) {
            Object[] v = new Object[COLUMNS.size()];
            put(v, PlanCsv.Column.CONTROL_CODE, c.code());
            put(v, PlanCsv.Column.CONTROL_TITLE, c.title());
            put(v, PlanCsv.Column.CONTROL_DESCRIPTION, c.description());
            put(v, PlanCsv.Column.CONTROL_CRITICAL, c.critical() ? "yes" : "no");
            row(out, v);
        }
        return out.toString();
    }

    private static void put(Object[] row, PlanCsv.Column c, Object value) {
        row[c.ordinal()] = value;
    }

    private static void row(StringBuilder out, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values[i] == null ? "" : values[i].toString()));
        }
        out.append("\r\n");
    }

    /** The text as the import will read it back: '&' encoded, an apostrophe the guard would eat doubled, then escaped. */
    static String field(String value) {
        String v = value.replace("&", "&amp;");
        if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@\t".indexOf(v.charAt(1)) >= 0) {
            v = "'" + v;
        }
        return Csv.field(v);
    }
}
