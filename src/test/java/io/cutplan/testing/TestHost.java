package io.cutplan.testing;

import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import java.util.Map;

/**
 * The one standalone host of a test run, on its own migrated database, listening on a free loopback port.
 * Test classes share it and create their own data (see {@link Fixtures}), so they never collide.
 */
public final class TestHost {
    private static TestHost instance;

    private final StandaloneHost host;
    private final DbConfig config;

    private TestHost(StandaloneHost host, DbConfig config) {
        this.host = host;
        this.config = config;
    }

    public static synchronized TestHost get() {
        if (instance == null) {
            PostgresServer server = PostgresServer.get();
            DbConfig config = server.createMigratedDatabase().withPoolSize(20);
            try {
                // As production: migrations as the schema owner, the application as a role that may only read
                // and write rows (event_log: INSERT and SELECT), when the test server lets us create the roles.
                StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of()),
                        server.ownerConfig(config), server.appConfig(config));
                instance = new TestHost(host, config);
                Runtime.getRuntime().addShutdownHook(new Thread(host::close));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test host", e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + host.port();
    }

    public String restUrl() {
        return baseUrl() + "/rest/cutplan/1.0";
    }

    public Database database() {
        return host.database();
    }

    /** The test database as the administrator of the test server (superuser for embedded/Testcontainers). */
    public DbConfig dbConfig() {
        return config;
    }

    public StandaloneHost host() {
        return host;
    }

    /** An HTTP client logged in as the given user (password as created by {@link Fixtures#user}). */
    public Api as(String username) {
        return new Api(restUrl(), username, Fixtures.PASSWORD);
    }
}
