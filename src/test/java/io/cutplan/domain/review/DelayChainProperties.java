package io.cutplan.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The delay chain on random executed iterations recorded as the engine records them (a step is ready when its last
 * predecessor finishes, starts 0-15 minutes later, runs 1-120 minutes; some fail and are retried, some are skipped):
 * it ends with the last step to finish, each link depends on the one before and starts when it finished, its first
 * step waited on nothing, and span = planned + what the links added.
 */
class DelayChainProperties {
    static final Instant START = Instant.parse("2027-03-27T18:00:00Z");

    record World(ReviewInput input, Map<UUID, List<UUID>> preds, Map<UUID, ReviewInput.Step> steps) {
    }

    static World world(long seed, boolean wholeMinutes) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(60);
        UUID chapter = UUID.randomUUID();
        UUID phase = UUID.randomUUID();
        List<ReviewInput.Step> steps = new ArrayList<>();
        List<ReviewInput.Link> links = new ArrayList<>();
        List<ReviewInput.StatusChange> changes = new ArrayList<>();
        Map<UUID, List<UUID>> preds = new HashMap<>();
        Map<UUID, ReviewInput.Step> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            List<UUID> mine = new ArrayList<>();
            if (i > 0 && rnd.nextInt(10) > 0) {
                int k = 1 + rnd.nextInt(Math.min(3, i));
                for (int j = 0; j < k; j++) {
                    UUID p = steps.get(rnd.nextInt(i)).id();
                    if (!mine.contains(p)) {
                        mine.add(p);
                        links.add(new ReviewInput.Link(p, id));
                    }
                }
            }
            preds.put(id, mine);
            Instant ready = START;
            for (UUID p : mine) {
                Instant f = byId.get(p).finishedAt();
                ready = f.isAfter(ready) ? f : ready;
            }
            int planned = 1 + rnd.nextInt(120);
            long unit = wholeMinutes ? 60 : 1;
            ReviewInput.Step s;
            if (rnd.nextInt(15) == 0) {
                s = new ReviewInput.Step(id, "S-" + i, "Step " + i, chapter, null, null, planned, StepStatus.SKIPPED, ready, null,
                        ready.plusSeconds(unit * rnd.nextInt(10)), false);
                changes.add(new ReviewInput.StatusChange(id, s.finishedAt(), StepStatus.READY, StepStatus.SKIPPED, "not needed", "p", false));
            } else {
                Instant started = ready.plusSeconds(wholeMinutes ? 60L * rnd.nextInt(16) : rnd.nextInt(16 * 60));
                long seconds = wholeMinutes ? 60L * (1 + rnd.nextInt(180)) : 60 + rnd.nextInt(180 * 60);
                Instant finished = started.plusSeconds(seconds);
                if (rnd.nextInt(10) == 0) {
                    Instant failed = started.plusSeconds(seconds / 2 / unit * unit);
                    changes.add(new ReviewInput.StatusChange(id, failed, StepStatus.IN_PROGRESS, StepStatus.FAILED, "broke", "p", false));
                    changes.add(new ReviewInput.StatusChange(id, failed.plusSeconds(600), StepStatus.FAILED, StepStatus.IN_PROGRESS, null, "p", false));
                    finished = finished.plusSeconds(1200);
                }
                s = new ReviewInput.Step(id, "S-" + i, "Step " + i, chapter, null, null, planned, StepStatus.DONE, ready, started,
                        finished, false);
            }
            steps.add(s);
            byId.put(id, s);
        }
        ReviewInput in = new ReviewInput(new ReviewInput.Iteration(UUID.randomUUID(), "R1", "Run", "M", "Migration",
                IterationStatus.COMPLETED, START, START.plusSeconds(86_400)), START.plusSeconds(30 * 86_400),
                List.of(new ReviewInput.Chapter(chapter, "C1", "Chapter", phase, "Phase", 0, null, null)), steps, links, changes,
                List.of(), List.of(), List.of(), List.of());
        return new World(in, preds, byId);
    }

    private static Instant startOf(ReviewInput.Step s) {
        return s.startedAt() != null ? s.startedAt() : s.finishedAt();
    }

    @Property(tries = 300)
    void theChainIsADependencyChainThatMeetsEndToEndAndEndsTheIteration(@ForAll long seed) {
        World w = world(seed, false);
        Review r = IterationReviewer.review(w.input());
        List<Review.ChainLink> chain = r.delayChain().links();
        assertThat(chain).isNotEmpty();
        Instant lastFinish = w.steps().values().stream().map(ReviewInput.Step::finishedAt).max(Instant::compareTo).orElseThrow();
        assertThat(chain.get(chain.size() - 1).finishedAt()).isEqualTo(lastFinish);
        assertThat(r.timing().actualEnd()).isEqualTo(lastFinish);
        assertThat(w.preds().get(chain.get(0).step().id())).as("the first step waited on no predecessor").isEmpty();
        for (int i = 1; i < chain.size(); i++) {
            ReviewInput.Step step = w.steps().get(chain.get(i).step().id());
            ReviewInput.Step before = w.steps().get(chain.get(i - 1).step().id());
            assertThat(w.preds().get(step.id())).contains(before.id());
            assertThat(chain.get(i).predecessorId()).isEqualTo(before.id());
            assertThat(step.readyAt()).as("ready when the chain predecessor finished").isEqualTo(before.finishedAt());
            assertThat(startOf(step)).isAfterOrEqualTo(before.finishedAt());
            assertThat(chain.get(i).couldStartAt()).isEqualTo(before.finishedAt());
            for (UUID p : w.preds().get(step.id())) {
                assertThat(w.steps().get(p).finishedAt()).isBeforeOrEqualTo(before.finishedAt());
            }
        }
        Review.Chain c = r.delayChain();
        assertThat(c.delayMinutes()).isEqualTo(c.spanMinutes() - c.plannedMinutes());
        assertThat(c.plannedMinutes()).isEqualTo(chain.stream().mapToLong(Review.ChainLink::plannedMinutes).sum());
        long added = chain.stream().mapToLong(Review.ChainLink::delayMinutes).sum();
        assertThat(Math.abs(added - c.delayMinutes())).as("up to rounding each link to a minute").isLessThanOrEqualTo(chain.size() / 2 + 1);
        assertThat(r.topDelays()).allSatisfy(l -> assertThat(l.delayMinutes()).isPositive()).hasSizeLessThanOrEqualTo(10);
    }

    @Property(tries = 200)
    void withWholeMinutesTheLinksAddUpExactlyToTheChainsDelay(@ForAll long seed) {
        Review r = IterationReviewer.review(world(seed, true).input());
        Review.Chain c = r.delayChain();
        assertThat(c.links().stream().mapToLong(Review.ChainLink::delayMinutes).sum()).isEqualTo(c.delayMinutes());
        assertThat(c.links().stream().mapToLong(l -> l.waitMinutes() + l.actualMinutes()).sum()).isEqualTo(c.spanMinutes());
    }

    @Property(tries = 200)
    void retriedStepsCountTheirWholeSpanAndEveryStepIsReviewed(@ForAll long seed) {
        World w = world(seed, false);
        Review r = IterationReviewer.review(w.input());
        assertThat(r.steps()).hasSize(w.steps().size());
        for (Review.Failure f : r.failures()) {
            ReviewInput.Step s = w.steps().get(f.step().id());
            assertThat(f.wholeSpan()).isTrue();
            assertThat(f.retries()).isEqualTo(1);
            assertThat(f.spanMinutes()).isEqualTo(java.time.Duration.between(s.startedAt(), s.finishedAt()).toMinutes());
        }
        assertThat(r.counts().retriedSteps()).isEqualTo(r.failures().size());
    }
}
