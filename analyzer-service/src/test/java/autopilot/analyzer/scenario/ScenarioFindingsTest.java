package autopilot.analyzer.scenario;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.analyzer.CollectorOnce;
import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.FindingCategory;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MessageAttributes;
import autopilot.events.VacuumSpec;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import autopilot.testsupport.RedshiftSimExtension;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The shipped scenarios, end to end: the packaged collector reads redshift-sim, its parts go
 * through the moto snapshots queue to the analyzer, and the findings, events (recommendations
 * topic, read through the alerting inbox subscription) and work items (maintenance FIFO queue) are
 * checked; then VACUUM and ANALYZE run on the simulator and the next snapshot resolves what they
 * fixed.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenarioFindingsTest {

    static final String BACKLOG = "backlog";
    static SimCluster backlog;
    private static final List<EventEnvelope<?>> seen = new ArrayList<>();
    private static final List<Message> workItems = new ArrayList<>();

    private final Moto moto = Moto.shared();
    private final EventCodec codec = new EventCodec();

    @BeforeAll
    static void startBacklog() {
        // Its own cluster (the test changes it), with VACUUM fast enough for a test.
        backlog = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"),
                SimCluster.Options.defaults().withVacuumSpeed(1_000_000));
    }

    @AfterAll
    static void stopBacklog() {
        backlog.close();
    }

    /** Snapshot parts the analyzer recognised as already seen, over every source. */
    private static double duplicateParts() {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                "autopilot_analyzer_parts_total", Map.of("outcome", "duplicate"));
    }

    private void send(List<String> lines) {
        for (String line : lines) {
            moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(line));
        }
    }

    /** Recommendation events of a cluster seen so far (the inbox is drained into a shared list). */
    private List<EventEnvelope<?>> events(String cluster) {
        new QueueProbe(moto.clients().sqs(), moto.topology().alertingInboxUrl()).collect(Duration.ofSeconds(1))
                .forEach(m -> {
                    EventEnvelope<?> e = codec.decode(m.body());
                    assertThat(m.messageAttributes().get(MessageAttributes.CLUSTER).stringValue()).isEqualTo(e.clusterId());
                    if (e.payload() instanceof FindingRaised r) {
                        assertThat(m.messageAttributes().get(MessageAttributes.SEVERITY).stringValue())
                                .isEqualTo(r.finding().severity().name());
                        assertThat(m.messageAttributes().get(MessageAttributes.CATEGORY).stringValue())
                                .isEqualTo(r.finding().category().name());
                    }
                    seen.add(e);
                });
        return seen.stream().filter(e -> e.clusterId().equals(cluster)).toList();
    }

    private <P> List<P> payloads(String cluster, Class<P> type) {
        return events(cluster).stream().map(EventEnvelope::payload).filter(type::isInstance).map(type::cast).toList();
    }

    private void awaitSnapshots(String cluster, int count) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> payloads(cluster, ClusterHealthReported.class).size() >= count);
    }

    /** Open findings of a cluster: category -> subject names. */
    private static Map<String, List<String>> open(String cluster) {
        JsonPath json = given().queryParam("cluster", cluster).queryParam("status", "open").get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = json.getList("$");
        return list.stream().collect(Collectors.groupingBy(f -> (String) f.get("category"),
                Collectors.mapping(f -> (String) ((Map<?, ?>) f.get("subject")).get("name"), Collectors.toList())));
    }

    private List<MaintenanceRequested> workItems(String cluster) {
        List<Message> messages = new ArrayList<>();
        // FIFO: one group (the cluster) delivers in order and only after the previous batch is deleted; drain it.
        messages.addAll(moto.clients().sqs().receiveMessage(b -> b.queueUrl(moto.topology().maintenanceWorkUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        for (Message m : messages) {
            moto.clients().sqs().deleteMessage(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).receiptHandle(m.receiptHandle()));
        }
        workItems.addAll(messages);
        return workItems.stream().filter(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID).equals(cluster))
                .map(m -> (MaintenanceRequested) codec.decode(m.body()).payload()).toList();
    }

    @Test
    @Order(1)
    void maintenanceBacklogRaisesWhatEachTableNeedsAndRequestsTheRightWork() throws Exception {
        List<String> lines = CollectorOnce.collect(BACKLOG, backlog);
        send(lines);
        awaitSnapshots(BACKLOG, 1);

        Map<String, List<String>> open = open(BACKLOG);
        assertThat(open.get("UNSORTED_REGION")).containsExactlyInAnyOrder("orders_history", "inventory", "audit_log", "clicks_archive");
        assertThat(open.get("GHOST_ROWS")).containsExactlyInAnyOrder("events", "inventory");
        assertThat(open.get("STALE_STATISTICS")).containsExactly("customers");
        assertThat(open.get("MISSING_STATISTICS")).containsExactly("lookup");
        assertThat(open.values().stream().flatMap(List::stream)).doesNotContain("staging_raw");

        JsonPath archive = given().get("/api/v1/findings/" + BACKLOG + "/unsorted_region/table:dev.archive.clicks_archive")
                .then().statusCode(200).extract().jsonPath();
        assertThat(archive.getString("finding.action.summary")).startsWith("Deep copy");
        assertThat(archive.getString("status")).isEqualTo("OPEN");
        assertThat(archive.getDouble("finding.evidence.find { it.name == 'unsorted_pct' }.value")).isEqualTo(60.0);

        assertThat(payloads(BACKLOG, FindingRaised.class)).hasSize(open.values().stream().mapToInt(List::size).sum());

        await().atMost(Duration.ofSeconds(30)).until(() -> workItems(BACKLOG).size() >= 5);
        Map<String, MaintenanceRequested> items = workItems(BACKLOG).stream()
                .collect(Collectors.toMap(i -> i.table().table(), i -> i));
        assertThat(items.keySet()).containsExactlyInAnyOrder("orders_history", "events", "inventory", "customers", "lookup");
        assertThat(items.get("orders_history").vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 80, false));
        assertThat(items.get("events").vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.DELETE_ONLY, 80, false));
        assertThat(items.get("inventory").vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.FULL, 80, false));
        assertThat(items.get("customers").vacuum()).isNull();
        assertThat(items.get("customers").analyze()).isNotNull();

        // The same snapshot delivered again is consumed, recognised part by part as a duplicate, and
        // changes nothing.
        int events = events(BACKLOG).size();
        double duplicates = duplicateParts();
        send(lines);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicateParts() >= duplicates + lines.size());
        assertThat(events(BACKLOG)).hasSize(events);
    }

    @Test
    @Order(2)
    void vacuumAndAnalyzeOnTheSimulatorResolveTheirFindingsOnTheNextSnapshot() throws Exception {
        Properties admin = new Properties();
        admin.setProperty("user", "admin");
        admin.setProperty("password", "Admin-pass1");
        try (Connection c = new com.amazon.redshift.Driver().connect(backlog.jdbcUrl(), admin); Statement st = c.createStatement()) {
            st.execute("VACUUM SORT ONLY public.orders_history TO 80 PERCENT");
            st.execute("ANALYZE public.customers");
        }
        send(CollectorOnce.collect(BACKLOG, backlog));
        awaitSnapshots(BACKLOG, 2);

        List<FindingResolved> resolved = payloads(BACKLOG, FindingResolved.class);
        assertThat(resolved).extracting(r -> r.finding().category() + ":" + r.finding().subject().name())
                .contains("UNSORTED_REGION:orders_history", "STALE_STATISTICS:customers")
                .doesNotContain("UNSORTED_REGION:inventory");
        JsonPath customers = given().get("/api/v1/findings/" + BACKLOG + "/stale_statistics/table:dev.public.customers")
                .then().statusCode(200).extract().jsonPath();
        assertThat(customers.getString("status")).isEqualTo("RESOLVED");
        assertThat(open(BACKLOG).get("UNSORTED_REGION")).doesNotContain("orders_history").contains("inventory");
    }

    /** Collects a shared scenario's cluster once, analyses it, and returns its first skew finding. */
    private FindingRaised firstSkewFinding(String cluster, String scenario) throws Exception {
        send(CollectorOnce.collect(cluster, RedshiftSimExtension.shared(scenario)));
        awaitSnapshots(cluster, 1);
        return payloads(cluster, FindingRaised.class).stream()
                .filter(r -> r.finding().category() == FindingCategory.DISTRIBUTION_SKEW).findFirst()
                .orElseThrow(() -> new AssertionError("no skew finding on " + cluster + "; raised: " + payloads(cluster, FindingRaised.class)));
    }

    @Test
    @Order(3)
    void starSchemaFactTableIsSkewedByItsNullableKey() throws Exception {
        FindingRaised skew = firstSkewFinding("star", "star-schema");
        assertThat(skew.finding().subject().name()).isEqualTo("sales");
        assertThat(skew.finding().explanation()).contains("promo_id is nullable");
    }

    @Test
    @Order(4)
    void theHealthyClusterGetsNoFindings() throws Exception {
        send(CollectorOnce.collect("healthy", RedshiftSimExtension.shared("healthy")));
        awaitSnapshots("healthy", 1);
        assertThat(open("healthy")).isEmpty();
        assertThat(payloads("healthy", FindingRaised.class)).isEmpty();
        ClusterHealthReported health = payloads("healthy", ClusterHealthReported.class).get(0);
        assertThat(health.openFindings().values()).allMatch(n -> n == 0);
        assertThat(health.maxUnsortedPct()).isLessThan(20.0);
    }

    /** The finding of a cluster by category and subject key, as the REST API shows it; null when there is none. */
    private static JsonPath finding(String cluster, String category, String subject) {
        var response = given().get("/api/v1/findings/" + cluster + "/" + category + "/" + subject).then().extract();
        return response.statusCode() == 404 ? null : response.jsonPath();
    }

    @Test
    @Order(6)
    void aSecondDatabasesSkewedTableIsFoundAndTablesOfTheSameNameStayApart() throws Exception {
        FindingRaised skew = firstSkewFinding("multi", "multi-database");
        assertThat(skew.finding().subject().database()).isEqualTo("analytics");
        assertThat(skew.finding().subject().key()).isEqualTo("table:analytics.public.events");
        assertThat(skew.finding().explanation()).contains("tenant_id");
        assertThat(finding("multi", "distribution_skew", "table:analytics.public.events").getString("status")).isEqualTo("OPEN");
        // public.orders exists in both databases: its statistics are 25 % off in analytics, 2 % in dev.
        JsonPath analyticsOrders = finding("multi", "stale_statistics", "table:analytics.public.orders");
        assertThat(analyticsOrders).as("stale statistics of analytics.public.orders").isNotNull();
        assertThat(analyticsOrders.getString("status")).isEqualTo("OPEN");
        assertThat(finding("multi", "stale_statistics", "table:dev.public.orders")).isNull();
    }

    @Test
    @Order(5)
    void saturatedWlmGetsConfigurationAdviceWithItsFigures() throws Exception {
        send(CollectorOnce.collect("saturated", RedshiftSimExtension.shared("saturated-wlm")));
        awaitSnapshots("saturated", 1);
        assertThat(open("saturated").get("WLM_CONFIGURATION"))
                .contains("bi:monitoring-rule", "bi:concurrency-scaling", "short-query-acceleration");
        JsonPath qmr = given().get("/api/v1/findings/saturated/wlm_configuration/queue:bi:monitoring-rule")
                .then().statusCode(200).extract().jsonPath();
        assertThat(qmr.getString("finding.evidence.find { it.name == 'rule_json' }.detail"))
                .contains("\"metric_name\":\"query_execution_time\"").contains("\"action\":\"log\"");
        JsonPath sqa = given().get("/api/v1/findings/saturated/wlm_configuration/cluster:short-query-acceleration")
                .then().statusCode(200).extract().jsonPath();
        assertThat(sqa.getDouble("finding.evidence.find { it.name == 'short_queries_waiting_pct' }.value")).isGreaterThan(50.0);

        // Who (issue 20): in queue bi the user dashboard's queries have about 84 % of the wait (70 % of the queries
        // queue 45 s; the analyst's ad-hoc scans, 10 %, queue 60 s), named by the users source, with its query group.
        JsonPath wait = given().get("/api/v1/findings/saturated/wlm_queue_wait/queue:bi").then().statusCode(200).extract().jsonPath();
        assertThat(wait.getString("finding.attribution[0].by")).isEqualTo("USER");
        assertThat(wait.getString("finding.attribution[0].name")).isEqualTo("dashboard");
        assertThat(wait.getDouble("finding.attribution[0].sharePct")).isBetween(75.0, 92.0);
        assertThat(wait.getString("finding.attribution[1].name")).isEqualTo("analyst");
        assertThat(wait.getList("finding.attribution.findAll { it.by == 'QUERY_GROUP' }.name")).startsWith("dashboards", "adhoc");
        assertThat(wait.getString("finding.explanation")).containsPattern(" dashboard causes \\d+ % of the queue wait \\(query group dashboards \\d+ %\\)\\.$");

        // The workload of the last day by user: sorted by queue wait, shares of the day's totals.
        JsonPath byUser = given().queryParam("cluster", "saturated").queryParam("by", "user").get("/api/v1/workload")
                .then().statusCode(200).extract().jsonPath();
        assertThat(byUser.getString("by")).isEqualTo("user");
        assertThat(byUser.getList("rows.name")).startsWith("dashboard").contains("analyst", "etl");
        assertThat(byUser.getDouble("rows[0].queueWaitPct")).isGreaterThan(50.0);
        assertThat(byUser.getLong("rows[0].queries")).isPositive();
        assertThat(byUser.getDouble("rows.queueWaitPct.sum()")).isCloseTo(100.0, org.assertj.core.api.Assertions.within(0.5));
        assertThat(given().queryParam("cluster", "saturated").queryParam("by", "queue").get("/api/v1/workload")
                .then().statusCode(200).extract().jsonPath().getList("rows.name")).containsExactlyInAnyOrder("bi", "etl");
        assertThat(given().queryParam("cluster", "saturated").queryParam("by", "query_group").get("/api/v1/workload")
                .then().statusCode(200).extract().jsonPath().getList("rows.name")).startsWith("dashboards").contains("adhoc", "default");
        given().queryParam("cluster", "saturated").queryParam("by", "table").get("/api/v1/workload")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("by must be user, query_group or queue"));
        given().queryParam("cluster", "no-such-cluster").queryParam("by", "user").get("/api/v1/workload")
                .then().statusCode(404).body("error", org.hamcrest.Matchers.containsString("no workload is known for cluster no-such-cluster"));
    }
}
