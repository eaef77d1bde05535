package autopilot.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.events.EventCodec;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The column_profile and dist_steps sources against simulated clusters whose tables hold sample rows. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersTestResource.class)
class ColumnProfileTest {

    private final EventCodec codec = new EventCodec();

    /** Collects a cluster (both groups) and returns the rows of one source of that snapshot, as column name to value maps. */
    private List<Map<String, Object>> collect(String cluster, String source) {
        new QueueProbe(Moto.shared().clients().sqs(), Moto.shared().topology().snapshotsUrl()).collect(Duration.ofSeconds(1));
        String snapshot = given().post("/api/v1/clusters/" + cluster + "/collect").then().statusCode(200).extract().jsonPath()
                .getString("snapshotId");
        List<SnapshotPartCollected> parts = new QueueProbe(Moto.shared().clients().sqs(), Moto.shared().topology().snapshotsUrl())
                .collect(Duration.ofSeconds(2)).stream().map(m -> codec.decode(m.body()).payload())
                .filter(p -> p instanceof SnapshotPartCollected).map(p -> (SnapshotPartCollected) p)
                .filter(p -> p.snapshotId().toString().equals(snapshot)).toList();
        assertThat(parts.stream().filter(p -> p.source().equals("column_profile")).findFirst().orElseThrow().snapshotSources())
                .contains("column_profile");
        return rows(parts.stream(), source);
    }

    /** The rows of a source's parts, as column name to value maps. */
    private static List<Map<String, Object>> rows(java.util.stream.Stream<SnapshotPartCollected> parts, String source) {
        return parts.filter(p -> p.source().equals(source)).flatMap(p -> p.rows().stream().map(r -> {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < p.columns().size(); i++) {
                row.put(p.columns().get(i), r.get(i));
            }
            return row;
        })).toList();
    }

    private static Map<String, Object> profile(List<Map<String, Object>> rows, String table, String column) {
        return rows.stream().filter(r -> r.get("table").equals(table) && r.get("column").equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no profile of " + table + "." + column + " in " + rows));
    }

    private static double share(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue() / ((Number) row.get("profiled_rows")).doubleValue();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    @Test
    void joinAndDistributionKeysOfTheStarSchemaAreProfiledAsTheModelSays() {
        List<Map<String, Object>> rows = collect(SimClustersTestResource.PROVISIONED, "column_profile");
        Map<String, Object> promo = profile(rows, "sales", "promo_id");
        assertThat(number(promo, "profiled_rows")).isEqualTo(20_000);
        assertThat(share(promo, "non_null_rows")).isCloseTo(0.3, within(0.01));
        assertThat(number(promo, "distinct_values")).isEqualTo(40);
        assertThat(share(promo, "top_value_rows")).isCloseTo(0.05, within(0.01));
        assertThat(promo.get("max_octet_length")).isNull();
        Map<String, Object> product = profile(rows, "sales", "product_id");
        assertThat(share(product, "non_null_rows")).isEqualTo(1.0);
        assertThat(number(product, "distinct_values")).isGreaterThan(19_900);
        assertThat(number(product, "top_value_rows")).isBetween(5L, 20L);
        assertThat(number(profile(rows, "sales", "store_id"), "distinct_values")).isEqualTo(1_200);
        assertThat(number(profile(rows, "product_dim", "product_id"), "distinct_values")).isEqualTo(20_000);
        assertThat(number(profile(rows, "customer_dim", "customer_id"), "distinct_values")).isEqualTo(20_000);
        Map<String, Object> description = profile(rows, "product_dim", "description");
        assertThat(number(description, "max_octet_length")).isEqualTo(180);
        assertThat(description.get("distinct_values")).isNull();
        assertThat(number(profile(rows, "clickstream", "url"), "max_octet_length")).isEqualTo(400);
        assertThat(rows).noneMatch(r -> r.get("table").equals("date_dim") || r.get("table").equals("store_dim")); // under min-rows
        assertThat(promo.get("table_id")).isInstanceOf(Number.class);
        assertThat(promo.get("database")).isEqualTo("dev");
        assertThat(promo.get("schema")).isEqualTo("public");
    }

    @Test
    void aTableIsNotProfiledAgainWithinTheInterval() {
        Map<String, Object> first = profile(collect(SimClustersTestResource.PROVISIONED, "column_profile"), "sales", "product_id");
        Map<String, Object> again = profile(collect(SimClustersTestResource.PROVISIONED, "column_profile"), "sales", "product_id");
        assertThat(again.get("profiled_at")).isEqualTo(first.get("profiled_at"));
    }

    @jakarta.inject.Inject
    autopilot.collector.snapshot.CollectionService collections;

    @Test
    void redistributionAndBroadcastStepsAreCollected() {
        // One-shot: the initial lookback window whatever other tests' collections moved the watermark to.
        List<String> lines = new java.util.ArrayList<>();
        collections.collectInto(SimClustersTestResource.PROVISIONED, List.of(autopilot.collector.source.Source.Group.WORKLOAD), lines::add);
        List<Map<String, Object>> steps = rows(lines.stream().map(l -> codec.decode(l).payload())
                .filter(p -> p instanceof SnapshotPartCollected).map(p -> (SnapshotPartCollected) p), "dist_steps");
        assertThat(steps).isNotEmpty().allSatisfy(s -> assertThat((String) s.get("label")).matches("(dist|bcast).*"));
        assertThat(steps).anySatisfy(s -> assertThat(number(s, "rows")).isEqualTo(50_000_000L));
        assertThat(steps.get(0).keySet()).containsExactlyInAnyOrder("query", "seg", "step", "maxtime", "rows", "bytes", "label");
    }

    @Test
    void hostileNamesAreProfiledAsNamesAndUnreadableTablesAreSkipped() throws Exception {
        List<Map<String, Object>> rows = collect(SimClustersTestResource.ODD_NAMES, "column_profile");
        Map<String, Object> odd = profile(rows, "x\"; DROP TABLE y; --", "k\"ey");
        assertThat(number(odd, "profiled_rows")).isEqualTo(500);
        assertThat(share(odd, "non_null_rows")).isCloseTo(0.8, within(0.02));
        assertThat(number(odd, "distinct_values")).isEqualTo(50);
        assertThat(rows).noneMatch(r -> r.get("table").equals("secret"));
        try (Connection c = SimClustersTestResource.oddNames().underlyingConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM public.y")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(500);
        }
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(PrometheusText.value(metrics, "autopilot_collector_profile_tables_total", Map.of("cluster", "odd", "outcome", "unreadable")))
                .isGreaterThanOrEqualTo(1.0);
    }
}
