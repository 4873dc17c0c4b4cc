package io.cutplan.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {
    private static final UUID PLAN = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final Window WINDOW = new Window(Instant.parse("2027-03-27T18:00:00Z"), Instant.parse("2027-03-28T18:00:00Z"));

    private static ScheduleRules.RawEntry raw(UUID chapter, String start, String end) {
        return new ScheduleRules.RawEntry(chapter, start, end);
    }

    private static void refused(List<ScheduleRules.RawEntry> entries, String field) {
        assertThatThrownBy(() -> ScheduleRules.parse(entries)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void parseNamesTheOffendingEntryAndField() {
        refused(null, "entries");
        refused(List.of(), "entries");
        refused(Arrays.asList(raw(A, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z"), null), "entries[1]");
        refused(List.of(raw(null, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z")), "entries[0].chapterId");
        refused(List.of(raw(A, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z"),
                raw(A, "2027-03-27T21:00:00Z", "2027-03-27T22:00:00Z")), "entries[1].chapterId");
        refused(List.of(raw(A, "2027-03-27T19:00:00Z", "2027-03-27T19:00:00Z")), "entries[0].plannedEnd");
        refused(List.of(raw(A, "2027-03-27T20:00:00Z", "2027-03-27T19:00:00Z")), "entries[0].plannedEnd");
        refused(List.of(raw(A, "2027-03-27T19:00:00Z", null)), "entries[0].plannedEnd");
        refused(List.of(raw(A, null, "2027-03-27T19:00:00Z")), "entries[0].plannedStart");
        refused(List.of(raw(A, "tomorrow", "2027-03-27T19:00:00Z")), "entries[0].plannedStart");
    }

    @Test
    void bothTimesNullMeansClear() {
        List<ScheduleEntry> parsed = ScheduleRules.parse(List.of(raw(A, null, null)));
        assertThat(parsed.get(0).clears()).isTrue();
    }

    @Test
    void checkRefusesSlotsOutsideTheWindowAndForeignChapters() {
        Map<UUID, ChapterFacts> facts = Map.of(A, new ChapterFacts(A, PLAN, true), B, new ChapterFacts(B, UUID.randomUUID(), true));
        List<ScheduleEntry> early = ScheduleRules.parse(List.of(raw(A, "2027-03-27T17:59:00Z", "2027-03-27T19:00:00Z")));
        assertThatThrownBy(() -> ScheduleRules.check(early, WINDOW, PLAN, facts))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("entries[0].plannedStart"));
        List<ScheduleEntry> late = ScheduleRules.parse(List.of(raw(A, "2027-03-28T17:00:00Z", "2027-03-28T18:01:00Z")));
        assertThatThrownBy(() -> ScheduleRules.check(late, WINDOW, PLAN, facts))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("entries[0].plannedEnd"));
        List<ScheduleEntry> edges = ScheduleRules.parse(List.of(raw(A, "2027-03-27T18:00:00Z", "2027-03-28T18:00:00Z")));
        ScheduleRules.check(edges, WINDOW, PLAN, facts);
        List<ScheduleEntry> foreign = ScheduleRules.parse(List.of(raw(A, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z"),
                raw(B, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z")));
        assertThatThrownBy(() -> ScheduleRules.check(foreign, WINDOW, PLAN, facts))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("entries[1].chapterId");
                    assertThat(e.code()).isEqualTo("chapter_not_in_plan");
                });
        UUID unknown = UUID.randomUUID();
        List<ScheduleEntry> missing = ScheduleRules.parse(List.of(raw(unknown, "2027-03-27T19:00:00Z", "2027-03-27T20:00:00Z")));
        assertThatThrownBy(() -> ScheduleRules.check(missing, WINDOW, PLAN, facts))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("unknown_chapter"));
        Map<UUID, ChapterFacts> outOfScope = Map.of(A, new ChapterFacts(A, PLAN, false));
        assertThatThrownBy(() -> ScheduleRules.check(edges, WINDOW, PLAN, outOfScope))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("chapter_not_in_scope"));
    }

    @Test
    void copyShiftIsAnOffsetOrAnAlignmentNeverBoth() {
        Instant earliest = Instant.parse("2027-01-10T20:00:00Z");
        assertThat(new ScheduleRules.CopyShift(90, null).resolve(earliest, WINDOW)).isEqualTo(Duration.ofMinutes(90));
        assertThat(new ScheduleRules.CopyShift(null, null).resolve(earliest, WINDOW)).isEqualTo(Duration.ZERO);
        assertThat(new ScheduleRules.CopyShift(null, true).resolve(earliest, WINDOW))
                .isEqualTo(Duration.between(earliest, WINDOW.start()));
        assertThatThrownBy(() -> new ScheduleRules.CopyShift(10, true).resolve(earliest, WINDOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("offsetMinutes"));
        assertThatThrownBy(() -> new ScheduleRules.CopyShift(Integer.MAX_VALUE, null).resolve(earliest, WINDOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("offsetMinutes"));
    }

    @Test
    void shiftedRefusesAnySlotLeavingTheTargetWindow() {
        Map<UUID, Window> source = new LinkedHashMap<>();
        source.put(A, new Window(Instant.parse("2027-03-27T18:00:00Z"), Instant.parse("2027-03-27T20:00:00Z")));
        source.put(B, new Window(Instant.parse("2027-03-28T16:00:00Z"), Instant.parse("2027-03-28T17:00:00Z")));
        Map<UUID, Window> ok = ScheduleRules.shifted(source, Duration.ofMinutes(60), WINDOW, Map.of());
        assertThat(ok.get(B).end()).isEqualTo(Instant.parse("2027-03-28T18:00:00Z"));
        assertThat(new ArrayList<>(ok.keySet())).containsExactly(A, B);
        assertThatThrownBy(() -> ScheduleRules.shifted(source, Duration.ofMinutes(61), WINDOW, Map.of(B, "CH2 Late chapter")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RULE_VIOLATION);
                    assertThat(e.code()).isEqualTo("schedule_outside_window");
                    assertThat(e.getMessage()).contains(B.toString()).contains("CH2 Late chapter");
                });
    }
}
