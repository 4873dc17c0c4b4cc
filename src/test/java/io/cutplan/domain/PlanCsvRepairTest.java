package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The problem model of the import: codes, no cascades, one problem per step, every cycle, and what repair mode does. */
class PlanCsvRepairTest {
    private static final String HEADER = "macro_phase,chapter,step_code,step_title,step_description,duration_minutes,predecessors,"
            + "task_title,task_description,owner_team,impacted_teams\n";

    private static Map<String, Long> codes(PlanCsv.Result r) {
        return r.problems().stream().collect(Collectors.groupingBy(ImportProblem::code, Collectors.counting()));
    }

    private static PlanCsv.Step step(PlanCsv.Result r, String code) {
        return r.steps().stream().filter(s -> s.code.equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aRowWithoutMacroPhaseOrChapterStillRegistersItsStepAndIsCheckedCompletely() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "P,C,A-1,a,,5,,,,,\n"
                + ",C2,B-2,b,,0,A-1,,,,\n"      // no macro-phase, and a bad duration on the same row
                + "P,,C-3,c,,5,B-2,,,,\n"        // no chapter
                + "P,C,D-4,d,,5,C-3;B-2,,,,\n");
        assertThat(codes(r)).isEqualTo(Map.of("missing_value", 2L, "out_of_range", 1L));
        assertThat(r.problems()).filteredOn(p -> p.code().equals("missing_value")).allMatch(ImportProblem::canBeRepaired);
        assertThat(r.problems()).filteredOn(p -> p.code().equals("out_of_range")).noneMatch(ImportProblem::canBeRepaired);
        assertThat(step(r, "D-4").predecessors).containsExactly("C-3", "B-2");
        // Repairs: the chapterless step goes to "Unassigned" in its macro-phase, the phaseless one to a phase "Unassigned" last.
        assertThat(r.phases()).extracting(PlanCsv.Phase::name).containsExactly("P", PlanCsv.UNASSIGNED);
        assertThat(r.phases().get(0).chapters()).extracting(c -> c.name).containsExactly("C", PlanCsv.UNASSIGNED);
        assertThat(r.warnings()).extracting(ImportProblem::message)
                .anyMatch(m -> m.contains("B-2 has no macro_phase: put into macro-phase 'Unassigned'"))
                .anyMatch(m -> m.contains("C-3 has no chapter: put into chapter 'Unassigned'"));
    }

    @Test
    void aStepWithoutMacroPhaseGoesWhereItsChapterIs() {
        PlanCsv.Result r = PlanCsv.read(HEADER + "Late,C,A-1,a,,5,,,,,\n,C,B-2,b,,5,,,,,\n");
        assertThat(r.phases()).hasSize(1);
        assertThat(r.phases().get(0).chapters().get(0).steps).extracting(s -> s.code).containsExactly("A-1", "B-2");
    }

    @Test
    void everyCycleIsOneProblemNamingItsStepsAndTheDependencyThatBreaksIt() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "P,C,A-1,a,,5,B-2,,,,\n"
                + "P,C,B-2,b,,5,A-1,,,,\n"
                + "P,C,C-3,c,,5,E-5,,,,\n"
                + "P,C,D-4,d,,5,C-3,,,,\n"
                + "P,C,E-5,e,,5,D-4,,,,\n"
                + "P,C,F-6,f,,5,F-6;E-5,,,,\n");
        List<ImportProblem> cycles = r.problems().stream().filter(p -> p.code().equals("dependency_cycle")).toList();
        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(0).steps()).containsExactly("A-1", "B-2");
        assertThat(cycles.get(0).dependency()).isEqualTo("B-2 -> A-1");
        assertThat(cycles.get(0).line()).isEqualTo(2);
        assertThat(cycles.get(1).steps()).containsExactly("C-3", "D-4", "E-5");
        assertThat(cycles.get(1).cycle()).containsExactly("C-3", "D-4", "E-5", "C-3");
        assertThat(cycles.get(1).message()).contains("C-3 -> D-4 -> E-5 -> C-3").contains("removing the dependency " + cycles.get(1).dependency());
        assertThat(codes(r)).containsEntry("self_dependency", 1L).doesNotContainKey("unknown_predecessor");
        // Repaired: exactly the named dependencies are dropped, one warning each.
        List<ImportProblem> dropped = r.warnings().stream().filter(w -> w.code().equals("dependency_cycle")).toList();
        assertThat(dropped).extracting(ImportProblem::dependency).containsExactly("B-2 -> A-1", cycles.get(1).dependency());
        assertThat(dropped.get(0).message()).startsWith("Dropped the dependency B-2 -> A-1 (line 2)");
        assertThat(step(r, "A-1").predecessors).isEmpty();
        assertThat(step(r, "F-6").predecessors).containsExactly("E-5");
    }

    @Test
    void identicalRepeatsAreDuplicatesAndDifferentOnesConflictsOncePerStep() {
        String a = "P,C,A-1,a,,5,,task one,,,\nP,C,A-1,,,,,task two,,,\n";
        PlanCsv.Result r = PlanCsv.read(HEADER + a
                + "P,C,B-2,b,,5,,,,,\n"
                + a                                  // lines 5-6: A-1 again, identical
                + "P,C,C-3,c,,5,,x,,,\n"
                + "P,C,C-3,other title,,,,y,,,\n"    // line 8: differs from line 7
                + "P,C,C-3,third,,,,z,,,\n"          // line 9: differs too, still one problem
                + "P,C,B-2,b,,5,,extra task,,,\n");  // line 10: B-2 again with other tasks
        List<ImportProblem> duplicates = r.problems().stream().filter(p -> p.code().equals("duplicate_step")).toList();
        assertThat(duplicates).hasSize(1);
        assertThat(duplicates.get(0).lines()).containsExactly(5, 6);
        assertThat(duplicates.get(0).canBeRepaired()).isTrue();
        List<ImportProblem> conflicts = r.problems().stream().filter(p -> p.code().equals("conflicting_step")).toList();
        assertThat(conflicts).extracting(ImportProblem::steps).containsExactly(List.of("C-3"), List.of("B-2"));
        assertThat(conflicts.get(0).lines()).containsExactly(8, 9);
        assertThat(conflicts).noneMatch(ImportProblem::canBeRepaired);
        assertThat(step(r, "A-1").tasks).extracting(PlanCsv.Task::title).containsExactly("task one", "task two");
        assertThat(r.hasUnrepairable()).isTrue();
    }

    @Test
    void aBlockPastedTwiceInARowIsADuplicateToo() {
        String rows = "P,C,A-1,a,,5,,task one,,,\nP,C,A-1,a,,5,,task two,,,\n";
        PlanCsv.Result r = PlanCsv.read(HEADER + rows + rows);
        assertThat(codes(r)).isEqualTo(Map.of("duplicate_step", 1L));
        assertThat(step(r, "A-1").tasks).hasSize(2);
    }

    @Test
    void overlongTitlesSayTheirSizeAndAreCutWithTheFullTextInTheDescription() {
        String longTitle = "Switch the interfaces over\n" + "x".repeat(600);
        String longTask = "t".repeat(700);
        PlanCsv.Result r = PlanCsv.read(HEADER + "P,C,A-1,\"" + longTitle + "\",Existing text,5,," + longTask + ",,,\n");
        assertThat(r.problems()).extracting(ImportProblem::code).containsExactly("too_long", "too_long");
        assertThat(r.problems().get(0).message()).isEqualTo("step_title is " + longTitle.length() + " characters long; the limit is 500");
        assertThat(r.problems()).allMatch(ImportProblem::canBeRepaired);
        PlanCsv.Step s = r.steps().get(0);
        assertThat(s.title).isEqualTo("Switch the interfaces over");
        assertThat(s.description).isEqualTo(longTitle + "\n\nExisting text");
        assertThat(s.tasks.get(0).title()).hasSize(MAX_WITH_ELLIPSIS).endsWith("\u2026");
        assertThat(s.tasks.get(0).description()).isEqualTo(longTask);
        assertThat(PlanCsv.read(HEADER + "P,C,A-1,\"two\nlines\",,5,,,,,\n").problems()).extracting(ImportProblem::code)
                .containsExactly("multi_line");
    }

    private static final int MAX_WITH_ELLIPSIS = PlanCsv.MAX_TITLE;

    @Test
    void positionsOrderPhasesAndChaptersElseFileOrder() {
        String header = "macro_phase,macro_phase_position,chapter,chapter_position,step_code,step_title,duration_minutes\n";
        PlanCsv.Result r = PlanCsv.read(header
                + "Cutover,2,Switch,1,A-1,a,5\n"
                + "Prepare,1,Freeze,,B-2,b,5\n"
                + "Cutover,,Stop,0,C-3,c,5\n"
                + "Cutover,2,Check,,D-4,d,5\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.phases()).extracting(PlanCsv.Phase::name).containsExactly("Prepare", "Cutover");
        assertThat(r.phases().get(1).chapters()).extracting(c -> c.name).containsExactly("Stop", "Switch", "Check");
        PlanCsv.Result conflicting = PlanCsv.read(header + "Cutover,2,Switch,,A-1,a,5\nCutover,3,Stop,,B-2,b,5\n");
        assertThat(conflicting.problems()).extracting(ImportProblem::code).containsExactly("conflicting_position");
        assertThat(conflicting.problems().get(0).lines()).containsExactly(2, 3);
    }

    @Test
    void aStepLevelTeamIsOneReferenceWithAllItsLinesAndTeamListsKeepSpaces() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "P,C,A-1,a,,5,,t1,,Network Ops,\"Back office; IT Mgmt\"\n"
                + "P,C,A-1,a,,5,,t2,,network ops,\"it mgmt;BACK OFFICE\"\n"
                + "P,C,B-2,b,,5,,,,Network Ops,\n");
        assertThat(r.problems()).isEmpty();
        Map<String, PlanCsv.Reference> refs = r.teams().stream().collect(Collectors.toMap(PlanCsv.Reference::name, Function.identity()));
        assertThat(refs.get("Network Ops").lines()).containsExactly(2, 4);
        assertThat(refs.get("network ops").lines()).containsExactly(3);
        assertThat(step(r, "A-1").impactedTeams).containsExactly("Back office", "IT Mgmt");
    }

    @Test
    void holdsEveryProblemOfALargeFile() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 12_000; i++) {
            csv.append("P,C,S-").append(i).append(",t,,0,,,,,\n");
        }
        PlanCsv.Result r = PlanCsv.read(csv.toString());
        assertThat(r.problems()).hasSize(12_000).allMatch(p -> p.code().equals("out_of_range"));
    }

    @Test
    void groupsByCodeWithCounts() {
        PlanCsv.Result r = PlanCsv.read(HEADER + "P,C,A-1,a,,0,A-1,,,,\nP,C,B-2,b,,0,NOPE-1,,,,\nP,C,C-3,c,,5,NOPE-2,,,,\n");
        List<ImportProblem> grouped = ImportProblem.grouped(r.problems());
        assertThat(grouped).extracting(ImportProblem::code).containsExactly("out_of_range", "out_of_range", "self_dependency",
                "unknown_predecessor", "unknown_predecessor");
        assertThat(ImportProblem.counts(r.problems())).containsExactly(new ImportProblem.CodeCount("out_of_range", 2, 0),
                new ImportProblem.CodeCount("self_dependency", 1, 1), new ImportProblem.CodeCount("unknown_predecessor", 2, 2));
    }
}
