package autopilot.collector.source;

import static autopilot.collector.source.CollectedRows.connect;
import static autopilot.collector.source.CollectedRows.count;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What enters the workload as Redshift fills its logs: the collector's own statements left out
 * however Redshift cut their label, rdsdb's statements left out, unlabelled queries kept whether
 * their label reads 'default', blank or NULL, only finished queries, one row per alerted query,
 * child queries kept apart, no block sums spoiled by STV_TBL_PERM's -1, and no placeholder time
 * taken for a previous ANALYZE.
 */
class WorkloadSourcesTest {

    /** 38 characters: STL_QUERY keeps 30 of them, STV_INFLIGHT 15. */
    private static final QueryGroupLabel LONG_LABEL = new QueryGroupLabel("autopilot-collector-of-the-night-shift");
    private static final QueryGroupLabel LABEL = new QueryGroupLabel("autopilot-collector");

    private static SimCluster provisioned;
    private static SimCluster serverless;

    @BeforeAll
    static void start() {
        provisioned = CollectedRows.scenario("own-statements");
        serverless = CollectedRows.scenario("serverless-details");
    }

    @AfterAll
    static void stop() {
        provisioned.close();
        serverless.close();
    }


    @Test
    void ownAndRedshiftsStatementsAreLeftOutAsRedshiftCutsTheLabel() throws Exception {
        try (Connection c = connect(provisioned)) {
            assertThat(count(c, "select count(*) from stl_query where userid = 1")).as("rdsdb's statements logged").isPositive();
            assertThat(count(c, "select count(*) from stl_query where trim(label) = 'autopilot-collector-of-the-nig'"))
                    .as("own statement logged with its label cut to 30").isEqualTo(1);

            CollectedRows queries = CollectedRows.read(c, ClusterKind.PROVISIONED, "queries", LONG_LABEL);
            assertThat(queries.column("querytxt")).containsExactlyInAnyOrder(
                    "select region, count(*) from orders group by region", "select count(*) from orders");
            assertThat(queries.column("label")).containsExactlyInAnyOrder("default", "nightly-report");

            CollectedRows inflight = CollectedRows.read(c, ClusterKind.PROVISIONED, "inflight", LONG_LABEL);
            assertThat(inflight.column("text")).containsExactly("select id from orders where region = 'eu'");
        }
    }

    @Test
    void usersNameEveryUserIdTheQueriesCarry() throws Exception {
        for (SimCluster cluster : List.of(provisioned, serverless)) {
            ClusterKind kind = cluster == provisioned ? ClusterKind.PROVISIONED : ClusterKind.SERVERLESS;
            try (Connection c = connect(cluster)) {
                CollectedRows queries = CollectedRows.read(c, kind, "queries", LABEL);
                CollectedRows users = CollectedRows.read(c, kind, "users", LABEL);
                assertThat(users.columns).as(kind.name()).containsExactly("usesysid", "usename");
                Map<Long, Object> names = users.rows.stream()
                        .collect(Collectors.toMap(r -> ((Number) r.get(0)).longValue(), r -> r.get(1)));
                assertThat(queries.column("userid")).as(kind + ": queries").isNotEmpty()
                        .allSatisfy(id -> assertThat(names).containsKey(((Number) id).longValue()));
                assertThat(names.values()).as(kind.name()).contains("rdsdb").doesNotContain("postgres");
            }
        }
    }

    @Test
    void aTableNamedLikeOneInAnEarlierSchemaStillHasItsColumns() throws Exception {
        try (Connection c = connect(provisioned)) {
            CollectedRows columns = new CollectedRows();
            TableDefinitions.read(c, columns);
            int schema = columns.columns.indexOf("schemaname");
            int column = columns.columns.indexOf("column");
            assertThat(columns.rows.stream().filter(r -> r.get(schema).equals("sales")).map(r -> r.get(column)))
                    .containsExactly("order_id", "amount");
            assertThat(columns.rows.stream().filter(r -> r.get(schema).equals("public")).map(r -> r.get(column)))
                    .containsExactly("id", "region");
        }
    }

    @Test
    void anAlertIsOneRowPerAlertedQueryNotPerSliceAndStep() throws Exception {
        try (Connection c = connect(provisioned)) {
            long logRows = count(c, "select count(*) from stl_alert_event_log where userid > 1");
            CollectedRows alerts = CollectedRows.read(c, ClusterKind.PROVISIONED, "alerts", LONG_LABEL);
            assertThat(logRows).as("one row per slice and segment").isGreaterThan(4);
            assertThat(alerts.columns).containsExactly("query", "alert", "event", "solution", "event_time");
            assertThat(alerts.column("alert")).containsExactly("Missing query planner statistics");
        }
    }

    @Test
    void internalTablesBlockCountOfMinusOneAddsNoBlocks() throws Exception {
        try (Connection c = connect(RedshiftSimExtension.sharedStill("star-schema"))) {
            assertThat(count(c, "select count(*) from stv_tbl_perm where block_count = -1")).as("internal tables' rows").isPositive();
            CollectedRows slices = CollectedRows.read(c, ClusterKind.PROVISIONED, "table_slices", LABEL);
            assertThat(slices.column("blocks")).allSatisfy(b -> assertThat(((Number) b).longValue()).isNotNegative());
            assertThat(slices.column("blocks").stream().mapToLong(b -> ((Number) b).longValue()).sum())
                    .isEqualTo(count(c, "select sum(block_count) from stv_tbl_perm where block_count > 0 and temp = 0"));
        }
    }

    @Test
    void theFirstAnalyzeOfATableHasNoPreviousAnalyzeTime() throws Exception {
        try (Connection admin = new com.amazon.redshift.Driver().connect(provisioned.jdbcUrl(), admin());
             java.sql.Statement st = admin.createStatement()) {
            st.execute("SET analyze_threshold_percent TO 0");
            st.execute("ANALYZE orders");
        }
        try (Connection c = connect(provisioned)) {
            assertThat(count(c, "select count(*) from sys_analyze_history where last_analyze_time < '2000-01-02'"))
                    .as("Redshift's placeholder for never").isPositive();
            CollectedRows history = CollectedRows.read(c, ClusterKind.PROVISIONED, "analyze_history", LONG_LABEL);
            assertThat(history.column("table_name")).contains("orders");
            assertThat(history.column("last_analyze_time")).containsOnlyNulls();
        }
    }

    private static java.util.Properties admin() {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "admin");
        credentials.setProperty("password", "Admin-pass1");
        return credentials;
    }

    @Test
    void onlyFinishedQueriesEnterAServerlessWorkloadUnlabelledOnesIncluded() throws Exception {
        try (Connection c = connect(serverless)) {
            assertThat(count(c, "select count(*) from sys_query_history where trim(status) in ('running', 'queued')"))
                    .as("queries not finished").isEqualTo(2);
            assertThat(count(c, "select count(*) from sys_query_history where query_label is null")).as("unlabelled").isPositive();
            CollectedRows queries = CollectedRows.read(c, ClusterKind.SERVERLESS, "queries", LABEL);
            assertThat(queries.column("querytxt")).containsExactlyInAnyOrder(
                    "select k.kind, count(*) from events e join kinds k on k.kind = e.kind group by k.kind",
                    "select count(*) from events");
            assertThat(queries.column("label")).containsOnlyNulls();
        }
    }

    @Test
    void childQueriesOfAServerlessQueryAreKeptApartAndAddUp() throws Exception {
        try (Connection c = connect(serverless)) {
            CollectedRows dist = CollectedRows.read(c, ClusterKind.SERVERLESS, "dist_steps", LABEL);
            assertThat(dist.column("child")).containsExactlyInAnyOrder(1, 2);
            assertThat(dist.column("rows").stream().mapToLong(r -> ((Number) r).longValue()).sum()).isEqualTo(1_000_000);
            assertThat(dist.column("maxtime").stream().mapToLong(r -> ((Number) r).longValue()).sum()).isEqualTo(800_000);

            CollectedRows scans = CollectedRows.read(c, ClusterKind.SERVERLESS, "scans", LABEL);
            int query = scans.columns.indexOf("query");
            long joined = scans.rows.stream().filter(r -> scans.rows.stream().filter(o -> o.get(query).equals(r.get(query))).count() == 2)
                    .map(r -> ((Number) r.get(query)).longValue()).findFirst().orElseThrow();
            Map<Object, List<Object>> byTable = scans.rows.stream().filter(r -> ((Number) r.get(query)).longValue() == joined)
                    .collect(Collectors.toMap(r -> r.get(scans.columns.indexOf("table_name")), r -> r));
            List<Object> events = byTable.get("events");
            assertThat(((Number) events.get(scans.columns.indexOf("rows"))).longValue()).isEqualTo(1_000_000);
            assertThat(((Number) events.get(scans.columns.indexOf("duration"))).longValue()).as("both children's segment time, µs")
                    .isEqualTo(1_200_000);
            assertThat(((Number) byTable.get("kinds").get(scans.columns.indexOf("duration"))).longValue()).isEqualTo(10_000);
        }
    }
}
