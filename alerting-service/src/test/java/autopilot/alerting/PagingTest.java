package autopilot.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.Finding;
import autopilot.events.MessageAttributes;
import autopilot.events.Severity;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/** Pages as on-call receives them: through an SQS queue subscribed to the pages topic. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PagingTest {

    private static final Duration FIRST = Duration.ofSeconds(40);
    private static final Duration QUIET = Duration.ofSeconds(8);

    private final Moto moto = Moto.shared();

    private static double metric(String name) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, Map.of());
    }

    private static JsonPath alerts(String cluster) {
        return given().queryParam("cluster", cluster).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesOnceWhenACriticalFindingStartsNotForRepeatsAndOnceWhenItResolves() {
        String cluster = TestEvents.newCluster("page");
        PagesProbe pages = PagesProbe.forCluster(moto, cluster);
        Finding finding = TestEvents.unsorted(cluster, "sales", Severity.CRITICAL);
        double suppressedBefore = metric("autopilot_pages_suppressed_total");

        String raised = TestEvents.raised(cluster, finding);
        TestEvents.publish(moto, raised);
        TestEvents.publish(moto, raised); // the same event delivered twice: applied once
        TestEvents.publish(moto, TestEvents.updated(cluster, finding, Severity.CRITICAL)); // a repeat
        List<PagesProbe.Page> started = pages.awaitAndCollect(FIRST, QUIET);

        assertThat(started).hasSize(1);
        PagesProbe.Page page = started.get(0);
        assertThat(page.subject()).isEqualTo("[CRITICAL] " + cluster + ": Table public.sales is 63% unsorted")
                .hasSizeLessThan(100);
        assertThat(page.message()).contains("unsorted_pct = 63 % (threshold 20 %)")
                .contains("VACUUM SORT ONLY \"public\".\"sales\";").contains("Runbook: Run it inside the maintenance window")
                .contains(finding.fingerprint());
        assertThat(page.attributes()).containsEntry(MessageAttributes.CLUSTER, cluster)
                .containsEntry(MessageAttributes.SEVERITY, "CRITICAL").containsEntry(MessageAttributes.CATEGORY, "UNSORTED_REGION")
                .containsEntry(MessageAttributes.EVENT_TYPE, "PageSent").containsEntry("pageKind", "PROBLEM");
        assertThat(metric("autopilot_pages_suppressed_total")).isGreaterThanOrEqualTo(suppressedBefore + 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(cluster).getString("pages[0].sentAt") != null);
        JsonPath alerts = alerts(cluster);
        assertThat(alerts.getList("pages.page.subject", String.class)).containsExactly(page.subject());
        assertThat(alerts.getInt("pages[0].attempts")).isEqualTo(1);
        assertThat(alerts.getList("suppressed.fingerprint", String.class)).containsExactly(finding.fingerprint());
        assertThat(alerts.getList("suppressed.eventType", String.class)).containsExactly("FindingUpdated");

        TestEvents.publish(moto, TestEvents.resolved(cluster, finding));
        TestEvents.publish(moto, TestEvents.resolved(cluster, finding)); // resolved again: nothing more
        List<PagesProbe.Page> ended = pages.awaitAndCollect(FIRST, QUIET);
        assertThat(ended).extracting(PagesProbe.Page::subject)
                .containsExactly("[RESOLVED] " + cluster + ": Table public.sales is 63% unsorted");
        assertThat(ended.get(0).attributes()).containsEntry("pageKind", "RESOLVED");
    }

    @Test
    void aQueueOneUserFillsIsPagedNamingThatUserWithItsShare() {
        String cluster = TestEvents.newCluster("who");
        PagesProbe pages = PagesProbe.forCluster(moto, cluster);
        TestEvents.publish(moto, TestEvents.raised(cluster, TestEvents.queueWait(cluster)));

        List<PagesProbe.Page> sent = pages.awaitAndCollect(FIRST, QUIET);

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).message())
                .contains("\nCaused by: user etl_user 92% (720 s), user dashboard 7.7% (60 s), query group etl_nightly 92% (720 s)\n")
                .contains("etl_user causes 92 % of the queue wait");
    }

    @Test
    void warningsDoNotPage() {
        String cluster = TestEvents.newCluster("warn");
        PagesProbe pages = PagesProbe.forCluster(moto, cluster);
        Finding finding = TestEvents.unsorted(cluster, "events", Severity.WARNING);
        TestEvents.publish(moto, TestEvents.raised(cluster, finding));
        TestEvents.publish(moto, TestEvents.resolved(cluster, finding));
        // A critical one after them proves the warnings were consumed before it (one queue, in order of arrival).
        TestEvents.publish(moto, TestEvents.raised(cluster, TestEvents.unsorted(cluster, "orders", Severity.CRITICAL)));
        assertThat(pages.awaitAndCollect(FIRST, QUIET)).extracting(PagesProbe.Page::subject)
                .containsExactly("[CRITICAL] " + cluster + ": Table public.orders is 63% unsorted");
    }

    @Test
    void aStormOfThreeHundredFindingsBecomesOneDigest() {
        String cluster = TestEvents.newCluster("storm");
        PagesProbe pages = PagesProbe.forCluster(moto, cluster);
        List<String> events = IntStream.range(0, 300)
                .mapToObj(i -> TestEvents.raised(cluster, TestEvents.unsorted(cluster, "t" + i, Severity.CRITICAL))).toList();
        List<PublishBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(PublishBatchRequestEntry.builder().id("e" + i).message(events.get(i)).build());
            if (batch.size() == 10) {
                List<PublishBatchRequestEntry> entries = List.copyOf(batch);
                moto.clients().sns().publishBatch(b -> b.topicArn(moto.topology().recommendationsArn()).publishBatchRequestEntries(entries));
                batch.clear();
            }
        }

        List<PagesProbe.Page> received = pages.awaitAndCollect(Duration.ofSeconds(90), QUIET);
        assertThat(received).hasSize(1);
        PagesProbe.Page digest = received.get(0);
        assertThat(digest.subject()).isEqualTo("[DIGEST CRITICAL] " + cluster + ": 300 problems started, 0 resolved");
        assertThat(digest.attributes()).containsEntry(MessageAttributes.CATEGORY, "DIGEST")
                .containsEntry(MessageAttributes.SEVERITY, "CRITICAL").containsEntry("pageKind", "DIGEST");
        assertThat(digest.message()).contains("UNSORTED_REGION 300").contains("... and 200 more").contains("Runbook:");
    }

    @Test
    void maintenanceFailureAndCollectionGapPageAndSeverityFiltersWork() {
        String cluster = TestEvents.newCluster("ops");
        PagesProbe all = PagesProbe.forCluster(moto, cluster);
        PagesProbe criticalOnly = PagesProbe.subscribe(moto, cluster,
                "{\"cluster\":[\"" + cluster + "\"],\"severity\":[\"CRITICAL\"]}");
        TestEvents.publish(moto, TestEvents.maintenanceFailed(cluster, "sales", true)); // will be retried: no page
        TestEvents.publish(moto, TestEvents.maintenanceFailed(cluster, "sales", false));
        TestEvents.publish(moto, TestEvents.gap(cluster, "stl_query"));

        List<PagesProbe.Page> received = all.awaitAndCollect(FIRST, QUIET);
        assertThat(received).extracting(PagesProbe.Page::subject).containsExactlyInAnyOrder(
                "[CRITICAL] " + cluster + ": maintenance failed on dev.public.sales",
                "[WARNING] " + cluster + ": collection gap in stl_query");
        PagesProbe.Page failure = received.stream().filter(p -> p.subject().contains("maintenance")).findFirst().orElseThrow();
        assertThat(failure.message()).contains("STATEMENT_TIMEOUT (SQLSTATE 57014)")
                .contains("FROM sys_vacuum_history WHERE table_id = 100").contains("Runbook:");
        assertThat(failure.attributes()).containsEntry(MessageAttributes.CATEGORY, "MAINTENANCE_FAILED");
        assertThat(criticalOnly.collect(Duration.ofSeconds(3))).extracting(PagesProbe.Page::subject)
                .containsExactly(failure.subject());
    }
}
