package io.cutplan.domain;

import static io.cutplan.domain.StepStatus.CANCELLED;
import static io.cutplan.domain.StepStatus.DONE;
import static io.cutplan.domain.StepStatus.FAILED;
import static io.cutplan.domain.StepStatus.IN_PROGRESS;
import static io.cutplan.domain.StepStatus.ON_HOLD;
import static io.cutplan.domain.StepStatus.PENDING;
import static io.cutplan.domain.StepStatus.READY;
import static io.cutplan.domain.StepStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The readiness rule of issue 17 ("a skip passes through, it does not jump ahead") on random dependency graphs:
 * random DAGs with every status, many skips (so chains of skips and joins of them are common) and steps outside
 * the iteration's scope, checked against a reference implementation written from the definition and against the
 * promise itself, walked path by path.
 */
class ReadinessProperties {

    /** A random DAG over 0..n-1 (edges only from lower to higher index); absent steps are out of scope. */
    record Dag(Map<Integer, StepStatus> status, Map<Integer, StepStatus> heldFrom, Map<Integer, List<Integer>> preds) {
        @Override
        public String toString() {
            return "status=" + status + " heldFrom=" + heldFrom + " preds=" + preds;
        }
    }

    @Provide
    Arbitrary<Dag> dags() {
        Arbitrary<StepStatus> statuses = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(PENDING)), Tuple.of(2, Arbitraries.just(READY)),
                Tuple.of(2, Arbitraries.just(IN_PROGRESS)), Tuple.of(4, Arbitraries.just(DONE)),
                Tuple.of(1, Arbitraries.just(FAILED)), Tuple.of(2, Arbitraries.just(ON_HOLD)),
                Tuple.of(5, Arbitraries.just(SKIPPED)), Tuple.of(1, Arbitraries.just(CANCELLED)));
        return Arbitraries.integers().between(1, 28).flatMap(n -> Combinators.combine(
                statuses.list().ofSize(n),
                Arbitraries.of(READY, IN_PROGRESS).list().ofSize(n),
                Arbitraries.integers().between(0, 99).list().ofSize(n * n),
                Arbitraries.integers().between(3, 40),
                Arbitraries.integers().between(0, 11).list().ofSize(n)).as((st, held, dice, density, scope) -> {
                    Map<Integer, StepStatus> status = new LinkedHashMap<>();
                    Map<Integer, StepStatus> heldFrom = new HashMap<>();
                    Map<Integer, List<Integer>> preds = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        if (scope.get(i) != 0) {
                            status.put(i, st.get(i));
                            if (st.get(i) == ON_HOLD) {
                                heldFrom.put(i, held.get(i));
                            }
                        }
                        for (int p = 0; p < i; p++) {
                            if (dice.get(i * n + p) < density) {
                                preds.computeIfAbsent(i, k -> new ArrayList<>()).add(p);
                            }
                        }
                    }
                    return new Dag(status, heldFrom, preds);
                }));
    }

    // ------------------------------------------------------------------ reference implementation

    private static boolean terminal(StepStatus s) {
        return s == DONE || s == SKIPPED || s == CANCELLED;
    }

    private static List<Integer> inScopePreds(Dag d, int k) {
        return d.preds().getOrDefault(k, List.of()).stream().filter(d.status()::containsKey).toList();
    }

    /** Straight from the definition, in index order (a topological order): DONE, or SKIPPED/CANCELLED with every feed settled. */
    private static Set<Integer> referenceSettled(Dag d) {
        Set<Integer> settled = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            StepStatus s = d.status().get(i);
            if (s == DONE || ((s == SKIPPED || s == CANCELLED) && settled.containsAll(inScopePreds(d, i)))) {
                settled.add(i);
            }
        }
        return settled;
    }

    private static boolean referenceReleases(Dag d, Set<Integer> settled, int k) {
        StepStatus s = d.status().get(k);
        return s == DONE || (s == SKIPPED && settled.contains(k));
    }

    private static Map<Integer, StepStatus> referenceMoves(Dag d) {
        Set<Integer> settled = referenceSettled(d);
        Map<Integer, StepStatus> moves = new LinkedHashMap<>();
        d.status().forEach((k, s) -> {
            boolean free = inScopePreds(d, k).stream().allMatch(p -> referenceReleases(d, settled, p));
            boolean waitsFromReady = s == READY || (s == ON_HOLD && d.heldFrom().get(k) == READY);
            if (s == PENDING && free) {
                moves.put(k, READY);
            } else if (waitsFromReady && !free) {
                moves.put(k, PENDING);
            }
        });
        return moves;
    }

    private static Map<Integer, StepStatus> apply(Dag d, List<Readiness.Move<Integer>> moves) {
        Map<Integer, StepStatus> after = new LinkedHashMap<>(d.status());
        for (Readiness.Move<Integer> m : moves) {
            assertThat(after.get(m.step())).isEqualTo(m.from());
            after.put(m.step(), m.to());
        }
        return after;
    }

    /** Every in-scope step reachable backwards from the {@code starts} through SKIPPED or CANCELLED steps only (those included). */
    private static Set<Integer> feedThroughSkips(Dag d, List<Integer> starts) {
        Set<Integer> out = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            int k = todo.poll();
            for (int p : inScopePreds(d, k)) {
                StepStatus ps = d.status().get(p);
                if (out.add(p) && (ps == SKIPPED || ps == CANCELLED)) {
                    todo.add(p);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 600)
    void settleIsTheReferenceRule(@ForAll("dags") Dag d) {
        Map<Integer, StepStatus> got = new LinkedHashMap<>();
        for (Readiness.Move<Integer> m : Readiness.settle(d.status(), d.heldFrom(), d.preds())) {
            assertThat(m.from()).isEqualTo(d.status().get(m.step()));
            got.put(m.step(), m.to());
        }
        assertThat(got).isEqualTo(referenceMoves(d));
        Set<Integer> settled = referenceSettled(d);
        for (int k : d.status().keySet()) {
            assertThat(Readiness.isSettled(k, d.status(), d.preds())).as("settled(%s)", k).isEqualTo(settled.contains(k));
            assertThat(Readiness.releases(k, d.status(), d.preds())).as("releases(%s)", k)
                    .isEqualTo(referenceReleases(d, settled, k));
        }
    }

    @Property(tries = 600)
    void afterSettlingNoStepIsReadyWhileWorkFeedingItIsUnfinished(@ForAll("dags") Dag d) {
        Map<Integer, StepStatus> after = apply(d, Readiness.settle(d.status(), d.heldFrom(), d.preds()));
        after.forEach((k, s) -> {
            boolean readyLike = s == READY || (s == ON_HOLD && d.heldFrom().get(k) == READY);
            List<Integer> direct = inScopePreds(d, k);
            // Through skips (and cancellations behind a skip), every step feeding it.
            List<Integer> skipped = direct.stream().filter(p -> after.get(p) == SKIPPED).toList();
            Set<Integer> feed = feedThroughSkips(d, skipped);
            if (readyLike) {
                for (int p : direct) {
                    assertThat(after.get(p)).as("%s directly before READY %s", p, k).isIn(DONE, SKIPPED);
                }
                for (int p : feed) {
                    assertThat(terminal(after.get(p))).as("%s (%s) feeds READY %s through a skip", p, after.get(p), k).isTrue();
                }
            }
            if (s == PENDING && d.status().get(k) == PENDING) {
                // Left PENDING: a predecessor is unfinished or cancelled, or something behind a skip is unfinished.
                boolean held = direct.stream().anyMatch(p -> after.get(p) != DONE && after.get(p) != SKIPPED)
                        || feed.stream().anyMatch(p -> !terminal(after.get(p)));
                assertThat(held).as("PENDING %s", k).isTrue();
            }
        });
    }

    @Property(tries = 400)
    void settlingIsIdempotentAndNeverMovesStartedOrFinishedSteps(@ForAll("dags") Dag d) {
        List<Readiness.Move<Integer>> first = Readiness.settle(d.status(), d.heldFrom(), d.preds());
        for (Readiness.Move<Integer> m : first) {
            assertThat(m.from()).isIn(PENDING, READY, ON_HOLD);
            if (m.from() == ON_HOLD) {
                assertThat(d.heldFrom().get(m.step())).isEqualTo(READY);
            }
        }
        Map<Integer, StepStatus> after = apply(d, first);
        Map<Integer, StepStatus> held = new HashMap<>(d.heldFrom());
        first.forEach(m -> held.remove(m.step()));
        assertThat(Readiness.settle(after, held, d.preds())).isEmpty();
    }

    @Property(tries = 600)
    void waitingForNamesExactlyWhatHoldsTheStep(@ForAll("dags") Dag d) {
        Set<Integer> settled = referenceSettled(d);
        for (int k : d.status().keySet()) {
            Set<Integer> waiting = Readiness.waitingFor(k, d.status(), d.preds());
            Set<Integer> expected = new HashSet<>();
            List<Integer> walkFrom;
            if (d.status().get(k) == SKIPPED) {
                walkFrom = List.of(k);
                assertThat(waiting.isEmpty()).as("skipped %s releases", k).isEqualTo(settled.contains(k));
            } else {
                List<Integer> direct = inScopePreds(d, k);
                direct.stream().filter(p -> d.status().get(p) != DONE && d.status().get(p) != SKIPPED).forEach(expected::add);
                walkFrom = direct.stream().filter(p -> d.status().get(p) == SKIPPED && !settled.contains(p)).toList();
                assertThat(waiting.isEmpty()).as("waitingFor(%s) empty", k).isEqualTo(Readiness.mayBeReady(k, d.status(), d.preds()));
            }
            for (int p : feedThroughSkips(d, walkFrom)) {
                if (!terminal(d.status().get(p))) {
                    expected.add(p);
                }
            }
            assertThat(waiting).as("waitingFor(%s)", k).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    // ------------------------------------------------------------------ worked examples

    private static Map<Integer, List<Integer>> chain(int n) {
        Map<Integer, List<Integer>> preds = new HashMap<>();
        for (int i = 1; i < n; i++) {
            preds.put(i, List.of(i - 1));
        }
        return preds;
    }

    @Example
    void aChainOfSkipsPassesTheReleaseOnlyWhenTheHeadIsDone() {
        Map<Integer, StepStatus> st = new LinkedHashMap<>();
        st.put(0, IN_PROGRESS);
        for (int i = 1; i < 500; i++) {
            st.put(i, SKIPPED);
        }
        st.put(500, PENDING);
        Map<Integer, List<Integer>> preds = chain(501);
        assertThat(Readiness.settle(st, Map.of(), preds)).isEmpty();
        assertThat(Readiness.waitingFor(500, st, preds)).containsExactly(0);
        assertThat(Readiness.waitingFor(250, st, preds)).containsExactly(0);
        st.put(0, DONE);
        assertThat(Readiness.settle(st, Map.of(), preds)).containsExactly(new Readiness.Move<>(500, PENDING, READY));
        assertThat(Readiness.waitingFor(500, st, preds)).isEmpty();
    }

    @Example
    void aJoinWaitsForEveryFeedOfItsSkippedPredecessor() {
        // 0, 1, 2 feed the consolidation 3 (skipped); 3 and 4 feed the gate 5.
        Map<Integer, StepStatus> st = new LinkedHashMap<>(Map.of(0, DONE, 1, IN_PROGRESS, 2, FAILED, 3, SKIPPED, 4, DONE,
                5, PENDING));
        Map<Integer, List<Integer>> preds = Map.of(3, List.of(0, 1, 2), 5, List.of(3, 4));
        assertThat(Readiness.settle(st, Map.of(), preds)).isEmpty();
        assertThat(Readiness.waitingFor(5, st, preds)).containsExactlyInAnyOrder(1, 2);
        assertThat(Readiness.waitingFor(3, st, preds)).containsExactlyInAnyOrder(1, 2);
        st.put(1, DONE);
        assertThat(Readiness.settle(st, Map.of(), preds)).isEmpty();
        st.put(2, SKIPPED);
        assertThat(Readiness.settle(st, Map.of(), preds)).containsExactly(new Readiness.Move<>(5, PENDING, READY));
    }

    @Example
    void aCancelledStepHoldsItsSuccessorButASkipAfterItPassesThroughOnceItsFeedIsDone() {
        // 0 -> 1 (cancelled) -> 2 (pending); 1 -> 3 (skipped) -> 4 (pending); 6 feeds 5 but is out of scope.
        Map<Integer, StepStatus> st = new LinkedHashMap<>(Map.of(0, IN_PROGRESS, 1, CANCELLED, 2, PENDING, 3, SKIPPED,
                4, PENDING, 5, PENDING));
        Map<Integer, List<Integer>> preds = Map.of(1, List.of(0), 2, List.of(1), 3, List.of(1), 4, List.of(3), 5, List.of(6));
        assertThat(Readiness.settle(st, Map.of(), preds)).containsExactly(new Readiness.Move<>(5, PENDING, READY));
        assertThat(Readiness.waitingFor(2, st, preds)).containsExactly(1);
        assertThat(Readiness.waitingFor(4, st, preds)).containsExactly(0);
        st.put(0, DONE);
        assertThat(Readiness.settle(st, Map.of(), preds)).containsExactlyInAnyOrder(new Readiness.Move<>(4, PENDING, READY),
                new Readiness.Move<>(5, PENDING, READY));
        assertThat(Readiness.waitingFor(2, st, preds)).containsExactly(1);
    }

    @Example
    void reopeningTheFeedOfASkipSendsReadyAndHeldSuccessorsBack() {
        Map<Integer, StepStatus> st = new LinkedHashMap<>(Map.of(0, IN_PROGRESS, 1, SKIPPED, 2, READY, 3, ON_HOLD, 4, ON_HOLD,
                5, IN_PROGRESS));
        Map<Integer, List<Integer>> preds = Map.of(1, List.of(0), 2, List.of(1), 3, List.of(1), 4, List.of(1), 5, List.of(1));
        assertThat(Readiness.settle(st, Map.of(3, READY, 4, IN_PROGRESS), preds)).containsExactlyInAnyOrder(
                new Readiness.Move<>(2, READY, PENDING), new Readiness.Move<>(3, ON_HOLD, PENDING));
    }
}
