package io.cutplan.host.confluence;

import io.cutplan.domain.Html;
import java.util.List;
import java.util.function.Function;

/**
 * The configuration page's markup: labels from the i18n bundle, no settings values (the script loads them).
 * Decorated by Confluence as an administration page ({@link #DECORATOR}); its script and styles are NOT linked here:
 * {@link AdminServlet} requires the web-resource through {@code PageBuilderService} and the decorator writes the
 * tags (issue 16, finding 5).
 */
final class AdminPage {
    /** Messages the page's script shows, handed over as data-msg-* attributes (suffix after cutplan.admin.msg.). */
    static final List<String> SCRIPT_MESSAGES = List.of("loading", "load-failed", "saving", "saved", "save-failed",
            "testing", "password-set", "state.NOT_CONFIGURED", "state.RUNNING", "state.FAILED", "state.STOPPED");

    /** Confluence's admin decorator (there is no "atlassian.admin"). */
    static final String DECORATOR = "atl.admin";

    private AdminPage() {
    }

    static String render(String contextPath, Function<String, String> i18n) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
                .append("<title>").append(t(i18n, "cutplan.admin.title")).append("</title>")
                .append("<meta name=\"decorator\" content=\"").append(DECORATOR).append("\">")
                .append("</head><body>")
                .append("<div id=\"cutplan-admin\" class=\"cutplan-admin\" data-api-base=\"")
                .append(Html.escape(contextPath + PluginKeys.REST_PATH)).append('"');
        for (String m : SCRIPT_MESSAGES) {
            b.append(" data-msg-").append(m.replace('.', '-').toLowerCase(java.util.Locale.ROOT)).append("=\"")
                    .append(t(i18n, "cutplan.admin.msg." + m)).append('"');
        }
        b.append('>')
                .append("<h1>").append(t(i18n, "cutplan.admin.title")).append("</h1>")
                .append("<p>").append(t(i18n, "cutplan.admin.intro")).append("</p>")
                .append("<p class=\"cutplan-admin-status\" role=\"status\" aria-live=\"polite\"></p>")
                .append("<form class=\"aui cutplan-admin-form\" autocomplete=\"off\">")
                .append("<fieldset><legend>").append(t(i18n, "cutplan.admin.database")).append("</legend>");
        field(b, i18n, "db-url", "text", "cutplan.admin.database.url", "cutplan.admin.database.url.help");
        field(b, i18n, "db-user", "text", "cutplan.admin.database.user", null);
        field(b, i18n, "db-password", "password", "cutplan.admin.database.password", "cutplan.admin.database.password.help");
        b.append("<div class=\"checkbox\"><input type=\"checkbox\" id=\"cutplan-db-password-clear\" name=\"db-password-clear\">")
                .append("<label for=\"cutplan-db-password-clear\">").append(t(i18n, "cutplan.admin.database.password.clear"))
                .append("</label></div>");
        field(b, i18n, "db-owner-user", "text", "cutplan.admin.database.owner-user", "cutplan.admin.database.owner-user.help");
        field(b, i18n, "db-owner-password", "password", "cutplan.admin.database.owner-password",
                "cutplan.admin.database.password.help");
        field(b, i18n, "db-pool-size", "number", "cutplan.admin.database.pool", "cutplan.admin.database.pool.help");
        b.append("<button type=\"button\" class=\"aui-button cutplan-test-connection\">")
                .append(t(i18n, "cutplan.admin.test")).append("</button></fieldset>")
                .append("<fieldset><legend>").append(t(i18n, "cutplan.admin.mail")).append("</legend>")
                .append("<div class=\"checkbox\"><input type=\"checkbox\" id=\"cutplan-mail-enabled\" name=\"mail-enabled\">")
                .append("<label for=\"cutplan-mail-enabled\">").append(t(i18n, "cutplan.admin.mail.enabled")).append("</label></div>");
        field(b, i18n, "mail-from-name", "text", "cutplan.admin.mail.from-name", null);
        b.append("<p class=\"cutplan-mail-server description\"></p></fieldset>")
                .append("<fieldset><legend>").append(t(i18n, "cutplan.admin.identity")).append("</legend>")
                .append("<p class=\"description\">").append(t(i18n, "cutplan.admin.identity.help")).append("</p>");
        field(b, i18n, "admin-group", "text", "cutplan.admin.identity.admin-group", "cutplan.admin.identity.admin-group.help");
        field(b, i18n, "pilot-group", "text", "cutplan.admin.identity.pilot-group", "cutplan.admin.identity.pilot-group.help");
        b.append("</fieldset>")
                .append("<div class=\"buttons-container\"><button type=\"submit\" class=\"aui-button aui-button-primary\">")
                .append(t(i18n, "cutplan.admin.save")).append("</button></div>")
                .append("</form></div>")
                .append("</body></html>");
        return b.toString();
    }

    private static void field(StringBuilder b, Function<String, String> i18n, String name, String type, String label,
                              String help) {
        String id = "cutplan-" + name;
        b.append("<div class=\"field-group\"><label for=\"").append(id).append("\">").append(t(i18n, label)).append("</label>")
                .append("<input class=\"text\" type=\"").append(type).append("\" id=\"").append(id).append("\" name=\"")
                .append(name).append("\">");
        if (help != null) {
            b.append("<div class=\"description\">").append(t(i18n, help)).append("</div>");
        }
        b.append("</div>");
    }

    private static String t(Function<String, String> i18n, String key) {
        return Html.escape(i18n.apply(key));
    }
}
