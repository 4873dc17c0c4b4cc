package io.cutplan.demo;

import io.cutplan.domain.IterationType;
import java.util.List;
import java.util.Locale;

/**
 * The shape of one demo runbook: how many of everything, and which iterations exist in which state.
 * {@link #SMALL} is quick to load and to read; {@link #REALISTIC} mirrors the figures of a real
 * scraped banking cutover runbook (see docs/demo.md).
 */
public record DemoSize(
        String name,
        int teams,
        int users,
        int[] chaptersPerPhase,
        int steps,
        int tasks,
        int maxTasksPerStep,
        int maxStepsPerChapter,
        int controls,
        int criticalControls,
        int failuresPerExecutedIteration,
        List<IterationPlan> iterations) {

    /** How far a demo iteration has got when the demo is loaded. */
    public enum IterationStage {
        EXECUTED,
        IN_PROGRESS,
        PLANNED
    }

    /** One iteration of the demo; {@code dayOffset} places its planned start relative to the load time. */
    public record IterationPlan(String code, String name, IterationType type, IterationStage progress, int dayOffset) {
    }

    public static final DemoSize SMALL = new DemoSize("small", 15, 40, new int[] {2, 3, 3, 2, 2}, 120, 280, 15, 40, 20, 6, 2,
            List.of(new IterationPlan("RUN1", "Run 1 (technical rehearsal)", IterationType.RUN, IterationStage.EXECUTED, -14),
                    new IterationPlan("DR1", "Dress rehearsal 1", IterationType.DRESS_REHEARSAL, IterationStage.IN_PROGRESS, 0),
                    new IterationPlan("CUTOVER", "Cutover weekend", IterationType.CUTOVER, IterationStage.PLANNED, 14)));

    public static final DemoSize REALISTIC = new DemoSize("realistic", 65, 200, new int[] {10, 14, 20, 13, 9}, 1200, 2700, 50, 200,
            150, 36, 4,
            List.of(new IterationPlan("RUN1", "Run 1 (technical rehearsal)", IterationType.RUN, IterationStage.EXECUTED, -70),
                    new IterationPlan("RUN2", "Run 2 (technical rehearsal)", IterationType.RUN, IterationStage.EXECUTED, -56),
                    new IterationPlan("RUN3", "Run 3 (timed run)", IterationType.RUN, IterationStage.EXECUTED, -42),
                    new IterationPlan("DR1", "Dress rehearsal 1", IterationType.DRESS_REHEARSAL, IterationStage.EXECUTED, -28),
                    new IterationPlan("DR2", "Dress rehearsal 2", IterationType.DRESS_REHEARSAL, IterationStage.IN_PROGRESS, 0),
                    new IterationPlan("DR3", "Dress rehearsal 3", IterationType.DRESS_REHEARSAL, IterationStage.PLANNED, 14),
                    new IterationPlan("CUTOVER", "Cutover weekend", IterationType.CUTOVER, IterationStage.PLANNED, 28)));

    public static DemoSize named(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "small" -> SMALL;
            case "realistic" -> REALISTIC;
            default -> throw new IllegalArgumentException("Unknown demo '" + name + "': use small or realistic");
        };
    }

    /** Codes of the demo's migration and plan: how a second load recognises the first. */
    public String code() {
        return "DEMO-" + name.toUpperCase(Locale.ROOT);
    }

    public int chapters() {
        int n = 0;
        for (int c : chaptersPerPhase) {
            n += c;
        }
        return n;
    }
}
