package io.cutplan.domain.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.StepStatus;
import io.cutplan.domain.history.Comparison.Report;
import io.cutplan.domain.schedule.CsvReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The comparison's rules on a hand-made history, and its HTML and CSV escaping. */
class ComparisonTest {
    private static final Instant T0 = Instant.parse("2027-01-09T18:00:00Z");
    private static final String HOSTILE = "=HYPERLINK(\"x\") <script>alert(1)</script>";

    private final UUID chapter = UUID.randomUUID();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final List<Comparison.IterationInfo> its = new ArrayList<>();
    private final List<StepRun> runs = new ArrayList<>();

    private UUID iteration(String code, int day) {
        UUID id = UUID.randomUUID();
        its.add(new Comparison.IterationInfo(id, code, code, "COMPLETED", T0.plus(Duration.ofDays(day)), T0.plus(Duration.ofDays(day)).plusSeconds(36_000)));
        return id;
    }

    private void ran(UUID step, UUID it, int day, int startMinute, int minutes) {
        Instant s = T0.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(startMinute));
        runs.add(new StepRun(step, chapter, it, StepStatus.DONE, s, s.plus(Duration.ofMinutes(minutes))));
    }

    private Report report() {
        return Comparison.compute(new Comparison.Input(UUID.randomUUID(), "MIG", its,
                List.of(new Comparison.ChapterInfo(chapter, "CH", HOSTILE)),
                List.of(new Comparison.StepInfo(a, "A-1", HOSTILE, 30, chapter, "Team"), new Comparison.StepInfo(b, "B-2", "Second", 60, chapter, null)),
                List.of(new Comparison.Link(a, b)), runs, Map.of()));
    }

    @Test
    void eachIterationShowsTheDurationItPlannedNotThePlansCurrentOne() {
        UUID r1 = iteration("RUN1", 0);
        UUID r2 = iteration("RUN2", 7);
        Instant s1 = T0.plus(Duration.ofMinutes(0));
        Instant s2 = T0.plus(Duration.ofDays(7));
        // RUN1 ran A with 45 planned minutes; the plan was calibrated to 30 since, which RUN2 ran with.
        runs.add(new StepRun(a, chapter, r1, StepStatus.DONE, null, null, s1, s1.plus(Duration.ofMinutes(40)), 45));
        runs.add(new StepRun(a, chapter, r2, StepStatus.DONE, null, null, s2, s2.plus(Duration.ofMinutes(32)), 30));
        Comparison.StepLine stepA = report().steps().get(0);
        assertThat(stepA.cells()).extracting(Comparison.Cell::plannedMinutes).containsExactly(45L, 30L);
        assertThat(stepA.plannedMinutes()).as("the plan's current duration").isEqualTo(30);
    }

    @Test
    void stepsChaptersAndIterationsTakeTheirActualSpansAndTheTrendFollowsTheSlope() {
        UUID r1 = iteration("RUN1", 0);
        UUID r2 = iteration("RUN2", 7);
        UUID r3 = iteration("RUN3", 14);
        ran(a, r1, 0, 0, 40);
        ran(b, r1, 0, 40, 90);
        ran(a, r2, 7, 0, 35);
        ran(b, r2, 7, 35, 75);
        ran(a, r3, 14, 0, 30);
        runs.add(new StepRun(b, chapter, r3, StepStatus.SKIPPED, null, T0.plus(Duration.ofDays(14)).plusSeconds(1800)));
        Report r = report();
        assertThat(r.iterations()).extracting(Comparison.Column::code).containsExactly("RUN1", "RUN2", "RUN3");
        assertThat(r.iterations().get(0).actualSeconds()).isEqualTo(130 * 60L);
        assertThat(r.iterations().get(0).plannedMinutes()).isEqualTo(90L);
        Comparison.StepLine stepA = r.steps().get(0);
        assertThat(stepA.cells()).extracting(Comparison.Cell::actualSeconds).containsExactly(2400L, 2100L, 1800L);
        assertThat(stepA.trend().direction()).isEqualTo("faster");
        assertThat(stepA.trend().minutesPerRun()).isEqualTo(-5.0);
        assertThat(stepA.spread().rangeMinutes()).isEqualTo(10.0);
        assertThat(stepA.spread().medianMinutes()).isEqualTo(35.0);
        Comparison.StepLine stepB = r.steps().get(1);
        assertThat(stepB.cells().get(2).status()).isEqualTo("SKIPPED");
        assertThat(stepB.cells().get(2).actualSeconds()).isNull();
        assertThat(stepB.trend().runs()).isEqualTo(2);
        assertThat(r.chapters().get(0).cells()).extracting(Comparison.Cell::actualMinutes).containsExactly(130.0, 110.0, 30.0);
        assertThat(r.chapters().get(0).cells().get(0).plannedMinutes()).isEqualTo(90L);
        assertThat(r.mostVariable()).extracting(Comparison.Variable::code).containsExactly("B-2", "A-1");
        assertThat(r.trend().direction()).isEqualTo("faster");
    }

    @Test
    void aSmallChangeIsSteadyAndOneRunIsUnknown() {
        assertThat(Comparison.trend(List.of(0, 1, 2), List.of(100.0, 101.0, 102.0)).direction()).isEqualTo("steady");
        assertThat(Comparison.trend(List.of(0, 1, 2), List.of(100.0, 104.0, 112.0)).direction()).isEqualTo("slower");
        assertThat(Comparison.trend(List.of(0, 2), List.of(10.0, 8.5)).direction()).isEqualTo("faster");
        assertThat(Comparison.trend(List.of(1), List.of(10.0)).direction()).isEqualTo("unknown");
    }

    @Test
    void aStepNotRunInAnIterationIsNotInScopeAndAnUnfinishedChapterHasNoActual() {
        UUID r1 = iteration("RUN1", 0);
        UUID r2 = iteration("RUN2", 7);
        ran(a, r1, 0, 0, 40);
        runs.add(new StepRun(a, chapter, r2, StepStatus.IN_PROGRESS, T0.plus(Duration.ofDays(7)), null));
        runs.add(new StepRun(b, chapter, r2, StepStatus.PENDING, null, null));
        Report r = report();
        assertThat(r.steps().get(1).cells().get(0).status()).isEqualTo("NOT_IN_SCOPE");
        assertThat(r.chapters().get(0).cells().get(1).status()).isEqualTo("IN_PROGRESS");
        assertThat(r.chapters().get(0).cells().get(1).actualSeconds()).isNull();
        assertThat(r.iterations().get(1).actualSeconds()).isNull();
    }

    @Test
    void theHtmlIsSelfContainedAndEscapedAndTheCsvGuardsFormulas() {
        UUID r1 = iteration("RUN1", 0);
        ran(a, r1, 0, 0, 40);
        ran(b, r1, 0, 40, 90);
        Report r = report();
        String html = ComparisonExport.html(r, ZoneId.of("Europe/Zurich"));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, link, img, [src], [href], [onclick]")).isEmpty();
        assertThat(doc.text()).contains(HOSTILE).contains("Europe/Zurich");
        assertThat(html).doesNotContain("<script>alert");
        List<List<String>> rows = CsvReader.parse(ComparisonExport.csv(r));
        assertThat(rows).hasSize(2 + 1 + 2);
        List<String> stepRow = rows.get(3);
        assertThat(stepRow.get(2)).isEqualTo("A-1");
        assertThat(stepRow.get(3)).isEqualTo("'" + HOSTILE);
        assertThat(stepRow.get(rows.get(0).indexOf("RUN1 actual (min)"))).isEqualTo("40");
    }
}
