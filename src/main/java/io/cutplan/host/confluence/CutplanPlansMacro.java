package io.cutplan.host.confluence;

import com.atlassian.confluence.content.render.xhtml.ConversionContext;
import com.atlassian.confluence.macro.Macro;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import io.cutplan.domain.Html;
import io.cutplan.service.spi.CallerSource;
import java.util.List;
import java.util.Map;

/**
 * The {@code cutplan-plans} macro: Cutplan's authoring page (the plan list, the plan editor and the CSV import
 * wizard, the same scripts as the standalone host's {@code /admin}) on a Confluence page the administrators
 * choose, for example a restricted page of the cutover space. Everyone may read plans; only Cutplan ADMINs can
 * change them, which the REST API enforces and the page shows. Other renderings get a static sentence. Whether someone
 * is logged in is asked the way the REST API asks it ({@link CallerSource#hostUser}, the {@link ConfluenceCallerSource}).
 */
public class CutplanPlansMacro implements Macro {
    /** The views of the authoring page. */
    static final List<String> VIEWS = List.of("plans", "editor", "import");

    private final PageBuilderService pageBuilderService;
    private final CutplanRuntime runtime;
    private final I18nResolver i18n;
    private final ApplicationProperties applicationProperties;
    private final CallerSource callerSource;

    public CutplanPlansMacro(PageBuilderService pageBuilderService, CutplanRuntime runtime, I18nResolver i18n,
                             ApplicationProperties applicationProperties, CallerSource callerSource) {
        this.pageBuilderService = pageBuilderService;
        this.runtime = runtime;
        this.i18n = i18n;
        this.applicationProperties = applicationProperties;
        this.callerSource = callerSource;
    }

    @Override
    public String execute(Map<String, String> parameters, String body, ConversionContext context) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        String plan = blankToNull(p.get("plan"));
        if (plan != null && !MacroParameters.isUuid(plan)) {
            return MacroHtml.message("error", i18n.getText("cutplan.plans-macro.error.plan-id"));
        }
        String view = blankToNull(p.get("view"));
        if (view != null && !VIEWS.contains(view)) {
            view = null;
        }
        String outputType = context == null ? null : context.getOutputType();
        if (!CutplanRunbookMacro.DISPLAY.equals(outputType)) {
            return "<p class=\"cutplan-summary\">" + Html.escape(i18n.getText("cutplan.plans-macro.summary")) + "</p>";
        }
        String contextPath = MacroHtml.contextPath(applicationProperties);
        String refusal = MacroHtml.refusal(callerSource.hostUser(null).isPresent(), runtime, i18n, contextPath);
        if (refusal != null) {
            return refusal;
        }
        pageBuilderService.assembler().resources().requireWebResource(PluginKeys.DASHBOARD_RESOURCES);
        StringBuilder b = new StringBuilder(200).append("<div class=\"cutplan-authoring\"");
        MacroHtml.attr(b, "data-plan", plan);
        MacroHtml.attr(b, "data-view", view);
        MacroHtml.attr(b, "data-api-base", contextPath + PluginKeys.REST_PATH);
        return b.append("><p class=\"cutplan-dashboard-loading\">")
                .append(Html.escape(i18n.getText("cutplan.plans-macro.loading"))).append("</p></div>").toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
