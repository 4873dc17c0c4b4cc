package io.cutplan.host.standalone;

import io.cutplan.domain.Html;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The standalone host's HTML pages: {@code /} (migrations and iterations, rendered in the browser from
 * {@code GET /iterations}), {@code /runbook?iteration=<id>} (the dashboard container; {@code &compact=1}: the
 * compact dashboard) and {@code /admin[?plan=<id>]
 * [&view=plans|editor|import]} (the authoring page: plan editor and import wizard, for administrators). All load exactly
 * the files of {@link WebManifest}, so the page is the one Confluence's macro shows, plus a host stylesheet
 * giving the page an AUI-like frame. Query parameters are validated and every value written is escaped.
 */
final class DashboardPageServlet extends HttpServlet {
    static final String HOST_CSS = "standalone/standalone.css";
    static final String INDEX_JS = "standalone/index.js";
    private static final Set<String> AUTHORING_VIEWS = Set.of("plans", "editor", "import");
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    private final WebManifest manifest;
    private final WebResourceServlet web;

    DashboardPageServlet(WebManifest manifest, WebResourceServlet web) {
        this.manifest = manifest;
        this.web = web;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.equals("/") || path.isEmpty() || path.equals("/index.html")) {
            write(resp, 200, page("Cutplan", req.getRemoteUser(),
                    "<div class=\"cutplan-index\" data-rest-base=\"" + StandaloneServer.REST_PATH + "\"></div>",
                    List.of(INDEX_JS)));
        } else if (path.equals("/runbook")) {
            runbook(req, resp);
        } else if (path.equals("/admin")) {
            authoring(req, resp);
        } else {
            write(resp, 404, page("Not found", req.getRemoteUser(), message("Nothing here.",
                    "This address names no Cutplan page."), List.of()));
        }
    }

    private void runbook(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder attrs = new StringBuilder();
        String iteration = req.getParameter("iteration");
        String migration = req.getParameter("migration");
        String code = req.getParameter("code");
        if (iteration != null) {
            if (!isUuid(iteration)) {
                badRequest(req, resp, "The iteration parameter must be an iteration id (a UUID).");
                return;
            }
            attr(attrs, "data-iteration", iteration);
        } else if (migration != null && code != null && CODE.matcher(migration).matches() && CODE.matcher(code).matches()) {
            attr(attrs, "data-migration", migration);
            attr(attrs, "data-iteration-code", code);
        } else {
            badRequest(req, resp, "Name an iteration: /runbook?iteration=<id>, or ?migration=<code or id>&code=<iteration code>.");
            return;
        }
        String poll = req.getParameter("poll");
        int seconds = 5;
        if (poll != null) {
            try {
                seconds = Integer.parseInt(poll);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > 300) {
                badRequest(req, resp, "The poll parameter must be a number of seconds from 1 to 300.");
                return;
            }
        }
        attr(attrs, "data-poll-seconds", String.valueOf(seconds));
        String view = req.getParameter("view");
        List<String> views = manifest.views();
        if (view != null && !views.contains(view)) {
            badRequest(req, resp, "The view parameter must be one of " + String.join(", ", views) + ".");
            return;
        }
        attr(attrs, "data-view", view == null ? "runsheet" : view);
        String compact = req.getParameter("compact");
        if (compact != null && !compact.equals("0") && !compact.equals("1")) {
            badRequest(req, resp, "The compact parameter must be 1 (the compact dashboard) or 0.");
            return;
        }
        if ("1".equals(compact)) {
            attr(attrs, "data-compact", "true");
        }
        String team = req.getParameter("team");
        if (team != null && !team.isBlank()) {
            if (!CODE.matcher(team).matches()) {
                badRequest(req, resp, "The team parameter must be a team code or id.");
                return;
            }
            attr(attrs, "data-team", team);
        }
        attr(attrs, "data-rest-base", StandaloneServer.REST_PATH);
        write(resp, 200, page("Runbook · Cutplan", req.getRemoteUser(),
                "<div class=\"cutplan-dashboard\"" + attrs + "></div>", List.of()));
    }

    /** The authoring page's container; the page itself asks GET /me and offers editing to administrators only. */
    private void authoring(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder attrs = new StringBuilder();
        String plan = req.getParameter("plan");
        if (plan != null) {
            if (!isUuid(plan)) {
                badRequest(req, resp, "The plan parameter must be a plan id (a UUID).");
                return;
            }
            attr(attrs, "data-plan", plan);
        }
        String view = req.getParameter("view");
        if (view != null) {
            if (!AUTHORING_VIEWS.contains(view)) {
                badRequest(req, resp, "The view parameter must be one of plans, editor, import.");
                return;
            }
            attr(attrs, "data-view", view);
        }
        attr(attrs, "data-rest-base", StandaloneServer.REST_PATH);
        attr(attrs, "data-runbook-url", "/runbook?iteration={id}");
        write(resp, 200, page("Plans · Cutplan", req.getRemoteUser(),
                "<div class=\"cutplan-authoring\"" + attrs + "></div>", List.of()));
    }

    private void badRequest(HttpServletRequest req, HttpServletResponse resp, String why) throws IOException {
        write(resp, 400, page("Bad request · Cutplan", req.getRemoteUser(),
                message("This runbook address is not valid.", why), List.of()));
    }

    private static String message(String title, String text) {
        return "<div class=\"cp-page-message\" role=\"alert\"><h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text)
                + "</p><p><a href=\"/\">All iterations</a></p></div>";
    }

    private String page(String title, String user, String body, List<String> extraScripts) {
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n");
        h.append("<link rel=\"stylesheet\" href=\"").append(href(HOST_CSS)).append("\">\n");
        for (String css : manifest.styles()) {
            h.append("<link rel=\"stylesheet\" href=\"").append(href(css)).append("\">\n");
        }
        h.append("</head>\n<body class=\"cp-standalone\">\n")
                .append("<header class=\"cp-topbar\"><a class=\"cp-brand\" href=\"/\">")
                .append("<span class=\"cp-brand-mark\" aria-hidden=\"true\">C</span>Cutplan</a>")
                .append("<nav class=\"cp-topnav\" aria-label=\"Site\"><a href=\"/\">Iterations</a><a href=\"/admin\">Plans</a></nav>");
        if (user != null) {
            h.append("<span class=\"cp-topbar-user\" title=\"Logged in user\">").append(Html.escape(user)).append("</span>");
        }
        h.append("</header>\n<main class=\"cp-page\" id=\"main\">\n").append(body).append("\n</main>\n");
        for (String js : manifest.scripts()) {
            h.append("<script src=\"").append(href(js)).append("\"></script>\n");
        }
        for (String js : extraScripts) {
            h.append("<script src=\"").append(href(js)).append("\"></script>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** A link to a web file with its content hash, so browsers may cache it until it changes. */
    private String href(String file) {
        return "/web/" + file + web.hashOf(file).map(v -> "?v=" + v).orElse("");
    }

    private static void write(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.getWriter().write(html);
    }

    private static void attr(StringBuilder sb, String name, String value) {
        sb.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"');
    }

    private static boolean isUuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

}
