package io.cutplan.domain;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a step may start: the readiness rule of issue 17, "a skip passes through, it does not jump ahead". Pure,
 * over any key type (the store uses step ids, tests use integers). Two notions:
 * <ul>
 *   <li>A step is <b>settled</b> when the work flowing through it is over: it is DONE, or it is SKIPPED or CANCELLED
 *       and every one of its own in-scope predecessors is settled (transitively).</li>
 *   <li>A step <b>releases</b> its successors when it is DONE, or SKIPPED and settled. A skip therefore passes the
 *       release of the work feeding it through once that work is finished, never before. CANCELLED never
 *       releases its successors by itself (as before this rule: they wait until a pilot restores it, or skips or
 *       cancels them too); when a pilot skips a step after a cancelled one, the cancelled step counts as settled
 *       once its own feed is, since no more work will come from it.</li>
 * </ul>
 * PENDING, READY, IN_PROGRESS, ON_HOLD and FAILED are unfinished: neither settled nor releasing.
 *
 * <p>A PENDING step becomes READY exactly when every in-scope predecessor releases; a READY step, or one ON_HOLD
 * from READY, goes back to PENDING when one does not (a predecessor was reopened or restored, or a skipped one's
 * feed was). Started and finished steps never move. Predecessors missing from the status map are out of the
 * iteration's scope and hold nothing back. A step on a dependency cycle (which plans cannot contain) is never
 * settled through a skip.
 */
public final class Readiness {
    /** How many steps a panel names at most in "waiting for". */
    public static final int WAITING_FOR_LIMIT = 20;

    private Readiness() {
    }

    /** The status a step would move to on its own now, or the status it keeps. */
    public record Move<K>(K step, StepStatus from, StepStatus to) {
    }

    /**
     * The automatic moves that bring every step in line with the rule: PENDING -> READY where all in-scope
     * predecessors release it, READY (or ON_HOLD held from READY) -> PENDING where one does not. In the iteration
     * order of {@code status}. Applying them changes no step's settledness, so one pass is the fixpoint.
     */
    public static <K> List<Move<K>> settle(Map<K, StepStatus> status, Map<K, StepStatus> heldFrom,
                                           Map<K, ? extends Collection<K>> predecessors) {
        Cleared<K> cleared = new Cleared<>(status, predecessors);
        List<Move<K>> out = new java.util.ArrayList<>();
        for (Map.Entry<K, StepStatus> e : status.entrySet()) {
            StepStatus s = e.getValue();
            boolean waiting = s == StepStatus.PENDING || s == StepStatus.READY
                    || (s == StepStatus.ON_HOLD && heldFrom.get(e.getKey()) == StepStatus.READY);
            if (!waiting) {
                continue;
            }
            boolean free = cleared.allPredecessorsRelease(e.getKey());
            if (s == StepStatus.PENDING && free) {
                out.add(new Move<>(e.getKey(), s, StepStatus.READY));
            } else if (s != StepStatus.PENDING && !free) {
                out.add(new Move<>(e.getKey(), s, StepStatus.PENDING));
            }
        }
        return out;
    }

    /** Whether {@code step} releases its successors (DONE, or SKIPPED and settled; see the class comment). */
    public static <K> boolean releases(K step, Map<K, StepStatus> status, Map<K, ? extends Collection<K>> predecessors) {
        return new Cleared<>(status, predecessors).releases(step);
    }

    /** Whether the work flowing through {@code step} is over (see the class comment). */
    public static <K> boolean isSettled(K step, Map<K, StepStatus> status, Map<K, ? extends Collection<K>> predecessors) {
        return new Cleared<>(status, predecessors).settled(step);
    }

    /** Whether every in-scope predecessor of {@code step} releases it: a PENDING step with this is READY. */
    public static <K> boolean mayBeReady(K step, Map<K, StepStatus> status, Map<K, ? extends Collection<K>> predecessors) {
        return new Cleared<>(status, predecessors).allPredecessorsRelease(step);
    }

    /**
     * The steps that hold {@code step} back, each once, nearest first. For a SKIPPED step, what its release still
     * waits for: the unfinished steps feeding it, looked through skipped and cancelled ones. For any other step,
     * what keeps it from READY: its predecessors that are unfinished or CANCELLED, and for a SKIPPED predecessor
     * that does not release yet, what that one waits for. Empty exactly when it releases (SKIPPED) or may be READY.
     */
    public static <K> Set<K> waitingFor(K step, Map<K, StepStatus> status, Map<K, ? extends Collection<K>> predecessors) {
        Cleared<K> cleared = new Cleared<>(status, predecessors);
        Set<K> out = new LinkedHashSet<>();
        Set<K> walked = new HashSet<>();
        Deque<K> todo = new ArrayDeque<>();
        if (status.get(step) == StepStatus.SKIPPED) {
            walked.add(step);
            todo.add(step);
        } else {
            for (K p : of(predecessors, step)) {
                StepStatus ps = status.get(p);
                if (ps == null || cleared.releases(p)) {
                    continue;
                }
                if (ps == StepStatus.SKIPPED) {
                    if (walked.add(p)) {
                        todo.add(p);
                    }
                } else {
                    out.add(p);
                }
            }
        }
        while (!todo.isEmpty()) {
            K k = todo.poll();
            for (K p : of(predecessors, k)) {
                StepStatus ps = status.get(p);
                if (ps == null || cleared.settled(p)) {
                    continue;
                }
                if (ps == StepStatus.SKIPPED || ps == StepStatus.CANCELLED) {
                    if (walked.add(p)) {
                        todo.add(p);
                    }
                } else {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static <K> Collection<K> of(Map<K, ? extends Collection<K>> predecessors, K step) {
        Collection<K> p = predecessors.get(step);
        return p == null ? List.of() : p;
    }

    /** Memoised settledness over one snapshot of statuses; iterative, so a chain of thousands of skips is fine. */
    private static final class Cleared<K> {
        private final Map<K, StepStatus> status;
        private final Map<K, ? extends Collection<K>> predecessors;
        private final Map<K, Boolean> memo = new HashMap<>();

        Cleared(Map<K, StepStatus> status, Map<K, ? extends Collection<K>> predecessors) {
            this.status = status;
            this.predecessors = predecessors;
        }

        boolean allPredecessorsRelease(K step) {
            for (K p : of(predecessors, step)) {
                if (status.containsKey(p) && !releases(p)) {
                    return false;
                }
            }
            return true;
        }

        boolean releases(K step) {
            StepStatus s = status.get(step);
            return s == StepStatus.DONE || (s == StepStatus.SKIPPED && settled(step));
        }

        private static boolean passThrough(StepStatus s) {
            return s == StepStatus.SKIPPED || s == StepStatus.CANCELLED;
        }

        boolean settled(K step) {
            StepStatus s = status.get(step);
            if (s == StepStatus.DONE) {
                return true;
            }
            if (!passThrough(s)) {
                return false;
            }
            Boolean known = memo.get(step);
            if (known != null) {
                return known;
            }
            // Depth-first over pass-through predecessors with an explicit stack; "on stack" marks a cycle (not settled).
            Set<K> onStack = new HashSet<>();
            Deque<K> stack = new ArrayDeque<>();
            stack.push(step);
            onStack.add(step);
            while (!stack.isEmpty()) {
                K k = stack.peek();
                Boolean result = null;
                K descend = null;
                for (K p : of(predecessors, k)) {
                    StepStatus ps = status.get(p);
                    if (ps == null || ps == StepStatus.DONE) {
                        continue;
                    }
                    if (!passThrough(ps)) {
                        result = Boolean.FALSE;
                        break;
                    }
                    Boolean pm = memo.get(p);
                    if (pm == null && onStack.contains(p)) {
                        pm = Boolean.FALSE; // a cycle: nothing on it is earned
                    }
                    if (pm == null) {
                        descend = p;
                        break;
                    }
                    if (!pm) {
                        result = Boolean.FALSE;
                        break;
                    }
                }
                if (descend != null) {
                    stack.push(descend);
                    onStack.add(descend);
                    continue;
                }
                memo.put(k, result == null ? Boolean.TRUE : result);
                stack.pop();
                onStack.remove(k);
            }
            return memo.get(step);
        }
    }
}
