package io.cutplan.domain.review;

import io.cutplan.domain.Html;
import java.time.ZoneId;
import java.util.List;

/**
 * The review as one portable, self-contained HTML document: inline styles only (a Confluence page or a mail client
 * keeps them when it is pasted), no script, no event attribute, no URL, no image; every text escaped with
 * {@link Html}. Sized for A4 portrait (a 180 mm column, 9 pt tables, rows never split across pages). The chapter
 * variance bars are plain coloured spans, so they survive printing and pasting.
 */
public final class ReviewHtml {
    static final String BODY = "font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#172b4d;max-width:180mm;margin:0 auto";
    static final String H1 = "font-size:16pt;margin:0 0 4px 0";
    static final String H2 = "font-size:12pt;margin:18px 0 6px 0;border-bottom:1px solid #8993a4;page-break-after:avoid";
    static final String P = "margin:4px 0";
    static final String TABLE = "border-collapse:collapse;width:100%;font-size:9pt;margin:4px 0 8px 0";
    static final String TH = "border:1px solid #8993a4;background-color:#dfe1e6;padding:3px 5px;text-align:left;vertical-align:bottom";
    static final String TD = "border:1px solid #8993a4;padding:3px 5px;text-align:left;vertical-align:top";
    static final String TD_NUM = TD + ";text-align:right;white-space:nowrap";
    static final String TR = "page-break-inside:avoid";
    static final String LATE = "color:#bf2600;font-weight:bold";
    static final String EARLY = "color:#006644";
    static final String BAR_BOX = "display:inline-block;width:60px;height:10px;vertical-align:middle";
    static final int BAR_MAX = 60;

    private ReviewHtml() {
    }

    public static String render(Review r, ZoneId zone) {
        Doc d = new Doc(zone);
        Review.Head h = r.iteration();
        d.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .text("Review of " + h.code() + " \u2013 " + h.name()).raw("</title>\n</head>\n<body style=\"" + BODY + "\">\n");
        d.raw("<h1 style=\"" + H1 + "\">").text("Review of " + h.code() + " \u2013 " + h.name()).raw("</h1>\n");
        d.p(h.migrationCode() + " \u2013 " + h.migrationName() + " \u00b7 " + h.status().name()
                + (h.complete() ? "" : " \u00b7 so far (the iteration is still running)") + " \u00b7 as of "
                + ReviewText.time(h.asOf(), zone) + " \u00b7 times in " + zone.getId());
        summary(d, r);
        lessons(d, r);
        whereTheTimeWent(d, r);
        teams(d, r);
        phases(d, r);
        chapters(d, r);
        chainTable(d, r);
        failures(d, r);
        holds(d, r);
        closures(d, r);
        overrides(d, r);
        controls(d, r);
        comments(d, r);
        d.p("Figures come from the recorded start and finish times and the event log. Minutes are whole minutes; a "
                + "step retried after a failure counts its whole span, from its first start to its final finish.");
        return d.raw("</body>\n</html>\n").toString();
    }

    private static void summary(Doc d, Review r) {
        Review.Timing t = r.timing();
        Review.Counts c = r.counts();
        d.h2("Planned and actual");
        d.table(List.of("", "Planned", "Actual", "Variance"));
        d.row(List.of(cell("Start"), cell(d.time(t.plannedStart())), cell(d.time(t.actualStart())),
                late(t.startVarianceMinutes())));
        d.row(List.of(cell("End"), cell(d.time(t.plannedEnd())),
                cell(t.actualEnd() != null ? d.time(t.actualEnd())
                        : "not finished" + (t.lastFinishedAt() == null ? "" : "; last finish " + d.time(t.lastFinishedAt()))),
                late(t.endVarianceMinutes())));
        d.row(List.of(cell("Duration"), num(ReviewText.minutes(t.plannedMinutes())), num(ReviewText.minutes(t.actualMinutes())),
                longer(t.durationVarianceMinutes())));
        d.row(List.of(cell("End of the window"), cell(d.time(c.windowEnd())), cell(""), late(c.overWindowMinutes())));
        d.end();
        d.p(c.overrunMinutes() == null ? "Overrun: not known until every step has finished."
                : (c.overrunMinutes() > 0 ? "Overrun: finished " + ReviewText.minutes(c.overrunMinutes()) + " after the planned end"
                : "Finished " + ReviewText.late(c.overrunMinutes()) + " against the planned end")
                + " (the end of the plan's own schedule) and " + ReviewText.late(c.overWindowMinutes()) + " against the window's end.");
        d.p(c.finished() + " of " + c.steps() + " steps finished (" + c.done() + " done, " + c.skipped() + " skipped, "
                + c.cancelled() + " cancelled) \u00b7 " + c.failedSteps() + " failed, " + c.retriedSteps() + " retried \u00b7 "
                + c.holds() + " holds \u00b7 " + c.overrides() + " gate overrides \u00b7 " + c.failedControls()
                + " control failures \u00b7 " + c.comments() + " comments");
    }

    private static void whereTheTimeWent(Doc d, Review r) {
        Review.Chain chain = r.delayChain();
        d.h2("Where the time went");
        if (chain.links().isEmpty()) {
            d.p("No step has finished yet.");
            return;
        }
        d.p("The delay chain decided the end: " + chain.links().size() + " steps, each started when the one before it "
                + "finished (listed in full below). Planned " + ReviewText.minutes(chain.plannedMinutes()) + ", it took "
                + ReviewText.minutes(chain.spanMinutes()) + " with the waits between its steps: "
                + ReviewText.added(chain.delayMinutes()) + " to the end.");
        if (r.topDelays().isEmpty()) {
            d.p("No step of the chain added time to the end.");
            return;
        }
        d.table(List.of("Top delays", "Team", "Wait", "Took", "Planned", "Effect on the end"));
        for (Review.ChainLink l : r.topDelays()) {
            d.row(List.of(step(l.step()), cell(ReviewText.text(l.step().team())), num(ReviewText.minutes(l.waitMinutes())),
                    num(ReviewText.minutes(l.actualMinutes()) + (l.wholeSpan() ? " (whole span, retried)" : "")),
                    num(ReviewText.minutes((long) l.plannedMinutes())), added(l.delayMinutes())));
        }
        d.end();
    }

    private static void chainTable(Doc d, Review r) {
        Review.Chain chain = r.delayChain();
        if (chain.links().isEmpty()) {
            return;
        }
        d.h2("The delay chain, step by step");
        d.p("Wait: from when the step could start (its predecessor on the chain finished; the first step: when it was "
                + "ready, not before the planned start) to its start, holds included. Effect: wait + took - planned.");
        d.table(List.of("#", "Step", "Team", "Started", "Finished", "Wait", "Took", "Planned", "Effect on the end"));
        int i = 1;
        for (Review.ChainLink l : chain.links()) {
            d.row(List.of(num(String.valueOf(i++)), step(l.step()), cell(ReviewText.text(l.step().team())),
                    cell(d.time(l.startedAt())), cell(d.time(l.finishedAt())),
                    num(ReviewText.minutes(l.waitMinutes()) + (l.holdMinutes() > 0 ? " (on hold " + ReviewText.minutes(l.holdMinutes()) + ")" : "")),
                    num(ReviewText.minutes(l.actualMinutes()) + (l.wholeSpan() ? " (whole span, retried)" : "")),
                    num(ReviewText.minutes((long) l.plannedMinutes())), added(l.delayMinutes())));
        }
        d.end();
    }

    private static void teams(Doc d, Review r) {
        List<Review.TeamRow> rows = r.teams().stream().filter(t -> t.overrunMinutes() > 0 || t.delayMinutes() != 0).toList();
        d.h2("Overruns by team");
        if (rows.isEmpty()) {
            d.p("No team's steps ran over their planned durations.");
            return;
        }
        d.table(List.of("Team", "Steps", "Over plan", "Planned", "Took", "Overrun", "On the chain", "Effect on the end"));
        for (Review.TeamRow t : rows) {
            d.row(List.of(cell(t.name()), num(String.valueOf(t.steps())), num(String.valueOf(t.overrunSteps())),
                    num(ReviewText.minutes(t.plannedMinutes())), num(ReviewText.minutes(t.actualMinutes())),
                    num(ReviewText.minutes(t.overrunMinutes())), num(String.valueOf(t.chainSteps())), added(t.delayMinutes())));
        }
        d.end();
    }

    private static void phases(Doc d, Review r) {
        d.h2("Macro-phases");
        d.table(List.of("Macro-phase", "Planned start", "Planned end", "Actual start", "Actual end", "Duration", "End"));
        for (Review.PhaseRow p : r.macroPhases()) {
            Review.Timing t = p.timing();
            d.row(List.of(cell(p.name()), cell(d.time(t.plannedStart())), cell(d.time(t.plannedEnd())),
                    cell(d.time(t.actualStart())), cell(d.time(t.actualEnd())), longer(t.durationVarianceMinutes()),
                    late(t.endVarianceMinutes())));
        }
        d.end();
    }

    private static void chapters(Doc d, Review r) {
        d.h2("Chapters");
        long most = 1;
        for (Review.ChapterRow c : r.chapters()) {
            Long v = c.timing().durationVarianceMinutes();
            if (v != null) {
                most = Math.max(most, Math.abs(v));
            }
        }
        d.p("Bars: how much longer (red, right) or shorter (green, left) each chapter took than planned; the longest bar is "
                + ReviewText.minutes(most) + ".");
        d.table(List.of("Chapter", "Steps", "Planned", "Took", "Duration", "", "Actual end", "End"));
        String phase = null;
        for (Review.ChapterRow c : r.chapters()) {
            if (!c.macroPhaseName().equals(phase)) {
                phase = c.macroPhaseName();
                d.raw("<tr style=\"" + TR + "\"><td style=\"" + TD + ";font-weight:bold;background-color:#f4f5f7\" colspan=\"8\">")
                        .text(phase).raw("</td></tr>\n");
            }
            Review.Timing t = c.timing();
            d.row(List.of(cell(c.code() + " " + c.name()), num(c.finishedSteps() + "/" + c.steps()),
                    num(ReviewText.minutes(t.plannedMinutes())), num(ReviewText.minutes(t.actualMinutes())),
                    longer(t.durationVarianceMinutes()), bar(t.durationVarianceMinutes(), most), cell(d.time(t.actualEnd())),
                    late(t.endVarianceMinutes())));
        }
        d.end();
    }

    private static void failures(Doc d, Review r) {
        d.h2("Failures and retries");
        if (r.failures().isEmpty()) {
            d.p("No step failed.");
            return;
        }
        d.table(List.of("Step", "Team", "Failed", "Reason", "Retries", "Now", "Whole span"));
        for (Review.Failure f : r.failures()) {
            StringBuilder when = new StringBuilder();
            StringBuilder why = new StringBuilder();
            for (Review.Event e : f.failed()) {
                when.append(when.length() == 0 ? "" : "; ").append(d.time(e.at())).append(e.actor() == null ? "" : " by " + e.actor());
                why.append(why.length() == 0 ? "" : "; ").append(ReviewText.text(e.reason()));
            }
            d.row(List.of(step(f.step()), cell(ReviewText.text(f.step().team())), cell(when.toString()), cell(why.toString()),
                    num(String.valueOf(f.retries())), cell(f.status().name()),
                    cell(f.spanMinutes() == null ? "" : ReviewText.minutes(f.spanMinutes()) + (f.wholeSpan() ? " (failure and retry included)" : ""))));
        }
        d.end();
    }

    private static void holds(Doc d, Review r) {
        d.h2("Holds");
        if (r.holds().isEmpty()) {
            d.p("No step was put on hold.");
            return;
        }
        d.table(List.of("Step", "Held", "By", "Reason", "Released", "Lasted"));
        for (Review.Hold h : r.holds()) {
            d.row(List.of(step(h.step()), cell(d.time(h.heldAt())), cell(ReviewText.text(h.heldBy())), cell(ReviewText.text(h.reason())),
                    cell(h.ongoing() ? "still on hold" : d.time(h.releasedAt()) + (h.releasedBy() == null ? "" : " by " + h.releasedBy())),
                    num(ReviewText.minutes(h.minutes()) + (h.ongoing() ? " so far" : ""))));
        }
        d.end();
    }

    private static void closures(Doc d, Review r) {
        d.h2("Skips and cancels");
        if (r.skipsAndCancels().isEmpty()) {
            d.p("No step was skipped or cancelled.");
            return;
        }
        d.table(List.of("Step", "What", "When", "By", "Reason"));
        for (Review.Closure c : r.skipsAndCancels()) {
            d.row(List.of(step(c.step()), cell(c.status().name()), cell(d.time(c.at())), cell(ReviewText.text(c.actor())),
                    cell(ReviewText.text(c.reason()))));
        }
        d.end();
    }

    private static void overrides(Doc d, Review r) {
        d.h2("Go/no-go gate overrides");
        if (r.overrides().isEmpty()) {
            d.p("No gate was overridden.");
            return;
        }
        d.table(List.of("Step", "When", "Who", "Why", "Still open"));
        for (Review.GateOverride o : r.overrides()) {
            String open = o.openTasks() + " open task" + (o.openTasks() == 1 ? "" : "s")
                    + (o.unpassedControls().isEmpty() ? "" : "; controls not passed: " + String.join(", ", o.unpassedControls()));
            d.row(List.of(step(o.step()), cell(d.time(o.at())), cell(ReviewText.text(o.actor())), cell(ReviewText.text(o.reason())),
                    cell(open)));
        }
        d.end();
    }

    private static void controls(Doc d, Review r) {
        d.h2("Controls that failed");
        if (r.failedControls().isEmpty()) {
            d.p("No control failed.");
            return;
        }
        d.table(List.of("Control", "Step", "Failed", "By", "Note", "Now"));
        for (Review.FailedControl f : r.failedControls()) {
            d.row(List.of(cell(f.code() + " " + f.title() + (f.critical() ? " (critical)" : "")),
                    f.step() == null ? cell("") : step(f.step()), cell(d.time(f.failedAt())), cell(ReviewText.text(f.actor())),
                    cell(ReviewText.text(f.note())), cell(f.currentStatus() == null ? "" : f.currentStatus().name())));
        }
        d.end();
    }

    private static void comments(Doc d, Review r) {
        d.h2("Comments");
        if (r.comments().isEmpty()) {
            d.p("No comments.");
            return;
        }
        d.table(List.of("When", "Step", "Who", "Comment"));
        for (Review.CommentRow c : r.comments()) {
            d.row(List.of(cell(d.time(c.at())), c.step() == null ? cell("") : step(c.step()), cell(ReviewText.text(c.author())),
                    cell(c.body())));
        }
        d.end();
    }

    private static void lessons(Doc d, Review r) {
        d.h2("Lessons");
        Review.Lessons l = r.lessons();
        if (l.iteration() == null && l.steps().isEmpty()) {
            d.p("No lessons recorded yet.");
            return;
        }
        if (l.iteration() != null) {
            d.raw("<p style=\"" + P + ";white-space:pre-wrap\">").text(l.iteration().text()).raw("</p>\n");
            d.p("\u2013 " + ReviewText.text(l.iteration().author()) + ", " + d.time(l.iteration().updatedAt()));
        }
        if (!l.steps().isEmpty()) {
            d.table(List.of("Step", "Lesson", "By"));
            for (Review.Note n : l.steps()) {
                d.row(List.of(step(n.step()), cell(n.text()), cell(ReviewText.text(n.author()) + ", " + d.time(n.updatedAt()))));
            }
            d.end();
        }
    }

    // ------------------------------------------------------------------ cells

    /** One cell: its style and its (not yet escaped) text, or raw markup built here from escaped parts. */
    private record Cell(String style, String text, String markup) {
    }

    private static Cell cell(String text) {
        return new Cell(TD, text, null);
    }

    private static Cell num(String text) {
        return new Cell(TD_NUM, text, null);
    }

    private static Cell step(Review.StepRef s) {
        return new Cell(TD, s.code() + " " + s.title() + (s.chapterCode() == null ? "" : " (" + s.chapterCode() + ")"), null);
    }

    private static Cell late(Long m) {
        return new Cell(TD_NUM + (m == null || m == 0 ? "" : m > 0 ? ";" + LATE : ";" + EARLY), ReviewText.late(m), null);
    }

    private static Cell longer(Long m) {
        return new Cell(TD_NUM + (m == null || m == 0 ? "" : m > 0 ? ";" + LATE : ";" + EARLY), ReviewText.longer(m), null);
    }

    private static Cell added(long m) {
        return new Cell(TD_NUM + (m > 0 ? ";" + LATE : m < 0 ? ";" + EARLY : ""), ReviewText.added(m), null);
    }

    /** A diverging bar: shorter than planned grows left in green, longer grows right in red. */
    private static Cell bar(Long m, long most) {
        if (m == null) {
            return cell("");
        }
        int w = (int) Math.round(BAR_MAX * (double) Math.abs(m) / most);
        String left = m < 0 ? "<span style=\"display:inline-block;height:10px;width:" + w + "px;background-color:#36b37e\"></span>" : "";
        String right = m > 0 ? "<span style=\"display:inline-block;height:10px;width:" + w + "px;background-color:#de350b\"></span>" : "";
        return new Cell(TD + ";white-space:nowrap;padding:3px 2px", null,
                "<span style=\"" + BAR_BOX + ";text-align:right;border-right:1px solid #42526e\">" + left + "</span>"
                        + "<span style=\"" + BAR_BOX + "\">" + right + "</span>");
    }

    /** The document being written. */
    private static final class Doc {
        private final StringBuilder out = new StringBuilder(64 * 1024);
        private final ZoneId zone;

        Doc(ZoneId zone) {
            this.zone = zone;
        }

        Doc raw(String markup) {
            out.append(markup);
            return this;
        }

        Doc text(String text) {
            out.append(Html.escape(text));
            return this;
        }

        String time(java.time.Instant t) {
            return ReviewText.time(t, zone);
        }

        void h2(String title) {
            raw("<h2 style=\"" + H2 + "\">").text(title).raw("</h2>\n");
        }

        void p(String text) {
            raw("<p style=\"" + P + "\">").text(text).raw("</p>\n");
        }

        void table(List<String> headers) {
            raw("<table style=\"" + TABLE + "\">\n<thead>\n<tr style=\"" + TR + "\">");
            for (String h : headers) {
                raw("<th style=\"" + TH + "\">").text(h).raw("</th>");
            }
            raw("</tr>\n</thead>\n<tbody>\n");
        }

        void row(List<Cell> cells) {
            raw("<tr style=\"" + TR + "\">");
            for (Cell c : cells) {
                raw("<td style=\"" + c.style() + "\">");
                if (c.markup() != null) {
                    raw(c.markup());
                } else {
                    text(c.text());
                }
                raw("</td>");
            }
            raw("</tr>\n");
        }

        void end() {
            raw("</tbody>\n</table>\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
