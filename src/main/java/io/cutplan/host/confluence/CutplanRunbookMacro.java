package io.cutplan.host.confluence;

import io.cutplan.domain.Html;
import io.cutplan.host.confluence.MacroParameters.Problem;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.CallerSource;
import io.cutplan.service.spi.HostUser;
import com.atlassian.confluence.content.render.xhtml.ConversionContext;
import com.atlassian.confluence.macro.Macro;
import com.atlassian.confluence.macro.MacroExecutionException;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cutplan-runbook} macro: on a viewed page it writes the dashboard's container element and requires
 * the dashboard's web-resource, whose script finds the element and fills it from the REST API. The macro finds the
 * iteration itself ({@link MacroIterations}: by id, by migration and iteration code, or the one in progress), so a
 * wrong code is explained on the page. Other renderings (editor preview, PDF, Word, e-mail, feeds) get a static
 * summary of the iteration ({@link MacroSummary}): no script runs there. Every value written is HTML-escaped; the
 * markup itself is fixed. The viewer is found the way the REST API finds its caller ({@link CallerSource#hostUser}, the
 * {@link ConfluenceCallerSource} component, then {@code CallerService.resolve(HostUser)}): a Confluence user gets their
 * row and their groups' role and teams on the page as in the API.
 */
public class CutplanRunbookMacro implements Macro {
    static final String DISPLAY = "display";

    private final PageBuilderService pageBuilderService;
    private final CutplanRuntime runtime;
    private final I18nResolver i18n;
    private final ApplicationProperties applicationProperties;
    private final CallerSource callerSource;
    private final MacroSummary summary;

    public CutplanRunbookMacro(PageBuilderService pageBuilderService, CutplanRuntime runtime, I18nResolver i18n,
                               ApplicationProperties applicationProperties, CallerSource callerSource) {
        this.pageBuilderService = pageBuilderService;
        this.runtime = runtime;
        this.i18n = i18n;
        this.applicationProperties = applicationProperties;
        this.callerSource = callerSource;
        this.summary = new MacroSummary(i18n);
    }

    @Override
    public String execute(Map<String, String> parameters, String body, ConversionContext context)
            throws MacroExecutionException {
        MacroParameters p = MacroParameters.from(parameters);
        String outputType = context == null ? null : context.getOutputType();
        boolean live = DISPLAY.equals(outputType);
        Optional<Problem> problem = p.problem();
        if (problem.isPresent()) {
            return live ? MacroHtml.message("error", problem.get().text(i18n)) : summary.problem(problem.get());
        }
        Optional<HostUser> viewer = callerSource.hostUser(null);
        if (!live) {
            return summary.render(p, outputType, viewer.orElse(null), runtime);
        }
        String refusal = MacroHtml.refusal(viewer.isPresent(), runtime, i18n, contextPath());
        if (refusal != null) {
            return refusal;
        }
        MacroIterations.Choice choice;
        try {
            CutplanServices services = runtime.services().orElse(null);
            if (services == null) {
                return MacroHtml.unavailable(runtime.status(), i18n, contextPath());
            }
            choice = MacroIterations.choose(p, services.runbookQueries(), services.callers().resolve(viewer.get()));
        } catch (RuntimeException e) {
            if (!MacroHtml.outage(e)) {
                throw e;
            }
            return MacroHtml.unavailable(MacroHtml.DATABASE_FAILED, i18n, contextPath());
        }
        if (choice.problem() != null) {
            return MacroHtml.message("error", choice.problem().text(i18n));
        }
        pageBuilderService.assembler().resources().requireWebResource(PluginKeys.DASHBOARD_RESOURCES);
        String note = choice.note() == null ? "" : MacroHtml.message("info", choice.note().text(i18n));
        return note + container(p, choice.iteration().id().toString(), contextPath() + PluginKeys.REST_PATH);
    }

    /** The element the dashboard script mounts on, for the iteration the parameters chose. */
    String container(MacroParameters p, String iterationId, String apiBase) {
        StringBuilder b = new StringBuilder(256);
        b.append("<div class=\"cutplan-dashboard\"");
        MacroHtml.attr(b, "data-iteration", iterationId);
        MacroHtml.attr(b, "data-migration", p.migration());
        MacroHtml.attr(b, "data-iteration-code", p.iterationCode());
        MacroHtml.attr(b, "data-view", p.view());
        MacroHtml.attr(b, "data-compact", p.compact() ? "true" : null);
        MacroHtml.attr(b, "data-poll-seconds", Integer.toString(p.pollSeconds()));
        MacroHtml.attr(b, "data-team", p.team());
        MacroHtml.attr(b, "data-api-base", apiBase);
        b.append("><p class=\"cutplan-dashboard-loading\">")
                .append(Html.escape(i18n.getText("cutplan.macro.loading")))
                .append("</p></div>");
        return b.toString();
    }

    private String contextPath() {
        return MacroHtml.contextPath(applicationProperties);
    }

    @Override
    public BodyType getBodyType() {
        return BodyType.NONE;
    }

    @Override
    public OutputType getOutputType() {
        return OutputType.BLOCK;
    }
}
