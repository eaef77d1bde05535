package autopilot.analyzer.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.FindingRaised;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's pages over state written by the analyzer's own path: snapshots go through the intake, which raises,
 * updates and resolves findings and keeps their history; the pages are then read over HTTP as a browser would.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(ConsolePagesTest.WithBaseUrl.class)
class ConsolePagesTest {

    /** The console has an address, so events carry links. */
    public static class WithBaseUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.console.base-url", "https://autopilot.example.com/");
        }
    }

    private static final String CLUSTER = "console";
    private static final int OTHERS = 60;
    private static boolean loaded;
    private final EventCodec codec = new EventCodec();

    @Inject
    SnapshotIntake intake;

    /**
     * Eight hourly snapshots in which public.sales climbs towards 20 % unsorted (a maintenance forecast), with 60 other
     * tables 30 % unsorted whose sort benefit rises with their id; then a ninth at 21 %: the forecast resolves and the
     * table's unsorted finding is raised.
     */
    @BeforeEach
    void load() {
        if (loaded) return;
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
        for (int i = 0; i <= 8; i++) snapshot(start.plus(Duration.ofHours(i)).plusSeconds(120), 2 + 1.5 * i);
        snapshot(start.plus(Duration.ofHours(9)).plusSeconds(120), 21);
        loaded = true;
    }

    private void snapshot(Instant at, double salesUnsorted) {
        SnapshotBuilder b = SnapshotBuilder.of(CLUSTER, ClusterKind.PROVISIONED, at).source("table_info", SnapshotBuilder.TABLE_INFO)
                .row("dev", "public", 42, "sales", "Y", "EVEN", "saletime", 256, "none", 1, 20_000, 1.0, salesUnsorted, 1.0,
                        50_000_000, 1.0, 1.0, 50_000_000, 30.0, "2026-01-01T00:00:00Z");
        for (int i = 0; i < OTHERS; i++) {
            b.row("dev", "public", 100 + i, "t" + i, "Y", "EVEN", "ts", 256, "none", 1, 2_000, 1.0, 30.0, 0.0,
                    5_000_000, 1.0, 1.0, 5_000_000, 10.0 + i, "2026-01-01T00:00:00Z");
        }
        for (SnapshotPartCollected part : b.parts()) {
            String body = codec.encode(EventEnvelope.create(CLUSTER, "collector-service", part, Clock.systemUTC()));
            intake.accept(codec.decode(body), body);
        }
    }

    private static String page(String path, int status) {
        Response r = given().redirects().follow(false).when().get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        if (status == 200 || status >= 400) assertThat(r.contentType()).startsWith("text/html");
        return r.body().asString();
    }

    private static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) found.add(m.group(1));
        return found;
    }

    @Test
    void theClusterListShowsOpenFindingsBySeverityAndTheLastSnapshotWithItsAge() {
        String html = page("/console/clusters", 200);
        assertThat(html).contains("data-cluster=\"console\"").contains("href=\"/console/clusters/console\"");
        assertThat(html).containsPattern("data-cluster=\"console\" data-open=\"61\"");
        assertThat(html).containsPattern("<time class=\"when\" datetime=\"[^\"]+\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</time> <span class=\"age\">\\(\\d+ (s|min|h|d) ago\\)</span>");
        assertThat(page("/console", 303)).isEmpty();
    }

    @Test
    void aClustersFindingsAreCountedByCategorySortedByBenefitAndPaged() {
        String first = page("/console/clusters/console", 200);
        assertThat(first).contains("data-category=\"UNSORTED_REGION\" data-count=\"61\"");
        assertThat(first).contains("data-total=\"61\"").contains("page 1 of 2 (rows 1–50 of 61)");
        List<String> rows = all(first, "<tr class=\"finding\" data-fingerprint=\"([^\"]+)\"");
        assertThat(rows).hasSize(50);
        List<Double> benefits = all(first, "<td class=\"num benefit\">([0-9.,]+) ").stream().map(s -> Double.parseDouble(s.replace(",", ""))).toList();
        assertThat(benefits).hasSize(50).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows.get(0)).isEqualTo("console/unsorted_region/table:dev.public.t59");

        String second = page("/console/clusters/console?page=2", 200);
        assertThat(all(second, "<tr class=\"finding\" data-fingerprint=\"([^\"]+)\"")).hasSize(11).doesNotContainAnyElementsOf(rows);
        assertThat(second).contains("rel=\"prev\"").contains("href=\"/console/clusters/console?page=1\"");

        String newest = page("/console/clusters/console?sort=newest&size=5&category=unsorted_region", 200);
        assertThat(all(newest, "<tr class=\"finding\" data-fingerprint=\"([^\"]+)\"")).hasSize(5)
                .first().isEqualTo("console/unsorted_region/table:dev.public.sales");
        assertThat(newest).contains("href=\"/console/clusters/console?category=UNSORTED_REGION&amp;sort=newest&amp;size=5&amp;page=2\"");

        String critical = page("/console/clusters/console?severity=CRITICAL", 200);
        assertThat(all(critical, "<tr class=\"finding\" data-fingerprint=\"([^\"]+)\"")).isEmpty();
        assertThat(critical).contains("No open finding matches.");
    }

    @Test
    void aBadFilterIsAClearBadRequestPageAndAnUnknownFindingIsNotFound() {
        assertThat(page("/console/clusters/console?severity=URGENT", 400)).contains("data-status=\"400\"")
                .contains("severity must be one of [CRITICAL, WARNING, INFO], was URGENT");
        assertThat(page("/console/clusters/console?category=NOPE", 400)).contains("category must be one of");
        assertThat(page("/console/clusters/console?sort=size", 400)).contains("sort must be one of [benefit, severity, newest], was size");
        assertThat(page("/console/clusters/console?page=zero", 400)).contains("page must be a whole number from 1, was zero");
        assertThat(page("/console/clusters/console?size=100000", 400)).contains("size must be a whole number from 1 to 500");
        assertThat(page("/console/clusters/nowhere", 404)).contains("The analyzer knows no cluster nowhere.");
        assertThat(page("/console/findings/console/unsorted_region/table:dev.public.nothing", 404))
                .contains("The analyzer has no finding console/unsorted_region/table:dev.public.nothing");
    }

    @Test
    void aForecastFindingShowsItsEvidenceHistoryAndChartWithTheForecastBand() {
        String html = page("/console/findings/console/maintenance_forecast/table:dev.public.sales", 200);
        assertThat(html).contains("data-status=\"RESOLVED\"").contains("public.sales will cross 20 % unsorted");
        assertThat(html).contains("<table id=\"evidence\">").contains("<th scope=\"col\" class=\"num\">Threshold</th>");
        // raised, updated as the predicted crossing moved closer, resolved once the table crossed the threshold
        assertThat(all(html, "<tr class=\"event\" data-kind=\"([A-Z]+)\"")).startsWith("RAISED").contains("UPDATED").endsWith("RESOLVED");
        assertThat(html).contains("id=\"chart-unsorted\"").contains("data-chart=\"line\"").contains("data-forecast=\"true\"")
                .contains("<polyline class=\"forecast\"").contains("<path class=\"band\"").contains("class=\"threshold\" data-threshold=\"20.0\"");
        assertThat(html).contains("<pre class=\"sql\" id=\"sql\"").contains("<button type=\"button\" data-copy=\"sql\" id=\"copy-sql\" hidden>");
    }

    @Test
    void anUnsortedFindingShowsItsStatementAndIsRaisedWithALinkToItsPage() {
        String html = page("/console/findings/console/unsorted_region/table:dev.public.sales", 200);
        assertThat(html).contains("data-status=\"OPEN\"").contains("VACUUM SORT ONLY").contains("id=\"chart-unsorted\"");
        assertThat(all(html, "<tr class=\"event\" data-kind=\"([A-Z]+)\"")).containsExactly("RAISED");

        QueueProbe inbox = new QueueProbe(Moto.shared().clients().sqs(), Moto.shared().topology().alertingInboxUrl());
        var raised = inbox.awaitMessage(m -> m.body().contains("\"FindingRaised\"") && m.body().contains("unsorted_region/table:dev.public.sales")
                && m.body().contains("\"clusterId\":\"console\""), Duration.ofSeconds(30));
        assertThat(raised).isPresent();
        FindingRaised event = (FindingRaised) new EventCodec().decode(raised.get().body()).payload();
        assertThat(event.finding().link())
                .isEqualTo("https://autopilot.example.com/console/findings/console/unsorted_region/table%3Adev.public.sales");
        // the link as a browser sends it (RestAssured would encode the % again)
        assertThat(given().urlEncodingEnabled(false).get("/console/findings/console/unsorted_region/table%3Adev.public.sales").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDesignPageSaysWhenThereIsNoAdvice() {
        assertThat(page("/console/clusters/console/design", 200)).contains("id=\"no-design\"");
    }
}
