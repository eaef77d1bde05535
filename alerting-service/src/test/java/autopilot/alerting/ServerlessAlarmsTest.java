package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.alerting.cloudwatch.AlarmReconciler;
import autopilot.alerting.cloudwatch.AlarmSpec;
import autopilot.alerting.cloudwatch.DashboardReconciler;
import autopilot.registry.ClusterRegistry;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Redshift Serverless workgroups as CloudWatch (moto) holds their alarms and dashboards: a configured
 * workgroup ({@code kind=serverless}, its workgroup name differing from the id, a maximum capacity) and
 * one discovered through a local stand-in of the Redshift Serverless API (moto serves none; the answers
 * are the documented JSON of ListWorkgroups and ListTagsForResource).
 */
@QuarkusTest
@TestProfile(ServerlessAlarmsTest.Workgroups.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = ServerlessAlarmsTest.ServerlessStandIn.class, restrictToAnnotatedClass = true)
class ServerlessAlarmsTest {

    /** A configured workgroup and discovery of workgroups only, asked only when the test says. */
    public static class Workgroups implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.alerting.clusters.sales.kind", "serverless",
                    "autopilot.alerting.clusters.sales.workgroup", "sales-wg",
                    "autopilot.alerting.clusters.sales.max-capacity", "128",
                    "autopilot.discovery.enabled", "true", "autopilot.discovery.provisioned", "false",
                    "autopilot.discovery.serverless", "true", "autopilot.discovery.interval", "PT1H");
        }
    }

    /** The Redshift Serverless API's two discovery actions, answering with the workgroups in {@link #TAGGED}. */
    public static class ServerlessStandIn implements QuarkusTestResourceLifecycleManager {
        static final Set<String> TAGGED = ConcurrentHashMap.newKeySet();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", ServerlessStandIn::answer);
            server.start();
            return Map.of("autopilot.discovery.serverless-endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        private static void answer(HttpExchange exchange) throws IOException {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes());
            String answer = switch (exchange.getRequestHeaders().getFirst("X-Amz-Target")) {
                case "RedshiftServerless.ListWorkgroups" -> TAGGED.stream().map(name -> """
                        {"workgroupName":"%s","workgroupArn":"arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/%s",
                         "status":"AVAILABLE","baseCapacity":8,"endpoint":{"address":"%s.123456789012.us-east-1.redshift-serverless.amazonaws.com","port":5439}}
                        """.formatted(name, name, name)).collect(Collectors.joining(",", "{\"workgroups\":[", "]}"));
                case "RedshiftServerless.ListTagsForResource" -> body.path("resourceArn").asText().contains("/")
                        ? "{\"tags\":[{\"key\":\"autopilot:monitor\",\"value\":\"true\"}]}" : "{\"tags\":[]}";
                default -> "{}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private static final Set<String> QUERY_TYPES = Set.of("INSERT", "DELETE", "UPDATE", "UNLOAD", "LOAD", "SELECT", "CTAS", "OTHER");

    @Inject
    AlarmReconciler alarms;

    @Inject
    DashboardReconciler dashboards;

    @Inject
    ClusterRegistry registry;

    private final Moto moto = Moto.shared();
    private final CloudWatchClient cloudWatch = moto.clients().cloudWatch();

    private Map<String, MetricAlarm> alarmsOf(String id) {
        return cloudWatch.describeAlarms(b -> b.alarmNamePrefix("autopilot-" + id + "-")).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity()));
    }

    private Optional<JsonNode> dashboard(String id) {
        boolean exists = cloudWatch.listDashboards(b -> b.dashboardNamePrefix("autopilot-" + id)).dashboardEntries().stream()
                .anyMatch(e -> e.dashboardName().equals("autopilot-" + id));
        if (!exists) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readTree(cloudWatch.getDashboard(b -> b.dashboardName("autopilot-" + id)).dashboardBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void aConfiguredWorkgroupGetsServerlessAlarmsByItsWorkgroupName() {
        alarms.reconcile();
        String pages = moto.topology().pagesArn();
        Map<String, MetricAlarm> sales = alarmsOf("sales");
        assertThat(sales.keySet()).containsExactlyInAnyOrder("autopilot-sales-queries-queued", "autopilot-sales-database-connections",
                "autopilot-sales-compute-capacity", "autopilot-sales-collection-lag", "autopilot-sales-wlm-queue-wait");

        MetricAlarm connections = sales.get("autopilot-sales-database-connections");
        assertThat(connections.namespace()).isEqualTo("AWS/Redshift-Serverless");
        assertThat(connections.metricName()).isEqualTo("DatabaseConnections");
        assertThat(connections.dimensions()).containsExactly(dim("Workgroup", "sales-wg"));
        assertThat(connections.threshold()).isEqualTo(1800.0); // 90 % of 2,000 connections per workgroup
        assertThat(connections.alarmActions()).containsExactly(pages);

        MetricAlarm capacity = sales.get("autopilot-sales-compute-capacity");
        assertThat(capacity.metricName()).isEqualTo("ComputeCapacity");
        assertThat(capacity.dimensions()).containsExactly(dim("Workgroup", "sales-wg"));
        assertThat(capacity.threshold()).isEqualTo(128.0);
        assertThat(capacity.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        assertThat(capacity.evaluationPeriods()).isEqualTo(3);

        // QueriesQueued exists only per QueryType: the alarm sums the eight documented types.
        MetricAlarm queued = sales.get("autopilot-sales-queries-queued");
        assertThat(queued.metricName()).isNull();
        assertThat(queued.threshold()).isEqualTo(10.0);
        assertThat(queued.evaluationPeriods()).isEqualTo(3);
        List<MetricDataQuery> inputs = queued.metrics().stream().filter(q -> q.metricStat() != null).toList();
        assertThat(inputs).hasSize(8).allSatisfy(q -> {
            assertThat(q.metricStat().metric().namespace()).isEqualTo("AWS/Redshift-Serverless");
            assertThat(q.metricStat().metric().metricName()).isEqualTo("QueriesQueued");
            assertThat(q.metricStat().metric().dimensions()).extracting(Dimension::name).containsExactlyInAnyOrder("Workgroup", "QueryType");
            assertThat(q.metricStat().metric().dimensions()).contains(dim("Workgroup", "sales-wg"));
            assertThat(q.returnData()).isFalse();
        });
        assertThat(inputs.stream().flatMap(q -> q.metricStat().metric().dimensions().stream())
                .filter(d -> d.name().equals("QueryType")).map(Dimension::value).collect(Collectors.toSet())).isEqualTo(QUERY_TYPES);
        assertThat(queued.metrics()).filteredOn(q -> q.expression() != null).singleElement()
                .satisfies(q -> assertThat(q.expression()).startsWith("SUM([m0,").endsWith("m7])"));

        // The project's own metrics are by ClusterIdentifier = the id; provisioned-only alarms are absent.
        MetricAlarm lag = sales.get("autopilot-sales-collection-lag");
        assertThat(lag.namespace()).isEqualTo("RedshiftAutopilot");
        assertThat(lag.dimensions()).containsExactly(dim("ClusterIdentifier", "sales"));

        AlarmReconciler.Report again = alarms.reconcile();
        assertThat(again.unchanged()).containsAll(sales.keySet());
        assertThat(again.changedNothing()).isTrue();
    }

    @Test
    void aDriftedServerlessAlarmIsRepaired() {
        alarms.reconcile();
        MetricAlarm queued = alarmsOf("sales").get("autopilot-sales-queries-queued");
        cloudWatch.putMetricAlarm(PutMetricAlarmRequest.builder().alarmName(queued.alarmName())
                .alarmDescription(queued.alarmDescription()).metrics(queued.metrics().get(0), MetricDataQuery.builder().id("total")
                        .expression("SUM([m0])").returnData(true).build())
                .evaluationPeriods(1).threshold(50.0).comparisonOperator(queued.comparisonOperator())
                .alarmActions(queued.alarmActions()).okActions(queued.okActions()).treatMissingData(queued.treatMissingData())
                .tags(AlarmSpec.OWNER_TAG).build());
        MetricAlarm connections = alarmsOf("sales").get("autopilot-sales-database-connections");
        cloudWatch.putMetricAlarm(PutMetricAlarmRequest.builder().alarmName(connections.alarmName())
                .alarmDescription(connections.alarmDescription()).namespace("AWS/Redshift").metricName(connections.metricName())
                .dimensions(dim("ClusterIdentifier", "sales-wg")).statistic(connections.statistic()).period(connections.period())
                .evaluationPeriods(connections.evaluationPeriods()).threshold(connections.threshold())
                .comparisonOperator(connections.comparisonOperator()).alarmActions(connections.alarmActions())
                .okActions(connections.okActions()).treatMissingData(connections.treatMissingData()).tags(AlarmSpec.OWNER_TAG).build());

        AlarmReconciler.Report report = alarms.reconcile();

        assertThat(report.updated()).contains("autopilot-sales-queries-queued", "autopilot-sales-database-connections");
        MetricAlarm fixedQueue = alarmsOf("sales").get("autopilot-sales-queries-queued");
        assertThat(fixedQueue.threshold()).isEqualTo(10.0);
        assertThat(fixedQueue.evaluationPeriods()).isEqualTo(3);
        assertThat(fixedQueue.metrics()).hasSize(9);
        MetricAlarm fixedConnections = alarmsOf("sales").get("autopilot-sales-database-connections");
        assertThat(fixedConnections.namespace()).isEqualTo("AWS/Redshift-Serverless");
        assertThat(fixedConnections.dimensions()).containsExactly(dim("Workgroup", "sales-wg"));
        assertThat(alarms.reconcile().changedNothing()).isTrue();
    }

    @Test
    void aConfiguredWorkgroupsDashboardShowsServerlessAndCustomMetrics() {
        dashboards.reconcile();
        String body = dashboard("sales").orElseThrow().toString();
        assertThat(body).contains("\"AWS/Redshift-Serverless\",\"ComputeCapacity\",\"Workgroup\",\"sales-wg\"")
                .contains("\"AWS/Redshift-Serverless\",\"ComputeSeconds\",\"Workgroup\",\"sales-wg\"")
                .contains("\"AWS/Redshift-Serverless\",\"DatabaseConnections\",\"Workgroup\",\"sales-wg\"")
                .contains("MetricName=\\\"QueriesQueued\\\" Workgroup=\\\"sales-wg\\\"")
                .contains("MetricName=\\\"QueriesRunning\\\"").contains("MetricName=\\\"QueryDuration\\\"")
                .contains("\"RedshiftAutopilot\",\"CollectionLagSeconds\",\"ClusterIdentifier\",\"sales\"")
                .contains("\"BlockedSessions\"").contains("Managed by Redshift Autopilot alerting-service")
                // What the workgroup costs: RPU-hours charged, the day's forecast and its price (issue 20).
                .contains("Usage and cost (Autopilot)").contains("\"RpuHoursToday\"").contains("\"RpuHoursForecastToday\"")
                .contains("\"UsageCostToday\"").doesNotContain("ConcurrencyScalingSecondsToday")
                .doesNotContain("CPUUtilization").doesNotContain("PercentageDiskSpaceUsed").doesNotContain("CommitQueueWaitP95Millis")
                .doesNotContain("DiskBasedQueries");
        assertThat(dashboards.reconcile().written()).isEmpty();
    }

    @Test
    void aDiscoveredWorkgroupGetsAlarmsAndADashboardAndLosesThemWhenItLeaves() {
        ServerlessStandIn.TAGGED.add("disc-wg");
        registry.refresh();

        Map<String, MetricAlarm> found = alarmsOf("disc-wg");
        // No maximum capacity is known for a discovered workgroup: no ComputeCapacity alarm.
        assertThat(found.keySet()).containsExactlyInAnyOrder("autopilot-disc-wg-queries-queued",
                "autopilot-disc-wg-database-connections", "autopilot-disc-wg-collection-lag", "autopilot-disc-wg-wlm-queue-wait");
        assertThat(found.get("autopilot-disc-wg-database-connections").dimensions()).containsExactly(dim("Workgroup", "disc-wg"));
        assertThat(found.get("autopilot-disc-wg-database-connections").namespace()).isEqualTo("AWS/Redshift-Serverless");
        assertThat(dashboard("disc-wg")).get().asString().contains("\"ComputeCapacity\",\"Workgroup\",\"disc-wg\"");
        assertThat(alarmsOf("sales")).isNotEmpty();

        ServerlessStandIn.TAGGED.remove("disc-wg");
        ClusterRegistry.Change change = registry.refresh();

        assertThat(change.dropped()).extracting(ClusterRegistry.Dropped::id).contains("disc-wg");
        assertThat(alarmsOf("disc-wg")).isEmpty();
        assertThat(dashboard("disc-wg")).isEmpty();
        assertThat(alarmsOf("sales")).isNotEmpty();
    }
}
