package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.service.mail.MailTemplate;
import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds finding 10 of issue 15 over real HTTP with raw bytes: on main before the fix a lone surrogate {@code \ud800}
 * was stored as {@code ?} and overlong UTF-8 {@code C0 AF} as {@code /} (both 201), a comment of only NBSP or
 * zero-width characters was accepted, and U+202E in a title made {@code gnp.exe} show as {@code exe.png} in the
 * runsheet and in mail subjects. Every refusal is a 400 naming the field, and the database is unchanged.
 */
class TextHardeningApiTest {
    private static final String JSON = "application/json";
    private static Database db;
    private static Api admin;
    private static UUID iteration;
    private static UUID stepInstance;
    private static final String UNIQUE = Long.toString(System.nanoTime() % 1_000_000);

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        db = host.database();
        Fixtures fx = Fixtures.in(db);
        UUID ops = fx.team("TXT");
        admin = host.as(fx.user("texter", Role.ADMIN).username());
        Fixtures.Plan plan = fx.plan("Text");
        UUID step = plan.step("TXT-1", "Check the text", ops);
        iteration = plan.iteration("TXT1");
        stepInstance = plan.stepInstance(iteration, step);
    }

    private static byte[] bytes(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static long count(String sql) {
        return db.transactor().readOnly(c -> Jdbc.one(c, sql, rs -> rs.getLong(1))).orElseThrow();
    }

    private static String comments() {
        return "/iterations/" + iteration + "/steps/" + stepInstance + "/comments";
    }

    private static void refused(Api.Response r, String code, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).as(r.toString()).isEqualTo(code);
        assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
    }

    @Test
    void overlongUtf8AndLoneSurrogatesAreRefusedNamingTheFieldAndNothingIsStored() {
        long teams = count("SELECT count(*) FROM teams");
        long comments = count("SELECT count(*) FROM comments");
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};

        refused(admin.raw("POST", "/teams", JSON, bytes("{\"code\":\"ENC1\",\"name\":\"..", overlongSlash, "etc\"}")),
                "invalid_encoding", "name");
        refused(admin.raw("POST", "/teams", JSON, "{\"code\":\"ENC2\",\"name\":\"bad \\ud800 half\"}"
                .getBytes(StandardCharsets.UTF_8)), "invalid_encoding", "name");
        refused(admin.raw("POST", comments(), JSON, bytes("{\"body\":\"", overlongSlash, "\"}")), "invalid_encoding", "body");
        refused(admin.raw("POST", comments(), JSON, "{\"body\":\"\\udfff\"}".getBytes(StandardCharsets.UTF_8)),
                "invalid_encoding", "body");
        assertThat(count("SELECT count(*) FROM teams")).isEqualTo(teams);
        assertThat(count("SELECT count(*) FROM comments")).isEqualTo(comments);

        // A real pair is a character, and goes through whole.
        Api.Response emoji = admin.raw("POST", comments(), JSON, "{\"body\":\"done \\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
        assertThat(db.transactor().readOnly(c -> Jdbc.one(c, "SELECT body FROM comments WHERE step_instance_id = ? "
                + "ORDER BY created_at DESC LIMIT 1", rs -> rs.getString(1), stepInstance)).orElseThrow()).isEqualTo("done \uD83D\uDE00");
    }

    @Test
    void csvImportOfMalformedUtf8IsRefused() {
        long plans = count("SELECT count(*) FROM plans");
        String header = "macro_phase,chapter,step_code,step_title,step_description,owner_team,impacted_teams,"
                + "duration_minutes,go_no_go,predecessors,task_title,task_team,nominated_user,controls,critical_controls\r\n";
        byte[] csv = bytes(header + "Prep,Ch,ENC-1,Read ", new byte[] {(byte) 0xC0, (byte) 0xAF}, "etc,,TXT,,10,,,,,,,\r\n");
        Api.Response r = admin.raw("POST", "/import/plan?code=ENC-PLAN&name=Enc", "text/csv; charset=utf-8", csv);
        refused(r, "invalid_encoding", "body");
        assertThat(count("SELECT count(*) FROM plans")).isEqualTo(plans);
    }

    @Test
    void textOfOnlyInvisibleCharactersIsBlank() {
        long comments = count("SELECT count(*) FROM comments");
        long teams = count("SELECT count(*) FROM teams");
        for (String invisible : new String[] {"\u00A0\u00A0", "\u200B", "\u200C\u200D\u2060", "\uFEFF", " \u3000\u202F\u00AD "}) {
            Api.Response r = admin.post(comments(), Map.of("body", invisible));
            refused(r, "invalid_input", "body");
            assertThat(r.json().path("message").asText()).contains("invisible");
            refused(admin.post("/teams", Map.of("code", "INV" + Math.abs(invisible.hashCode() % 1000), "name", invisible)),
                    "invalid_input", "name");
        }
        assertThat(count("SELECT count(*) FROM comments")).isEqualTo(comments);
        assertThat(count("SELECT count(*) FROM teams")).isEqualTo(teams);

        // Invisible characters around a visible name are trimmed like spaces (no look-alike duplicates).
        Api.Response t = admin.post("/teams", Map.of("code", "ZWS" + UNIQUE, "name", "\u200BOperations\u00A0"));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        assertThat(t.json().path("name").asText()).isEqualTo("Operations");
    }

    @Test
    void bidirectionalControlsAreRefusedInNamesTitlesAndFreeText() {
        long teams = count("SELECT count(*) FROM teams");
        long plans = count("SELECT count(*) FROM plans");
        long comments = count("SELECT count(*) FROM comments");
        for (String control : new String[] {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
            Api.Response r = admin.post("/teams", Map.of("code", "BIDI", "name", "Report " + control + "gnp.exe"));
            refused(r, "invalid_input", "name");
            assertThat(r.json().path("message").asText()).contains("bidirectional").contains(
                    String.format("U+%04X", (int) control.charAt(0)));
        }
        refused(admin.post("/plans", Map.of("code", "BIDI-P", "name", "Plan", "description", "see \u202Efdp.exe")),
                "invalid_input", "description");
        refused(admin.post(comments(), Map.of("body", "open \u2067invoice\u2069.exe")), "invalid_input", "body");
        assertThat(count("SELECT count(*) FROM teams")).isEqualTo(teams);
        assertThat(count("SELECT count(*) FROM plans")).isEqualTo(plans);
        assertThat(count("SELECT count(*) FROM comments")).isEqualTo(comments);
        // Right-to-left text itself is welcome; only the invisible reordering controls are not.
        assertThat(admin.post("/teams", Map.of("code", "RTL" + UNIQUE, "name", "צוות שרתים")).status()).isEqualTo(201);
    }

    @Test
    void mailSubjectsNeverCarryBidirectionalControls() {
        assertThat(MailTemplate.oneLine("[Cutplan] RUN1 · \u202Egnp.exe is READY\u2069", 200))
                .isEqualTo("[Cutplan] RUN1 · gnp.exe is READY");
    }
}
