package io.cutplan.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which iteration status changes an administrator may make by hand, and which iterations may be deleted.
 * PLANNED -> IN_PROGRESS or CANCELLED; IN_PROGRESS -> COMPLETED or CANCELLED; COMPLETED -> IN_PROGRESS (reopen);
 * CANCELLED -> PLANNED (reinstate). An iteration that is running or has completed keeps its record: cancel it
 * before deleting it.
 */
public final class IterationLifecycle {
    private static final Map<IterationStatus, Set<IterationStatus>> ALLOWED = Map.of(
            IterationStatus.PLANNED, EnumSet.of(IterationStatus.IN_PROGRESS, IterationStatus.CANCELLED),
            IterationStatus.IN_PROGRESS, EnumSet.of(IterationStatus.COMPLETED, IterationStatus.CANCELLED),
            IterationStatus.COMPLETED, EnumSet.of(IterationStatus.IN_PROGRESS),
            IterationStatus.CANCELLED, EnumSet.of(IterationStatus.PLANNED));

    private IterationLifecycle() {
    }

    public static boolean canMove(IterationStatus from, IterationStatus to) {
        return from == to || ALLOWED.get(from).contains(to);
    }

    public static void requireMove(IterationStatus from, IterationStatus to) {
        if (!canMove(from, to)) {
            throw new DomainException(ErrorKind.RULE_VIOLATION, "invalid_transition",
                    "An iteration cannot go from " + from + " to " + to + "; allowed: " + ALLOWED.get(from), "status", null);
        }
    }

    public static boolean deletable(IterationStatus status) {
        return status == IterationStatus.PLANNED || status == IterationStatus.CANCELLED;
    }
}
