package io.cutplan.service.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.EventType;
import io.cutplan.store.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The events window a delta poll reads instead of the log: exact for the versions it covers, whole versions only. */
class RecentEventsTest {
    private static EventRecord event(long version) {
        return new EventRecord(UUID.randomUUID(), Instant.EPOCH, EventType.STEP_STATUS_CHANGED, null, "t", null, null, null,
                null, null, version, Map.of());
    }

    private static List<EventRecord> versions(long from, long to, int perVersion) {
        List<EventRecord> out = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            for (int i = 0; i < perVersion; i++) {
                out.add(event(v));
            }
        }
        return out;
    }

    private static List<Long> versionsOf(List<EventRecord> events) {
        return events.stream().map(EventRecord::changeVersion).toList();
    }

    @Test
    void answersWhatTheLogWouldForEveryVersionItCoversAndNothingBeforeIt() {
        RunbookQueries.RecentEvents w = RunbookQueries.RecentEvents.none(10).plus(versions(11, 14, 2));
        assertThat(w.after(10)).hasSize(8);
        assertThat(versionsOf(w.after(12))).containsExactly(13L, 13L, 14L, 14L);
        assertThat(w.after(14)).isEmpty();
        // Before the window's start it cannot say: the caller reads the log.
        assertThat(w.after(9)).isNull();
        assertThat(RunbookQueries.RecentEvents.none(10).after(10)).isEmpty();
    }

    @Test
    void dropsWholeVersionsFromItsStartBeyondItsSize() {
        int size = RunbookQueries.RecentEvents.SIZE;
        RunbookQueries.RecentEvents w = RunbookQueries.RecentEvents.none(0);
        long v = 0;
        while (v < size) {
            // Three events per version: the size never falls on a version's boundary by luck.
            w = w.plus(versions(v + 1, v + 7, 3));
            v += 7;
        }
        assertThat(w.events().size()).isLessThanOrEqualTo(size);
        assertThat(w.events().size()).isGreaterThan(size - 3);
        long first = w.events().get(0).changeVersion();
        assertThat(w.from()).isEqualTo(first - 1);
        assertThat(w.events().stream().filter(e -> e.changeVersion() == first)).hasSize(3);
        assertThat(w.after(w.from())).hasSize(w.events().size());
        assertThat(w.after(w.from() - 1)).isNull();
    }
}
