package io.cutplan.domain.review;

import io.cutplan.domain.Csv;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The step rows of a review as RFC 4180 CSV (UTF-8 with a byte-order mark, like the schedule export), every cell
 * through {@link Csv} (the formula guard). Times local to the zone with their offset; variances in words.
 */
public final class ReviewCsv {
    public static final String BYTE_ORDER_MARK = "\uFEFF";
    static final List<String> HEADERS = List.of("Chapter", "Step", "Title", "Team", "Status", "Planned minutes",
            "Planned start", "Planned end", "Ready", "Started", "Finished", "Actual minutes", "Duration variance",
            "End variance", "Wait minutes", "Hold minutes", "Failures", "Retries", "Whole span counted", "On delay chain",
            "Delay contribution", "Lesson");

    private ReviewCsv() {
    }

    public static String render(Review review, ZoneId zone) {
        StringBuilder out = new StringBuilder(BYTE_ORDER_MARK);
        out.append(Csv.row(HEADERS));
        for (Review.StepRow r : review.steps()) {
            List<String> cells = new ArrayList<>(HEADERS.size());
            cells.add(ReviewText.text(r.step().chapterCode()));
            cells.add(r.step().code());
            cells.add(r.step().title());
            cells.add(ReviewText.text(r.step().team()));
            cells.add(r.status().name() + (r.running() ? " (so far)" : ""));
            cells.add(String.valueOf(r.plannedMinutes()));
            cells.add(ReviewText.time(r.plannedStart(), zone));
            cells.add(ReviewText.time(r.plannedEnd(), zone));
            cells.add(ReviewText.time(r.readyAt(), zone));
            cells.add(ReviewText.time(r.startedAt(), zone));
            cells.add(ReviewText.time(r.finishedAt(), zone));
            cells.add(r.actualMinutes() == null ? "" : String.valueOf(r.actualMinutes()));
            cells.add(ReviewText.longer(r.durationVarianceMinutes()));
            cells.add(ReviewText.late(r.endVarianceMinutes()));
            cells.add(r.waitMinutes() == null ? "" : String.valueOf(Math.max(0, r.waitMinutes())));
            cells.add(String.valueOf(r.holdMinutes()));
            cells.add(String.valueOf(r.failures()));
            cells.add(String.valueOf(r.retries()));
            cells.add(r.wholeSpan() ? "yes" : "no");
            cells.add(r.onChain() ? "yes" : "no");
            cells.add(ReviewText.added(r.delayMinutes()));
            cells.add(ReviewText.text(r.note()));
            out.append(Csv.row(cells));
        }
        return out.toString();
    }
}
