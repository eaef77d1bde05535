package autopilot.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (issue 21): headless Chromium through Selenium's Chrome driver against the four
 * packaged services on the maintenance-backlog scenario, the analyzer's {@code autopilot.console.base-url} at its own
 * address (so events and pages carry working links). A person opens the cluster list, clicks through to the cluster's
 * critical findings, goes to a finding with the keyboard (focus, Enter), sees its evidence table and its chart, copies
 * its SQL; an on-call responder follows the {@code Console:} link of the SNS page to the same finding, and the deep
 * link survives a reload; the cluster's table design advice leads to its findings. Screenshots of each step go to
 * {@code target/console-screenshots/}.
 *
 * <p>The maintenance ({@code /console/maintenance}) and alerting ({@code /console/alerts}) pages get their own test
 * methods here, on the same system and browser.
 */
class ConsoleBrowserIT {

    static final String CLUSTER = "web";
    /** orders_history: about 1.5 GB, 70 % unsorted, heavily scanned; critical (so paged) above 1 GB, see PipelineIT. */
    static final String FINDING = CLUSTER + "/unsorted_region/table:dev.public.orders_history";
    /** A page's line with its finding's console page (alerting's PageText.LINK_LINE). */
    private static final Pattern LINK = Pattern.compile("^Console: (\\S+)$", Pattern.MULTILINE);

    static Pipeline system;
    static ConsoleBrowser browser;
    static String analyzer;

    @BeforeAll
    static void startSystem() throws Exception {
        ConsoleBrowser.binaries(); // fails at once, naming the fix, when Chromium is missing
        Instant began = Instant.now();
        system = Pipeline.startClusters("console", Map.of(CLUSTER, new Pipeline.Cluster(ScenarioLoader.shipped("maintenance-backlog"),
                SimCluster.Options.defaults())), Map.of(
                "analyzer-service", List.of("-Dautopilot.analyzer.thresholds.page-min-size-mb=1024"),
                // The console shows findings, not what maintenance did with them: nothing runs on the cluster here.
                "maintenance-service", List.of("-Dautopilot.maintenance.dry-run=true")));
        analyzer = system.service("analyzer-service").address();
        browser = ConsoleBrowser.start();
        assertThat(system.collect(CLUSTER)).isTrue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> system.finding(FINDING).contains("\"status\":\"OPEN\""));
        System.out.printf("console: system up and the finding open %d s after start%n", Duration.between(began, Instant.now()).toSeconds());
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (browser != null) browser.close();
        if (system != null) system.close();
    }

    @Test
    void fromTheClusterListToAFindingWithEvidenceChartAndCopiedSql() throws Exception {
        browser.open(analyzer + "/console");
        assertThat(browser.driver().getCurrentUrl()).as("/console leads to the clusters").endsWith("/console/clusters");
        WebElement row = browser.waitFor(By.cssSelector("#clusters tr.cluster[data-cluster='" + CLUSTER + "']"));
        assertThat(row.findElement(By.cssSelector("[data-severity='CRITICAL']")).getText()).isNotEqualTo("0");
        browser.screenshot("01-clusters");

        row.findElement(By.linkText(CLUSTER)).click();
        browser.waitFor(By.id("findings"));
        assertThat(browser.driver().getTitle()).startsWith(CLUSTER + ": open findings");
        browser.screenshot("02-cluster");

        // Only the critical ones, by clicking the severity's count.
        browser.driver().findElement(By.cssSelector("#severities li[data-severity='CRITICAL'] a")).click();
        browser.waitFor(By.cssSelector("#severities li[data-severity='CRITICAL'] strong"));
        assertThat(browser.driver().getCurrentUrl()).contains("severity=CRITICAL");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#findings tr.finding"));
        assertThat(rows).isNotEmpty().allMatch(r -> "CRITICAL".equals(r.getAttribute("data-severity")));
        browser.screenshot("03-cluster-critical");

        // To the finding with the keyboard: focus its link, press Enter.
        WebElement link = browser.driver().findElement(By.cssSelector("#findings tr.finding[data-fingerprint='" + FINDING + "'] a"));
        browser.driver().executeScript("arguments[0].focus();", link);
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(link);
        browser.screenshot("04-focused");
        link.sendKeys(Keys.ENTER);
        assertFindingPage();
        List<WebElement> evidence = browser.driver().findElements(By.cssSelector("#evidence tr.evidence"));
        assertThat(evidence).as("evidence rows").isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#evidence tr.evidence[data-crossed='true']")))
                .as("the measure that crossed its threshold is marked").isNotEmpty();
        WebElement chart = browser.driver().findElement(By.cssSelector("#chart-unsorted-figure svg"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.findElements(By.cssSelector("line.threshold"))).as("the threshold line").hasSize(1);
        assertThat(chart.findElements(By.cssSelector("circle.point[data-series='unsorted %']"))).as("the measured points").isNotEmpty();
        assertThat(chart.getAttribute("aria-labelledby")).as("the chart has a title and a description for screen readers")
                .isEqualTo("chart-unsorted-title chart-unsorted-desc");
        browser.screenshot("05-finding");
        browser.fullPage("05-finding-full");
        // The root README shows this one (docs/console-finding.png): the finding down to its chart.
        browser.pageDownTo("05-finding-readme", browser.driver().findElement(By.id("chart-unsorted-figure")));

        // Copy the SQL: the button says so, and the clipboard holds the statement.
        browser.allowClipboard(analyzer);
        String sql = browser.driver().findElement(By.id("sql")).getText();
        assertThat(sql).contains("VACUUM");
        WebElement copy = browser.driver().findElement(By.id("copy-sql"));
        assertThat(copy.isDisplayed()).as("the copy button shows when scripts run").isTrue();
        copy.click();
        browser.waitFor(By.cssSelector("#copy-sql[data-copied='true']"));
        assertThat(copy.getText()).isEqualTo("Copied");
        assertThat(browser.clipboard()).isEqualTo(sql);
        browser.screenshot("06-copied");
    }

    @Test
    void thePagesConsoleLinkOpensTheFindingAndSurvivesAReload() throws Exception {
        String pageLink = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> consoleLink(FINDING), Optional::isPresent).orElseThrow();
        assertThat(pageLink).isEqualTo(analyzer + pathOf(FINDING));

        browser.open(pageLink);
        assertFindingPage();
        browser.screenshot("07-from-page");

        browser.driver().navigate().refresh();
        assertFindingPage();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(pageLink);
        browser.screenshot("08-reloaded");
    }

    @Test
    void tableDesignAdviceGroupsATablesStatementsAndLeadsToTheFinding() throws Exception {
        browser.open(analyzer + "/console/clusters");
        browser.waitFor(By.cssSelector("#clusters tr.cluster[data-cluster='" + CLUSTER + "']")).findElement(By.linkText("advice")).click();
        WebElement group = browser.waitFor(By.cssSelector("section.design-group"));
        assertThat(browser.driver().getTitle()).startsWith(CLUSTER + ": table design");
        WebElement finding = group.findElement(By.cssSelector("tr.finding a"));
        String fingerprint = group.findElement(By.cssSelector("tr.finding")).getAttribute("data-fingerprint");
        assertThat(fingerprint).startsWith(CLUSTER + "/").contains("_design/table:");
        assertThat(group.findElement(By.cssSelector("pre.sql")).getText()).as("the table's statements together").isNotBlank();
        browser.screenshot("09-design");

        finding.click();
        assertThat(browser.waitFor(By.id("finding")).getAttribute("data-fingerprint")).isEqualTo(fingerprint);
        assertThat(browser.driver().findElements(By.cssSelector("#evidence tr.evidence"))).isNotEmpty();
        browser.screenshot("10-design-finding");
    }

    @Test
    void theAlertsPagesListThePageAndLinkToTheFindingAndMaintenanceShowsTheCluster() throws Exception {
        String alerting = system.service("alerting-service").address();
        // The page is sent once alerting has gathered the burst: reload until its row is there.
        WebElement row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.open(alerting + "/console/alerts");
            return browser.driver().findElements(By.cssSelector("#clusters tr.cluster[data-cluster='" + CLUSTER + "']"));
        }, rows -> !rows.isEmpty() && !"0".equals(rows.get(0).getAttribute("data-pages"))).get(0);
        browser.screenshot("11-alerts");
        row.findElement(By.linkText(CLUSTER)).click();
        browser.waitFor(By.id("pages"));
        assertThat(browser.driver().getCurrentUrl()).contains("cluster=" + CLUSTER);
        WebElement link = browser.driver().findElements(By.cssSelector("#pages tr.page a.console-link")).stream()
                .filter(a -> a.getAttribute("href").endsWith(pathOf(FINDING))).findFirst()
                .orElseThrow(() -> new AssertionError("no page in the list links to " + FINDING));
        browser.screenshot("12-alerts-pages");
        link.click();
        assertFindingPage();

        browser.open(system.service("maintenance-service").address() + "/console/maintenance");
        WebElement cluster = browser.waitFor(By.cssSelector("#clusters tr.cluster[data-cluster='" + CLUSTER + "']"));
        assertThat(cluster.getAttribute("data-open")).isIn("true", "false");
        browser.screenshot("13-maintenance");
        cluster.findElement(By.linkText(CLUSTER)).click();
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo(CLUSTER + ": maintenance");
        assertThat(browser.driver().findElements(By.id("waiting"))).hasSize(1);
        browser.screenshot("14-maintenance-cluster");
    }

    private static void assertFindingPage() {
        WebElement article = browser.waitFor(By.id("finding"));
        assertThat(article.getAttribute("data-fingerprint")).isEqualTo(FINDING);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("CRITICAL");
    }

    /** The {@code Console:} link of an SNS page about the finding (its own page, or its line in a digest). */
    private static Optional<String> consoleLink(String fingerprint) {
        return system.pages(CLUSTER).stream().flatMap(m -> LINK.matcher(m.body()).results().map(r -> r.group(1)))
                .filter(link -> link.endsWith(pathOf(fingerprint))).findFirst();
    }

    /** The finding page's path: each '/'-separated part of the fingerprint URL-encoded (console-kit's Links.segments). */
    private static String pathOf(String fingerprint) {
        return "/console/findings/" + Arrays.stream(fingerprint.split("/", -1))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20")).collect(Collectors.joining("/"));
    }
}
