package io.cutplan.reliability;

import io.cutplan.store.DbConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server of its own for fault tests, which can be stopped and started again on the same port and
 * data directory while a host keeps running against it. Unlike the test fixture (and zonky's defaults, which
 * the standalone host's embedded server inherits: {@code -F} and {@code synchronous_commit=off}) it is
 * durable: fsync and synchronous commit are on, so "nothing committed is lost" is a real claim even after a
 * crash, and write timings are those of a properly configured server.
 */
public final class RestartablePostgres implements AutoCloseable {
    static final String DATABASE = "cutplan";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static RestartablePostgres start(Path dataDir) {
        RestartablePostgres p = new RestartablePostgres(dataDir, freePort());
        p.start();
        try (Connection c = p.pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** Starts (again) on the same port and data directory. */
    public synchronized void start() {
        if (pg != null) {
            throw new IllegalStateException("already running");
        }
        try {
            Files.createDirectories(dataDir);
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean, fast shutdown: open sessions are ended and their transactions rolled back. */
    public synchronized void stop() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg = null;
        }
    }

    /**
     * A crash: every server process quits at once without a shutdown checkpoint (what {@code pg_ctl stop -m
     * immediate} does); the next start runs crash recovery from the write-ahead log.
     */
    public synchronized void crash() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
            kill.waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
            // Releases zonky's lock on the data directory; its own stop finds no server and only logs that.
            try {
                pg.close();
            } catch (IOException ignored) {
                // the server is already gone
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pg = null;
        }
    }

    public DbConfig config(int poolSize) {
        return new DbConfig("jdbc:postgresql://localhost:" + port + "/" + DATABASE, "postgres", null, poolSize);
    }

    public int port() {
        return port;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (pg != null) {
            stop();
        }
    }
}
