package io.cutplan.domain.schedule;

import io.cutplan.domain.Html;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ScheduleTableTest {
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final Window WINDOW = new Window(Instant.parse("2027-10-30T18:00:00Z"), Instant.parse("2027-10-31T18:00:00Z"));

    private static ScheduleView view(List<ScheduledChapter> rows) {
        return new ScheduleView(UUID.randomUUID(), "DR<2>", "Dress & rehearsal", "PLANNED", UUID.randomUUID(), "M1",
                "Move \"core\"", UUID.randomUUID(), WINDOW, 3, 2, rows);
    }

    private static ScheduledChapter row(String name, ChapterTiming timing) {
        return new ScheduledChapter(UUID.randomUUID(), "CH1", name, 0, UUID.randomUUID(), "Phase", 0, 1, 30, timing, null);
    }

    @Test
    void anIterationWithoutChaptersSaysSoInOneRow() {
        String html = ScheduleHtml.render(ScheduleTable.of(view(List.of()), ZURICH, WINDOW.start()));
        Element table = Jsoup.parseBodyFragment(html).selectFirst("table");
        assertThat(table.select("tbody > tr")).hasSize(1);
        assertThat(table.selectFirst("tbody td").attr("colspan")).isEqualTo("5");
        assertThat(table.selectFirst("caption").text())
                .isEqualTo("Schedule of migration Move \"core\" (M1), iteration Dress & rehearsal (DR<2>), "
                        + "as of 2027-10-30 20:00 +02:00; times in Europe/Zurich");
        assertThat(html).contains("Dress &amp; rehearsal (DR&lt;2&gt;)");
        assertThat(ScheduleCsv.render(ScheduleTable.of(view(List.of()), ZURICH, WINDOW.start())))
                .isEqualTo("\uFEFFMacro-phase,Chapter,Planned start (Europe/Zurich),Planned end (Europe/Zurich),Planned duration\r\n");
    }

    @Test
    void durationAcrossFallBackCountsRealMinutesAndOnlyLateVariancesAreRed() {
        // 00:30Z to 01:30Z on 2027-10-31 is 02:30 +02:00 to 02:30 +01:00 in Zurich: one hour, same wall-clock time.
        ChapterTiming late = new ChapterTiming(Instant.parse("2027-10-31T00:30:00Z"), Instant.parse("2027-10-31T01:30:00Z"),
                Instant.parse("2027-10-31T00:30:00Z"), Instant.parse("2027-10-31T01:45:00Z"), true);
        ChapterTiming early = new ChapterTiming(Instant.parse("2027-10-31T02:00:00Z"), Instant.parse("2027-10-31T03:00:00Z"),
                Instant.parse("2027-10-31T02:00:00Z"), Instant.parse("2027-10-31T02:50:00Z"), true);
        ScheduleTable table = ScheduleTable.of(view(List.of(row("Late", late), row("Early", early))), ZURICH, WINDOW.start());
        assertThat(table.rows().get(0).cells()).containsExactly("Phase", "Late", "2027-10-31 02:30 +02:00",
                "2027-10-31 02:30 +01:00", "1 h 00 min", "2027-10-31 02:30 +02:00", "2027-10-31 02:45 +01:00", "15 min late");
        assertThat(table.rows().get(1).cells().get(7)).isEqualTo("10 min early");
        Element html = Jsoup.parseBodyFragment(ScheduleHtml.render(table)).selectFirst("table");
        assertThat(html.select("tbody > tr").get(0).child(7).attr("style")).contains("color:#bf2600");
        assertThat(html.select("tbody > tr").get(1).child(7).attr("style")).doesNotContain("color:#bf2600");
        assertThat(html.select("tbody > tr").get(0).child(6).attr("style")).doesNotContain("color:#bf2600");
    }
}
