package io.cutplan.api.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutplan.domain.Role;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated spreadsheet export as messy as real ones (1,100 steps, 30 disjoint cycles, 200 self-dependencies, 20
 * unknown predecessors, 300 steps without macro-phase, identical and conflicting repeats, instructions of several
 * thousand characters over many lines, one team typed three ways): ONE dry run reports everything, each problem once;
 * repair mode imports it with one warning per repair.
 */
class MessyImportApiTest {
    private static final int STEPS = 1100;
    private static final int CYCLES = 30;
    private static final String HEADER = "macro_phase,chapter,step_code,step_title,step_description,owner_team,duration_minutes,"
            + "predecessors,task_title,task_description,task_team\r\n";

    private static Database db;
    private static Api admin;
    private static final String[] TEAM_SPELLINGS = {"MSY_NETOPS", "messy network ops", "Messy  Network OPS"};

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        admin = host.as(Fixtures.in(db).user("messy-admin", Role.ADMIN).username());
        if (db.transactor().readOnly(c -> Jdbc.one(c, "SELECT 1 FROM teams WHERE code = 'MSY_NETOPS'", rs -> 1)).isEmpty()) {
            assertThat(admin.post("/teams", Map.of("code", "MSY_NETOPS", "name", "Messy Network Ops")).status()).isEqualTo(201);
        }
    }

    /** Where cycle j sits: steps a..a+3 chained, and step a also waits for a+3. */
    private static int cycleStart(int j) {
        return 30 * j + 5;
    }

    private static boolean selfDependent(int i) {
        return i % 5 == 2 && i <= 1000;
    }

    private static boolean withoutMacroPhase(int i) {
        return i % 3 == 1 && i <= 900;
    }

    private static boolean ghostPredecessor(int i) {
        return i % 50 == 3 && i <= 1000;
    }

    private static final int[] IDENTICAL = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    private static final int[] CONFLICTING = {150, 250, 350, 450, 550};
    private static final int[] OVERLONG = {60, 61, 62};

    private static String record(int i, boolean conflicting) {
        StringBuilder preds = new StringBuilder(i == 1 ? "" : "S-" + (i - 1));
        for (int j = 0; j < CYCLES; j++) {
            if (i == cycleStart(j)) {
                preds.append(";S-").append(cycleStart(j) + 3);
            }
        }
        if (selfDependent(i)) {
            preds.append(" S-").append(i);
        }
        if (ghostPredecessor(i)) {
            preds.append(",GHOST-").append(i);
        }
        int chapter = (i - 1) / 20;
        String phase = withoutMacroPhase(i) ? "" : "Phase " + (chapter / 10);
        String title = conflicting ? "A different step that reuses the code" : Arrays2.contains(OVERLONG, i)
                ? "Switch over " + "and verify everything ".repeat(30) : "Step " + i;
        String team = TEAM_SPELLINGS[i % 3];
        StringBuilder instructions = new StringBuilder();
        if (i % 20 == 0) {
            for (int line = 1; line <= 60; line++) {
                instructions.append("Line ").append(line).append(": check the interface \"IF-").append(line)
                        .append("\", then confirm with the owner, see https://example.org/runbook#").append(line).append('\n');
            }
        }
        String description = instructions.length() == 0 ? "" : "\"" + instructions.toString().replace("\"", "\"\"") + "\"";
        return phase + ",Chapter " + chapter + ",S-" + i + ",\"" + title + "\",," + team + ",15,\"" + preds + "\",Task A of " + i + ","
                + description + "," + team + "\r\n"
                + phase + ",Chapter " + chapter + ",S-" + i + ",,,,,,Task B of " + i + ",," + TEAM_SPELLINGS[(i + 1) % 3] + "\r\n";
    }

    static String messyFile(boolean withConflicts) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= STEPS; i++) {
            csv.append(record(i, false));
        }
        for (int i : IDENTICAL) {
            csv.append(record(i, false));
        }
        if (withConflicts) {
            for (int i : CONFLICTING) {
                csv.append(record(i, true));
            }
        }
        return csv.toString();
    }

    private static Api.Response importCsv(String query, String csv) {
        return admin.raw("POST", "/import/plan?" + query, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Integer> counts(JsonNode countsNode) {
        Map<String, Integer> out = new HashMap<>();
        countsNode.forEach(c -> out.put(c.path("code").asText(), c.path("count").asInt()));
        return out;
    }

    @Test
    void oneDryRunReportsEveryProblemOnce() {
        String csv = messyFile(true);
        assertThat(csv.length()).isGreaterThan(200_000);
        String before = DbSnapshot.take(db);
        Api.Response dry = importCsv("code=MESSY-DRY&name=Messy&dryRun=true", csv);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(422);
        JsonNode details = dry.json().path("details");
        assertThat(details.path("truncated").asBoolean()).isFalse();
        Map<String, Integer> counts = counts(details.path("counts"));
        assertThat(counts).containsEntry("dependency_cycle", CYCLES).containsEntry("self_dependency", 200)
                .containsEntry("unknown_predecessor", 20).containsEntry("missing_value", 300)
                .containsEntry("duplicate_step", IDENTICAL.length).containsEntry("conflicting_step", CONFLICTING.length)
                .containsEntry("too_long", OVERLONG.length).doesNotContainKey("unknown_team");
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(details.path("problemCount").asInt());

        Set<String> seen = new HashSet<>();
        List<String> cycleSteps = new ArrayList<>();
        for (JsonNode p : details.path("problems")) {
            String identity = p.path("code").asText() + "|" + p.path("line").asInt() + "|" + p.path("steps") + "|" + p.path("dependency");
            assertThat(seen.add(identity)).as("reported once: " + identity).isTrue();
            assertThat(p.path("message").asText()).isNotBlank();
            if (p.path("code").asText().equals("unknown_predecessor")) {
                assertThat(p.path("dependency").asText()).as("only the ghosts are unknown").startsWith("GHOST-");
            }
            if (p.path("code").asText().equals("dependency_cycle")) {
                p.path("steps").forEach(s -> cycleSteps.add(s.asText()));
            }
            if (p.path("code").asText().equals("conflicting_step")) {
                assertThat(p.path("repairable").asBoolean()).isFalse();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < CYCLES; j++) {
            for (int k = 0; k < 4; k++) {
                expected.add("S-" + (cycleStart(j) + k));
            }
        }
        assertThat(cycleSteps).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(details.path("problemCount").asInt()).isEqualTo(seen.size());

        // The real import of the same file (repair or not: a conflicting step cannot be repaired) changes nothing.
        assertThat(importCsv("code=MESSY-REFUSED&name=Messy", csv).status()).isEqualTo(422);
        Api.Response refused = importCsv("code=MESSY-REFUSED&name=Messy&repair=true", csv);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("message").asText()).contains(CONFLICTING.length + " of them cannot be repaired");
        assertThat(DbSnapshot.take(db)).as("database unchanged").isEqualTo(before);
    }

    @Test
    void repairModeImportsWithOneWarningPerRepair() {
        String csv = messyFile(false);
        Api.Response r = importCsv("code=MESSY-REPAIRED&name=Messy%20repaired&repair=true", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode report = r.json();
        Map<String, Integer> counts = counts(report.path("warningCounts"));
        assertThat(counts).isEqualTo(Map.of("dependency_cycle", CYCLES, "self_dependency", 200, "unknown_predecessor", 20,
                "missing_value", 300, "duplicate_step", IDENTICAL.length, "too_long", OVERLONG.length));
        Set<String> dropped = new HashSet<>();
        for (JsonNode w : report.path("warnings")) {
            if (w.path("code").asText().equals("dependency_cycle")) {
                assertThat(w.path("message").asText()).startsWith("Dropped the dependency " + w.path("dependency").asText());
                dropped.add(w.path("dependency").asText());
            }
        }
        Set<String> expected = new HashSet<>();
        for (int j = 0; j < CYCLES; j++) {
            expected.add("S-" + (cycleStart(j) + 3) + " -> S-" + cycleStart(j));
        }
        assertThat(dropped).isEqualTo(expected);
        assertThat(report.path("steps").asInt()).isEqualTo(STEPS);
        assertThat(report.path("tasks").asInt()).as("identical repeats merged, tasks never doubled").isEqualTo(2 * STEPS);
        assertThat(report.path("teamsCreated")).isEmpty();

        UUID plan = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT id FROM plans WHERE code = 'MESSY-REPAIRED'",
                rs -> Jdbc.uuid(rs, "id"))).orElseThrow();
        int dependencies = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM step_dependencies WHERE plan_id = ?",
                rs -> rs.getInt(1), plan)).orElseThrow();
        assertThat(dependencies).as("the chain is kept; self, ghost and cycle-closing dependencies dropped").isEqualTo(STEPS - 1);
        String description = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT t.description FROM tasks t JOIN steps s ON s.id = t.step_id "
                + "WHERE s.plan_id = ? AND s.code = 'S-40' AND t.position = 0", rs -> rs.getString(1), plan)).orElseThrow();
        assertThat(description).hasSizeGreaterThan(3000).contains("\nLine 60: check the interface \"IF-60\"");
        String overlong = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT title || '|' || description FROM steps WHERE plan_id = ? "
                + "AND code = 'S-60'", rs -> rs.getString(1), plan)).orElseThrow();
        assertThat(overlong.substring(0, overlong.indexOf('|'))).hasSizeLessThanOrEqualTo(500).endsWith("\u2026");
        assertThat(overlong).contains("|Switch over and verify");
        int teams = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(DISTINCT owner_team_id) FROM steps WHERE plan_id = ?",
                rs -> rs.getInt(1), plan)).orElseThrow();
        assertThat(teams).as("three spellings, one team").isEqualTo(1);
        int phaseless = db.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM macro_phases WHERE plan_id = ? AND name = 'Unassigned'",
                rs -> rs.getInt(1), plan)).orElseThrow();
        assertThat(phaseless).as("steps without macro-phase join their chapter's").isZero();
    }

    /** Small helper so the generator reads plainly. */
    private static final class Arrays2 {
        static boolean contains(int[] values, int v) {
            for (int x : values) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }
    }
}
