package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standalone host's dashboard pages and static files over real HTTP (no browser needed). */
class DashboardPagesTest {
    private static Api user;
    private static String base;

    @BeforeAll
    static void setUp() {
        TestHost host = TestHost.get();
        base = host.baseUrl();
        Fixtures f = Fixtures.in(host.database());
        user = host.as(f.user("pages", Role.NORMAL).username());
    }

    @Test
    void theRunbookPageLoadsExactlyTheManifestFilesInOrder() {
        UUID iteration = UUID.randomUUID();
        Api.Response r = user.get(base + "/runbook?iteration=" + iteration + "&poll=2&view=ready&team=NET_1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'");
        Document doc = Jsoup.parse(r.body());
        Element c = doc.selectFirst("div.cutplan-dashboard");
        assertThat(c).isNotNull();
        assertThat(c.attr("data-iteration")).isEqualTo(iteration.toString());
        assertThat(c.attr("data-poll-seconds")).isEqualTo("2");
        assertThat(c.attr("data-view")).isEqualTo("ready");
        assertThat(c.attr("data-team")).isEqualTo("NET_1");
        assertThat(c.attr("data-rest-base")).isEqualTo("/rest/cutplan/1.0");
        assertThat(c.hasAttr("data-compact")).isFalse();
        assertThat(Jsoup.parse(user.get(base + "/runbook?iteration=" + iteration + "&compact=1").body())
                .selectFirst("div.cutplan-dashboard").attr("data-compact")).isEqualTo("true");
        assertThat(Jsoup.parse(user.get(base + "/runbook?iteration=" + iteration + "&compact=0").body())
                .selectFirst("div.cutplan-dashboard").hasAttr("data-compact")).isFalse();

        WebManifest manifest = WebManifest.load();
        List<String> scripts = doc.select("script").stream().map(e -> e.attr("src")).toList();
        assertThat(scripts).allSatisfy(s -> assertThat(s).matches("/web/[a-z0-9/._-]+\\?v=[0-9a-f]{16}"));
        assertThat(scripts.stream().map(DashboardPagesTest::webPath).toList()).isEqualTo(manifest.scripts());
        assertThat(doc.select("script:not([src])")).as("no inline script").isEmpty();
        List<String> styles = doc.select("link[rel=stylesheet]").stream().map(e -> webPath(e.attr("href"))).toList();
        assertThat(styles).containsExactlyElementsOf(Stream.concat(Stream.of(DashboardPageServlet.HOST_CSS),
                manifest.styles().stream()).toList());
    }

    @Test
    void theIndexPageListsIterationsThroughTheApi() {
        Api.Response r = user.get(base + "/");
        assertThat(r.status()).isEqualTo(200);
        Document doc = Jsoup.parse(r.body());
        assertThat(doc.selectFirst("div.cutplan-index")).isNotNull();
        assertThat(doc.select("script").stream().map(e -> webPath(e.attr("src"))).toList())
                .endsWith(DashboardPageServlet.INDEX_JS);
    }

    @Test
    void pagesNeedALogin() {
        assertThat(user.anonymous().get(base + "/runbook?iteration=" + UUID.randomUUID()).status()).isEqualTo(401);
        assertThat(user.anonymous().get(base + "/").status()).isEqualTo(401);
        assertThat(user.anonymous().get(base + "/web/js/app.js").status()).isEqualTo(401);
    }

    @Test
    void badParametersGiveAnEscapedExplanationNotAPage() {
        Api.Response r = user.get(base + "/runbook?iteration=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<script>alert").doesNotContain("alert(1)");
        assertThat(Jsoup.parse(r.body()).selectFirst(".cutplan-dashboard")).isNull();
        assertThat(user.get(base + "/runbook").status()).isEqualTo(400);
        assertThat(user.get(base + "/runbook?iteration=" + UUID.randomUUID() + "&poll=0").status()).isEqualTo(400);
        assertThat(user.get(base + "/runbook?iteration=" + UUID.randomUUID() + "&poll=x").status()).isEqualTo(400);
        assertThat(user.get(base + "/runbook?iteration=" + UUID.randomUUID() + "&view=evil").status()).isEqualTo(400);
        assertThat(user.get(base + "/runbook?iteration=" + UUID.randomUUID() + "&compact=yes").status()).isEqualTo(400);
        assertThat(user.get(base + "/runbook?iteration=" + UUID.randomUUID() + "&team=%22%3E").status()).isEqualTo(400);
        Api.Response byCode = user.get(base + "/runbook?migration=MIG-1&code=RUN1");
        assertThat(byCode.status()).isEqualTo(200);
        Element c = Jsoup.parse(byCode.body()).selectFirst("div.cutplan-dashboard");
        assertThat(c.attr("data-migration")).isEqualTo("MIG-1");
        assertThat(c.attr("data-iteration-code")).isEqualTo("RUN1");
        assertThat(c.hasAttr("data-iteration")).isFalse();
        assertThat(user.get(base + "/no-such-page").status()).isEqualTo(404);
    }

    @Test
    void staticFilesHaveTheirTypesAndAreCachedByContentHash() {
        Api.Response js = user.get(base + "/web/js/app.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.header("Cache-Control")).contains("no-cache");
        String etag = js.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{16}\"");
        assertThat(user.get(base + "/web/js/app.js", "If-None-Match", etag).status()).isEqualTo(304);
        String version = etag.replace("\"", "");
        Api.Response versioned = user.get(base + "/web/js/app.js?v=" + version);
        assertThat(versioned.header("Cache-Control")).contains("immutable").contains("max-age=31536000");
        assertThat(user.get(base + "/web/css/dashboard.css").header("Content-Type")).startsWith("text/css");
        assertThat(user.get(base + "/web/manifest.txt").header("Content-Type")).startsWith("text/plain");
        assertThat(user.get(base + "/web/js/nope.js").status()).isEqualTo(404);
        assertThat(user.get(base + "/web/%2e%2e/io/cutplan/version.properties").status()).isIn(400, 404);
        assertThat(user.get(base + "/web/../db/migration/V1__core_schema.sql").status()).isIn(400, 404);
        assertThat(user.get(base + "/web/js/app.class").status()).isEqualTo(404);
    }

    /**
     * Confluence batches web-resources by concatenating classic scripts: no ES module syntax anywhere, and every
     * script joins the one namespace. Every web file is in the manifest and every manifest entry exists.
     */
    @Test
    void webFilesAreClassicScriptsAndAllListedInTheManifest() throws IOException {
        Path web = Path.of("src/main/resources/web");
        WebManifest manifest = WebManifest.load();
        for (String f : manifest.files()) {
            assertThat(web.resolve(f)).as(f).isRegularFile();
        }
        try (Stream<Path> files = Files.walk(web.resolve("js"))) {
            List<String> js = files.filter(p -> p.toString().endsWith(".js")).map(p -> web.relativize(p).toString()).sorted().toList();
            assertThat(manifest.scripts()).containsExactlyInAnyOrderElementsOf(js);
            for (String f : js) {
                String src = Files.readString(web.resolve(f));
                assertThat(src).as(f).doesNotContainPattern("(?m)^\\s*(import|export)\\s");
                assertThat(src).as(f).contains("(window.Cutplan = window.Cutplan || {})");
                assertThat(src).as(f + " builds the DOM, never parses strings as HTML").doesNotContain(".innerHTML =")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
            }
        }
        assertThat(manifest.scripts().get(0)).isEqualTo("js/util.js");
        assertThat(manifest.scripts().get(manifest.scripts().size() - 1)).isEqualTo("js/app.js");
    }

    private static String webPath(String url) {
        return url.replaceFirst("^/web/", "").replaceFirst("\\?.*$", "");
    }
}
