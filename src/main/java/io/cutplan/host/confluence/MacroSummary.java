package io.cutplan.host.confluence;

import com.atlassian.sal.api.message.I18nResolver;
import io.cutplan.domain.Caller;
import io.cutplan.service.mail.MailTimes;
import io.cutplan.service.spi.HostUser;
import io.cutplan.domain.Html;
import io.cutplan.domain.IterationStatus;
import io.cutplan.domain.schedule.ExportFormat;
import io.cutplan.host.confluence.MacroParameters.Problem;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.runbook.RunbookViews;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * What the runbook macro writes where no script runs: a static summary of the iteration as of the moment of
 * rendering. Confluence names the rendering in {@code ConversionContext.getOutputType()}; the values are those of
 * Confluence's {@code ConversionContextOutputType} ({@code display}, {@code preview}, {@code email}, {@code feed},
 * {@code word}, {@code pdf}, {@code html_export}, {@code diff}; see docs/install-confluence.md, "Exports and e-mail").
 *
 * <ul>
 *   <li>{@code pdf}, {@code word}, {@code html_export} (a document someone keeps): the summary and the chapter
 *       schedule table, the very table of the schedule export ({@link io.cutplan.service.ScheduleService#export});</li>
 *   <li>{@code email}, {@code feed}, {@code preview} and any other type (read in passing, often on a phone): the
 *       summary only.</li>
 * </ul>
 * The summary: iteration and migration (name and code), status, progress (steps finished of total, percent),
 * planned window, forecast end while the iteration runs, an "as of" line. Self-contained HTML: inline styles only, no
 * class a style sheet must supply, no script, no URL; every value escaped.
 */
final class MacroSummary {
    /** Output types that get the chapter schedule table as well. */
    static final Set<String> WITH_SCHEDULE = Set.of("pdf", "word", "html_export");

    static final String BOX = "font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#172b4d;border:1px solid #8993a4;"
            + "padding:8px 12px;margin:8px 0";
    static final String TITLE = "margin:0 0 6px 0;font-size:15px;font-weight:bold";
    static final String LINE = "margin:2px 0";
    static final String MUTED = "margin:6px 0 0 0;color:#42526e;font-size:12px";
    static final String WARN = "font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#172b4d;border:1px solid #ff8b00;"
            + "background-color:#fffae6;padding:8px 12px;margin:8px 0";

    private final I18nResolver i18n;

    MacroSummary(I18nResolver i18n) {
        this.i18n = i18n;
    }

    /**
     * The summary for {@code outputType}. {@code viewer} is Confluence's user of this rendering as the caller source
     * describes them (null when anonymous: then only the sentence naming the macro, no runbook data, as on a viewed
     * page); they are resolved as the REST API resolves its caller ({@code CallerService.resolve(HostUser)}). Times
     * are in the iteration's time zone (the one its e-mails use, else the host's) with the UTC offset.
     */
    String render(MacroParameters p, String outputType, HostUser viewer, CutplanRuntime runtime) {
        if (viewer == null) {
            return box(paragraph(LINE, text("cutplan.macro.summary.anonymous")));
        }
        if (!runtime.status().running()) {
            return unavailable(runtime.status());
        }
        try {
            Optional<CutplanServices> running = runtime.services();
            if (running.isEmpty()) {
                return unavailable(runtime.status());
            }
            CutplanServices services = running.get();
            Caller caller = services.callers().resolve(viewer);
            MacroIterations.Choice choice = MacroIterations.choose(p, services.runbookQueries(), caller);
            if (choice.problem() != null) {
                return problem(choice.problem());
            }
            RunbookViews.Iteration it = choice.iteration();
            MailTimes times = MailTimes.of(it.timeZone(), ZoneId.systemDefault());
            ZoneId zone = times.zone();
            Instant asOf = services.clock().instant();
            StringBuilder b = new StringBuilder(1024);
            b.append("<div class=\"cutplan-summary\" data-output-type=\"").append(Html.escape(String.valueOf(outputType)))
                    .append("\" style=\"").append(BOX).append("\">");
            b.append(paragraph(TITLE, text("cutplan.macro.summary.title", it.name(), it.code(),
                    it.migration().name(), it.migration().code())));
            if (choice.note() != null) {
                b.append(paragraph(LINE, choice.note().text(i18n)));
            }
            b.append(paragraph(LINE, text("cutplan.macro.summary.status", text("cutplan.macro.status." + it.status().name()))));
            RunbookViews.StepsFinished progress = it.progress();
            b.append(paragraph(LINE, text("cutplan.macro.summary.progress", Integer.toString(progress.finished()),
                    Integer.toString(progress.total()), Integer.toString(progress.percent()))));
            if (it.plannedStart() != null && it.plannedEnd() != null) {
                b.append(paragraph(LINE, text("cutplan.macro.summary.window", times.format(it.plannedStart()),
                        times.format(it.plannedEnd()))));
            }
            forecastEnd(services, caller, it).ifPresent(end ->
                    b.append(paragraph(LINE, text("cutplan.macro.summary.forecast", times.format(end)))));
            b.append(paragraph(MUTED, text("cutplan.macro.summary.as-of", times.format(asOf))));
            if (WITH_SCHEDULE.contains(outputType)) {
                b.append(services.schedules().export(caller, it.id(), zone, ExportFormat.HTML, false).body());
            }
            b.append(paragraph(MUTED, text("cutplan.macro.summary.live")));
            return b.append("</div>").toString();
        } catch (RuntimeException e) {
            if (!MacroHtml.outage(e)) {
                throw e;
            }
            return unavailable(MacroHtml.DATABASE_FAILED);
        }
    }

    /** The forecast end while the iteration runs or waits (a finished one has its actual end instead). */
    private static Optional<Instant> forecastEnd(CutplanServices services, Caller caller, RunbookViews.Iteration it) {
        if (it.status() != IterationStatus.IN_PROGRESS && it.status() != IterationStatus.PLANNED) {
            return Optional.empty();
        }
        RunbookViews.ForecastIteration f = services.runbookQueries().forecast(caller, it.id(), null).body().iteration();
        return f == null || f.finished() ? Optional.empty() : Optional.ofNullable(f.forecastEnd());
    }

    /** A problem with the parameters, for a rendering without AUI's style sheet. */
    String problem(Problem problem) {
        return "<div class=\"cutplan-message\" style=\"" + WARN + "\">" + paragraph(LINE, problem.text(i18n)) + "</div>";
    }

    private String unavailable(RuntimeStatus status) {
        return problem(Problem.of(status.state() == RuntimeStatus.State.FAILED
                ? "cutplan.macro.database-failed" : "cutplan.macro.not-configured"));
    }

    private String box(String content) {
        return "<div class=\"cutplan-summary\" style=\"" + BOX + "\">" + content + "</div>";
    }

    private static String paragraph(String style, String text) {
        return "<p style=\"" + style + "\">" + Html.escape(text) + "</p>";
    }

    private String text(String key, String... arguments) {
        return i18n.getText(key, arguments);
    }
}
