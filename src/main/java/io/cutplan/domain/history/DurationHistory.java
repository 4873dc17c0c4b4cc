package io.cutplan.domain.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns runs into duration samples, the one rule every reader of history uses: a run counts when it is DONE with
 * an actual start and end ({@link StepRun#isSample()}); its sample is finishedAt - startedAt in seconds. SKIPPED,
 * CANCELLED and unfinished runs are no samples (they say nothing about how long the work takes).
 */
public final class DurationHistory {
    private DurationHistory() {
    }

    /**
     * Per canonical step, its samples as pairs {@code {start delay, duration}} in seconds, both from the same run
     * (so a rehearsal that was slow to start a step and slow to do it stays one draw); absent without any sample.
     */
    public static Map<UUID, List<long[]>> runs(Collection<StepRun> runs) {
        Map<UUID, List<long[]>> out = new HashMap<>();
        for (StepRun r : runs) {
            Long s = r.seconds();
            if (s != null) {
                out.computeIfAbsent(r.stepId(), k -> new ArrayList<>()).add(new long[] {r.startDelaySeconds(), s});
            }
        }
        return out;
    }

    /** Per canonical step, its samples in seconds; steps without any sample are absent. */
    public static Map<UUID, List<Long>> samples(Collection<StepRun> runs) {
        Map<UUID, List<Long>> out = new HashMap<>();
        for (StepRun r : runs) {
            Long s = r.seconds();
            if (s != null) {
                out.computeIfAbsent(r.stepId(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }
}
