package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 3: the embedded PostgreSQL as the product configures it. Anyone on the machine used to be
 * able to connect without a password as the superuser the application itself used, and rewrite the audit log.
 * Now: passwords only, secrets 0600, private directories, and an application role that cannot touch the log's
 * history, its trigger, replication mode or server programs, while the application works as before.
 */
class EmbeddedDatabaseSecurityTest {

    @TempDir
    Path tmp;

    @Test
    void theApplicationRoleCannotRewriteTheAuditLogButTheApplicationWorks() throws Exception {
        Path data = tmp.resolve("pgdata");
        try (StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(
                new String[] {"--port", "0", "--data-dir", data.toString()}, Map.of()))) {
            EmbeddedDatabaseServer server = host.embeddedDatabase().orElseThrow();
            Path secretsFile = DbSecrets.fileFor(data);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            Path run = data.resolveSibling("pgdata.run");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
            DbSecrets secrets = DbSecrets.load(secretsFile);
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/cutplan";

            // No more trust: no password, a wrong one, or another role's, are all refused.
            assertRefused(url, "postgres", null);
            assertRefused(url, "postgres", "wrong-password");
            assertRefused(url, "cutplan_app", secrets.owner());

            // The normal application flow, on the pool connected as the application role: a transition.
            Fixtures fx = Fixtures.in(host.database());
            Fixtures.TestUser pilot = fx.user("pilot", Role.PILOT);
            Fixtures.Plan plan = fx.plan("Locked");
            UUID step = plan.step("PRE-1", "Freeze changes", null);
            UUID iteration = plan.iteration("RUN1");
            UUID si = plan.stepInstance(iteration, step);
            Api api = new Api("http://127.0.0.1:" + host.port() + "/rest/cutplan/1.0", pilot.username(), Fixtures.PASSWORD);
            long version = api.get("/iterations/" + iteration + "/steps/" + si).json().path("step").path("version").asLong();
            Api.Response moved = api.post("/iterations/" + iteration + "/steps/" + si + "/transitions",
                    Map.of("to", "IN_PROGRESS", "expectedVersion", version));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            assertThat(plan.stepStatus(iteration, step)).isEqualTo("IN_PROGRESS");

            try (Connection app = DriverManager.getConnection(url, "cutplan_app", secrets.app());
                 Statement s = app.createStatement()) {
                app.setAutoCommit(true);
                long events = Jdbc.one(app, "SELECT count(*) FROM event_log WHERE iteration_id = ?", rs -> rs.getLong(1),
                        iteration).orElseThrow();
                assertThat(events).isPositive();
                assertThat(Jdbc.one(app, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls "
                        + "FROM pg_roles WHERE rolname = current_user", rs -> rs.getBoolean(1)).orElseThrow()).isFalse();
                assertThat(Jdbc.one(app, "SELECT tableowner FROM pg_tables WHERE tablename = 'event_log'",
                        rs -> rs.getString(1)).orElseThrow()).isEqualTo("cutplan_owner");

                assertDenied(s, "UPDATE event_log SET event_type = 'forged'");
                assertDenied(s, "DELETE FROM event_log");
                assertDenied(s, "TRUNCATE event_log");
                assertDenied(s, "ALTER TABLE event_log DISABLE TRIGGER ALL");
                assertDenied(s, "ALTER TABLE event_log DISABLE TRIGGER event_log_append_only_rows");
                assertDenied(s, "SET session_replication_role = replica");
                assertDenied(s, "COPY (SELECT 1) TO PROGRAM 'touch /tmp/cutplan-pwned'");
                assertDenied(s, "COPY event_log FROM PROGRAM 'true'");
                assertDenied(s, "DROP TABLE event_log");
                assertDenied(s, "CREATE TABLE sneaky (x int)");
                assertDenied(s, "CREATE OR REPLACE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql "
                        + "AS $$ BEGIN RETURN NEW; END $$");
                assertDenied(s, "DELETE FROM flyway_schema_history");
                assertDenied(s, "CREATE ROLE intruder LOGIN SUPERUSER");
                assertThat(Jdbc.one(app, "SELECT count(*) FROM event_log WHERE iteration_id = ?", rs -> rs.getLong(1),
                        iteration).orElseThrow()).isEqualTo(events);
            }
        }
    }

    /**
     * A data directory made by an older version (initdb with trust, everything created and owned by
     * {@code postgres}, the application connecting as {@code postgres}) is upgraded in place at start.
     */
    @Test
    void anOlderDataDirectoryIsUpgradedInPlace() throws Exception {
        Path data = tmp.resolve("old-pgdata");
        String step;
        // What the previous version did: zonky's trust initdb, a 'cutplan' database migrated as postgres.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE cutplan");
            }
            DbConfig legacy = new DbConfig(old.getJdbcUrl("postgres", "cutplan"), "postgres", null);
            try (Database db = Database.open(legacy.withPoolSize(2))) {
                db.migrate();
                Fixtures.Plan plan = Fixtures.in(db).plan("Before upgrade");
                step = plan.step("OLD-1", "Written before the upgrade", null).toString();
                plan.iteration("OLD");
            }
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");
        assertThat(DbSecrets.exists(DbSecrets.fileFor(data))).isFalse();

        try (StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(
                new String[] {"--port", "0", "--data-dir", data.toString()}, Map.of()))) {
            EmbeddedDatabaseServer server = host.embeddedDatabase().orElseThrow();
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/cutplan";
            DbSecrets secrets = DbSecrets.load(DbSecrets.fileFor(data));
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).startsWith(EmbeddedDatabaseServer.HBA_MARKER)
                    .doesNotContain("trust");
            assertRefused(url, "postgres", null);

            // The old data is there, read through the application role.
            assertThat(host.database().transactor().readOnly(c -> Jdbc.one(c, "SELECT title FROM steps WHERE id = ?::uuid",
                    rs -> rs.getString(1), step)).orElseThrow()).isEqualTo("Written before the upgrade");
            try (Connection owner = DriverManager.getConnection(url, "cutplan_owner", secrets.owner())) {
                long notOwned = Jdbc.one(owner, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') "
                        + "AND pg_get_userbyid(c.relowner) <> 'cutplan_owner'", rs -> rs.getLong(1)).orElseThrow();
                assertThat(notOwned).as("tables and sequences still owned by postgres").isZero();
                assertThat(Jdbc.one(owner, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'event_log_refuse_change'",
                        rs -> rs.getString(1)).orElseThrow()).isEqualTo("cutplan_owner");
            }
            try (Connection app = DriverManager.getConnection(url, "cutplan_app", secrets.app());
                 Statement s = app.createStatement()) {
                assertDenied(s, "DELETE FROM event_log");
                assertDenied(s, "ALTER TABLE event_log DISABLE TRIGGER ALL");
            }
        }
        // And again: a second start of an upgraded directory changes nothing and still works.
        try (StandaloneHost host = StandaloneHost.start(StandaloneOptions.parse(
                new String[] {"--port", "0", "--data-dir", data.toString()}, Map.of()))) {
            assertThat(host.services().health().check().up()).isTrue();
        }
    }

    /**
     * The first start never runs with 'trust', not even for a moment: the initdb options the server passes through
     * zonky (after zonky's own {@code -A trust}) win, so the cluster is born with password authentication and the
     * superuser's password set.
     */
    @Test
    void initdbCreatesTheClusterWithPasswordAuthentication() throws Exception {
        Path data = tmp.resolve("initdb-only");
        Path pw = DbSecrets.writeOneSecret(tmp.resolve("pw"), "first-password-0123456789");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pw.toString())
                .setConnectConfig("password", "first-password-0123456789").start()) {
            String hba = Files.readString(data.resolve("pg_hba.conf"));
            assertThat(hba.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                    .isNotEmpty().allMatch(l -> l.endsWith("scram-sha-256"), "every rule asks for a password");
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            assertRefused(url, "postgres", null);
            DriverManager.getConnection(url, "postgres", "first-password-0123456789").close();
        }
    }

    /** A socket path has about 107 bytes: on a long data-directory path the server runs on TCP only, still locked. */
    @Test
    void aLongDataDirectoryPathRunsOnTcpOnly() throws Exception {
        Path data = tmp.resolve("a-rather-long-directory-name-for-the-embedded-database-data-of-cutplan-x".repeat(2));
        try (EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(data)) {
            assertThat(Files.exists(data.resolveSibling(data.getFileName() + ".run"))).isFalse();
            DbSecrets secrets = DbSecrets.load(DbSecrets.fileFor(data));
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/cutplan";
            DriverManager.getConnection(url, "cutplan_app", secrets.app()).close();
            assertRefused(url, "postgres", null);
        }
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isIn("28P01", "28000", "08004"));
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage())
                        .isIn("42501", "42P01"));
    }
}
