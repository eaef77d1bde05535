package autopilot.deploy.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Selenium's Chrome driver, for the console's browser tests. Debian's
 * {@code chromium} and {@code chromium-driver} packages, at the paths given explicitly (system properties
 * {@code autopilot.e2e.chromium} and {@code autopilot.e2e.chromedriver}, defaults {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}), so Selenium Manager never downloads a browser or a driver. Saves a screenshot of
 * each step under {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String FIX = "install Debian's packages (apt-get install chromium chromium-driver; .ci/run does it when "
            + "they are missing) or point -Dautopilot.e2e.chromium and -Dautopilot.e2e.chromedriver at a Chromium and its driver";

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** The browser and driver binaries; fails with the fix named when either is missing. */
    static Path[] binaries() {
        Path chromium = Path.of(System.getProperty("autopilot.e2e.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("autopilot.e2e.chromedriver", "/usr/bin/chromedriver"));
        for (Path p : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("The console's browser test needs headless Chromium and its driver, and " + p
                        + " is missing: " + FIX);
            }
        }
        return new Path[] {chromium, chromedriver};
    }

    static ConsoleBrowser start() throws IOException {
        Path[] binaries = binaries();
        Files.createDirectories(SCREENSHOTS);
        // Only this run's steps: pictures of an earlier run (other step names) would pass for this one's.
        try (var old = Files.newDirectoryStream(SCREENSHOTS, "*.png")) {
            for (Path p : old) Files.delete(p);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries[0].toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--hide-scrollbars", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(binaries[1].toFile()).usingAnyFreePort()
                .withLogFile(Path.of("target", "e2e", "chromedriver.log").toFile()).build();
        Files.createDirectories(Path.of("target", "e2e"));
        return new ConsoleBrowser(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
        waitFor(By.tagName("main"));
    }

    WebElement waitFor(By by) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Lets the page use the clipboard without a prompt (headless Chromium has no one to answer it). */
    void allowClipboard(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** The clipboard's text as the page reads it, or null when the page may not read it. */
    String clipboard() {
        Object text = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, function () { done(null); });");
        return (String) text;
    }

    /** Saves the window as {@code target/console-screenshots/<name>.png}; returns the file. */
    Path screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Saves the whole page, beyond the window, as {@code target/console-screenshots/<name>.png}; returns the file. */
    Path fullPage(String name) throws IOException {
        return pageDownTo(name, null);
    }

    /**
     * Saves the page from its top down to the bottom of {@code last} (the whole page when null), beyond the window, as
     * {@code target/console-screenshots/<name>.png}; returns the file.
     */
    @SuppressWarnings("unchecked")
    Path pageDownTo(String name, WebElement last) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double height = ((Number) size.get("height")).doubleValue();
        if (last != null) {
            Number bottom = (Number) driver.executeScript("var r = arguments[0].getBoundingClientRect(); return r.bottom + window.scrollY;", last);
            height = Math.min(height, bottom.doubleValue() + 16);
        }
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(), "height", height, "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
