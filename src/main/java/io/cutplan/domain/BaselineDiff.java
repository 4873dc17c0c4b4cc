package io.cutplan.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * What refreshing an iteration from its plan changes: the iteration's baseline (the copy of the plan it runs) against
 * the plan as it is now. Rows are matched by their canonical id, so a renamed or re-coded step is "changed", not
 * removed and added. Each change names the fields that differ, old and new value as the page shows them (team names,
 * chapter codes, control codes). Positions inside a chapter or a step are applied by a refresh but only counted
 * ({@link Preview#reorderedSteps()}, {@link Preview#reorderedTasks()}): one insertion shifts every later sibling,
 * which would otherwise drown the real changes.
 */
public final class BaselineDiff {
    private BaselineDiff() {
    }

    /** One side of the comparison: the iteration's baseline or the plan. */
    public record Content(List<Chapter> chapters, List<Step> steps, List<Task> tasks, List<Control> controls,
                          List<Dependency> dependencies) {
    }

    public record Chapter(UUID id, String code, String name, String macroPhase, int macroPhasePosition, int position) {
    }

    public record Step(UUID id, String code, String title, String description, String type, String ownerTeam, int minutes,
                       boolean goNoGo, String chapterCode, int position, String impactedTeams) {
    }

    public record Task(UUID id, UUID stepId, String stepCode, int position, String title, String description,
                       String assignedTeam, String nominatedUser, String controls) {
    }

    public record Control(UUID id, String code, String title, String description, boolean critical) {
    }

    public record Dependency(UUID predecessorId, UUID successorId, String predecessorCode, String successorCode) {
    }

    public enum Kind { ADDED, CHANGED, REMOVED }

    /** A field that differs: its value in the iteration's baseline and in the plan (null when empty). */
    public record FieldChange(String field, String before, String after) {
    }

    /**
     * One added, changed or removed row. {@code code} is the step or control code, the chapter code, the task's step
     * code, or "PRE-1 -> TRT-2" for a dependency; {@code title} the title or name (the task's title).
     */
    public record Change(Kind kind, UUID id, String code, String title, List<FieldChange> fields) {
    }

    public record Preview(List<Change> chapters, List<Change> steps, List<Change> tasks, List<Change> controls,
                          List<Change> dependencies, int reorderedSteps, int reorderedTasks) {
        /** Whether a refresh would change anything at all (reordering included). */
        public boolean isEmpty() {
            return chapters.isEmpty() && steps.isEmpty() && tasks.isEmpty() && controls.isEmpty() && dependencies.isEmpty()
                    && reorderedSteps == 0 && reorderedTasks == 0;
        }

        /** Added / changed / removed per kind of row, for the audit event and the page's summary. */
        public Map<String, Map<String, Integer>> counts() {
            Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
            out.put("chapters", count(chapters));
            out.put("steps", count(steps));
            out.put("tasks", count(tasks));
            out.put("controls", count(controls));
            out.put("dependencies", count(dependencies));
            return out;
        }

        private static Map<String, Integer> count(List<Change> changes) {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                out.put(k.name().toLowerCase(java.util.Locale.ROOT), (int) changes.stream().filter(c -> c.kind() == k).count());
            }
            return out;
        }
    }

    public static Preview between(Content baseline, Content plan) {
        List<Change> chapters = diff(baseline.chapters(), plan.chapters(), Chapter::id, ch -> ch.code(), ch -> ch.name(),
                (a, b) -> new Fields().add("code", a.code(), b.code()).add("name", a.name(), b.name())
                        .add("macroPhase", a.macroPhase(), b.macroPhase()).list(),
                Comparator.comparing(Chapter::macroPhasePosition).thenComparing(Chapter::position).thenComparing(Chapter::code));
        List<Change> steps = diff(baseline.steps(), plan.steps(), Step::id, Step::code, Step::title,
                (a, b) -> new Fields().add("code", a.code(), b.code()).add("title", a.title(), b.title())
                        .add("description", a.description(), b.description()).add("type", a.type(), b.type())
                        .add("ownerTeam", a.ownerTeam(), b.ownerTeam())
                        .add("durationMinutes", String.valueOf(a.minutes()), String.valueOf(b.minutes()))
                        .add("goNoGo", String.valueOf(a.goNoGo()), String.valueOf(b.goNoGo()))
                        .add("chapter", a.chapterCode(), b.chapterCode())
                        .add("impactedTeams", a.impactedTeams(), b.impactedTeams()).list(),
                Comparator.comparing(Step::code));
        List<Change> tasks = diff(baseline.tasks(), plan.tasks(), Task::id, Task::stepCode, Task::title,
                (a, b) -> new Fields().add("title", a.title(), b.title()).add("description", a.description(), b.description())
                        .add("step", a.stepCode(), b.stepCode()).add("assignedTeam", a.assignedTeam(), b.assignedTeam())
                        .add("nominatedUser", a.nominatedUser(), b.nominatedUser())
                        .add("controls", a.controls(), b.controls()).list(),
                Comparator.comparing(Task::stepCode).thenComparing(Task::position));
        List<Change> controls = diff(baseline.controls(), plan.controls(), Control::id, Control::code, Control::title,
                (a, b) -> new Fields().add("code", a.code(), b.code()).add("title", a.title(), b.title())
                        .add("description", a.description(), b.description())
                        .add("critical", String.valueOf(a.critical()), String.valueOf(b.critical())).list(),
                Comparator.comparing(Control::code));
        List<Change> dependencies = diff(baseline.dependencies(), plan.dependencies(),
                d -> d.predecessorId() + ">" + d.successorId(), d -> d.predecessorCode() + " -> " + d.successorCode(), d -> null,
                (a, b) -> List.of(),
                Comparator.comparing(Dependency::predecessorCode).thenComparing(Dependency::successorCode));
        return new Preview(chapters, steps, tasks, controls, dependencies,
                reordered(baseline.steps(), plan.steps(), Step::id, Step::position),
                reordered(baseline.tasks(), plan.tasks(), Task::id, Task::position));
    }

    private static <T, K> List<Change> diff(List<T> before, List<T> after, Function<T, K> key, Function<T, String> code,
                                            Function<T, String> title, java.util.function.BiFunction<T, T, List<FieldChange>> fields,
                                            Comparator<T> order) {
        Map<K, T> old = index(before, key);
        Map<K, T> now = index(after, key);
        List<Change> out = new ArrayList<>();
        List<T> added = after.stream().filter(r -> !old.containsKey(key.apply(r))).sorted(order).toList();
        List<T> removed = before.stream().filter(r -> !now.containsKey(key.apply(r))).sorted(order).toList();
        List<T> kept = after.stream().filter(r -> old.containsKey(key.apply(r))).sorted(order).toList();
        for (T r : added) {
            out.add(new Change(Kind.ADDED, id(key.apply(r)), code.apply(r), title.apply(r), List.of()));
        }
        for (T r : kept) {
            List<FieldChange> f = fields.apply(old.get(key.apply(r)), r);
            if (!f.isEmpty()) {
                out.add(new Change(Kind.CHANGED, id(key.apply(r)), code.apply(r), title.apply(r), f));
            }
        }
        for (T r : removed) {
            out.add(new Change(Kind.REMOVED, id(key.apply(r)), code.apply(r), title.apply(r), List.of()));
        }
        return List.copyOf(out);
    }

    private static UUID id(Object key) {
        return key instanceof UUID u ? u : null;
    }

    private static <T, K> int reordered(List<T> before, List<T> after, Function<T, K> key, Function<T, Integer> position) {
        Map<K, T> old = index(before, key);
        int n = 0;
        for (T r : after) {
            T o = old.get(key.apply(r));
            if (o != null && !Objects.equals(position.apply(o), position.apply(r))) {
                n++;
            }
        }
        return n;
    }

    private static <T, K> Map<K, T> index(List<T> rows, Function<T, K> key) {
        Map<K, T> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(key.apply(r), r));
        return out;
    }

    private static final class Fields {
        private final List<FieldChange> list = new ArrayList<>();

        Fields add(String field, String before, String after) {
            String b = before == null || before.isEmpty() ? null : before;
            String a = after == null || after.isEmpty() ? null : after;
            if (!Objects.equals(b, a)) {
                list.add(new FieldChange(field, b, a));
            }
            return this;
        }

        List<FieldChange> list() {
            return List.copyOf(list);
        }
    }
}
