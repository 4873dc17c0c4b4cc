package io.cutplan.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans chapter windows from the planned step durations with a critical-path forward pass: a chapter starts
 * at its earliest step's earliest start and ends at its latest step's earliest finish, both rounded up to
 * five minutes and kept inside the iteration's window. Because each phase's chapters hang off the previous
 * phase's go decision, the schedule follows plan order phase by phase; chapters of one phase run side by side.
 */
final class ChapterScheduler {
    private ChapterScheduler() {
    }

    /** A chapter's planned window, in minutes from the iteration's planned start. */
    record Window(long startMinute, long endMinute) {
    }

    /** Earliest finish of the whole plan in minutes: the critical path. */
    static long criticalPathMinutes(DemoModel model) {
        long[] ef = earliestFinish(model);
        long max = 0;
        for (long f : ef) {
            max = Math.max(max, f);
        }
        return max;
    }

    static List<Window> plan(DemoModel model, long windowMinutes) {
        long[] ef = earliestFinish(model);
        int chapters = model.chapters().size();
        long[] start = new long[chapters];
        long[] end = new long[chapters];
        java.util.Arrays.fill(start, Long.MAX_VALUE);
        for (int s = 0; s < model.steps().size(); s++) {
            DemoModel.Step step = model.steps().get(s);
            start[step.chapter()] = Math.min(start[step.chapter()], ef[s] - step.minutes());
            end[step.chapter()] = Math.max(end[step.chapter()], ef[s]);
        }
        List<Window> out = new ArrayList<>();
        for (int c = 0; c < chapters; c++) {
            long s = Math.min(ceil5(start[c]), windowMinutes - 5);
            long e = Math.min(Math.max(ceil5(end[c]), s + 5), windowMinutes);
            out.add(new Window(s, e));
        }
        return out;
    }

    private static long[] earliestFinish(DemoModel model) {
        List<List<Integer>> preds = model.predecessors();
        long[] ef = new long[model.steps().size()];
        // Plan order is a topological order: every dependency points forward.
        for (int s = 0; s < ef.length; s++) {
            long es = 0;
            for (int p : preds.get(s)) {
                es = Math.max(es, ef[p]);
            }
            ef[s] = es + model.steps().get(s).minutes();
        }
        return ef;
    }

    private static long ceil5(long minutes) {
        return (minutes + 4) / 5 * 5;
    }
}
