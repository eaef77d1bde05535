package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.alerting.cloudwatch.CustomMetric;
import autopilot.alerting.cloudwatch.MetricDatums;
import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The on-call figures of a health report become metrics of its cluster; figures the cluster kind lacks are not sent as 0. */
class OnCallMetricsTest {

    private static Map<CustomMetric, Double> metrics(ClusterHealthReported health) {
        return MetricDatums.from(new EventCodec().decode(TestEvents.encode("c1", "analyzer-service", health))).stream()
                .filter(d -> d.clusterId().equals("c1")).collect(Collectors.toMap(MetricDatums.Datum::metric, MetricDatums.Datum::value));
    }

    @Test
    void onCallFiguresBecomeMetricsOfTheirCluster() {
        Instant at = Instant.parse("2026-12-07T03:00:00Z");
        Map<CustomMetric, Double> provisioned = metrics(new ClusterHealthReported(UUID.randomUUID(), at, null, null, null, 10.0, 0,
                Map.of(), 30.0, 91.5, 7.5, 2, 1500.0, 1, 9600.0, 3, 2, 40000.0, null, null, null));
        assertThat(provisioned).containsEntry(CustomMetric.MAX_NODE_DISK_USED_PCT, 91.5).containsEntry(CustomMetric.DISK_HOURS_TO_FULL, 7.5)
                .containsEntry(CustomMetric.BLOCKED_SESSIONS, 2.0).containsEntry(CustomMetric.LONGEST_BLOCK_SECONDS, 1500.0)
                .containsEntry(CustomMetric.RUNAWAY_QUERIES, 1.0).containsEntry(CustomMetric.LONGEST_RUNNING_QUERY_SECONDS, 9600.0)
                .containsEntry(CustomMetric.QMR_ABORTS_LAST_HOUR, 3.0).containsEntry(CustomMetric.LOAD_ERRORS_LAST_DAY, 2.0)
                .containsEntry(CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS, 40000.0);

        // Serverless: no disk, rule actions or commit queue.
        Map<CustomMetric, Double> serverless = metrics(new ClusterHealthReported(UUID.randomUUID(), at, null, null, null, null, 0,
                Map.of(), 30.0, null, null, 0, 0.0, 0, 120.0, null, 1, null, null, null, null));
        assertThat(serverless).containsEntry(CustomMetric.BLOCKED_SESSIONS, 0.0).containsEntry(CustomMetric.LOAD_ERRORS_LAST_DAY, 1.0)
                .doesNotContainKeys(CustomMetric.MAX_NODE_DISK_USED_PCT, CustomMetric.DISK_HOURS_TO_FULL, CustomMetric.QMR_ABORTS_LAST_HOUR,
                        CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS);
    }

    @Test
    void userMetricsArePublishedUnderTheirOwnNameAndUnitUnlessTheyClashWithTheServicesOwn() {
        ClusterHealthReported health = new ClusterHealthReported(UUID.randomUUID(), Instant.parse("2026-12-07T09:00:00Z"), null, null,
                null, null, null, Map.of(), 30.0, null, null, null, null, null, null, null, null, null, null, null,
                java.util.List.of(new autopilot.events.UserMetric("OpenOrders", 17.0, "Count"),
                        new autopilot.events.UserMetric("LoadLag", 42.5, null),
                        new autopilot.events.UserMetric("CollectionLagSeconds", 1.0, "Seconds"),
                        new autopilot.events.UserMetric("Odd", 1.0, "Rows")));
        var datums = MetricDatums.from(new EventCodec().decode(TestEvents.encode("c1", "analyzer-service", health)));
        assertThat(datums).filteredOn(d -> d.metric() == null)
                .extracting(d -> d.clusterId() + " " + d.metricName() + " " + d.unit() + " " + d.value())
                .containsExactly("c1 OpenOrders Count 17.0", "c1 LoadLag None 42.5");
        assertThat(datums).filteredOn(d -> d.is(CustomMetric.COLLECTION_LAG_SECONDS)).extracting(MetricDatums.Datum::value)
                .containsOnly(30.0);
    }
}
