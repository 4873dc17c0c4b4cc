package io.cutplan.testing;

/**
 * The 3,000-row import file the plan-import test and the import benchmark both send: 1,200 steps in 40 chapters and
 * 5 macro-phases, long chains with a join every 50 steps, controls and critical controls, escaped and quoted text.
 */
public final class GeneratedImportCsv {
    public static final String HEADER = "macro_phase,chapter,step_code,step_title,step_description,owner_team,impacted_teams,"
            + "duration_minutes,go_no_go,predecessors,task_title,task_team,nominated_user,controls,critical_controls\r\n";

    private GeneratedImportCsv() {
    }

    /** The file, with {@code ops} and {@code dba} as the owner and task teams. */
    public static String threeThousandRows(String ops, String dba) {
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = 0;
        for (int s = 1; s <= 1200; s++) {
            String pred = s == 1 ? "" : s % 50 == 0 ? "TRT-" + (s - 1) + ";TRT-" + (s - 25) : "TRT-" + (s - 1);
            int tasks = s % 2 == 0 ? 3 : 2;
            for (int t = 0; t < tasks && rows < 3000; t++) {
                boolean first = t == 0;
                csv.append("Phase ").append(1 + s / 300).append(",Chapter ").append(1 + s / 30).append(",TRT-").append(s).append(',')
                        .append(first ? "Treatment &amp; check " + s : "").append(',')
                        .append(first ? "\"Step " + s + ", described\"" : "").append(',')
                        .append(first ? ops : "").append(',').append(first ? dba : "").append(',')
                        .append(first ? "15" : "").append(",,").append(first ? pred : "").append(",Task ").append(t).append(',')
                        .append(t % 2 == 0 ? ops : dba).append(",,").append(t == 1 && s % 10 == 0 ? "CTL-" + s : "").append(',')
                        .append(t == 2 && s % 100 == 0 ? "CRIT-" + s : "").append("\r\n");
                rows++;
            }
        }
        return csv.toString();
    }
}
