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

    StandaloneServer(String bindAddress, int port, Database database, List<Object> services) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new BasicAuthFilter(database)), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder rest = new ServletHolder("rest", new ServletContainer(new RestApplication(services)));
        rest.setInitOrder(0);
        context.addServlet(rest, REST_PATH + "/*");
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

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
