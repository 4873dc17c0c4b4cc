package io.cutplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator alone (no database): determinism, the stated figures and the shape of the graph. */
class PlanGeneratorTest {
    private static final DemoModel REALISTIC = PlanGenerator.generate(DemoSize.REALISTIC, 7);

    @Test
    void sameSeedGivesTheSameModelAndAnotherSeedADifferentOne() {
        assertThat(PlanGenerator.generate(DemoSize.REALISTIC, 7)).isEqualTo(REALISTIC);
        assertThat(PlanGenerator.generate(DemoSize.SMALL, 7)).isEqualTo(PlanGenerator.generate(DemoSize.SMALL, 7));
        DemoModel other = PlanGenerator.generate(DemoSize.REALISTIC, 8);
        assertThat(other.steps().stream().map(DemoModel.Step::code).toList())
                .isNotEqualTo(REALISTIC.steps().stream().map(DemoModel.Step::code).toList());
        assertThat(other.steps().stream().map(DemoModel.Step::title).toList())
                .isNotEqualTo(REALISTIC.steps().stream().map(DemoModel.Step::title).toList());
    }

    @Test
    void realisticHasTheFiguresOfARealCutover() {
        DemoModel m = REALISTIC;
        assertThat(m.phases()).hasSize(5);
        assertThat(m.chapters()).hasSize(66);
        assertThat(m.steps()).hasSize(1200);
        assertThat(m.tasks()).hasSize(2700);
        assertThat(m.controls()).hasSize(150);
        assertThat(m.teams()).hasSize(65);
        assertThat(m.users().size() + DemoAccounts.ALL.size()).isEqualTo(200);
        int[] perChapter = new int[m.chapters().size()];
        m.steps().forEach(s -> perChapter[s.chapter()]++);
        assertThat(java.util.Arrays.stream(perChapter).min().getAsInt()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(perChapter).max().getAsInt()).isBetween(150, 200);
        List<Integer> perStep = new ArrayList<>();
        m.tasksByStep().forEach(t -> perStep.add(t.size()));
        perStep.sort(Integer::compare);
        assertThat(perStep.get(perStep.size() / 2)).as("median tasks per step").isEqualTo(1);
        assertThat(perStep.get(perStep.size() - 1)).as("max tasks per step").isEqualTo(50);
        assertThat(perStep.get(0)).isGreaterThanOrEqualTo(1);
        assertThat(m.steps()).allSatisfy(s -> assertThat(s.minutes()).isBetween(5, 120));
        assertThat(m.controls().stream().filter(DemoModel.Control::critical).count()).isEqualTo(36);
    }

    @Test
    void codesAreTypeNumberAndUniqueAndGoNoGoFollowsTheType() {
        for (DemoModel m : List.of(REALISTIC, PlanGenerator.generate(DemoSize.SMALL, 1))) {
            Set<String> codes = new HashSet<>();
            for (DemoModel.Step s : m.steps()) {
                assertThat(s.code()).matches("(TRT|PRE|CHK|IGO|BGO|GON|BUS|SYS)-[0-9]{4}").startsWith(s.type() + "-");
                assertThat(codes.add(s.code())).as("unique " + s.code()).isTrue();
                assertThat(s.goNoGo()).isEqualTo(Set.of("IGO", "BGO", "GON").contains(s.type()));
            }
            assertThat(m.steps().stream().map(DemoModel.Step::type).distinct().sorted().toList())
                    .containsExactly("BGO", "BUS", "CHK", "GON", "IGO", "PRE", "SYS", "TRT");
        }
    }

    @Test
    void dependenciesPointForwardSoTheGraphHasNoCycleAndOnlyChainHeadsLackAPredecessor() {
        DemoModel m = REALISTIC;
        List<List<Integer>> preds = m.predecessors();
        int joins = 0;
        for (DemoModel.Dependency d : m.dependencies()) {
            assertThat(d.predecessor()).isLessThan(d.successor());
        }
        for (int s = 0; s < m.steps().size(); s++) {
            DemoModel.Step step = m.steps().get(s);
            if (preds.get(s).isEmpty()) {
                assertThat(m.chapters().get(step.chapter()).phase()).as("heads start the first phase").isZero();
                assertThat(step.position()).as("heads are chapter entries").isZero();
            }
            joins += preds.get(s).size() > 1 ? 1 : 0;
        }
        assertThat(joins).as("steps with several predecessors").isGreaterThan(50);
        long withoutSuccessor = m.successors().stream().filter(List::isEmpty).count();
        assertThat(withoutSuccessor).as("only the final go decision ends the graph").isEqualTo(1);
    }

    @Test
    void criticalControlsSitOnGoNoGoTasksAndTextIsMessyLikeRealRunbooks() {
        DemoModel m = REALISTIC;
        for (DemoModel.Control c : m.controls()) {
            Set<Integer> steps = new HashSet<>();
            c.tasks().forEach(t -> steps.add(m.tasks().get(t).step()));
            assertThat(steps).as("one step per control").hasSize(1);
            boolean gate = m.steps().get(steps.iterator().next()).goNoGo();
            assertThat(gate).as(c.code()).isEqualTo(c.critical());
        }
        List<String> titles = m.steps().stream().map(DemoModel.Step::title).toList();
        assertThat(titles).anyMatch(t -> t.contains("&")).anyMatch(t -> t.contains("<"))
                .anyMatch(t -> t.contains("\"")).anyMatch(t -> t.contains("'")).anyMatch(t -> t.contains("–"));
        assertThat(m.steps()).anyMatch(s -> s.ownerTeam() == null);
        assertThat(m.steps()).anyMatch(s -> s.description() != null && s.description().contains("https://"));
        assertThat(titles).noneMatch(t -> t.contains("&amp;") || t.contains("&lt;") || t.contains("&quot;"));
    }
}
