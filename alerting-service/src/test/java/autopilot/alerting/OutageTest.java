package autopilot.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.Severity;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoServer;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * AWS goes away (moto stopped) after events were consumed and before their page and metrics went
 * out: both wait in the outboxes and arrive once AWS is back. Restarted moto is empty, which also
 * shows that nothing was left in AWS to be retried: the service kept it.
 */
@QuarkusTest
@TestProfile(OutageTest.HoldLonger.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OutageTest {

    @Inject
    AgroalDataSource state;

    /** Holds pages and metrics long enough that the outage starts before they are sent. */
    public static class HoldLonger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.alerting.paging.quiet-period", "PT8S", "autopilot.alerting.metrics.max-delay", "PT8S");
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double consumed(String type) {
        return PrometheusText.value(metrics(), "autopilot_events_consumed_total", Map.of("event_type", type));
    }

    private static JsonPath alerts(String cluster) {
        return given().queryParam("cluster", cluster).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAwsOutageDelaysButLosesNoPageAndNoMetric() {
        Moto moto = Moto.shared();
        String cluster = TestEvents.newCluster("outage");
        Instant observed = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        double raisedBefore = consumed("FindingRaised");
        double healthBefore = consumed("ClusterHealthReported");
        double failedBefore = PrometheusText.value(metrics(), "autopilot_pages_failed_total", Map.of());

        TestEvents.publish(moto, TestEvents.raised(cluster, TestEvents.unsorted(cluster, "sales", Severity.CRITICAL)));
        TestEvents.publish(moto, TestEvents.health(cluster, observed, 71.0, 1));
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> consumed("FindingRaised") > raisedBefore && consumed("ClusterHealthReported") > healthBefore);

        MotoServer.shared().stop();
        PagesProbe pages;
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonPath alerts = alerts(cluster);
                return alerts.getList("pages").size() == 1 && alerts.getInt("pages[0].attempts") >= 2;
            });
            JsonPath held = alerts(cluster);
            assertThat(held.getString("pages[0].sentAt")).isNull();
            assertThat(held.getString("pages[0].lastError")).isNotBlank();
            assertThat(PrometheusText.value(metrics(), "autopilot_pages_failed_total", Map.of())).isGreaterThanOrEqualTo(failedBefore + 2);
        } finally {
            pages = Moto.restartHolding(state, "SELECT page_id FROM page WHERE sent_at IS NULL FOR UPDATE",
                    restarted -> PagesProbe.forCluster(restarted, cluster));
        }
        moto = Moto.shared();
        List<PagesProbe.Page> received = pages.awaitAndCollect(Duration.ofSeconds(60), Duration.ofSeconds(3));
        assertThat(received).extracting(PagesProbe.Page::subject)
                .containsExactly("[CRITICAL] " + cluster + ": Table public.sales is 63% unsorted");
        assertThat(alerts(cluster).getString("pages[0].sentAt")).isNotNull();

        var cloudWatch = moto.clients().cloudWatch();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(cloudWatch.getMetricData(b -> b.startTime(observed.minusSeconds(300)).endTime(observed.plusSeconds(300))
                        .metricDataQueries(q -> q.id("unsorted").metricStat(s -> s.stat("Maximum").period(60).metric(m -> m
                                .namespace("RedshiftAutopilot").metricName("MaxUnsortedPct")
                                .dimensions(Dimension.builder().name("ClusterIdentifier").value(cluster).build())))))
                        .metricDataResults().get(0).values()).containsExactly(71.0));
    }
}
