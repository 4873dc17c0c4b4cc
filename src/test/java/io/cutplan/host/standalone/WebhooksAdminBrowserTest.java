package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.demo.DemoRunbooks;
import io.cutplan.demo.DemoSummary;
import io.cutplan.service.CutplanServices;
import io.cutplan.service.spi.DispatcherSettings;
import io.cutplan.service.spi.HostSettings;
import io.cutplan.service.spi.WebhookSettings;
import io.cutplan.service.webhook.WebhookReceiver;
import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import io.cutplan.store.Jdbc;
import io.cutplan.testing.AxeCheck;
import io.cutplan.testing.Browser;
import io.cutplan.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Webhooks section of the Notifications view, in headless Chromium, against a standalone server whose webhooks
 * may use http to loopback and give up after two quick attempts, and a real HTTP receiver in the test JVM: an
 * administrator adds a webhook and sees its secret once, a test message arrives signed with that secret, a delivery
 * the receiver refused shows as FAILED and Resend delivers it; an http URL to another host is refused at the field;
 * a pilot sees no section; axe finds no violation.
 */
class WebhooksAdminBrowserTest {
    private static DbConfig config;
    private static Database database;
    private static CutplanServices services;
    private static StandaloneServer server;
    private static WebhookReceiver receiver;
    private static ChromeDriver browser;
    private static UUID iteration;

    @BeforeAll
    static void setUp() throws Exception {
        config = PostgresServer.get().createMigratedDatabase().withPoolSize(5);
        database = Database.open(config);
        DemoSummary demo = DemoRunbooks.load(database, "small", DemoRunbooks.DEFAULT_SEED, PasswordHasher::hash);
        iteration = demo.iteration("CUTOVER");
        DispatcherSettings quick = DispatcherSettings.defaults().withPollInterval(Duration.ofMillis(25)).withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
        services = new CutplanServices(database, new HostSettings(null, "http://127.0.0.1", null,
                WebhookSettings.defaults().withAllowHttpLoopback(true).withDispatch(quick)));
        List<Object> bindings = new java.util.ArrayList<>(services.all());
        bindings.add(new StandaloneCallerSource());
        server = new StandaloneServer("127.0.0.1", 0, database, bindings);
        server.start();
        receiver = new WebhookReceiver().start();
        browser = Browser.get();
        Browser.resetSize();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (server != null) server.close();
        if (services != null) services.close();
        if (receiver != null) receiver.close();
        if (database != null) database.close();
        PostgresServer.get().drop(config);
    }

    private static void open(String user) {
        Browser.loginAs(user, user);
        browser.get("http://127.0.0.1:" + server.port() + "/runbook?iteration=" + iteration + "&view=admin");
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("the dashboard")
                .until(d -> "ready".equals(d.findElement(By.cssSelector(".cutplan-dashboard")).getDomAttribute("data-state")));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier c) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(what).ignoring(RuntimeException.class).until(d -> c.getAsBoolean());
    }

    private static WebElement section() {
        return browser.findElement(By.cssSelector("[data-testid=cp-webhooks]"));
    }

    private static int webhookRows() {
        return database.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM webhooks WHERE iteration_id = ?",
                rs -> rs.getInt(1), iteration)).orElseThrow();
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAdministratorAddsAWebhookTestsItAndResendsAFailedDelivery() throws Exception {
        open("admin");
        waitFor("the webhooks section", () -> section().isDisplayed());
        WebElement form = section().findElement(By.cssSelector("[data-testid=cp-webhook-form]"));
        assertThat(form.findElements(By.cssSelector("input[type=checkbox]"))).as("one box per event kind").isNotEmpty();

        // An http URL to another host is refused at the field, and nothing is stored.
        WebElement url = form.findElement(By.cssSelector("input[type=url]"));
        url.sendKeys("http://hooks.example.com/x");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("the field error", () -> "true".equals(url.getDomAttribute("aria-invalid")));
        assertThat(section().findElement(By.cssSelector(".cp-msg")).getText()).startsWith("Not added");
        assertThat(webhookRows()).isZero();

        url.clear();
        url.sendKeys(receiver.url("/hook?token=s3cr3t"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("the secret, shown once", () -> !browser.findElements(By.cssSelector("[data-testid=cp-webhook-secret-value]")).isEmpty()
                && browser.findElement(By.cssSelector("[data-testid=cp-webhook-secret]")).isDisplayed());
        String secret = browser.findElement(By.cssSelector("[data-testid=cp-webhook-secret-value]")).getText();
        assertThat(secret).isNotBlank();
        assertThat(webhookRows()).isEqualTo(1);
        waitFor("the webhook row", () -> section().findElements(By.cssSelector("tr[data-webhook]")).size() == 1);
        assertThat(section().findElement(By.cssSelector("tr[data-webhook] .cp-url")).getText()).doesNotContain("s3cr3t");
        AxeCheck.assertNoViolations(browser, "[data-testid=cp-webhooks]");

        // A test message arrives, signed with the secret the page showed.
        section().findElement(By.cssSelector("button[data-webhook-test]")).click();
        waitFor("the test delivery", () -> !receiver.received("/hook").isEmpty());
        WebhookReceiver.Received got = receiver.received("/hook").get(0);
        assertThat(got.signature()).isEqualTo("v1=" + hmac(secret, got.timestamp() + "." + got.body()));

        // The receiver refuses: after its attempts the delivery is FAILED in the list; Resend delivers it.
        receiver.mode(WebhookReceiver.Mode.ERROR_500);
        section().findElement(By.cssSelector("button[data-webhook-test]")).click();
        waitFor("a FAILED delivery", () -> {
            return database.transactor().readOnly(c -> Jdbc.one(c, "SELECT count(*) FROM webhook_deliveries WHERE status = 'FAILED'",
                    rs -> rs.getInt(1))).orElseThrow() == 1;
        });
        receiver.mode(WebhookReceiver.Mode.OK);
        int before = receiver.received("/hook").size();
        open("admin");
        waitFor("the resend button", () -> !browser.findElements(By.cssSelector("[data-testid=cp-webhook-deliveries] button[data-webhook-resend]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-testid=cp-webhook-deliveries]")).getText()).contains("FAILED").contains("HTTP 500");
        browser.findElement(By.cssSelector("[data-testid=cp-webhook-deliveries] button[data-webhook-resend]")).click();
        waitFor("the resent delivery", () -> receiver.received("/hook").size() > before);
        waitFor("no failed delivery left in the list",
                () -> browser.findElements(By.cssSelector("[data-testid=cp-webhook-deliveries] button[data-webhook-resend]")).isEmpty());
        List<WebhookReceiver.Received> all = receiver.received("/hook");
        WebhookReceiver.Received resent = all.get(all.size() - 1);
        assertThat(resent.signature()).isEqualTo("v1=" + hmac(secret, resent.timestamp() + "." + resent.body()));
        assertThat(section().getText()).doesNotContain(secret);
    }

    @Test
    void aPilotSeesNoWebhooksSection() {
        open("pilot");
        waitFor("the Notifications view", () -> !browser.findElements(By.cssSelector(".cp-admin")).isEmpty());
        assertThat(section().isDisplayed()).isFalse();
    }
}
