package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** What a refresh from the plan would change: matched by id, fields old -> new, positions only counted. */
class BaselineDiffTest {
    private static final UUID CH = UUID.randomUUID();

    private static BaselineDiff.Step step(UUID id, String code, String title, int minutes, int position) {
        return new BaselineDiff.Step(id, code, title, null, code.substring(0, 3), "Ops", minutes, false, "CH1", position, null);
    }

    private static BaselineDiff.Content content(List<BaselineDiff.Step> steps, List<BaselineDiff.Task> tasks,
                                                List<BaselineDiff.Dependency> deps) {
        return new BaselineDiff.Content(List.of(new BaselineDiff.Chapter(CH, "CH1", "Chapter", "Phase", 0, 0)), steps, tasks,
                List.of(), deps);
    }

    @Test
    void aRecodedStepIsChangedNotRemovedAndAddedAndAShiftedPositionIsOnlyCounted() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        BaselineDiff.Content before = content(List.of(step(a, "PRE-1", "Prepare", 30, 0), step(b, "TRT-2", "Copy", 60, 1)),
                List.of(), List.of(new BaselineDiff.Dependency(a, b, "PRE-1", "TRT-2")));
        BaselineDiff.Content after = content(List.of(step(c, "CHK-0", "New first", 10, 0), step(a, "PRE-9", "Prepare", 30, 1),
                step(b, "TRT-2", "Copy", 60, 2)), List.of(), List.of());
        BaselineDiff.Preview p = BaselineDiff.between(before, after);
        assertThat(p.steps()).extracting(BaselineDiff.Change::kind, BaselineDiff.Change::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BaselineDiff.Kind.ADDED, "CHK-0"),
                        org.assertj.core.groups.Tuple.tuple(BaselineDiff.Kind.CHANGED, "PRE-9"));
        assertThat(p.steps().get(1).fields()).containsExactly(new BaselineDiff.FieldChange("code", "PRE-1", "PRE-9"));
        assertThat(p.reorderedSteps()).isEqualTo(2);
        assertThat(p.dependencies()).extracting(BaselineDiff.Change::kind, BaselineDiff.Change::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BaselineDiff.Kind.REMOVED, "PRE-1 -> TRT-2"));
        assertThat(p.counts().get("steps")).containsEntry("added", 1).containsEntry("changed", 1).containsEntry("removed", 0);
        assertThat(p.isEmpty()).isFalse();
    }

    @Test
    void anEmptyTextAndAMissingOneAreTheSame() {
        UUID a = UUID.randomUUID();
        BaselineDiff.Step blank = new BaselineDiff.Step(a, "PRE-1", "T", "", "PRE", null, 5, false, "CH1", 0, "");
        BaselineDiff.Step missing = new BaselineDiff.Step(a, "PRE-1", "T", null, "PRE", null, 5, false, "CH1", 0, null);
        assertThat(BaselineDiff.between(content(List.of(blank), List.of(), List.of()),
                content(List.of(missing), List.of(), List.of())).isEmpty()).isTrue();
    }

    /** Steps 0..n-1 of a pool of ids, with durations: the two sides share some ids. */
    private static List<BaselineDiff.Step> steps(List<UUID> pool, List<Integer> picks) {
        List<BaselineDiff.Step> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < picks.size(); i++) {
            int k = Math.floorMod(picks.get(i), pool.size());
            if (seen.add(k)) {
                out.add(step(pool.get(k), "TRT-" + k, "Step " + k, 1 + Math.floorMod(picks.get(i), 7), out.size()));
            }
        }
        return out;
    }

    @Property(tries = 200)
    void addedChangedAndRemovedAccountForEveryIdAndNothingDiffersFromItself(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 1000) Integer> left,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 1000) Integer> right) {
        List<UUID> pool = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pool.add(new UUID(0, i));
        }
        BaselineDiff.Content a = content(steps(pool, left), List.of(), List.of());
        BaselineDiff.Content b = content(steps(pool, right), List.of(), List.of());
        assertThat(BaselineDiff.between(a, a).isEmpty()).isTrue();
        BaselineDiff.Preview p = BaselineDiff.between(a, b);
        Set<UUID> before = new HashSet<>();
        a.steps().forEach(s -> before.add(s.id()));
        Set<UUID> after = new HashSet<>();
        b.steps().forEach(s -> after.add(s.id()));
        long added = after.stream().filter(id -> !before.contains(id)).count();
        long removed = before.stream().filter(id -> !after.contains(id)).count();
        assertThat(p.counts().get("steps").get("added")).isEqualTo((int) added);
        assertThat(p.counts().get("steps").get("removed")).isEqualTo((int) removed);
        for (BaselineDiff.Change c : p.steps()) {
            if (c.kind() == BaselineDiff.Kind.CHANGED) {
                assertThat(c.fields()).isNotEmpty();
                assertThat(c.fields()).allSatisfy(f -> assertThat(f.before()).isNotEqualTo(f.after()));
            }
        }
    }
}
