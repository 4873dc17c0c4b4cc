package io.cutplan.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The step lifecycle as a table: which {@code from -> to} moves exist and who may make them. Pure data, no I/O;
 * the service consults it before touching a row, so the rules hold for every client, not only the page.
 *
 * <pre>
 * PENDING  -> READY                         automatic only (every in-scope predecessor cleared, see Readiness)
 * READY    -> PENDING                       automatic only (a predecessor, or the feed of a skipped one, reopened or restored)
 * ON_HOLD  -> PENDING                       automatic only (released from hold while a predecessor is unfinished)
 * READY    -> IN_PROGRESS                   owner team or pilot (start)
 * IN_PROGRESS -> DONE | FAILED              owner team or pilot (DONE passes the gate, see GateCheck)
 * FAILED   -> IN_PROGRESS                   owner team or pilot (retry)
 * READY | IN_PROGRESS -> ON_HOLD            owner team or pilot (remembers held_from)
 * ON_HOLD  -> held_from                     owner team or pilot (release; only back to where it was held)
 * PENDING | READY | ON_HOLD | FAILED -> SKIPPED          pilot, reason required (passes the release through)
 * PENDING | READY | IN_PROGRESS | ON_HOLD | FAILED -> CANCELLED   pilot, reason required (does not release)
 * DONE     -> IN_PROGRESS                   pilot, reason required (reopen)
 * SKIPPED | CANCELLED -> PENDING            pilot, reason required (restore; readiness is re-evaluated at once)
 * </pre>
 */
public final class StepTransitions {

    /** Who may make a move. */
    public enum Who {
        /** Only the server, as a consequence of another change. */
        AUTOMATIC,
        /** A member of the step's owner team, or a pilot. */
        OWNER_OR_PILOT,
        /** Pilots (and administrators) only. */
        PILOT
    }

    /** One allowed move. */
    public record Rule(StepStatus from, StepStatus to, Who who, boolean reasonRequired) {
    }

    private static final Map<StepStatus, Map<StepStatus, Rule>> RULES = new EnumMap<>(StepStatus.class);

    static {
        auto(StepStatus.PENDING, StepStatus.READY);
        auto(StepStatus.READY, StepStatus.PENDING);
        auto(StepStatus.ON_HOLD, StepStatus.PENDING);
        owner(StepStatus.READY, StepStatus.IN_PROGRESS);
        owner(StepStatus.IN_PROGRESS, StepStatus.DONE);
        owner(StepStatus.IN_PROGRESS, StepStatus.FAILED);
        owner(StepStatus.FAILED, StepStatus.IN_PROGRESS);
        owner(StepStatus.READY, StepStatus.ON_HOLD);
        owner(StepStatus.IN_PROGRESS, StepStatus.ON_HOLD);
        owner(StepStatus.ON_HOLD, StepStatus.READY);
        owner(StepStatus.ON_HOLD, StepStatus.IN_PROGRESS);
        for (StepStatus from : List.of(StepStatus.PENDING, StepStatus.READY, StepStatus.ON_HOLD, StepStatus.FAILED)) {
            pilot(from, StepStatus.SKIPPED);
        }
        for (StepStatus from : List.of(StepStatus.PENDING, StepStatus.READY, StepStatus.IN_PROGRESS, StepStatus.ON_HOLD,
                StepStatus.FAILED)) {
            pilot(from, StepStatus.CANCELLED);
        }
        pilot(StepStatus.DONE, StepStatus.IN_PROGRESS);
        pilot(StepStatus.SKIPPED, StepStatus.PENDING);
        pilot(StepStatus.CANCELLED, StepStatus.PENDING);
    }

    private StepTransitions() {
    }

    private static void auto(StepStatus from, StepStatus to) {
        put(new Rule(from, to, Who.AUTOMATIC, false));
    }

    private static void owner(StepStatus from, StepStatus to) {
        put(new Rule(from, to, Who.OWNER_OR_PILOT, false));
    }

    private static void pilot(StepStatus from, StepStatus to) {
        put(new Rule(from, to, Who.PILOT, true));
    }

    private static void put(Rule rule) {
        RULES.computeIfAbsent(rule.from(), k -> new EnumMap<>(StepStatus.class)).put(rule.to(), rule);
    }

    /** The rule for a move, if the move exists at all (automatic moves included). */
    public static Optional<Rule> rule(StepStatus from, StepStatus to) {
        return Optional.ofNullable(RULES.getOrDefault(from, Map.of()).get(to));
    }

    /**
     * The rule for a move a person asks for. ON_HOLD may only be released to the status it was held from
     * ({@code heldFrom}); automatic moves are never available to a request.
     */
    public static Optional<Rule> manualRule(StepStatus from, StepStatus heldFrom, StepStatus to) {
        if (from == StepStatus.ON_HOLD && (to == StepStatus.READY || to == StepStatus.IN_PROGRESS) && to != heldFrom) {
            return Optional.empty();
        }
        return rule(from, to).filter(r -> r.who() != Who.AUTOMATIC);
    }

    /** Every status a person may ask to move a step to from {@code from}, whoever they are. */
    public static Set<StepStatus> manualTargets(StepStatus from, StepStatus heldFrom) {
        EnumSet<StepStatus> out = EnumSet.noneOf(StepStatus.class);
        for (StepStatus to : StepStatus.values()) {
            if (manualRule(from, heldFrom, to).isPresent()) {
                out.add(to);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** Finished for the purpose of the iteration: nothing more will happen unless a pilot reopens it. */
    public static boolean isTerminal(StepStatus status) {
        return status == StepStatus.DONE || status == StepStatus.SKIPPED || status == StepStatus.CANCELLED;
    }
}
