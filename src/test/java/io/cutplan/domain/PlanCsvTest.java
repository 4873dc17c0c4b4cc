package io.cutplan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCsvTest {
    private static final String HEADER = "macro_phase,chapter,step_code,step_title,duration_minutes,predecessors,task_title,"
            + "task_team,controls,critical_controls,owner_team,go_no_go\n";

    @Test
    void readsPhasesChaptersStepsTasksAndControlsInFileOrder() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "Prep,Freeze,PRE-1,Announce,15,,Mail teams,OPS,CTL-1,,OPS,\n"
                + "Prep,Freeze,PRE-1,,,,Call teams,OPS,,CTL-1,,\n"
                + "Move,\"Copy, verify\",trt-2,Copy &amp; check,60,PRE-1,,,,,DBA,yes\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.phases()).extracting(PlanCsv.Phase::name).containsExactly("Prep", "Move");
        List<PlanCsv.Step> steps = r.steps();
        assertThat(steps).extracting(s -> s.code).containsExactly("PRE-1", "TRT-2");
        assertThat(steps.get(0).tasks).extracting(PlanCsv.Task::title).containsExactly("Mail teams", "Call teams");
        assertThat(steps.get(1).title).isEqualTo("Copy & check");
        assertThat(steps.get(1).goNoGo).isTrue();
        assertThat(steps.get(1).predecessors).containsExactly("PRE-1");
        assertThat(r.phases().get(1).chapters().get(0).name).isEqualTo("Copy, verify");
        assertThat(r.phases().get(0).chapters().get(0).code).isEqualTo("CH-001");
        assertThat(r.controls()).containsEntry("CTL-1", true);
        assertThat(r.teams()).extracting(PlanCsv.Reference::name).contains("OPS", "DBA");
    }

    @Test
    void namesEveryBadLineWithItsColumn() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "Prep,Freeze,PRE-1,Announce,15,,,,,,,\n"           // line 2: fine
                + "Prep,Freeze,BAD,Title,15,,,,,,,\n"                // line 3: bad code
                + "Prep,Freeze,PRE-3,,abc,,,,,,,\n"                  // line 4: no title, bad duration
                + "Prep,Freeze,PRE-4,T,15,NOPE-9,,,,,,maybe\n"       // line 5: unknown predecessor, bad boolean
                + "Prep,Freeze,PRE-1,Other title,,,,,,,,\n"          // line 6: contradicts line 2
                + "Prep,Freeze,PRE-5,T,15,,,OPS,,,,\n"               // line 7: task team without title
                + "Prep,Freeze,PRE-6,T,15,PRE-6,,,,,,\n");           // line 8: self-dependency
        assertThat(r.problems()).extracting(ImportProblem::line).containsExactly(3, 4, 4, 5, 5, 6, 7, 8);
        assertThat(r.problems()).extracting(ImportProblem::code).containsExactly("invalid_code", "missing_value",
                "invalid_number", "invalid_boolean", "unknown_predecessor", "conflicting_step", "missing_value", "self_dependency");
        assertThat(r.problems()).extracting(ImportProblem::column).containsExactly("step_code", "step_title",
                "duration_minutes", "go_no_go", "predecessors", "step_code", "task_title", "predecessors");
    }

    @Test
    void reportsACycleWithItsPath() {
        PlanCsv.Result r = PlanCsv.read(HEADER
                + "P,C,A-1,a,5,C-3,,,,,,\n"
                + "P,C,B-2,b,5,A-1,,,,,,\n"
                + "P,C,C-3,c,5,B-2,,,,,,\n");
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).message()).contains("A-1 -> B-2 -> C-3 -> A-1");
        assertThat(r.problems().get(0).column()).isEqualTo("predecessors");
    }

    @Test
    void refusesABadHeader() {
        PlanCsv.Result r = PlanCsv.read("macro_phase,chapter,step_code,step_titel,step_code\nP,C,A-1,x,A-1\n");
        assertThat(r.problems()).extracting(ImportProblem::message).anyMatch(m -> m.contains("Unknown column 'step_titel'"))
                .anyMatch(m -> m.contains("'step_code' appears twice"))
                .anyMatch(m -> m.contains("'duration_minutes' is missing"));
        assertThat(PlanCsv.read("").problems()).hasSize(1);
        assertThat(PlanCsv.read(HEADER).problems()).extracting(ImportProblem::message).containsExactly("The file has a header but no rows");
    }

    @Test
    void aRowWithTooManyFieldsIsReported() {
        PlanCsv.Result r = PlanCsv.read(HEADER + "P,C,A-1,a,5,,,,,,,,extra\n");
        assertThat(r.problems()).extracting(ImportProblem::line).containsExactly(2);
        assertThat(r.problems().get(0).message()).contains("13 fields");
    }
}
