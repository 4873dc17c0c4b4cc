package io.cutplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.host.standalone.BenchServer;
import io.cutplan.reliability.RestartablePostgres;
import io.cutplan.store.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Everything a benchmark run needs, in this JVM: a durable PostgreSQL of its own (fsync and synchronous
 * commit on, as a production server), the standalone host's REST application on Jetty with the floor
 * resource and the server timer, an HTTP client, and a CPU meter on both processes.
 */
public final class BenchWorld implements AutoCloseable {
    public final RestartablePostgres postgres;
    public final BenchServer server;
    public final ServerTimer timer = new ServerTimer();
    public final BenchClient client;
    public final CpuMeter cpu;
    private final ExecutorService httpExecutor;

    public BenchWorld(int poolSize, int clientThreads) throws Exception {
        Path dir = Path.of("target", "bench-pgdata");
        deleteRecursively(dir);
        postgres = RestartablePostgres.start(dir);
        server = new BenchServer(postgres.config(poolSize), List.of(FloorResource.class), timer);
        httpExecutor = Executors.newFixedThreadPool(clientThreads, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        client = new BenchClient(server.restUrl(), httpExecutor);
        long backend = server.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT pg_backend_pid()", rs -> rs.getLong(1))).orElseThrow();
        cpu = new CpuMeter(CpuMeter.postmasterOf(backend));
    }

    public String postgresVersion() {
        return server.database().transactor().readOnly(c -> Jdbc.one(c, "SHOW server_version", rs -> rs.getString(1))).orElse("?");
    }

    /** The dashboard's top-level "version", read without parsing the rest (a snapshot is a megabyte). */
    static long version(BenchClient.Result r) {
        try (com.fasterxml.jackson.core.JsonParser p = JsonMapper.get().getFactory().createParser(r.body())) {
            int depth = 0;
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (depth == 1 && t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.currentName().equals("version")) {
                    p.nextToken();
                    return p.getLongValue();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON (" + r.status() + "): " + r.text(), e);
        }
        throw new IllegalStateException("no version in the answer (" + r.status() + ")");
    }

    static JsonNode json(BenchClient.Result r) {
        try {
            return JsonMapper.get().readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + r.status() + "): " + r.text(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        postgres.close();
        httpExecutor.shutdownNow();
    }
}
