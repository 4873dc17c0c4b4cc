package io.cutplan.host.standalone;

import io.cutplan.store.DbConfig;
import io.cutplan.store.RoleDao;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries inside the jar, keeping its data in a directory that
 * survives restarts. Used when no external database is configured.
 *
 * <p>Locked down (issue 15, finding 3): password (SCRAM-SHA-256) authentication for every connection, local or
 * TCP, with passwords generated on first start and kept in {@code <data-dir>.secrets} (0600, see {@link DbSecrets});
 * the data and socket directories are private to this OS user (0700); the application connects as
 * {@value #APP}, which neither is a superuser nor owns the schema ({@value #OWNER} does, and runs the migrations).
 * A data directory of an older version (trust authentication, everything owned by {@code postgres}) is upgraded in
 * place at start: roles created, objects handed to the owner, authentication switched.
 */
public final class EmbeddedDatabaseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);
    static final String DATABASE = "cutplan";
    static final String SUPERUSER = "postgres";
    static final String OWNER = "cutplan_owner";
    static final String APP = "cutplan_app";
    /** First line of the pg_hba.conf this class writes; its absence marks a data directory of an older version. */
    static final String HBA_MARKER = "# Managed by Cutplan";
    private static final String HBA = HBA_MARKER + ": rewritten at every start (docs/operations.md). Passwords (SCRAM) only.\n"
            + "# TYPE  DATABASE  USER  ADDRESS        METHOD\n"
            + "local   all       all                  scram-sha-256\n"
            + "host    all       all   127.0.0.1/32   scram-sha-256\n"
            + "host    all       all   ::1/128        scram-sha-256\n";
    /** A Unix socket path may hold about 107 bytes; the file name PostgreSQL adds is {@code .s.PGSQL.<port>}. */
    private static final int MAX_SOCKET_DIR = 90;
    private static final java.time.Duration STARTUP_WAIT = java.time.Duration.ofSeconds(60);
    /** zonky's in-process lock on the data directory (PostgreSQL's own is {@code postmaster.pid}). */
    private static final String ZONKY_LOCK = "epg-lock";

    private final Path dataDir;
    private final DbSecrets secrets;
    private final String socketDir;
    private volatile EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabaseServer(Path dataDir, DbSecrets secrets, String socketDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.secrets = secrets;
        this.socketDir = socketDir;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    public static EmbeddedDatabaseServer start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path secretsFile = DbSecrets.fileFor(dir);
        Path pwFile = dir.resolveSibling(dir.getFileName() + ".pwfile");
        try {
            Files.createDirectories(dir);
            privateDirectory(dir);
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            boolean managed = !fresh && isManaged(dir);
            DbSecrets secrets;
            if (DbSecrets.exists(secretsFile)) {
                secrets = DbSecrets.load(secretsFile);
            } else if (managed) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dir + " uses password authentication but "
                        + secretsFile + " is missing: restore it from your backup (docs/operations.md)");
            } else {
                secrets = DbSecrets.generate();
                // Saved before any role gets these passwords: a crash in between leaves a file that still works.
                secrets.save(secretsFile);
            }
            String socketDir = socketDirectory(dir);
            EmbeddedPostgres.Builder builder = builder(dir, secrets, socketDir, 0);
            if (fresh) {
                // initdb sets the superuser's password and password authentication from the first moment: the
                // server never runs with 'trust' (zonky passes these to initdb after its own -A trust).
                DbSecrets.writeOneSecret(pwFile, secrets.superuser());
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwFile.toString());
            }
            EmbeddedPostgres pg = builder.start();
            try {
                provision(pg, secrets, !managed && !fresh);
                writeHba(pg, dir);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(pg);
                throw e;
            }
            LOG.info("Embedded PostgreSQL running on 127.0.0.1:{} with data in {} (password authentication; "
                    + "application role {}, schema owner {})", pg.getPort(), dir, APP, OWNER);
            return new EmbeddedDatabaseServer(dir, secrets, socketDir, pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL started but refused a connection: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(pwFile);
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", pwFile, e.getMessage());
            }
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dir, DbSecrets secrets, String socketDir, int port) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky's defaults are for throwaway test databases (fsync off); this one holds the cutover's record.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                // PostgreSQL's default socket is /tmp, world-writable: keep it in a directory only we can enter.
                .setServerConfig("unix_socket_directories", socketDir)
                .setServerConfig("unix_socket_permissions", "0700")
                // zonky checks readiness by connecting as the superuser: give it the password.
                .setConnectConfig("password", secrets.superuser())
                // After a crash the server replays its write-ahead log before it accepts connections; zonky's 10 s
                // default would give up on a long replay (and leave that server running without us).
                .setPGStartupWait(STARTUP_WAIT);
        if (port > 0) {
            b.setPort(port);
        }
        return b;
    }

    /**
     * As the superuser: its password, the two roles (created, or reset to the exact attributes and passwords),
     * Cutplan's database owned by the owner and closed to everyone else, and (for a data directory of an older
     * version) every object of the schema handed from {@code postgres} to the owner.
     */
    private static void provision(EmbeddedPostgres pg, DbSecrets secrets, boolean upgrading) throws SQLException {
        if (upgrading) {
            LOG.info("Upgrading the embedded PostgreSQL of an older version: creating roles {} and {}, "
                    + "switching to password authentication", OWNER, APP);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.setAutoCommit(true);
            RoleDao.setOwnPassword(c, secrets.superuser());
            RoleDao.ensureLoginRole(c, OWNER, secrets.owner());
            RoleDao.ensureLoginRole(c, APP, secrets.app());
            RoleDao.ensureDatabase(c, DATABASE, OWNER, APP);
        }
        try (Connection c = superuserDataSource(pg, secrets, DATABASE).getConnection()) {
            c.setAutoCommit(true);
            RoleDao.handSchemaTo(c, OWNER);
        }
    }

    private static void writeHba(EmbeddedPostgres pg, Path dir) throws IOException, SQLException {
        Path hba = dir.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
            return;
        }
        Files.writeString(hba, HBA);
        Files.setPosixFilePermissions(hba, PosixFilePermissions.fromString("rw-------"));
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            RoleDao.reloadConfiguration(c);
        }
        LOG.info("Embedded PostgreSQL now requires passwords (SCRAM-SHA-256) for every connection");
    }

    private static boolean isManaged(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
    }

    private static void privateDirectory(Path dir) throws IOException {
        if (DbSecrets.posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** {@code <data-dir>.run}, 0700; or no Unix socket at all (TCP on 127.0.0.1 only) when that path is too long. */
    private static String socketDirectory(Path dir) throws IOException {
        Path run = dir.resolveSibling(dir.getFileName() + ".run");
        String path = run.toString();
        if (path.length() > MAX_SOCKET_DIR || path.contains(" ") || path.contains("'")) {
            LOG.info("No Unix socket for the embedded PostgreSQL ({} is too long or has spaces); TCP on 127.0.0.1 only", path);
            return "''";
        }
        Files.createDirectories(run);
        privateDirectory(run);
        return path;
    }

    private static DataSource superuserDataSource(EmbeddedPostgres pg, DbSecrets secrets, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName(database);
        ds.setUser(SUPERUSER);
        ds.setPassword(secrets.superuser());
        ds.setConnectTimeout(5);
        return ds;
    }

    /** Where the migrations connect: the schema owner. */
    public DbConfig ownerConfig() {
        return new DbConfig(url(), OWNER, secrets.owner());
    }

    /** Where the application connects: the application role. */
    public DbConfig appConfig() {
        return new DbConfig(url(), APP, secrets.app());
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster's process id from {@code postmaster.pid}, empty when there is none. */
    public Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the postmaster named in {@code postmaster.pid} is alive (a zombie counts as dead). */
    public boolean isRunning() {
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return false;
        }
        boolean alive = ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
        return alive && !isZombie(pid.get());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the server again on the same port and data (after it died): stops what is left of the old one
     * first. PostgreSQL itself refuses to start while processes of the dead server still hold its shared memory;
     * the caller retries with backoff.
     */
    public synchronized void restart() {
        closeQuietly(postgres);
        Path lock = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = postmasterPid();
        if (pid.isPresent() && isZombie(pid.get())) {
            // A killed postmaster nobody reaped still answers kill(pid, 0), so PostgreSQL would think it runs.
            // Point the lock at a process id that cannot exist; the shared-memory check in the same file stays.
            try {
                List<String> lines = new java.util.ArrayList<>(Files.readAllLines(lock));
                lines.set(0, "4194305");
                Files.write(lock, lines);
            } catch (IOException e) {
                LOG.warn("Could not update {}: {}", lock, e.getMessage());
            }
        }
        try {
            // A start attempt that failed inside zonky keeps its file lock (the instance never reaches us to be
            // closed), which would make every later attempt fail: a new lock file is a new lock. The data itself
            // stays protected by PostgreSQL's postmaster.pid.
            Files.deleteIfExists(dataDir.resolve(ZONKY_LOCK));
            postgres = builder(dataDir, secrets, socketDir, port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Stopping the old embedded PostgreSQL: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
