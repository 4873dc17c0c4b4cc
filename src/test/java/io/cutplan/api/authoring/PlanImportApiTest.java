package io.cutplan.api.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.GeneratedImportCsv;
import io.cutplan.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV import of a canonical plan over real HTTP: all or nothing, every bad line named. */
class PlanImportApiTest {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String HEADER = "macro_phase,chapter,step_code,step_title,step_description,owner_team,impacted_teams,"
            + "duration_minutes,go_no_go,predecessors,task_title,task_team,nominated_user,controls,critical_controls\r\n";

    private static Database db;
    private static Api admin;
    private static Api pilot;
    private static String ops;
    private static String dba;
    private static String nominee;
    private static int plans;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        Fixtures fx = Fixtures.in(db);
        ops = teamCode(fx.team("IOPS"));
        dba = teamCode(fx.team("IDBA"));
        admin = host.as(fx.user("importer", Role.ADMIN).username());
        pilot = host.as(fx.user("ipilot", Role.PILOT).username());
        nominee = fx.user("nominee", Role.NORMAL).username();
    }

    private static String teamCode(UUID id) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT code FROM teams WHERE id = ?", rs -> rs.getString(1), id)).orElseThrow();
    }

    private static String nextCode() {
        return "IMP-" + System.nanoTime() % 1_000_000 + "-" + (++plans);
    }

    private static Api.Response importCsv(Api who, String query, String csv) {
        return who.raw("POST", "/import/plan?" + query, CSV, csv.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID planId(String code) {
        return db.transactor().readOnly(c -> Jdbc.one(c, "SELECT id FROM plans WHERE code = ?", rs -> Jdbc.uuid(rs, "id"), code))
                .orElseThrow();
    }

    private static <T> List<T> query(String sql, Jdbc.Json unused, io.cutplan.store.RowMapper<T> mapper, Object... params) {
        return db.transactor().readOnly(c -> Jdbc.list(c, sql, mapper, params));
    }

    @Test
    void theDocumentedExampleImportsWithItsTeams() throws Exception {
        String csv = Files.readString(Path.of("docs/examples/plan-import.csv"), StandardCharsets.UTF_8);
        String code = nextCode();
        Api.Response dry = importCsv(admin, "code=" + code + "&name=Example&dryRun=true&createTeams=true", csv);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().path("steps").asInt()).isEqualTo(5);
        assertThat(query("SELECT 1 FROM plans WHERE code = ?", null, rs -> 1, code)).as("a dry run writes nothing").isEmpty();

        Api.Response r = importCsv(admin, "code=" + code + "&name=Example&createTeams=true", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode report = r.json();
        assertThat(report.path("macroPhases").asInt()).isEqualTo(2);
        assertThat(report.path("chapters").asInt()).isEqualTo(3);
        assertThat(report.path("steps").asInt()).isEqualTo(5);
        assertThat(report.path("tasks").asInt()).isEqualTo(7);
        assertThat(report.path("controls").asInt()).isEqualTo(3);
        assertThat(report.path("dependencies").asInt()).isEqualTo(5);
        UUID plan = planId(code);
        assertThat(r.header("Location")).endsWith("/plans/" + plan);

        List<String> steps = query("SELECT s.code || '|' || s.title || '|' || coalesce(s.description, '') || '|' || t.code || '|' "
                + "|| s.planned_duration_minutes || '|' || s.go_no_go || '|' || ch.name FROM steps s JOIN teams t ON t.id = s.owner_team_id "
                + "JOIN chapters ch ON ch.id = s.chapter_id WHERE s.plan_id = ? ORDER BY s.code", null, rs -> rs.getString(1), plan);
        assertThat(steps).containsExactly(
                "GON-20|Go / no-go decision||OPS|15|true|Go / no-go",
                "PRE-1|Announce the change freeze|Mail every team; the freeze starts at 18:00, \"no exceptions\"|OPS|15|false|Freeze",
                "PRE-2|Back up the core database||DBA|60|false|Freeze",
                "TRT-10|Stop batch & interfaces|Stop, in order:\n1. batch\n2. interfaces|OPS|30|false|Move & switch",
                "TRT-11|Copy the data \u2013 caf\u00e9 ledger||DBA|120|false|Move & switch");
        List<String> deps = query("SELECT p.code || '>' || s.code FROM step_dependencies d JOIN steps p ON p.id = d.predecessor_step_id "
                + "JOIN steps s ON s.id = d.successor_step_id WHERE d.plan_id = ? ORDER BY 1", null, rs -> rs.getString(1), plan);
        assertThat(deps).containsExactly("PRE-1>PRE-2", "PRE-2>GON-20", "PRE-2>TRT-10", "TRT-10>TRT-11", "TRT-11>GON-20");
        List<String> tasks = query("SELECT s.code || '#' || t.position || ' ' || t.title || ' @' || tm.code FROM tasks t "
                + "JOIN steps s ON s.id = t.step_id JOIN teams tm ON tm.id = t.assigned_team_id WHERE s.plan_id = ? AND s.code = 'TRT-10' "
                + "ORDER BY t.position", null, rs -> rs.getString(1), plan);
        assertThat(tasks).containsExactly("TRT-10#0 Stop the batch scheduler @OPS", "TRT-10#1 Close the interfaces @NET");
        List<String> controls = query("SELECT c.code || ':' || c.critical || ':' || string_agg(t.title, ',') FROM controls c "
                + "JOIN task_controls_link l ON l.control_id = c.id JOIN tasks t ON t.id = l.task_id WHERE c.plan_id = ? "
                + "GROUP BY c.code, c.critical ORDER BY c.code", null, rs -> rs.getString(1), plan);
        assertThat(controls).containsExactly("CTL-BACKUP:false:Start the full backup", "CTL-BALANCES:true:Confirm balances match",
                "CTL-CHECKSUM:true:Verify the backup checksum");
        List<String> impacted = query("SELECT string_agg(t.code, ',' ORDER BY t.code) FROM step_impacted_teams i "
                + "JOIN teams t ON t.id = i.team_id JOIN steps s ON s.id = i.step_id WHERE s.code = 'GON-20' AND s.plan_id = ?",
                null, rs -> rs.getString(1), plan);
        assertThat(impacted).containsExactly("DBA,NET,OPS");
        assertThat(query("SELECT details->>'steps' FROM event_log WHERE event_type = 'PLAN_IMPORTED' AND details->>'code' = ?",
                null, rs -> rs.getString(1), code)).containsExactly("5");
        // The plan can be read back through the authoring API.
        assertThat(pilot.get("/plans/" + plan + "/steps").json().path("total").asInt()).isEqualTo(5);
    }

    @Test
    void quotedFieldsEntitiesBomAndNominatedUsersSurvive() {
        String code = nextCode();
        String csv = "\uFEFF" + HEADER
                + "\"Phase, one\",Ch&#x41;pter,CHK-1,\"Say \"\"hello\"\", &lt;world&gt;\",\"multi\r\nline &amp; more\"," + ops + ",\""
                + ops + " ; " + dba + "\",45,1,,\"Task, with comma\"," + dba + "," + nominee + ",,\r\n";
        Api.Response r = importCsv(admin, "code=" + code + "&name=Quoted", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        UUID plan = planId(code);
        assertThat(query("SELECT mp.name || '|' || ch.name || '|' || s.title || '|' || s.description || '|' || s.go_no_go "
                + "FROM steps s JOIN chapters ch ON ch.id = s.chapter_id JOIN macro_phases mp ON mp.id = ch.macro_phase_id "
                + "WHERE s.plan_id = ?", null, rs -> rs.getString(1), plan))
                .containsExactly("Phase, one|ChApter|Say \"hello\", <world>|multi\nline & more|true");
        assertThat(query("SELECT t.title || '|' || u.username FROM tasks t JOIN users u ON u.id = t.nominated_user_id "
                + "JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?", null, rs -> rs.getString(1), plan))
                .containsExactly("Task, with comma|" + nominee);
        assertThat(query("SELECT count(*) FROM step_impacted_teams i JOIN steps s ON s.id = i.step_id WHERE s.plan_id = ?",
                null, rs -> rs.getInt(1), plan)).containsExactly(2);
    }

    @Test
    void aFileWithSeveralBadLinesIsRefusedWholeNamingEachLine() {
        String code = nextCode();
        String csv = HEADER
                + "P,C,PRE-1,Fine,,"  + ops + ",,10,,,Task,"  + ops + ",,,\r\n"              // 2 fine
                + "P,C,PRE 2,Bad code,," + ops + ",,10,,,,,,,\r\n"                           // 3 bad step code
                + "P,C,PRE-3,Bad minutes,," + ops + ",,0,,,,,,,\r\n"                         // 4 duration out of range
                + "P,C,PRE-4,Unknown team,,NO-SUCH-TEAM,,10,,,,,,,\r\n"                      // 5 unknown team
                + "P,C,PRE-5,Unknown user,," + ops + ",,10,,,T," + ops + ",ghost-user,,\r\n" // 6 unknown user
                + "P,C,PRE-6,Missing pred,," + ops + ",,10,,XYZ-1,,,,,\r\n"                  // 7 unknown predecessor
                + "P,C,PRE-7,\"Broken \"quote,," + ops + ",,10,,,,,,,\r\n";                   // 8 text after closing quote
        String before = DbSnapshot.take(db);
        Api.Response r = importCsv(admin, "code=" + code + "&name=Broken", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        JsonNode body = r.json();
        assertThat(body.path("error").asText()).isEqualTo("import_rejected");
        assertThat(body.path("message").asText()).contains("nothing was imported");
        List<Integer> lines = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        body.path("details").path("problems").forEach(p -> {
            lines.add(p.path("line").asInt());
            columns.add(p.path("column").asText(""));
            assertThat(p.path("message").asText()).isNotBlank();
        });
        assertThat(lines).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(columns).containsExactly("step_code", "duration_minutes", "owner_team", "nominated_user", "predecessors", "");
        assertThat(body.path("details").path("problemCount").asInt()).isEqualTo(6);
        assertThat(DbSnapshot.take(db)).as("nothing written").isEqualTo(before);

        // The same file as a dry run gives the same report.
        Api.Response dry = importCsv(admin, "code=" + code + "&name=Broken&dryRun=true", csv);
        assertThat(dry.status()).isEqualTo(422);
        assertThat(dry.json().path("details").path("problemCount").asInt()).isEqualTo(6);
    }

    @Test
    void aCycleInTheFileIsRefused() {
        String csv = HEADER
                + "P,C,A-1,a,," + ops + ",,5,,C-3,,,,,\r\n"
                + "P,C,B-2,b,," + ops + ",,5,,A-1,,,,,\r\n"
                + "P,C,C-3,c,," + ops + ",,5,,B-2,,,,,\r\n";
        Api.Response r = importCsv(admin, "code=" + nextCode() + "&name=Cyclic", csv);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("details").path("problems").get(0).path("message").asText()).contains("A-1 -> B-2 -> C-3 -> A-1");
    }

    @Test
    void refusalsOutsideTheFile() {
        String csv = HEADER + "P,C,A-1,a,," + ops + ",,5,,,,,,,\r\n";
        String before = DbSnapshot.take(db);
        assertThat(importCsv(pilot, "code=" + nextCode() + "&name=x", csv).status()).isEqualTo(403);
        assertThat(importCsv(admin, "name=x", csv).json().path("field").asText()).isEqualTo("code");
        assertThat(importCsv(admin, "code=" + nextCode(), csv).json().path("field").asText()).isEqualTo("name");
        Api.Response latin1 = admin.raw("POST", "/import/plan?code=" + nextCode() + "&name=x", "text/csv",
                (HEADER + "P,Caf\u00e9,A-1,a,," + ops + ",,5,,,,,,,\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.json().path("error").asText()).isEqualTo("invalid_encoding");
        byte[] huge = new byte[(10 << 20) + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        Api.Response tooLarge = admin.raw("POST", "/import/plan?code=" + nextCode() + "&name=x", CSV, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").asText()).isEqualTo("payload_too_large");
        assertThat(admin.withoutXsrfHeader().raw("POST", "/import/plan?code=" + nextCode() + "&name=x", CSV,
                csv.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        assertThat(DbSnapshot.take(db)).isEqualTo(before);
        String code = nextCode();
        assertThat(importCsv(admin, "code=" + code + "&name=x", csv).status()).isEqualTo(201);
        assertThat(importCsv(admin, "code=" + code + "&name=x", csv).json().path("field").asText()).isEqualTo("code");
    }

    /** 3,000 task rows (1,200 steps in 40 chapters, chains with joins, controls): imported in one request. */
    @Test
    void threeThousandRowsImportInSeconds() {
        String csv = GeneratedImportCsv.threeThousandRows(ops, dba);
        long rows = csv.lines().count() - 1;
        assertThat(rows).isEqualTo(3000);
        String code = nextCode();
        long started = System.nanoTime();
        Api.Response r = importCsv(admin, "code=" + code + "&name=Big", csv);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("rows").asInt()).isEqualTo(3000);
        assertThat(r.json().path("steps").asInt()).isEqualTo(1200);
        assertThat(r.json().path("tasks").asInt()).isEqualTo(3000);
        assertThat(query("SELECT count(*) FROM tasks t JOIN steps s ON s.id = t.step_id WHERE s.plan_id = ?", null,
                rs -> rs.getInt(1), planId(code))).containsExactly(3000);
        // A second import of the same file under another code: the figure once the JIT has warmed up.
        long again = System.nanoTime();
        Api.Response second = importCsv(admin, "code=" + nextCode() + "&name=Big%20again", csv);
        assertThat(second.status()).isEqualTo(201);
        System.out.printf("CSV import of %d rows (%d bytes): first %d ms round trip (%d ms in the server), second %d ms (%d ms)%n",
                rows, csv.length(), millis, r.json().path("millis").asLong(), (System.nanoTime() - again) / 1_000_000,
                second.json().path("millis").asLong());
    }

    /**
     * The messy example of docs/import-csv.md: one dry run names each problem (and only real ones), and the report
     * kept beside it in docs/examples is the one the server gives (regenerate with -Dcutplan.writeExamples=true).
     */
    @Test
    void theMessyExampleIsReportedAsDocumented() throws Exception {
        String csv = Files.readString(Path.of("docs/examples/messy-plan.csv"), StandardCharsets.UTF_8);
        Api.Response dry = importCsv(admin, "code=" + nextCode() + "&name=Messy&dryRun=true&createTeams=true", csv);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(422);
        JsonNode details = dry.json().path("details");
        List<String> found = new ArrayList<>();
        details.path("problems").forEach(p -> found.add(p.path("code").asText() + "@" + p.path("line").asInt()));
        assertThat(found).containsExactlyInAnyOrder("self_dependency@4", "missing_value@7", "dependency_cycle@8",
                "unknown_predecessor@10", "missing_value@11", "too_long@11", "duplicate_step@12", "conflicting_step@14");
        JsonNode cycle = java.util.stream.StreamSupport.stream(details.path("problems").spliterator(), false)
                .filter(p -> p.path("code").asText().equals("dependency_cycle")).findFirst().orElseThrow();
        assertThat(cycle.path("dependency").asText()).isEqualTo("TRT-12 -> TRT-10");
        Path report = Path.of("docs/examples/messy-plan-report.json");
        String pretty = io.cutplan.api.JsonMapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(dry.json()) + "\n";
        if (Boolean.getBoolean("cutplan.writeExamples")) {
            Files.writeString(report, pretty, StandardCharsets.UTF_8);
        }
        assertThat(pretty).as("docs/examples/messy-plan-report.json is the server's answer").isEqualTo(Files.readString(report));
    }
}
