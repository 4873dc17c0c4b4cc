package io.cutplan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The one headless Chromium of a test run, driven through Debian's chromedriver. Both paths are set explicitly
 * so Selenium Manager never downloads a browser or a driver. Missing binaries fail the test with a clear message
 * (never a silent skip). Users switch with {@link #loginAs}: an Authorization header sent with every request of
 * the page (top-level navigation and fetch alike) through the DevTools protocol.
 */
public final class Browser {
    public static final String CHROMIUM = System.getProperty("cutplan.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("cutplan.chromedriver", "/usr/bin/chromedriver");

    /**
     * Selenium warns that it has no DevTools binding for this Chromium version; we use only raw CDP commands
     * (executeCdpCommand), which need none. Held strongly so the level setting is not garbage-collected.
     */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger CHROMIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.chromium");

    private static ChromeDriver driver;
    private static Path profile;

    private Browser() {
    }

    public static synchronized ChromeDriver get() {
        if (driver == null) {
            CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
            CHROMIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
            requireExecutable(CHROMIUM, "chromium");
            requireExecutable(CHROMEDRIVER, "chromium-driver");
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
            try {
                profile = Files.createTempDirectory("cutplan-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                    "--disable-features=Translate,MediaRouter,OptimizationHints",
                    "--window-size=1440,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.executeCdpCommand("Network.enable", Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit, "chromium-quit"));
        }
        return driver;
    }

    private static void requireExecutable(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError("The browser tests need " + path + " (Debian package '" + debianPackage
                    + "'; .ci/run installs it: apt-get install chromium chromium-driver). It is missing, so these tests"
                    + " fail rather than skip.");
        }
    }

    /** Every later request of the page carries HTTP Basic credentials of this user. */
    public static void loginAs(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        get().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + token)));
    }

    public static void logout() {
        get().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }

    public static void size(int width, int height) {
        // Emulate the viewport exactly (window chrome differs between platforms).
        get().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        get().manage().window().setSize(new Dimension(Math.max(width, 500), height + 100));
    }

    public static void resetSize() {
        get().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        size(1440, 900);
    }

    static synchronized void quit() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // the JVM is exiting
            }
            driver = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
