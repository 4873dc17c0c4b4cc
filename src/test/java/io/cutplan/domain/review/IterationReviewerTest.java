package io.cutplan.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.ControlStatus;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.StepStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The review computed on a hand-built iteration whose every figure is worked out by hand:
 * <pre>
 *   A1 (30') -> A2 (30') -> C1 (10')        planned window 10:00 - 12:00
 *   A1 -> B1 (20') -> C1,  B1 -> D1 (15')   D1 is skipped
 * </pre>
 * A1 ran 10:05-10:40, A2 10:45-11:30 (failed at 11:00, retried 11:10), B1 10:42-11:00, C1 ready 11:30, on hold
 * 11:31-11:41, ran 11:45-12:20: 20 minutes over the planned end, decided by A1 -> A2 -> C1.
 */
class IterationReviewerTest {
    static final UUID IT = UUID.randomUUID(), PHASE = UUID.randomUUID(), CH_A = UUID.randomUUID(), CH_B = UUID.randomUUID();
    static final UUID TEAM_X = UUID.randomUUID(), TEAM_Y = UUID.randomUUID();
    static final UUID A1 = UUID.randomUUID(), A2 = UUID.randomUUID(), B1 = UUID.randomUUID(), C1 = UUID.randomUUID(),
            D1 = UUID.randomUUID();

    static Instant t(String hhmm) {
        return Instant.parse("2027-03-27T" + hhmm + ":00Z");
    }

    static ReviewInput.Step step(UUID id, String code, UUID chapter, UUID team, int minutes, StepStatus status,
                                 String ready, String started, String finished) {
        return new ReviewInput.Step(id, code, "Title of " + code, chapter, team, team == TEAM_X ? "Team X" : "Team Y", minutes,
                status, ready == null ? null : t(ready), started == null ? null : t(started), finished == null ? null : t(finished),
                false);
    }

    static ReviewInput.StatusChange move(UUID step, String at, StepStatus from, StepStatus to, String reason) {
        return new ReviewInput.StatusChange(step, t(at), from, to, reason, "Pia Pilot", false);
    }

    static ReviewInput input(boolean finished, List<ReviewInput.Note> notes) {
        List<ReviewInput.Step> steps = List.of(
                step(A1, "TRT-1", CH_A, TEAM_X, 30, StepStatus.DONE, "09:00", "10:05", "10:40"),
                step(A2, "TRT-2", CH_A, TEAM_X, 30, StepStatus.DONE, "10:40", "10:45", "11:30"),
                step(B1, "CHK-1", CH_B, TEAM_Y, 20, StepStatus.DONE, "10:40", "10:42", "11:00"),
                finished ? step(C1, "IGO-1", CH_B, TEAM_Y, 10, StepStatus.DONE, "11:30", "11:45", "12:20")
                        : step(C1, "IGO-1", CH_B, TEAM_Y, 10, StepStatus.IN_PROGRESS, "11:30", "11:45", null),
                step(D1, "PRE-1", CH_B, TEAM_Y, 15, StepStatus.SKIPPED, "11:00", null, "11:05"));
        List<ReviewInput.Link> links = List.of(new ReviewInput.Link(A1, A2), new ReviewInput.Link(A2, C1),
                new ReviewInput.Link(A1, B1), new ReviewInput.Link(B1, C1), new ReviewInput.Link(B1, D1));
        List<ReviewInput.StatusChange> changes = new ArrayList<>(List.of(
                move(A2, "11:00", StepStatus.IN_PROGRESS, StepStatus.FAILED, "Rejects in the load report"),
                move(A2, "11:10", StepStatus.FAILED, StepStatus.IN_PROGRESS, "Retry after the fix"),
                move(C1, "11:31", StepStatus.READY, StepStatus.ON_HOLD, "Waiting for the vendor"),
                move(C1, "11:41", StepStatus.ON_HOLD, StepStatus.READY, null),
                move(D1, "11:05", StepStatus.READY, StepStatus.SKIPPED, "Not needed in a rehearsal")));
        return new ReviewInput(
                new ReviewInput.Iteration(IT, "DR1", "Dress rehearsal 1", "CORE27", "Core banking", finished
                        ? IterationStatus.COMPLETED : IterationStatus.IN_PROGRESS, t("10:00"), t("12:00")),
                finished ? t("13:00") : t("12:00"),
                List.of(new ReviewInput.Chapter(CH_A, "CH-A", "Extract", PHASE, "Shutdown", 0, null, null),
                        new ReviewInput.Chapter(CH_B, "CH-B", "Check", PHASE, "Shutdown", 0, t("10:30"), t("11:30"))),
                steps, links, changes,
                finished ? List.of(new ReviewInput.GateOverride(C1, t("12:20"), "Pia Pilot", "Business accepted the risk", 1,
                        List.of("CTL-1"))) : List.of(),
                List.of(new ReviewInput.ControlFailure(UUID.randomUUID(), "CTL-1", "Balances match", true, t("11:00"), "Dora DBA",
                        "Mismatch", ControlStatus.PASSED, B1)),
                List.of(new ReviewInput.Comment(A2, t("11:02"), "Dora DBA", "1,204 rejects")),
                notes);
    }

    @Test
    void aFinishedIterationSaysHowLateItEndedAndWhichChainDecidedIt() {
        Review r = IterationReviewer.review(input(true, List.of()));
        assertThat(r.iteration().complete()).isTrue();
        assertThat(r.timing().actualStart()).isEqualTo(t("10:05"));
        assertThat(r.timing().actualEnd()).isEqualTo(t("12:20"));
        // The planned end is the plan's own forward pass: A1 10:00-10:30, A2 10:30-11:00, B1 (waits for its chapter)
        // 10:30-10:50, C1 11:00-11:10.
        assertThat(r.timing().plannedEnd()).isEqualTo(t("11:10"));
        assertThat(r.timing().endVarianceMinutes()).isEqualTo(70);
        assertThat(r.counts().overrunMinutes()).isEqualTo(70);
        assertThat(r.timing().actualMinutes()).isEqualTo(135);
        assertThat(r.timing().durationVarianceMinutes()).isEqualTo(135 - 70);
        assertThat(r.counts().windowEnd()).isEqualTo(t("12:00"));
        assertThat(r.counts().overWindowMinutes()).isEqualTo(20);

        List<Review.ChainLink> chain = r.delayChain().links();
        assertThat(chain).extracting(l -> l.step().code()).containsExactly("TRT-1", "TRT-2", "IGO-1");
        assertThat(chain.get(0).couldStartAt()).as("ready before the window: waits from the planned start").isEqualTo(t("10:00"));
        assertThat(chain).extracting(Review.ChainLink::waitMinutes).containsExactly(5L, 5L, 15L);
        assertThat(chain).extracting(Review.ChainLink::actualMinutes).containsExactly(35L, 45L, 35L);
        assertThat(chain).extracting(Review.ChainLink::delayMinutes).containsExactly(10L, 20L, 40L);
        assertThat(chain.get(1).wholeSpan()).isTrue();
        assertThat(chain.get(2).holdMinutes()).isEqualTo(10);
        assertThat(chain.get(2).predecessorId()).isEqualTo(A2);
        assertThat(r.delayChain().plannedMinutes()).isEqualTo(70);
        assertThat(r.delayChain().spanMinutes()).isEqualTo(140);
        assertThat(r.delayChain().delayMinutes()).as("span = planned + what the links added").isEqualTo(140 - 70);
        assertThat(r.topDelays()).extracting(l -> l.step().code()).containsExactly("IGO-1", "TRT-2", "TRT-1");

        assertThat(r.teams()).extracting(Review.TeamRow::name).containsExactly("Team Y", "Team X");
        assertThat(r.teams().get(0).overrunMinutes()).as("C1 +25; B1 ran 2 min short, which does not offset").isEqualTo(25);
        assertThat(r.teams().get(0).delayMinutes()).isEqualTo(40);
        assertThat(r.teams().get(1).overrunMinutes()).isEqualTo(5 + 15);
        assertThat(r.teams().get(1).delayMinutes()).isEqualTo(30);

        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.step().code()).isEqualTo("TRT-2");
            assertThat(f.retries()).isEqualTo(1);
            assertThat(f.spanMinutes()).isEqualTo(45);
            assertThat(f.wholeSpan()).isTrue();
            assertThat(f.failed()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("Rejects in the load report"));
        });
        assertThat(r.holds()).singleElement().satisfies(h -> {
            assertThat(h.minutes()).isEqualTo(10);
            assertThat(h.ongoing()).isFalse();
            assertThat(h.reason()).isEqualTo("Waiting for the vendor");
        });
        assertThat(r.skipsAndCancels()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(c.reason()).isEqualTo("Not needed in a rehearsal");
        });
        assertThat(r.overrides()).singleElement().satisfies(o -> {
            assertThat(o.unpassedControls()).containsExactly("CTL-1");
            assertThat(o.actor()).isEqualTo("Pia Pilot");
        });
        assertThat(r.failedControls()).singleElement().satisfies(f -> assertThat(f.step().code()).isEqualTo("CHK-1"));
        assertThat(r.counts().retriedSteps()).isEqualTo(1);
        assertThat(r.counts().skipped()).isEqualTo(1);

        assertThat(r.chapters()).extracting(Review.ChapterRow::code).containsExactly("CH-A", "CH-B");
        Review.Timing a = r.chapters().get(0).timing();
        assertThat(a.plannedStart()).isEqualTo(t("10:00"));
        assertThat(a.plannedEnd()).as("no chapter schedule: the steps' planned slots").isEqualTo(t("11:00"));
        assertThat(a.actualMinutes()).isEqualTo(85);
        assertThat(a.durationVarianceMinutes()).isEqualTo(25);
        assertThat(a.endVarianceMinutes()).isEqualTo(30);
        Review.Timing b = r.chapters().get(1).timing();
        assertThat(b.plannedStart()).as("the chapter schedule wins").isEqualTo(t("10:30"));
        assertThat(b.actualStart()).isEqualTo(t("10:42"));
        assertThat(b.endVarianceMinutes()).isEqualTo(50);
        assertThat(r.chapters().get(1).chainSteps()).isEqualTo(1);
        assertThat(r.macroPhases()).singleElement().satisfies(p -> {
            assertThat(p.timing().plannedStart()).isEqualTo(t("10:00"));
            assertThat(p.timing().plannedEnd()).isEqualTo(t("11:30"));
            assertThat(p.timing().endVarianceMinutes()).isEqualTo(50);
            assertThat(p.delayMinutes()).isEqualTo(70);
        });

        Review.StepRow a2 = r.steps().get(1);
        assertThat(a2.actualMinutes()).isEqualTo(45);
        assertThat(a2.durationVarianceMinutes()).isEqualTo(15);
        assertThat(a2.wholeSpan()).isTrue();
        assertThat(a2.onChain()).isTrue();
        Review.StepRow d1 = r.steps().get(4);
        assertThat(d1.actualMinutes()).isZero();
        assertThat(d1.durationVarianceMinutes()).as("a skip is no overrun").isNull();
        assertThat(d1.onChain()).isFalse();
    }

    @Test
    void aRunningIterationIsReviewedSoFar() {
        Review r = IterationReviewer.review(input(false, List.of()));
        assertThat(r.iteration().complete()).isFalse();
        assertThat(r.timing().actualEnd()).isNull();
        assertThat(r.counts().overrunMinutes()).isNull();
        assertThat(r.timing().lastFinishedAt()).isEqualTo(t("11:30"));
        assertThat(r.delayChain().links()).extracting(l -> l.step().code()).containsExactly("TRT-1", "TRT-2");
        Review.StepRow c1 = r.steps().get(3);
        assertThat(c1.running()).isTrue();
        assertThat(c1.actualMinutes()).as("running since 11:45, as of 12:00").isEqualTo(15);
        assertThat(r.chapters().get(1).timing().finished()).isFalse();
        assertThat(r.counts().running()).isEqualTo(1);
    }

    @Test
    void anIterationNotStartedYetHasNoActualsNoChainAndStillRenders() {
        ReviewInput started = input(true, List.of());
        List<ReviewInput.Step> fresh = started.steps().stream().map(s -> new ReviewInput.Step(s.id(), s.code(), s.title(), s.chapterId(),
                s.teamId(), s.teamName(), s.plannedMinutes(), s.code().equals("TRT-1") ? StepStatus.READY : StepStatus.PENDING,
                s.code().equals("TRT-1") ? t("09:00") : null, null, null, false)).toList();
        ReviewInput in = new ReviewInput(new ReviewInput.Iteration(IT, "DR1", "Dress rehearsal 1", "CORE27", "Core banking",
                IterationStatus.PLANNED, t("10:00"), t("12:00")), t("08:00"), started.chapters(), fresh, started.links(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        Review r = IterationReviewer.review(in);
        assertThat(r.iteration().complete()).isFalse();
        assertThat(r.timing().actualStart()).isNull();
        assertThat(r.timing().plannedEnd()).isEqualTo(t("11:10"));
        assertThat(r.delayChain().links()).isEmpty();
        assertThat(r.topDelays()).isEmpty();
        assertThat(r.chapters()).allSatisfy(c -> assertThat(c.timing().actualMinutes()).isNull());
        assertThat(ReviewHtml.render(r, ZoneId.of("UTC"))).contains("No step has finished yet.").contains("not finished");
        assertThat(ReviewCsv.render(r, ZoneId.of("UTC")).split("\r\n")).hasSize(6);
    }

    @Test
    void lessonsAreTheNotesOfTheIterationAndOfItsSteps() {
        Review r = IterationReviewer.review(input(true, List.of(
                new ReviewInput.Note(null, "Book the vendor for the whole night", "Pia Pilot", t("13:00")),
                new ReviewInput.Note(C1, "Start the gate's paperwork earlier", "Pia Pilot", t("13:01")))));
        assertThat(r.lessons().iteration().text()).isEqualTo("Book the vendor for the whole night");
        assertThat(r.lessons().steps()).singleElement().satisfies(n -> assertThat(n.step().code()).isEqualTo("IGO-1"));
        assertThat(r.steps().get(3).note()).isEqualTo("Start the gate's paperwork earlier");
    }

    @Test
    void htmlIsOneSelfContainedDocumentWithEveryTextEscaped() {
        List<ReviewInput.Note> notes = List.of(new ReviewInput.Note(null, "<script>alert(1)</script> & \"quotes\"", "<b>x</b>", t("13:00")));
        String html = ReviewHtml.render(IterationReviewer.review(input(true, notes)), ZoneId.of("Europe/Zurich"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;").contains("&lt;b&gt;x&lt;/b&gt;")
                .doesNotContain("<script").doesNotContain("<style").doesNotContain("<link").doesNotContain("href=")
                .doesNotContain("src=").doesNotContainPattern("\\son[a-z]+=")
                .contains("2027-03-27 13:20 +01:00") // 12:20 UTC, the actual end, in Zurich
                .contains("1 h 10 min late").contains("20 min late").contains("TRT-2 Title of TRT-2");
        assertThat(html.replaceAll(" (style|lang|charset|colspan)=\"[^\"]*\"", "")).as("no other attribute").doesNotContain("=\"");
    }

    @Test
    void csvHasOneRowPerStepAndGuardsFormulas() {
        List<ReviewInput.Note> notes = List.of(new ReviewInput.Note(A1, "=HYPERLINK(\"http://x\")", "Pia", t("13:00")));
        String csv = ReviewCsv.render(IterationReviewer.review(input(true, notes)), ZoneId.of("UTC"));
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(csv).startsWith(ReviewCsv.BYTE_ORDER_MARK);
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines[0]).startsWith("Chapter,Step,Title,Team,Status");
        assertThat(lines[1]).startsWith("CH-A,TRT-1,Title of TRT-1,Team X,DONE,30,2027-03-27 10:00 +00:00")
                .contains("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(lines[2]).contains("15 min longer").contains(",yes,yes,added 20 min,");
    }
}
