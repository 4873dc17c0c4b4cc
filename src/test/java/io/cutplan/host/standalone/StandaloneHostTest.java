package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.store.Jdbc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone host on its own embedded PostgreSQL: health, and data that survives a restart. */
class StandaloneHostTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesHealthFromTheEmbeddedDatabaseAndKeepsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(
                new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of());
        UUID team = UUID.randomUUID();
        try (StandaloneHost host = StandaloneHost.start(options)) {
            HttpResponse<String> r = get(host.port(), "/rest/cutplan/1.0/health");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = JsonMapper.get().readTree(r.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("database").path("schemaVersion").asText()).isEqualTo(host.schemaVersion());
            assertThat(body.path("database").path("server").asText()).startsWith("PostgreSQL 1");
            host.database().transactor().inTransaction(c ->
                    Jdbc.update(c, "INSERT INTO teams (id, code, name) VALUES (?, 'KEEP', 'Kept across restarts')", team));
        }
        try (StandaloneHost host = StandaloneHost.start(options)) {
            String name = host.database().transactor().readOnly(c ->
                    Jdbc.one(c, "SELECT name FROM teams WHERE id = ?", rs -> rs.getString(1), team)).orElse(null);
            assertThat(name).isEqualTo("Kept across restarts");
        }
    }

    @Test
    void everythingButHealthAsksForALogin(@TempDir Path dataDir) throws Exception {
        var config = io.cutplan.testing.PostgresServer.get().createMigratedDatabase();
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of());
        try (StandaloneHost host = StandaloneHost.start(options, config)) {
            HttpResponse<String> r = get(host.port(), "/rest/cutplan/1.0/iterations");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(JsonMapper.get().readTree(r.body()).path("error").asText()).isEqualTo("authentication_required");
        } finally {
            io.cutplan.testing.PostgresServer.get().drop(config);
        }
    }

    @Test
    void errorsJettyRaisesBeforeTheApiAreJsonWithoutEcho() throws Exception {
        var config = io.cutplan.testing.PostgresServer.get().createMigratedDatabase();
        StandaloneOptions options = StandaloneOptions.parse(new String[] {"--port", "0"}, Map.of());
        try (StandaloneHost host = StandaloneHost.start(options, config)) {
            // Raw requests: java.net.http refuses to send such URIs itself.
            for (String target : new String[] {"/rest/cutplan/1.0/%zz<script>", "/rest/cutplan/1.0/iterations/a%2Fb",
                    "/rest/cutplan/1.0/iterations/%2e%2e/health", "/rest/cutplan/1.0/iterations/x%00y",
                    "/rest/cutplan/1.0/iterations/%C0%AE"}) {
                assertJsonRefusal("GET " + target, rawRequest(host.port(), "GET", target));
                assertJsonRefusal("PUT " + target, rawRequest(host.port(), "PUT", target));
                assertJsonRefusal("DELETE " + target, rawRequest(host.port(), "DELETE", target));
            }
        } finally {
            io.cutplan.testing.PostgresServer.get().drop(config);
        }
    }

    private static void assertJsonRefusal(String target, String raw) throws Exception {
        assertThat(raw).as(target).matches("(?s)HTTP/1.1 4\\d\\d .*");
        assertThat(raw).as(target).containsIgnoringCase("Content-Type: application/json");
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertThat(JsonMapper.get().readTree(body).path("error").asText()).as(target).isNotBlank();
        assertThat(body).as(target).doesNotContain("<script>").doesNotContain("at org.").doesNotContain("<html");
    }

    private static String rawRequest(int port, String method, String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            String body = method.equals("GET") || method.equals("DELETE") ? "" : "{\"status\":\"PASSED\"}";
            socket.getOutputStream().write((method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "X-Atlassian-Token: no-check\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void optionsRejectNonsenseWithAClearMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessageContaining("--port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--demo", "huge"}, Map.of()))
                .hasMessageContaining("small or realistic");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StandaloneOptions.parse(new String[] {"--frobnicate"}, Map.of()))
                .hasMessageContaining("Unknown option");
        assertThat(StandaloneOptions.parse(new String[0], Map.of("CUTPLAN_DB_PASSWORD", "s3cret")).toString())
                .doesNotContain("s3cret");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
