package io.cutplan.demo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What a demo load did: {@code loaded} is false when the demo was already there (nothing was written), the
 * ids of its migration, plan and iterations (by code, in start order) and row counts of the plan's tables.
 */
public record DemoSummary(String demo, long seed, boolean loaded, UUID migrationId, UUID planId,
                          Map<String, UUID> iterationIds, Map<String, Long> counts, Duration took) {

    public UUID iteration(String code) {
        UUID id = iterationIds.get(code);
        if (id == null) {
            throw new IllegalArgumentException("The " + demo + " demo has no iteration " + code + "; it has " + iterationIds.keySet());
        }
        return id;
    }

    public long count(String table) {
        return counts.getOrDefault(table, 0L);
    }

    /** One line for logs and the console. */
    public String describe() {
        return (loaded ? "Loaded" : "Already present:") + " demo '" + demo + "' - " + count("steps") + " steps, "
                + count("tasks") + " tasks, " + count("controls") + " controls, " + count("chapters") + " chapters, "
                + iterationIds.size() + " iterations " + iterationIds.keySet() + ", " + count("event_log") + " events"
                + (loaded ? " in " + took.toMillis() + " ms" : "");
    }
}
