package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.alerting.cloudwatch.AlarmReconciler;
import autopilot.alerting.cloudwatch.AlarmSpec;
import autopilot.alerting.cloudwatch.DashboardReconciler;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** Alarms, dashboards and custom metrics as CloudWatch (moto) holds them. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CloudWatchTest {

    private static final String PREFIX = "autopilot-";
    private final Moto moto = Moto.shared();
    private final CloudWatchClient cloudWatch = moto.clients().cloudWatch();

    @Inject
    AlarmReconciler alarms;

    @Inject
    DashboardReconciler dashboards;

    private Map<String, MetricAlarm> alarmsOf(String cluster) {
        return cloudWatch.describeAlarms(b -> b.alarmNamePrefix(PREFIX + cluster + "-")).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity()));
    }

    @Test
    void recipeAlarmsExistWithTheirMetricThresholdPeriodsAndActions() {
        alarms.reconcile();
        String pages = moto.topology().pagesArn();
        Map<String, MetricAlarm> small = alarmsOf("rs-small");
        assertThat(small.keySet()).containsExactlyInAnyOrder("autopilot-rs-small-cpu-utilization", "autopilot-rs-small-queue-length",
                "autopilot-rs-small-database-connections", "autopilot-rs-small-collection-lag",
                "autopilot-rs-small-wlm-queue-wait", "autopilot-rs-small-disk-based-queries", "autopilot-rs-small-disk-space",
                "autopilot-rs-small-health-status", "autopilot-rs-small-maintenance-mode", "autopilot-rs-small-commit-queue-wait");

        MetricAlarm cpu = small.get("autopilot-rs-small-cpu-utilization");
        assertThat(cpu.namespace()).isEqualTo("AWS/Redshift");
        assertThat(cpu.metricName()).isEqualTo("CPUUtilization");
        assertThat(cpu.dimensions()).containsExactly(Dimension.builder().name("ClusterIdentifier").value("rs-small").build());
        assertThat(cpu.threshold()).isEqualTo(80.0);
        assertThat(cpu.period()).isEqualTo(300);
        assertThat(cpu.evaluationPeriods()).isEqualTo(2);
        assertThat(cpu.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(cpu.alarmActions()).containsExactly(pages);
        assertThat(cpu.okActions()).containsExactly(pages);

        MetricAlarm queue = small.get("autopilot-rs-small-queue-length");
        assertThat(queue.metricName()).isEqualTo("QueueLength");
        assertThat(queue.threshold()).isEqualTo(10.0);
        assertThat(queue.evaluationPeriods()).isEqualTo(1);

        // 90 % of the node type's connection limit: dc2.large 500, ra3.4xlarge 2,000.
        assertThat(small.get("autopilot-rs-small-database-connections").threshold()).isEqualTo(450.0);
        assertThat(small.get("autopilot-rs-small-database-connections").metricName()).isEqualTo("DatabaseConnections");
        assertThat(alarmsOf("rs-big").get("autopilot-rs-big-database-connections").threshold()).isEqualTo(1800.0);

        MetricAlarm disk = small.get("autopilot-rs-small-disk-space");
        assertThat(disk.metricName()).isEqualTo("PercentageDiskSpaceUsed");
        assertThat(disk.statistic()).hasToString("Maximum");
        assertThat(disk.threshold()).isEqualTo(80.0);
        assertThat(disk.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        MetricAlarm health = small.get("autopilot-rs-small-health-status");
        assertThat(health.metricName()).isEqualTo("HealthStatus");
        assertThat(health.statistic()).hasToString("Minimum");
        assertThat(health.threshold()).isEqualTo(1.0);
        assertThat(health.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        assertThat(health.period()).isEqualTo(60);
        assertThat(health.evaluationPeriods()).isEqualTo(5);
        MetricAlarm maintenance = small.get("autopilot-rs-small-maintenance-mode");
        assertThat(maintenance.metricName()).isEqualTo("MaintenanceMode");
        assertThat(maintenance.threshold()).isEqualTo(0.0);
        assertThat(maintenance.treatMissingData()).isEqualTo("notBreaching");
        assertThat(maintenance.alarmActions()).containsExactly(pages);

        MetricAlarm lag = small.get("autopilot-rs-small-collection-lag");
        assertThat(lag.namespace()).isEqualTo("RedshiftAutopilot");
        assertThat(lag.metricName()).isEqualTo("CollectionLagSeconds");
        assertThat(lag.treatMissingData()).isEqualTo("breaching");
        assertThat(lag.alarmActions()).containsExactly(pages);
    }

    @Test
    void reconcilingTwiceChangesNothing() {
        alarms.reconcile();
        Map<String, Instant> before = alarmsOf("rs-small").values().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, MetricAlarm::alarmConfigurationUpdatedTimestamp));
        AlarmReconciler.Report again = alarms.reconcile();
        assertThat(again.changedNothing()).isTrue();
        assertThat(again.unchanged()).hasSize(20);
        Map<String, Instant> after = alarmsOf("rs-small").values().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, MetricAlarm::alarmConfigurationUpdatedTimestamp));
        assertThat(after).isEqualTo(before);
        assertThat(dashboards.reconcile().written()).isEmpty();
    }

    @Test
    void aDriftedAlarmIsCorrected() {
        alarms.reconcile();
        MetricAlarm cpu = alarmsOf("rs-small").get("autopilot-rs-small-cpu-utilization");
        cloudWatch.putMetricAlarm(PutMetricAlarmRequest.builder().alarmName(cpu.alarmName()).namespace(cpu.namespace())
                .metricName(cpu.metricName()).dimensions(cpu.dimensions()).statistic(cpu.statistic()).period(cpu.period())
                .evaluationPeriods(1).threshold(95.0).comparisonOperator(cpu.comparisonOperator()).build());

        MetricAlarm health = alarmsOf("rs-small").get("autopilot-rs-small-health-status");
        cloudWatch.putMetricAlarm(PutMetricAlarmRequest.builder().alarmName(health.alarmName()).namespace(health.namespace())
                .metricName(health.metricName()).dimensions(health.dimensions()).statistic(health.statistic()).period(health.period())
                .evaluationPeriods(health.evaluationPeriods()).threshold(health.threshold())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(health.alarmActions())
                .okActions(health.okActions()).alarmDescription(health.alarmDescription()).treatMissingData(health.treatMissingData())
                .tags(AlarmSpec.OWNER_TAG).build());

        AlarmReconciler.Report report = alarms.reconcile();
        assertThat(report.updated()).containsExactlyInAnyOrder("autopilot-rs-small-cpu-utilization", "autopilot-rs-small-health-status");
        assertThat(alarmsOf("rs-small").get("autopilot-rs-small-health-status").comparisonOperator())
                .isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        MetricAlarm fixed = alarmsOf("rs-small").get("autopilot-rs-small-cpu-utilization");
        assertThat(fixed.threshold()).isEqualTo(80.0);
        assertThat(fixed.evaluationPeriods()).isEqualTo(2);
        assertThat(fixed.alarmActions()).containsExactly(moto.topology().pagesArn());
    }

    @Test
    void foreignAlarmsAreUntouchedAndOwnedLeftoversAreDeleted() {
        PutMetricAlarmRequest foreignWithPrefix = PutMetricAlarmRequest.builder().alarmName("autopilot-someone-elses")
                .namespace("AWS/Redshift").metricName("CPUUtilization").statistic("Average").period(60).evaluationPeriods(1)
                .threshold(99.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).build();
        PutMetricAlarmRequest foreign = foreignWithPrefix.toBuilder().alarmName("Redshift-High-CPU-Usage-abc123").build();
        PutMetricAlarmRequest leftover = foreignWithPrefix.toBuilder().alarmName("autopilot-rs-gone-cpu-utilization")
                .tags(AlarmSpec.OWNER_TAG).build();
        cloudWatch.putMetricAlarm(foreignWithPrefix);
        cloudWatch.putMetricAlarm(foreign);
        cloudWatch.putMetricAlarm(leftover);

        AlarmReconciler.Report report = alarms.reconcile();

        assertThat(report.deleted()).containsExactly("autopilot-rs-gone-cpu-utilization");
        List<MetricAlarm> remaining = cloudWatch.describeAlarms(b -> b.alarmNames("autopilot-someone-elses",
                "Redshift-High-CPU-Usage-abc123", "autopilot-rs-gone-cpu-utilization")).metricAlarms();
        assertThat(remaining).extracting(MetricAlarm::alarmName)
                .containsExactlyInAnyOrder("autopilot-someone-elses", "Redshift-High-CPU-Usage-abc123");
        assertThat(remaining).allSatisfy(a -> {
            assertThat(a.threshold()).isEqualTo(99.0);
            assertThat(a.period()).isEqualTo(60);
        });
        assertThat(report.foreign()).contains("autopilot-someone-elses");
    }

    @Test
    void eachClusterHasADashboardWithTheRecipeWidgetGroupsAndTheCustomMetrics() throws Exception {
        dashboards.reconcile();
        JsonNode body = new ObjectMapper().readTree(cloudWatch.getDashboard(b -> b.dashboardName("autopilot-rs-small")).dashboardBody());
        List<String> titles = body.findValuesAsText("title");
        assertThat(titles).contains("Redshift Cluster Performance Metrics", "Query Queue and Workload Management",
                "Storage Performance Metrics");
        String text = body.toString();
        assertThat(text).contains("\"AWS/Redshift\",\"CPUUtilization\",\"ClusterIdentifier\",\"rs-small\"")
                .contains("\"WLMQueueLength\"").contains("\"ReadLatency\"")
                .contains("\"RedshiftAutopilot\",\"MaxUnsortedPct\",\"ClusterIdentifier\",\"rs-small\"")
                .contains("\"CollectionLagSeconds\"").contains("\"MaintenanceFailed\"").contains("\"OpenCriticalFindings\"")
                .contains("\"AWS/Redshift\",\"PercentageDiskSpaceUsed\",\"ClusterIdentifier\",\"rs-small\"")
                .contains("\"MaintenanceMode\"").contains("\"CommitQueueLength\"")
                .contains("\"RedshiftAutopilot\",\"BlockedSessions\",\"ClusterIdentifier\",\"rs-small\"").contains("\"CommitQueueWaitP95Millis\"")
                // A provisioned cluster's node-hours are fixed: its usage is concurrency scaling and the idle share.
                .contains("\"ConcurrencyScalingSecondsToday\"").contains("\"IdlePctLastDay\"").doesNotContain("RpuHoursToday");

        cloudWatch.putDashboard(b -> b.dashboardName("autopilot-rs-small").dashboardBody("{\"widgets\":[]}"));
        assertThat(dashboards.reconcile().written()).containsExactly("autopilot-rs-small");
        assertThat(cloudWatch.getDashboard(b -> b.dashboardName("autopilot-rs-small")).dashboardBody()).contains("CPUUtilization");
    }

    @Test
    void healthFiguresLandAsMetricsWithTheClusterDimension() {
        String cluster = TestEvents.newCluster("metrics");
        Instant observed = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
        TestEvents.publish(moto, TestEvents.health(cluster, observed, 63.5, 2));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.startTime(observed.minusSeconds(300))
                    .endTime(observed.plusSeconds(300)).metricDataQueries(
                            query("unsorted", "MaxUnsortedPct", cluster), query("critical", "OpenCriticalFindings", cluster),
                            query("lag", "CollectionLagSeconds", cluster), query("other", "MaxUnsortedPct", "rs-other"),
                            query("orders", "OpenOrders", cluster)));
            Map<String, List<Double>> values = data.metricDataResults().stream()
                    .collect(Collectors.toMap(r -> r.id(), r -> r.values()));
            // The user-defined metric named like the service's own did not mix into its series.
            assertThat(values.get("unsorted")).containsExactly(63.5);
            assertThat(values.get("orders")).containsExactly(17.0);
            assertThat(values.get("critical")).containsExactly(2.0);
            assertThat(values.get("lag")).containsExactly(42.0);
            assertThat(values.get("other")).isEmpty();
        });
        // One set per cluster, nothing per table: every custom metric has exactly the one dimension, but the
        // fleet's collection lag (the collector's scaling metric), which has none.
        List<software.amazon.awssdk.services.cloudwatch.model.Metric> metrics =
                cloudWatch.listMetrics(b -> b.namespace("RedshiftAutopilot")).metrics();
        assertThat(metrics).filteredOn(m -> m.dimensions().isEmpty()).extracting(m -> m.metricName())
                .containsOnly("CollectionLagSeconds").isNotEmpty();
        // The one exception: the queue wait p95 per WLM queue also names the queue (queues are few).
        assertThat(metrics).filteredOn(m -> !m.dimensions().isEmpty())
                .allSatisfy(m -> assertThat(m.dimensions().stream().map(Dimension::name).toList()).isEqualTo(
                        m.metricName().equals("WlmQueueWaitP95Millis") && m.dimensions().size() == 2
                                ? List.of("ClusterIdentifier", "Queue") : List.of("ClusterIdentifier")));
    }

    @Test
    void queueWaitLandsPerQueueWithTheClusterAndQueueDimensionsBesideTheClusterFigure() {
        String cluster = TestEvents.newCluster("queues");
        Instant observed = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
        TestEvents.publish(moto, TestEvents.health(cluster, observed, 10.0, 0, Map.of("bi", 45000.0, "etl", 120000.0)));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.startTime(observed.minusSeconds(300))
                    .endTime(observed.plusSeconds(300)).metricDataQueries(query("cluster", "WlmQueueWaitP95Millis", cluster),
                            queueQuery("bi", cluster, "bi"), queueQuery("etl", cluster, "etl"), queueQuery("none", cluster, "default")));
            Map<String, List<Double>> values = data.metricDataResults().stream().collect(Collectors.toMap(r -> r.id(), r -> r.values()));
            assertThat(values.get("cluster")).containsExactly(1234.0);
            assertThat(values.get("bi")).containsExactly(45000.0);
            assertThat(values.get("etl")).containsExactly(120000.0);
            assertThat(values.get("none")).isEmpty();
        });
        assertThat(cloudWatch.listMetrics(b -> b.namespace("RedshiftAutopilot").metricName("WlmQueueWaitP95Millis")
                        .dimensions(d -> d.name("ClusterIdentifier").value(cluster))).metrics())
                .extracting(m -> m.dimensions().stream().map(d -> d.name() + "=" + d.value()).toList())
                .containsExactlyInAnyOrder(List.of("ClusterIdentifier=" + cluster),
                        List.of("ClusterIdentifier=" + cluster, "Queue=bi"), List.of("ClusterIdentifier=" + cluster, "Queue=etl"));
    }

    private static MetricDataQuery queueQuery(String id, String cluster, String queue) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Maximum").period(60).metric(m -> m
                .namespace("RedshiftAutopilot").metricName("WlmQueueWaitP95Millis")
                .dimensions(Dimension.builder().name("ClusterIdentifier").value(cluster).build(),
                        Dimension.builder().name("Queue").value(queue).build()))).build();
    }

    private static MetricDataQuery query(String id, String metric, String cluster) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Maximum").period(60).metric(m -> m
                .namespace("RedshiftAutopilot").metricName(metric)
                .dimensions(Dimension.builder().name("ClusterIdentifier").value(cluster).build()))).build();
    }

}
