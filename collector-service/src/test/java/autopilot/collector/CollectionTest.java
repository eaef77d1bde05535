package autopilot.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.collector.source.Sources;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersTestResource.class)
class CollectionTest {

    private final Moto moto = Moto.shared();
    private final EventCodec codec = new EventCodec();

    private String collect(String cluster) {
        return given().post("/api/v1/clusters/" + cluster + "/collect").then().statusCode(200)
                .extract().jsonPath().getString("snapshotId");
    }

    /** Everything on the snapshots queue now, decoded; every body checked against the size limit. */
    private List<EventEnvelope<?>> drain() {
        List<Message> messages = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl()).collect(Duration.ofSeconds(2));
        assertThat(messages).allSatisfy(m -> assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(262_144));
        return messages.stream().<EventEnvelope<?>>map(m -> codec.decode(m.body())).toList();
    }

    private static Map<String, List<SnapshotPartCollected>> bySource(List<EventEnvelope<?>> events, String snapshotId) {
        return events.stream().map(EventEnvelope::payload).filter(p -> p instanceof SnapshotPartCollected)
                .map(p -> (SnapshotPartCollected) p).filter(p -> p.snapshotId().toString().equals(snapshotId))
                .collect(Collectors.groupingBy(SnapshotPartCollected::source));
    }

    private static long rows(List<SnapshotPartCollected> parts) {
        TreeSet<Integer> numbers = parts.stream().map(SnapshotPartCollected::partNumber).collect(Collectors.toCollection(TreeSet::new));
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, parts.get(0).partCount()).boxed().toList();
        assertThat(List.copyOf(numbers)).as("parts 1..N of %s", parts.get(0).source()).isEqualTo(expected);
        assertThat(parts).hasSize(expected.size());
        return parts.stream().mapToLong(p -> p.rows().size()).sum();
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One collection of a provisioned cluster, alone on the queue, by source; every provisioned source is
     * there (user metrics only where one is configured: {@code star}).
     */
    private Map<String, List<SnapshotPartCollected>> collectEverySource(String cluster) {
        drain();
        String snapshot = collect(cluster);
        Map<String, List<SnapshotPartCollected>> parts = bySource(drain(), snapshot);
        assertThat(parts.keySet()).containsExactlyInAnyOrderElementsOf(Sources.of(ClusterKind.PROVISIONED).stream()
                .filter(s -> s != Sources.USER_METRICS || cluster.equals(SimClustersTestResource.PROVISIONED)).map(s -> s.name()).toList());
        return parts;
    }

    @Test
    void provisionedClusterIsCollectedIntoCompletePartsUnderTheLimit() throws Exception {
        Map<String, List<SnapshotPartCollected>> parts = collectEverySource(SimClustersTestResource.PROVISIONED);
        try (Connection sim = SimClustersTestResource.provisioned().underlyingConnection()) {
            assertThat(rows(parts.get("table_info"))).isEqualTo(count(sim, "select count(*) from svv_table_info"));
            assertThat(rows(parts.get("table_columns"))).isEqualTo(count(sim,
                    "select count(*) from pg_attribute a join redshift_sim.table_meta m on m.table_id = a.attrelid where a.attnum > 0"));
        }
        SnapshotPartCollected queries = parts.get("queries").get(0);
        assertThat(queries.clusterKind()).isEqualTo(ClusterKind.PROVISIONED);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(autopilot.testsupport.PrometheusText.value(metrics, "autopilot_collector_lag_seconds", Map.of("cluster", "star")))
                .isBetween(0.0, 60.0);
        assertThat(autopilot.testsupport.PrometheusText.value(metrics, "autopilot_collector_rows_read_total",
                Map.of("cluster", "star", "source", "table_info"))).isPositive();
        try (Connection sim = SimClustersTestResource.provisioned().underlyingConnection()) {
            assertThat(rows(parts.get("queries"))).isEqualTo(count(sim, "select count(*) from redshift_sim.stl_query where endtime > '"
                    + utc(queries.watermarkFrom()) + "' and endtime <= '" + utc(queries.watermarkTo()) + "'"));
        }
    }

    /** The distinct values of one column over a source's parts. */
    private static Set<Object> values(List<SnapshotPartCollected> parts, String column) {
        int index = parts.get(0).columns().indexOf(column);
        assertThat(index).as("column %s of %s", column, parts.get(0).source()).isNotNegative();
        return parts.stream().flatMap(p -> p.rows().stream()).map(r -> r.get(index)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void tableHealthIsReadFromEveryDatabaseAndTheWorkloadOnce() throws Exception {
        Map<String, List<SnapshotPartCollected>> parts = collectEverySource(SimClustersTestResource.MULTI);
        assertThat(values(parts.get("table_info"), "database")).containsExactly("analytics", "dev");
        List<String> tables = parts.get("table_info").stream().flatMap(p -> p.rows().stream())
                .map(r -> r.get(0) + "." + r.get(1) + "." + r.get(3)).sorted().toList();
        assertThat(tables).containsExactly("analytics.mart.daily_revenue", "analytics.public.events", "analytics.public.orders",
                "dev.public.customers", "dev.public.orders");
        // PG_TABLE_DEF of each database, each row naming it: orders has other columns in each.
        assertThat(values(parts.get("table_columns"), "database")).containsExactly("analytics", "dev");
        int db = parts.get("table_columns").get(0).columns().indexOf("database");
        List<String> orders = parts.get("table_columns").stream().flatMap(p -> p.rows().stream())
                .filter(r -> "orders".equals(r.get(1))).map(r -> r.get(db) + ":" + r.get(2)).sorted().toList();
        assertThat(orders).containsExactly("analytics:amount", "analytics:order_date", "analytics:order_id", "analytics:region",
                "dev:amount", "dev:customer_id", "dev:order_date", "dev:order_id");
        // Advisor recommendations are per database too: the one for analytics.public.events is only seen from there.
        assertThat(values(parts.get("advisor"), "database")).containsExactly("analytics");
        // The skewed key of analytics.public.events was profiled in its own database (60 % NULL).
        List<SnapshotPartCollected> profiles = parts.get("column_profile");
        int column = profiles.get(0).columns().indexOf("column");
        int nonNull = profiles.get(0).columns().indexOf("non_null_rows");
        int profiled = profiles.get(0).columns().indexOf("profiled_rows");
        List<Object> tenant = profiles.stream().flatMap(p -> p.rows().stream())
                .filter(r -> "analytics".equals(r.get(0)) && "events".equals(r.get(3)) && "tenant_id".equals(r.get(column))).findFirst()
                .orElseThrow(() -> new AssertionError("no profile of analytics.public.events.tenant_id"));
        assertThat(((Number) tenant.get(nonNull)).doubleValue() / ((Number) tenant.get(profiled)).doubleValue()).isCloseTo(0.4,
                org.assertj.core.data.Offset.offset(0.05));
        // Cluster-wide logs come once, not once per database.
        try (Connection sim = SimClustersTestResource.multiDatabase().underlyingConnection()) {
            SnapshotPartCollected queries = parts.get("queries").get(0);
            assertThat(rows(parts.get("queries"))).isEqualTo(count(sim, "select count(*) from redshift_sim.stl_query where userid > 1 "
                    + "and endtime > '" + utc(queries.watermarkFrom()) + "' and endtime <= '" + utc(queries.watermarkTo()) + "'"));
            assertThat(rows(parts.get("table_slices"))).isEqualTo(count(sim, "select count(distinct id) from redshift_sim.stv_tbl_perm"));
        }
    }

    @Test
    void deniedDatabasesAreLeftOutAndAllowedOnesAloneAreRead() {
        drain();
        String denied = collect(SimClustersTestResource.MULTI_DENY);
        Map<String, List<SnapshotPartCollected>> parts = bySource(drain(), denied);
        assertThat(values(parts.get("table_info"), "database")).containsExactly("dev");
        assertThat(values(parts.get("table_columns"), "database")).containsExactly("dev");

        String allowed = collect(SimClustersTestResource.MULTI_ALLOW);
        parts = bySource(drain(), allowed);
        assertThat(values(parts.get("table_info"), "database")).containsExactly("analytics");
        assertThat(values(parts.get("table_columns"), "database")).containsExactly("analytics");
        // The workload is cluster-wide, read from the configured database (dev) even when dev's tables are not collected.
        assertThat(values(parts.get("queries"), "database")).contains("dev", "analytics");
    }

    private static String utc(java.time.Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC).toString();
    }

    @Test
    void aLaterCycleReadsOnlyRowsNewerThanTheWatermark() throws Exception {
        collect(SimClustersTestResource.PROVISIONED);
        drain();
        try (Connection sim = SimClustersTestResource.provisioned().underlyingConnection(); Statement st = sim.createStatement()) {
            st.execute("insert into redshift_sim.stl_query (userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted) "
                    + "select 100, 900000 + g, 'default', 1, 1, 'dev', 'select ' || g, (now() at time zone 'UTC') - interval '2 seconds', "
                    + "(now() at time zone 'UTC') - interval '1 second', 0 from generate_series(1, 3) g");
        }
        String snapshot = collect(SimClustersTestResource.PROVISIONED);
        List<SnapshotPartCollected> queries = bySource(drain(), snapshot).get("queries");
        int queryColumn = queries.get(0).columns().indexOf("query");
        Set<Number> ids = queries.stream().flatMap(p -> p.rows().stream()).map(r -> (Number) r.get(queryColumn)).collect(Collectors.toSet());
        assertThat(ids.stream().map(Number::longValue).toList()).containsExactlyInAnyOrder(900001L, 900002L, 900003L);
        assertThat(queries.get(0).watermarkFrom()).isBefore(queries.get(0).watermarkTo());
    }

    @jakarta.inject.Inject
    autopilot.collector.snapshot.CollectionService collections;

    @Test
    void oneShotModeWritesEveryEventAndMovesNoWatermark() {
        Map<String, Object> before = watermarksOf(SimClustersTestResource.PROVISIONED);
        List<String> lines = new java.util.ArrayList<>();
        String snapshot = collections.collectInto(SimClustersTestResource.PROVISIONED,
                List.of(autopilot.collector.source.Source.Group.TABLE_HEALTH, autopilot.collector.source.Source.Group.WORKLOAD),
                lines::add).toString();
        Map<String, List<SnapshotPartCollected>> parts = bySource(lines.stream().<EventEnvelope<?>>map(codec::decode).toList(), snapshot);
        assertThat(parts.keySet()).containsExactlyInAnyOrderElementsOf(
                Sources.of(ClusterKind.PROVISIONED).stream().map(s -> s.name()).toList());
        assertThat(watermarksOf(SimClustersTestResource.PROVISIONED)).isEqualTo(before);
    }

    @Test
    void passwordComesFromSecretsManager() {
        drain();
        String snapshot = collect(SimClustersTestResource.FROM_SECRET);
        assertThat(bySource(drain(), snapshot)).containsKey("table_info");
    }

    @Test
    void anAbsenceLongerThanTheRetentionIsReportedAsAGap() throws Exception {
        String cluster = SimClustersTestResource.FROM_SECRET;
        collect(cluster);
        java.time.Instant tenDaysAgo = java.time.Instant.now().minus(Duration.ofDays(10));
        try (Connection state = PostgresTestResource.shared().getPostgresDatabase().getConnection();
             java.sql.PreparedStatement ps = state.prepareStatement(
                     "update collector.collector_watermark set position = ? where cluster_id = ? and watermark = 'queries'")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(tenDaysAgo));
            ps.setString(2, cluster);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        drain();
        collect(cluster);
        List<autopilot.events.CollectionGapDetected> gaps = drain().stream()
                .filter(e -> e.clusterId().equals(cluster) && e.payload() instanceof autopilot.events.CollectionGapDetected)
                .map(e -> (autopilot.events.CollectionGapDetected) e.payload()).toList();
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).from()).isCloseTo(tenDaysAgo, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(gaps.get(0).to()).isAfter(tenDaysAgo.plus(Duration.ofDays(5)));
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("autopilot_collector_gaps_total{cluster=\"vault\"");
    }

    @Test
    void userMetricsAreReadWithTheWorkloadAndAFailingOneSaysWhy() throws Exception {
        Map<String, List<SnapshotPartCollected>> parts = collectEverySource(SimClustersTestResource.PROVISIONED);
        List<SnapshotPartCollected> metrics = parts.get("user_metrics");
        assertThat(metrics.get(0).columns()).containsExactly("name", "value", "unit", "error");
        Map<Object, List<Object>> byName = metrics.stream().flatMap(p -> p.rows().stream())
                .collect(Collectors.toMap(r -> r.get(0), r -> r));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("QueriesLogged", "Broken");
        try (Connection sim = SimClustersTestResource.provisioned().underlyingConnection()) {
            assertThat(((Number) byName.get("QueriesLogged").get(1)).longValue())
                    .isEqualTo(count(sim, "select count(*) from sys_query_history")).isPositive();
        }
        assertThat(byName.get("QueriesLogged").subList(2, 4)).containsExactly("Count", null);
        assertThat(byName.get("Broken").get(1)).isNull();
        assertThat((String) byName.get("Broken").get(3)).startsWith("the SELECT failed").contains("no_such_table");
        // A cluster no metric names reads none.
        drain();
        String odd = collect(SimClustersTestResource.ODD_NAMES);
        assertThat(bySource(drain(), odd)).isNotEmpty().doesNotContainKey("user_metrics");
    }

    @Test
    void serverlessClusterIsReadFromSysViews() throws Exception {
        drain();
        String snapshot = collect(SimClustersTestResource.SERVERLESS);
        Map<String, List<SnapshotPartCollected>> parts = bySource(drain(), snapshot);
        assertThat(parts.keySet()).containsExactlyInAnyOrderElementsOf(
                Sources.of(ClusterKind.SERVERLESS).stream().map(s -> s.name()).toList());
        SnapshotPartCollected queries = parts.get("queries").get(0);
        assertThat(queries.clusterKind()).isEqualTo(ClusterKind.SERVERLESS);
        try (Connection sim = SimClustersTestResource.serverless().underlyingConnection()) {
            assertThat(rows(parts.get("queries"))).isEqualTo(count(sim, "select count(*) from redshift_sim.sys_query_history where end_time > '"
                    + utc(queries.watermarkFrom()) + "' and end_time <= '" + utc(queries.watermarkTo()) + "'"));
        }
    }

    @Test
    void anUnreachableClusterIsDownWhileTheServiceStaysUp() {
        given().post("/api/v1/clusters/" + SimClustersTestResource.DOWN + "/collect").then().statusCode(503);
        collect(SimClustersTestResource.PROVISIONED);
        List<Map<String, Object>> clusters = given().get("/api/v1/clusters").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> down = clusters.stream().filter(c -> c.get("id").equals("down")).findFirst().orElseThrow();
        Map<String, Object> star = clusters.stream().filter(c -> c.get("id").equals("star")).findFirst().orElseThrow();
        assertThat(down.get("up")).isEqualTo(false);
        assertThat((String) down.get("lastError")).isNotBlank();
        assertThat(star.get("up")).isEqualTo(true);
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("\"down\"").contains("DOWN");
        given().post("/api/v1/clusters/nope/collect").then().statusCode(404);
    }

    @Test
    void anSqsOutageDelaysPublishingButLosesNothing() throws Exception {
        collect(SimClustersTestResource.SERVERLESS);
        drain();
        Map<String, Object> before = watermarksOf(SimClustersTestResource.SERVERLESS);
        moto.server().stop();
        CompletableFuture<String> during = CompletableFuture.supplyAsync(() -> collect(SimClustersTestResource.SERVERLESS));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !during.isDone());
        // Nothing accepted yet: the watermarks stay where they were, so a crash now would re-read this window.
        assertThat(watermarksOf(SimClustersTestResource.SERVERLESS)).isEqualTo(before);
        moto.server().start();
        Moto again = Moto.shared(); // restarted moto is empty: provision the topology again
        String snapshot = during.get(90, java.util.concurrent.TimeUnit.SECONDS);
        Map<String, List<SnapshotPartCollected>> parts = bySource(drain(), snapshot);
        assertThat(again.topology()).isNotNull();
        assertThat(parts.keySet()).containsExactlyInAnyOrderElementsOf(
                Sources.of(ClusterKind.SERVERLESS).stream().map(s -> s.name()).toList());
        parts.values().forEach(CollectionTest::rows);
        assertThat(watermarksOf(SimClustersTestResource.SERVERLESS).get("queries")).isNotEqualTo(before.get("queries"));
    }

    private static Map<String, Object> watermarksOf(String cluster) {
        List<Map<String, Object>> clusters = given().get("/api/v1/clusters").then().statusCode(200).extract().jsonPath().getList("$");
        @SuppressWarnings("unchecked")
        Map<String, Object> marks = (Map<String, Object>) clusters.stream().filter(c -> c.get("id").equals(cluster))
                .findFirst().orElseThrow().get("watermarks");
        return marks;
    }
}
