package io.cutplan.host.standalone;

import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Benchmarks only (test scope): the standalone host's exact composition (services, {@link RestApplication},
 * {@link BasicAuthFilter}, Jetty) plus extra resources registered on the same JAX-RS application, such as a
 * trivial floor endpoint, and an outermost filter that times every request on the server. Lives in this
 * package because the host's application and caller source are package-private, so nothing in production
 * has to open up or register benchmark code.
 */
public final class BenchServer implements AutoCloseable {
    private final Database database;
    private final CutplanServices services;
    private final Server server;
    private final ServerConnector connector;

    public BenchServer(DbConfig config, List<Class<?>> extraResources, Filter outermost) throws Exception {
        database = Database.open(config);
        database.migrate();
        services = new CutplanServices(database, new HostSettings(null, "http://127.0.0.1"));
        List<Object> bindings = new ArrayList<>(services.all());
        bindings.add(new StandaloneCallerSource());
        RestApplication app = new RestApplication(bindings);
        extraResources.forEach(app::register);

        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        if (outermost != null) {
            context.addFilter(new FilterHolder(outermost), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new BasicAuthFilter(database)), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder rest = new ServletHolder("rest", new ServletContainer(app));
        rest.setInitOrder(0);
        context.addServlet(rest, StandaloneServer.REST_PATH + "/*");
        server.setHandler(context);
        server.start();
    }

    public String restUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + StandaloneServer.REST_PATH;
    }

    public Database database() {
        return database;
    }

    /** Jetty's worker threads, whose CPU time is the server's share of a request. */
    public static boolean isServerThread(String threadName) {
        return threadName.startsWith("qtp");
    }

    @Override
    public void close() throws Exception {
        server.stop();
        services.close();
        database.close();
    }
}
