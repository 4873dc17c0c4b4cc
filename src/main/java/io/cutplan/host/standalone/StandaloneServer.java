package io.cutplan.host.standalone;

import io.cutplan.store.Database;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jetty serving the REST API under {@code /rest/cutplan/1.0} and the dashboard pages. */
public final class StandaloneServer implements AutoCloseable {
    public static final String REST_PATH = "/rest/cutplan/1.0";

    private final Server server;
    private final ServerConnector connector;
    private final BasicAuthFilter login;
    private int boundPort;

    StandaloneServer(String bindAddress, int port, Database database, List<Object> services) {
        this(bindAddress, port, database, services, BodyReadGuard.Limits.defaults());
    }

    StandaloneServer(String bindAddress, int port, Database database, List<Object> services,
                     BodyReadGuard.Limits bodyLimits) {
        server = new Server();
        connector = new ServerConnector(server);
        // Idle connections cost a selector key, not a thread; still, a connection silent for 30 s is closed.
        connector.setIdleTimeout(30_000);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        login = new BasicAuthFilter(database);
        FilterHolder auth = new FilterHolder(login);
        auth.setAsyncSupported(true);
        context.addFilter(auth, "/*", EnumSet.of(DispatcherType.REQUEST));
        // After the login check, so an anonymous body is refused at once and never read.
        FilterHolder bodies = new FilterHolder(new BodyReadGuard(bodyLimits));
        bodies.setAsyncSupported(true);
        context.addFilter(bodies, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder rest = new ServletHolder("rest", new ServletContainer(new RestApplication(services)));
        rest.setInitOrder(0);
        rest.setAsyncSupported(true);
        context.addServlet(rest, REST_PATH + "/*");
        // The dashboard: static files and the pages that load them (same files as the Confluence macro).
        WebResourceServlet web = new WebResourceServlet();
        ServletHolder webHolder = new ServletHolder("web", web);
        webHolder.setAsyncSupported(true);
        context.addServlet(webHolder, "/web/*");
        DashboardPageServlet pages = new DashboardPageServlet(WebManifest.load(), web);
        ServletHolder pagesHolder = new ServletHolder("pages", pages);
        pagesHolder.setAsyncSupported(true);
        context.addServlet(pagesHolder, "/");
        context.setErrorHandler(new JsonServletErrorHandler());
        server.setHandler(compressed(context));
        server.setErrorHandler(new JsonServerErrorHandler());
        server.setStopTimeout(5_000);
    }

    /**
     * Gzip for JSON, pages and scripts: a 1,200-step snapshot shrinks about sevenfold, which is what a pilot on
     * a phone feels. Jetty keeps ETags and If-None-Match consistent across the encoding.
     */
    private static GzipHandler compressed(ServletContextHandler context) {
        GzipHandler gzip = new GzipHandler(context);
        gzip.setMinGzipSize(1024);
        gzip.addIncludedMimeTypes("application/json", "text/html", "text/css", "text/csv", "application/javascript",
                "text/javascript");
        return gzip;
    }

    void start() throws Exception {
        server.start();
    }

    /**
     * Test hook: closes the listening socket (the API and pages become unreachable; connections are refused)
     * while the rest of the host keeps running, so a browser test can watch the dashboard go offline.
     */
    void stopAccepting() throws Exception {
        boundPort = connector.getLocalPort();
        connector.stop();
    }

    /** Test hook: listens again on the same port after {@link #stopAccepting()}. */
    void resumeAccepting() throws Exception {
        connector.setPort(boundPort);
        connector.start();
    }

    /** The login filter (its throttle and remembered logins), for the host and test hooks. */
    BasicAuthFilter login() {
        return login;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
