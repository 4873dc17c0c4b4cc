package io.cutplan.host.confluence;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import com.atlassian.sal.api.message.I18nResolver;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import io.cutplan.domain.Html;
import io.cutplan.store.StoreException;

/** The markup both macros write around their container: escaped attributes, AUI messages, the context path. */
final class MacroHtml {
    private MacroHtml() {
    }

    /** {@code name="value"}, escaped; nothing when the value is null. */
    static void attr(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"');
        }
    }

    static String message(String kind, String text) {
        return "<div class=\"aui-message aui-message-" + kind + " cutplan-message\"><p>" + Html.escape(text) + "</p></div>";
    }

    static String message(String kind, String text, String href, String linkText) {
        return "<div class=\"aui-message aui-message-" + kind + " cutplan-message\"><p>" + Html.escape(text)
                + " <a href=\"" + Html.escape(href) + "\">" + Html.escape(linkText) + "</a></p></div>";
    }

    /** Confluence's context path without a trailing slash ("" at the root, "/wiki" under /wiki). */
    static String contextPath(ApplicationProperties applicationProperties) {
        String relative = applicationProperties.getBaseUrl(UrlMode.RELATIVE);
        if (relative == null) {
            return "";
        }
        return relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
    }

    /**
     * What a macro shows an anonymous viewer (issue 16, finding 7): Cutplan's REST API is for licensed Confluence
     * users ({@code @LicensedOnly}), so the dashboard could only fail; say so and offer the login page instead.
     */
    static String loginRequired(I18nResolver i18n, String contextPath) {
        return message("info", i18n.getText("cutplan.macro.login-required"),
                contextPath + "/login.action", i18n.getText("cutplan.macro.login-link"));
    }

    /**
     * Why a macro cannot show its live container on a viewed page (nobody logged in, or Cutplan's database not
     * configured or not reachable), as the message to show instead; null when it can.
     */
    static String refusal(boolean loggedIn, CutplanRuntime runtime, I18nResolver i18n, String contextPath) {
        if (!loggedIn) {
            return loginRequired(i18n, contextPath);
        }
        RuntimeStatus status = runtime.status();
        return status.running() ? null : unavailable(status, i18n, contextPath);
    }

    /** The database failed while a rendering read from it. */
    static final RuntimeStatus DATABASE_FAILED = new RuntimeStatus(RuntimeStatus.State.FAILED, null, null);

    /** Whether a read failed because the database is not reachable (then the page says so), not for a reason to show. */
    static boolean outage(RuntimeException e) {
        return e instanceof StoreException || e instanceof DomainException d && d.kind() == ErrorKind.UNAVAILABLE;
    }

    /** What a macro shows instead of its container while Cutplan's database is not configured or not reachable. */
    static String unavailable(RuntimeStatus status, I18nResolver i18n, String contextPath) {
        return message("warning", status.state() == RuntimeStatus.State.FAILED
                ? i18n.getText("cutplan.macro.database-failed") : i18n.getText("cutplan.macro.not-configured"),
                contextPath + PluginKeys.CONFIGURE_PATH, i18n.getText("cutplan.macro.configure-link"));
    }
}
