package io.cutplan.api;

import static io.cutplan.api.ScheduleTestData.entries;
import static io.cutplan.api.ScheduleTestData.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.domain.schedule.CsvReader;
import io.cutplan.store.Database;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /schedule/export parsed with a real HTML parser (jsoup) and a strict CSV reader. */
class ScheduleExportTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTRIBUTE_BREAKER = "\" onmouseover=\"alert(1)";
    private static final String ENTITY = "Backup &amp; restore";
    private static final String CSV_HOSTILE = "Copy, verify \"all\" data\nthen report";
    private static final String IMG = "<img src=https://evil.example/x.png onerror=alert(1)>";
    private static final String FORMULA = "=HYPERLINK(\"https://evil.example\")";
    private static final String UMLAUT = "Übergabe Zürich";
    private static final List<String> NAMES = List.of(SCRIPT, ATTRIBUTE_BREAKER, ENTITY, CSV_HOSTILE, IMG, FORMULA, UMLAUT);

    private static final Instant W0 = Instant.parse("2027-03-27T00:00:00Z");
    private static final Instant W1 = Instant.parse("2027-11-01T00:00:00Z");

    private final Database db = TestHost.get().database();
    private final ScheduleTestData data = new ScheduleTestData(db);
    private Fixtures.Plan plan;
    private final List<UUID> chapters = new ArrayList<>();
    private final List<UUID> steps = new ArrayList<>();
    private UUID iteration;
    private Api pilot;
    private Api normal;

    @BeforeEach
    void plan() {
        Fixtures fx = Fixtures.in(db);
        UUID team = fx.team("OPS");
        plan = fx.plan("Export");
        plan.phase("Phase <i>one</i> & \"more\"");
        for (int i = 0; i < NAMES.size(); i++) {
            if (i == 4) {
                plan.phase("Phase two");
            }
            chapters.add(plan.chapter(NAMES.get(i)));
            steps.add(plan.step("TRT-" + (i + 1), "Step " + i, team));
        }
        plan.chapter("Out of scope");
        UUID outOfScope = plan.step("TRT-99", "Not in this iteration", team);
        iteration = plan.iteration("DR1", Set.copyOf(steps));
        assertThat(outOfScope).isNotIn(steps);
        data.window(iteration, W0, W1);
        pilot = TestHost.get().as(fx.user("pilot", Role.PILOT).username());
        normal = TestHost.get().as(fx.user("reader", Role.NORMAL).username());
    }

    private String export(String query) {
        Api.Response r = normal.get("/schedule/export?iteration=" + iteration + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    private static Element table(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.body().children()).hasSize(1);
        Element table = doc.body().child(0);
        assertThat(table.tagName()).isEqualTo("table");
        return table;
    }

    private static List<String> column(Element table, int index) {
        List<String> out = new ArrayList<>();
        for (Element tr : table.select("tbody > tr")) {
            out.add(tr.child(index).wholeText());
        }
        return out;
    }

    @Test
    void exportsExactlyTheIterationsChaptersInOrderWithHostileTextEscapedAndNothingActive() {
        String html = export("&tz=Europe/Zurich");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContain("onmouseover=\"").doesNotContain("Out of scope");
        Element table = table(html);
        assertThat(column(table, 1)).containsExactlyElementsOf(NAMES);
        assertThat(column(table, 0)).containsExactly("Phase <i>one</i> & \"more\"", "Phase <i>one</i> & \"more\"",
                "Phase <i>one</i> & \"more\"", "Phase <i>one</i> & \"more\"", "Phase two", "Phase two", "Phase two");
        assertThat(table.select("th").eachText()).containsExactly("Macro-phase", "Chapter",
                "Planned start (Europe/Zurich)", "Planned end (Europe/Zurich)", "Planned duration");

        Elements all = table.getAllElements();
        assertThat(table.select("script, img, a, link, style, iframe, object, embed, form, input")).isEmpty();
        Pattern external = Pattern.compile("(?i)(https?:|//|javascript:|url\\s*\\(|expression\\s*\\(|@import)");
        for (Element e : all) {
            assertThat(e.tagName()).isIn("table", "caption", "thead", "tbody", "tr", "th", "td");
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).isIn("style", "colspan");
                assertThat(a.getKey()).doesNotStartWithIgnoringCase("on");
                assertThat(external.matcher(a.getValue()).find()).as("%s=%s", a.getKey(), a.getValue()).isFalse();
            }
            assertThat(e.tagName().equals("table") || e.tagName().equals("thead") || e.tagName().equals("tbody")
                    || e.tagName().equals("tr") || e.hasAttr("style")).as("inline style on <%s>", e.tagName()).isTrue();
        }
        assertThat(table.attr("style")).contains("border-collapse").doesNotContainIgnoringCase("monospace");
        assertThat(table.selectFirst("th").attr("style")).contains("background-color").contains("border");

        String caption = table.selectFirst("caption").wholeText();
        String migration = db.transactor().readOnly(c -> io.cutplan.store.Jdbc.one(c,
                "SELECT name || ' (' || code || ')' FROM migrations WHERE id = ?", rs -> rs.getString(1), plan.migration()))
                .orElseThrow();
        assertThat(caption).contains("migration " + migration).contains("iteration Iteration DR1 (DR1)")
                .containsPattern("as of \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} [+-]\\d{2}:\\d{2}").contains("times in Europe/Zurich");
    }

    @Test
    void timesAreLocalToTheStatedZoneAcrossBothDaylightSavingChanges() {
        // Zurich springs forward on 2027-03-28 at 01:00 UTC (02:00 -> 03:00) and falls back on 2027-10-31 at 01:00 UTC.
        Api.Response put = pilot.put("/iterations/" + iteration + "/schedule", entries(
                entry(chapters.get(0), "2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"),
                entry(chapters.get(1), "2027-10-31T00:15:00Z", "2027-10-31T01:45:00Z")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        Element zurich = table(export("&tz=Europe/Zurich"));
        Element spring = zurich.select("tbody > tr").get(0);
        assertThat(spring.child(2).text()).isEqualTo("2027-03-28 01:30 +01:00");
        assertThat(spring.child(3).text()).isEqualTo("2027-03-28 03:30 +02:00");
        assertThat(spring.child(4).text()).isEqualTo("1 h 00 min");
        Element autumn = zurich.select("tbody > tr").get(1);
        assertThat(autumn.child(2).text()).isEqualTo("2027-10-31 02:15 +02:00");
        assertThat(autumn.child(3).text()).isEqualTo("2027-10-31 02:45 +01:00");
        assertThat(autumn.child(4).text()).isEqualTo("1 h 30 min");
        assertThat(zurich.select("tbody > tr").get(2).child(2).text()).as("unplanned chapter").isEmpty();

        Element utc = table(export("&tz=UTC"));
        assertThat(utc.select("tbody > tr").get(0).child(2).text()).isEqualTo("2027-03-28 00:30 +00:00");
        assertThat(utc.select("th").get(2).text()).isEqualTo("Planned start (UTC)");
        assertThat(utc.selectFirst("caption").text()).contains("times in UTC");

        Element server = table(export(""));
        assertThat(server.selectFirst("caption").text()).contains("times in " + ZoneId.systemDefault().getId());
    }

    @Test
    void actualColumnsAppearOnceTheIterationHasRun() {
        pilot.put("/iterations/" + iteration + "/schedule", entries(
                entry(chapters.get(0), "2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"),
                entry(chapters.get(1), "2027-03-28T02:00:00Z", "2027-03-28T03:00:00Z")));
        assertThat(table(export("&tz=Europe/Zurich")).select("th")).hasSize(5);

        data.stepRan(plan.stepInstance(iteration, steps.get(0)), "DONE",
                Instant.parse("2027-03-28T00:35:00Z"), Instant.parse("2027-03-28T01:50:00Z"));
        data.stepRan(plan.stepInstance(iteration, steps.get(1)), "IN_PROGRESS", Instant.parse("2027-03-28T01:55:00Z"), null);
        Element table = table(export("&tz=Europe/Zurich"));
        assertThat(table.select("th").eachText()).containsExactly("Macro-phase", "Chapter",
                "Planned start (Europe/Zurich)", "Planned end (Europe/Zurich)", "Planned duration",
                "Actual start (Europe/Zurich)", "Actual end (Europe/Zurich)", "Variance");
        Element done = table.select("tbody > tr").get(0);
        assertThat(done.child(5).text()).isEqualTo("2027-03-28 01:35 +01:00");
        assertThat(done.child(6).text()).isEqualTo("2027-03-28 03:50 +02:00");
        assertThat(done.child(7).text()).isEqualTo("20 min late");
        assertThat(done.child(7).attr("style")).contains("color:#bf2600");
        Element running = table.select("tbody > tr").get(1);
        assertThat(running.child(5).text()).isEqualTo("2027-03-28 03:55 +02:00");
        assertThat(running.child(6).text()).isEmpty();
        assertThat(running.child(7).text()).isEmpty();
    }

    @Test
    void csvCarriesTheSameRowsQuotedSoTheyReadBack() {
        pilot.put("/iterations/" + iteration + "/schedule", entries(
                entry(chapters.get(3), "2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z")));
        Api.Response r = normal.get("/schedule/export?iteration=" + iteration + "&tz=Europe/Zurich&format=csv");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(r.body()).contains("\r\n");
        List<List<String>> rows = CsvReader.parse(r.body());
        assertThat(rows.get(0)).containsExactly("Macro-phase", "Chapter", "Planned start (Europe/Zurich)",
                "Planned end (Europe/Zurich)", "Planned duration");
        List<String> names = rows.subList(1, rows.size()).stream().map(row -> row.get(1)).toList();
        List<String> expected = new ArrayList<>(NAMES);
        expected.set(NAMES.indexOf(FORMULA), "'" + FORMULA);   // kept text, never a live formula
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(rows.get(4)).containsExactly("Phase <i>one</i> & \"more\"", CSV_HOSTILE, "2027-03-28 01:30 +01:00",
                "2027-03-28 03:30 +02:00", "1 h 00 min");

        // Exactly the rows of the HTML table, cell for cell.
        Element table = table(export("&tz=Europe/Zurich"));
        Elements trs = table.select("tbody > tr");
        assertThat(rows).hasSize(trs.size() + 1);
        for (int i = 0; i < trs.size(); i++) {
            List<String> html = trs.get(i).children().stream().map(Element::wholeText).toList();
            List<String> csv = new ArrayList<>(rows.get(i + 1));
            csv.replaceAll(s -> s.startsWith("'=") ? s.substring(1) : s);
            assertThat(csv).isEqualTo(html);
        }
    }

    @Test
    void downloadsAsAnAttachmentWithASafeFileName() {
        Api.Response html = normal.get("/schedule/export?iteration=" + iteration + "&download=true");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(html.header("Content-Disposition"))
                .matches("attachment; filename=\"cutplan-schedule-MIG_[0-9_]+-DR1-\\d{8}\\.html\"");
        assertThat(html.body()).as("a file opened from disk must still read as UTF-8").startsWith("\uFEFF<table");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        Api.Response csv = normal.get("/schedule/export?iteration=" + iteration + "&download=true&format=csv");
        assertThat(csv.header("Content-Disposition"))
                .matches("attachment; filename=\"cutplan-schedule-MIG_[0-9_]+-DR1-\\d{8}\\.csv\"");
        Api.Response inline = normal.get("/schedule/export?iteration=" + iteration);
        assertThat(inline.header("Content-Disposition")).startsWith("inline;");
        assertThat(inline.body()).as("the paste fragment carries no byte-order mark").startsWith("<table");
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        String base = "/schedule/export?iteration=" + iteration;
        record Case(String query, int status, String field) {
        }
        for (Case c : List.of(
                new Case(base + "&tz=Mars/Olympus_Mons", 400, "tz"),
                new Case(base + "&tz=%2B02:00", 400, "tz"),
                new Case(base + "&tz=CEST", 400, "tz"),
                new Case(base + "&format=pdf", 400, "format"),
                new Case(base + "&download=maybe", 400, "download"),
                new Case("/schedule/export", 400, "iteration"),
                new Case("/schedule/export?iteration=42", 400, "iteration"),
                new Case("/schedule/export?iteration=" + UUID.randomUUID(), 404, null))) {
            Api.Response r = normal.get(c.query());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            assertThat(r.header("Content-Type")).startsWith("application/json");
            if (c.field() != null) {
                assertThat(r.json().path("field").asText()).as(c.toString()).isEqualTo(c.field());
            }
        }
        assertThat(normal.anonymous().get(base).status()).isEqualTo(401);
    }
}
