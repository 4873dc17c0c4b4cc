package io.cutplan.host.confluence;

import io.cutplan.domain.Html;
import com.atlassian.confluence.content.render.xhtml.ConversionContext;
import com.atlassian.confluence.macro.Macro;
import com.atlassian.confluence.macro.MacroExecutionException;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cutplan-runbook} macro: on a viewed page it writes the dashboard's container element and requires
 * the dashboard's web-resource, whose script finds the element and fills it from the REST API. Other renderings
 * (editor preview, PDF, Word, email, feeds) get a short static summary: no script runs there. Every value written
 * is HTML-escaped; the markup itself is fixed.
 */
public class CutplanRunbookMacro implements Macro {
    static final String DISPLAY = "display";

    private final PageBuilderService pageBuilderService;
    private final CutplanRuntime runtime;
    private final I18nResolver i18n;
    private final ApplicationProperties applicationProperties;
    private final UserManager users;

    public CutplanRunbookMacro(PageBuilderService pageBuilderService, CutplanRuntime runtime, I18nResolver i18n,
                               ApplicationProperties applicationProperties, UserManager users) {
        this.pageBuilderService = pageBuilderService;
        this.runtime = runtime;
        this.i18n = i18n;
        this.applicationProperties = applicationProperties;
        this.users = users;
    }

    @Override
    public String execute(Map<String, String> parameters, String body, ConversionContext context)
            throws MacroExecutionException {
        MacroParameters p = MacroParameters.from(parameters);
        Optional<String> problem = p.problem();
        if (problem.isPresent()) {
            return MacroHtml.message("error", i18n.getText(problem.get()));
        }
        String outputType = context == null ? null : context.getOutputType();
        if (!DISPLAY.equals(outputType)) {
            return summary(p);
        }
        String refusal = MacroHtml.refusal(users, runtime, i18n, contextPath());
        if (refusal != null) {
            return refusal;
        }
        pageBuilderService.assembler().resources().requireWebResource(PluginKeys.DASHBOARD_RESOURCES);
        return container(p, contextPath() + PluginKeys.REST_PATH);
    }

    /** The element the dashboard script mounts on. */
    String container(MacroParameters p, String apiBase) {
        StringBuilder b = new StringBuilder(256);
        b.append("<div class=\"cutplan-dashboard\"");
        MacroHtml.attr(b, "data-iteration", p.iteration());
        MacroHtml.attr(b, "data-migration", p.migration());
        MacroHtml.attr(b, "data-iteration-code", p.iterationCode());
        MacroHtml.attr(b, "data-view", p.view());
        MacroHtml.attr(b, "data-poll-seconds", Integer.toString(p.pollSeconds()));
        MacroHtml.attr(b, "data-team", p.team());
        MacroHtml.attr(b, "data-api-base", apiBase);
        b.append("><p class=\"cutplan-dashboard-loading\">")
                .append(Html.escape(i18n.getText("cutplan.macro.loading")))
                .append("</p></div>");
        return b.toString();
    }

    /** A static sentence naming what the live dashboard would show. */
    String summary(MacroParameters p) {
        String which = p.iteration() != null ? p.iteration() : p.migration() + " / " + p.iterationCode();
        String text = i18n.getText("cutplan.macro.summary", which, i18n.getText("cutplan.macro.view." + p.view()));
        return "<p class=\"cutplan-summary\">" + Html.escape(text) + "</p>";
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
