package io.cutplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Caller;
import io.cutplan.domain.Role;
import io.cutplan.host.standalone.StandaloneHost;
import io.cutplan.host.standalone.StandaloneOptions;
import io.cutplan.service.CallerService;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo small} on a fresh database through the real standalone host: the small figures, the demo
 * accounts logging in over HTTP Basic, the start-up banner, a restart that adds nothing, and no password at
 * all without {@code --demo}.
 */
class DemoSmallHostTest {
    private static final String HEALTH = "/rest/cutplan/1.0/health";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void demoSmallLoadsItsFiguresAndItsAccountsLogInOverBasicAuth() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase();
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0", "--demo", "small"}, Map.of());
        try {
            String banner;
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            StandaloneHost host;
            try {
                host = StandaloneHost.start(options, config);
            } finally {
                System.setOut(original);
                banner = captured.toString(StandardCharsets.UTF_8);
            }
            try (host) {
                assertThat(banner).contains("Loaded demo 'small'").contains("DEMO ACCOUNTS (demo only")
                        .contains("executor").contains("viewer");
                assertThat(count(host, "SELECT count(*) FROM macro_phases")).isEqualTo(5);
                assertThat(count(host, "SELECT count(*) FROM chapters")).isEqualTo(12);
                assertThat(count(host, "SELECT count(*) FROM steps")).isBetween(110L, 130L);
                assertThat(count(host, "SELECT count(*) FROM tasks")).isBetween(260L, 300L);
                assertThat(count(host, "SELECT count(*) FROM teams")).isEqualTo(15);
                assertThat(count(host, "SELECT count(*) FROM users")).isEqualTo(41); // 40 + the second pilot
                assertThat(count(host, "SELECT count(*) FROM controls")).isEqualTo(20);
                assertThat(count(host, "SELECT string_agg(code, ',' ORDER BY planned_start) FROM iterations", true))
                        .isEqualTo("RUN1,DR1,CUTOVER");
                assertThat(count(host, "SELECT count(*) FROM chapter_schedules")).isEqualTo(3 * 12);
                assertThat(count(host, "SELECT count(*) FROM local_credentials")).as("only the five demo accounts").isEqualTo(5);

                for (String user : new String[] {"admin", "pilot", "pilot2", "executor", "viewer"}) {
                    assertThat(get(host, HEALTH, user, user).statusCode()).as(user).isEqualTo(200);
                    assertThat(get(host, HEALTH, user, "wrong").statusCode()).as(user + " wrong password").isEqualTo(401);
                    // Past the login filter: whatever the resource says, it is not "log in first".
                    assertThat(get(host, "/rest/cutplan/1.0/iterations", user, user).statusCode()).as(user).isNotEqualTo(401);
                }
                assertThat(get(host, "/rest/cutplan/1.0/iterations", null, null).statusCode()).isEqualTo(401);

                CallerService callers = host.services().callers();
                Caller executor = callers.resolve(Optional.of("executor"));
                assertThat(executor.role()).isEqualTo(Role.NORMAL);
                assertThat(executor.teamIds()).isNotEmpty();
                assertThat(callers.resolve(Optional.of("viewer")).teamIds()).isEmpty();
                assertThat(callers.resolve(Optional.of("pilot")).isPilot()).isTrue();
                assertThat(callers.resolve(Optional.of("pilot2")).isPilot()).isTrue();
                assertThat(callers.resolve(Optional.of("admin")).isAdmin()).isTrue();
            }
            // A restart with --demo finds the demo and adds nothing.
            try (StandaloneHost again = StandaloneHost.start(options, config)) {
                assertThat(count(again, "SELECT count(*) FROM steps")).isBetween(110L, 130L);
                assertThat(count(again, "SELECT count(*) FROM iterations")).isEqualTo(3);
                assertThat(count(again, "SELECT count(*) FROM local_credentials")).isEqualTo(5);
                assertThat(get(again, HEALTH, "admin", "admin").statusCode()).isEqualTo(200);
            }
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    @Test
    void withoutDemoThereIsNoDefaultPassword() throws Exception {
        DbConfig config = PostgresServer.get().createMigratedDatabase();
        try (StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of()), config)) {
            assertThat(count(host, "SELECT count(*) FROM local_credentials")).isZero();
            assertThat(count(host, "SELECT count(*) FROM users")).isZero();
            assertThat(get(host, HEALTH, "admin", "admin").statusCode()).isEqualTo(401);
            assertThat(get(host, HEALTH, null, null).statusCode()).isEqualTo(200);
        } finally {
            PostgresServer.get().drop(config);
        }
    }

    private HttpResponse<String> get(StandaloneHost host, String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(StandaloneHost host, String sql) {
        return host.database().transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1)).orElse(0L));
    }

    private static String count(StandaloneHost host, String sql, boolean text) {
        return host.database().transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getString(1)).orElse(null));
    }
}
