package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceRequested;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PageSnapshots;
import autopilot.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The maintenance pages over real state: items sent to the work queue (moto), consumed and run against redshift-sim
 * ({@code pages}), refused by a cluster that does not answer ({@code pages-down}), or left waiting for a closed window
 * ({@code pages-shut}); the pages read what the run ledger then holds.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class MaintenanceConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FINDING = "pages/unsorted_region/table:dev.public.orders_history";

    private static MaintenanceRequested item(String schema, String table, VacuumSpec vacuum, AnalyzeSpec analyze, double priority,
                                             List<String> fingerprints) {
        String id = UUID.randomUUID().toString();
        return new MaintenanceRequested(id, "dedup-" + id, new TableRef("dev", schema, table, null), vacuum, analyze, priority, false,
                fingerprints, "unsorted 70 %, above the 20 % threshold", null);
    }

    /** The page's HTML, also saved under target/console-pages/ for a look at what people see. */
    private static String page(String path, int status) {
        return PageSnapshots.save(path, given().get(path).then().statusCode(status).contentType("text/html").extract().asString());
    }

    @Test
    void aCompletedRunShowsTheTableBeforeAndAfterAndTheFindingsItAddressed() {
        String id = send("pages", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 75, false),
                new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS), 8.5, List.of(FINDING)));
        assertThat(Outcomes.await(Outcomes.of(id), 1, WAIT).get(0).event().payload()).isInstanceOf(MaintenanceCompleted.class);

        String runs = page("/console/maintenance/clusters/pages/runs?state=completed", 200);
        assertThat(runs).contains("data-item=\"" + id + "\"").contains("data-state=\"completed\" data-code=\"OK\"")
                .contains("data-figure=\"unsorted %\" data-before=\"70\"").contains("data-figure=\"rows\" data-before=\"80,000,000\"")
                .contains("VACUUM SORT ONLY &quot;public&quot;.&quot;orders_history&quot; TO 75 PERCENT")
                .containsPattern("data-figure=\"stats_off %\" data-before=\"4\" data-after=\"0\"");

        String item = page("/console/maintenance/items/" + id, 200);
        assertThat(item).contains("data-done=\"completed\"").contains("VACUUM SORT ONLY TO 75 PERCENT, then ANALYZE PREDICATE COLUMNS")
                .contains("<a class=\"finding\" href=\"/console/findings/pages/unsorted_region/table%3Adev.public.orders_history\">")
                .contains("priority 8.50").contains("unsorted 70 %, above the 20 % threshold");

        String overview = page("/console/maintenance", 200);
        assertThat(overview).containsPattern("data-cluster=\"pages\" data-open=\"true\" data-waiting=\"0\" data-running=\"0\" data-failed=\"0\"")
                .contains("<time class=\"when\"");
    }

    @Test
    void aRunningVacuumIsShownWithItsStatementUntilItEnds() {
        String id = send("pages", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 4, List.of()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> page("/console/maintenance/clusters/pages", 200).contains("data-state=\"running\" data-code=\"\" data-item=\"" + id + "\""));
        String running = page("/console/maintenance/clusters/pages", 200);
        assertThat(running).contains("running now: <code class=\"statement-now\">VACUUM SORT ONLY &quot;archive&quot;.&quot;clicks_archive&quot; TO 99 PERCENT</code>");
        assertThat(Outcomes.await(Outcomes.of(id), 1, WAIT).get(0).event().payload()).isInstanceOf(MaintenanceCompleted.class);
        assertThat(page("/console/maintenance/items/" + id, 200)).contains("data-done=\"completed\"")
                .doesNotContain("data-state=\"running\"");
    }

    @Test
    void anItemWaitingForAClosedWindowIsListedWithItsPriorityAndTheOpeningItWaitsFor() {
        String id = send("pages-shut", item("public", "inventory", new VacuumSpec(Variant.FULL, 90, false), null, 7,
                List.of("pages-shut/unsorted_region/table:dev.public.inventory")));
        await().atMost(WAIT).until(() -> page("/console/maintenance/clusters/pages-shut", 200).contains("data-item=\"" + id + "\""));

        String cluster = page("/console/maintenance/clusters/pages-shut", 200);
        assertThat(cluster).contains("<section id=\"window\" data-open=\"false\">")
                .contains("data-item=\"" + id + "\" data-priority=\"7\" data-urgent=\"false\"")
                .contains("window opening <time class=\"when\" datetime=\"" + SimClustersResource.CLOSED_OPENS_AT + "\">")
                .contains("href=\"/console/findings/pages-shut/unsorted_region/table%3Adev.public.inventory\"")
                .contains("<span class=\"current\">page 1 of 1 (rows 1–1 of 1)</span>");
        assertThat(page("/console/maintenance", 200)).contains("data-cluster=\"pages-shut\" data-open=\"false\" data-waiting=\"1\"");
        assertThat(page("/console/maintenance/items/" + id, 200)).contains("data-done=\"waiting\"").contains("Not attempted yet.");
    }

    @Test
    void failuresShowTheirReasonAndPageOneAtATime() {
        String id = send("pages-down", item("public", "events", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 3, List.of()));
        List<Outcomes.Received> failed = Outcomes.await(Outcomes.of(id), 2, WAIT);
        assertThat(failed).extracting(r -> r.event().payload()).allMatch(MaintenanceFailed.class::isInstance);

        String first = page("/console/maintenance/clusters/pages-down/runs?state=failed&size=1", 200);
        assertThat(first).contains("data-page=\"1\" data-pages=\"2\" data-total=\"2\"").contains("data-state=\"failed\" data-code=\"CONNECTION\"")
                .contains("CONNECTION (attempt 2, to the DLQ)")
                .contains("href=\"/console/maintenance/clusters/pages-down/runs?state=failed&amp;size=1&amp;page=2\"");
        assertThat(page("/console/maintenance/clusters/pages-down/runs?state=failed&size=1&page=2", 200))
                .contains("CONNECTION (attempt 1, will retry)");
        assertThat(page("/console/maintenance/items/" + id, 200)).contains("data-done=\"dead-lettered\"");
        assertThat(page("/console/maintenance", 200)).containsPattern("data-cluster=\"pages-down\" data-open=\"true\" data-waiting=\"0\" data-running=\"0\" data-failed=\"2\"");
    }

    @Test
    void badParametersAreA400PageAndUnknownClustersAndItemsA404() {
        assertThat(page("/console/maintenance/clusters/pages/runs?state=exploded", 400)).contains("data-status=\"400\"")
                .contains("state must be one of [running, completed, skipped, postponed, failed, abandoned], was exploded");
        assertThat(page("/console/maintenance/clusters/pages?page=0", 400)).contains("page must be a whole number from 1, was 0");
        assertThat(page("/console/maintenance/clusters/pages/runs?size=501", 400)).contains("size must be a whole number from 1 to 500, was 501");
        assertThat(page("/console/maintenance/clusters/no-such-cluster", 404)).contains("data-status=\"404\"").contains("no-such-cluster");
        assertThat(page("/console/maintenance/items/no-such-item", 404)).contains("No such work item");
    }
}
