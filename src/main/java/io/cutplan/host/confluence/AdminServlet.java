package io.cutplan.host.confluence;

import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The configuration page ({@code /plugins/servlet/cutplan/admin}, the plugin's configure URL): a static form whose
 * script reads and saves the settings through {@code /rest/cutplan/1.0/admin/config}. The page carries no value
 * itself, so no password can appear in it. Only for system administrators; Confluence decorates it as an admin page.
 */
public class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String ADMIN_RESOURCES = PluginKeys.PLUGIN_KEY + ":cutplan-admin-resources";

    private final transient UserManager userManager;
    private final transient I18nResolver i18n;
    private final transient PageBuilderService pageBuilderService;

    public AdminServlet(UserManager userManager, I18nResolver i18n, PageBuilderService pageBuilderService) {
        this.userManager = userManager;
        this.i18n = i18n;
        this.pageBuilderService = pageBuilderService;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        switch (AdminAccess.check(userManager)) {
            case ANONYMOUS -> {
                response.sendRedirect(contextPath + "/login.action?os_destination="
                        + URLEncoder.encode(PluginKeys.CONFIGURE_PATH, StandardCharsets.UTF_8));
                return;
            }
            case NOT_ADMIN -> {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, i18n.getText("cutplan.admin.forbidden"));
                return;
            }
            default -> {
            }
        }
        // The decorator (atl.admin) writes the script and style tags of every resource required before it renders.
        pageBuilderService.assembler().resources().requireWebResource(ADMIN_RESOURCES);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter out = response.getWriter();
        out.write(AdminPage.render(contextPath, i18n::getText));
    }
}
