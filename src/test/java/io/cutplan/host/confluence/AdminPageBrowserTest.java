package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutplan.api.JsonMapper;
import io.cutplan.domain.DomainException;
import io.cutplan.host.confluence.rest.AdminConfigResource;
import io.cutplan.host.confluence.rest.AdminConfigUpdate;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The plugin's configuration page in Chromium: {@link AdminPage}'s markup, the page's own script
 * ({@code confluence/admin/admin.js}) and the real {@link AdminConfigResource} with Cutplan's JSON mapper behind
 * {@code /rest/cutplan/1.0/admin/config}. Confluence is not here: a small JDK HTTP server stands in for it, writing
 * the script and style tags the {@code atl.admin} decorator would write. The role groups are read, saved and
 * refused when invalid (with the field named and nothing saved).
 */
class AdminPageBrowserTest {
    private static final Path SCRIPT = Path.of("src/confluence/resources/confluence/admin/admin.js");
    private static final Path STYLE = Path.of("src/confluence/resources/confluence/admin/admin.css");

    private static final HostFakes.Settings settings = new HostFakes.Settings();
    private static final ConfluenceSettingsStore store = new ConfluenceSettingsStore(settings);
    private static final ConfluenceMailTransport mail = new ConfluenceMailTransport(new HostFakes.Mail(), store);
    private static final CutplanRuntime runtime = new CutplanRuntime(store, mail, new HostFakes.App());
    private static final AdminConfigResource resource = new AdminConfigResource(store, runtime, mail,
            new HostFakes.Users("admin", true));
    private static HttpServer server;
    private static String page;

    @BeforeAll
    static void serve() throws IOException {
        store.save(PluginConfig.empty().withGroups("cutplan-admins", null));
        runtime.afterPropertiesSet();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/wiki/plugins/servlet/cutplan/admin", ex -> {
            String html = AdminPage.render("/wiki", new HostFakes.I18n()::getText).replace("</head>",
                    "<link rel=\"stylesheet\" href=\"/wiki/res/admin.css\"><script src=\"/wiki/res/admin.js\"></script></head>")
                    .replace("<html>", "<html lang=\"en\">");
            send(ex, 200, "text/html", html);
        });
        server.createContext("/wiki/res/admin.js", ex -> send(ex, 200, "text/javascript", Files.readString(SCRIPT)));
        server.createContext("/wiki/res/admin.css", ex -> send(ex, 200, "text/css", Files.readString(STYLE)));
        server.createContext("/wiki/rest/cutplan/1.0/admin/config", AdminPageBrowserTest::api);
        server.start();
        page = "http://127.0.0.1:" + server.getAddress().getPort() + "/wiki/plugins/servlet/cutplan/admin";
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        runtime.destroy();
    }

    private static void api(HttpExchange ex) throws IOException {
        try {
            Object body = switch (ex.getRequestMethod()) {
                case "GET" -> resource.get();
                case "PUT" -> resource.put(JsonMapper.get().readValue(ex.getRequestBody(), AdminConfigUpdate.class));
                default -> throw DomainException.invalid(null, "method");
            };
            send(ex, 200, "application/json", JsonMapper.get().writeValueAsString(body));
        } catch (DomainException e) {
            send(ex, 400, "application/json", JsonMapper.get().writeValueAsString(
                    Map.of("code", e.code(), "message", e.getMessage(), "field", String.valueOf(e.field()))));
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + ";charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void await(ChromeDriver browser, String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static String value(ChromeDriver browser, String name) {
        return (String) browser.executeScript("return document.querySelector('[name=\"' + arguments[0] + '\"]').value", name);
    }

    private static String status(ChromeDriver browser) {
        return (String) browser.executeScript("return document.querySelector('.cutplan-admin-status').textContent");
    }

    @Test
    void theRoleGroupsAreShownSavedAndABadOneIsRefusedWithItsField() {
        ChromeDriver browser = Browser.get();
        browser.get(page);
        await(browser, "the settings to load", () -> status(browser).startsWith("Cutplan is not running"));
        assertThat(value(browser, "admin-group")).isEqualTo("cutplan-admins");
        assertThat(value(browser, "pilot-group")).isEmpty();
        AxeCheck.assertNoViolations(browser, "#cutplan-admin");

        browser.executeScript("document.querySelector('[name=\"pilot-group\"]').value = ' cutover-pilots ';"
                + "document.querySelector('[name=\"admin-group\"]').value = '';"
                + "document.querySelector('button[type=submit]').click();");
        await(browser, "the save", () -> status(browser).startsWith("Saved."));
        assertThat(store.load().pilotGroup()).isEqualTo("cutover-pilots");
        assertThat(store.load().adminGroup()).isNull();
        assertThat(value(browser, "pilot-group")).isEqualTo("cutover-pilots");

        browser.executeScript("document.querySelector('[name=\"pilot-group\"]').value = 'x'.repeat(300);"
                + "document.querySelector('button[type=submit]').click();");
        await(browser, "the refusal", () -> status(browser).startsWith("Not saved:"));
        assertThat(status(browser)).contains("identity.pilotGroup");
        assertThat(store.load().pilotGroup()).isEqualTo("cutover-pilots");
    }
}
