package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workload behaviours as AWS documents them, on a small cluster of 4 slices, through the Redshift
 * JDBC driver: query labels, STL_ALERT_EVENT_LOG's granularity, running and queued queries in
 * SYS_QUERY_HISTORY, child queries and segment rows in SYS_QUERY_DETAIL, and Redshift's own
 * statements (rdsdb) in the logs.
 */
class WorkloadBehaviourTest {

    private static final String LONG_LABEL = "month_end_revenue_reconciliation_2026";
    private static final String SCENARIO = """
            name: workload-behaviours
            cluster: {nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}
            users:
              - {name: admin, password: Admin-pass1, superuser: true}
              - {name: analyst, password: Analyst-pass1}
            tables:
              - {name: orders, rows: 1000000, columns: [{name: id, type: BIGINT}, {name: amount, type: "DECIMAL(12,2)"}]}
            queries:
              - {text: "select count(*) from orders", user: analyst, ago: PT3H, execMillis: 500, label: %s,
                 scans: [{table: orders, type: 2, rows: 1000000, millis: 400}]}
              - text: "select sum(amount) from orders"
                user: analyst
                ago: PT2H
                execMillis: 900
                childQueries: 3
                scans: [{table: orders, type: 2, rows: 600000, millis: 600}]
                steps: [{label: "aggr   tbl=0", rows: 4, bytes: 256, millis: 30}, {label: "return", rows: 1, bytes: 64, millis: 3}]
                alerts: [{event: "Missing query planner statistics", solution: "Run the ANALYZE command"}]
              - {text: "select 1", user: analyst, ago: PT1H, execMillis: 2, label: short}
            inflight:
              - {text: "select * from orders", user: analyst, state: Running, ago: PT40S, label: quarter_end_reconciliation}
              - {text: "select id from orders", user: analyst, state: Running, ago: PT20S}
              - {text: "select amount from orders", user: analyst, state: Queued, ago: PT5S, label: queued_report}
            """.formatted(LONG_LABEL);

    private static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(scenario(SCENARIO), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Scenario scenario(String yaml) throws Exception {
        return ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
    }

    private static Connection admin(SimCluster on) throws SQLException {
        return DriverManager.getConnection(on.jdbcUrl(), "admin", "Admin-pass1");
    }



    /**
     * SET query_group labels: STL_QUERY and SVL_QLOG keep 30 characters and show {@code default}
     * without one, STV_INFLIGHT keeps 15 and is blank without one
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_query_group.html, r_STL_QUERY.html,
     * r_STV_INFLIGHT.html); SYS_QUERY_HISTORY keeps the whole label and, AWS not saying what an
     * unlabelled query shows (SYS_QUERY_HISTORY.html), the simulator gives NULL.
     */
    @Test
    void labelsAreCutAsEachRelationKeepsThem() throws Exception {
        try (Connection c = admin(cluster)) {
            String byText = " where userid > 1 order by starttime";
            assertThat(Rows.of(c, "select trim(label) from stl_query" + byText)).extracting(r -> r.get(0))
                    .containsExactly(LONG_LABEL.substring(0, 30), "default", "short");
            assertThat(Rows.of(c, "select trim(label) from svl_qlog" + byText))
                    .isEqualTo(Rows.of(c, "select trim(label) from stl_query" + byText));
            assertThat(Rows.of(c, "select distinct trim(label), trim(text) from stv_inflight order by 2 desc"))
                    .containsExactly(List.of("", "select id from orders"), List.of("quarter_end_rec", "select * from orders"));
            assertThat(Rows.of(c, "select query_label is null, trim(query_label) from sys_query_history where user_id > 1 order by start_time"))
                    .containsExactly(List.of("f", LONG_LABEL), Arrays.asList("t", null), List.of("f", "short"),
                            List.of("f", "quarter_end_reconciliation"), Arrays.asList("t", null), List.of("f", "queued_report"));
        }
    }

    /**
     * An alert is logged by every step of the alerted query on every slice: one row per slice,
     * segment and step (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_ALERT_EVENT_LOG.html).
     */
    @Test
    void anAlertHasARowPerSliceSegmentAndStep() throws Exception {
        try (Connection c = admin(cluster)) {
            long query = Rows.single(c, "select query from stl_query where querytxt like 'select sum(amount)%'");
            List<List<String>> steps = Rows.of(c, "select distinct slice, segment, step from svl_query_report where query = " + query
                    + " order by 1, 2, 3");
            assertThat(steps).hasSize(4 * 3);
            assertThat(Rows.of(c, "select slice, segment, step from stl_alert_event_log where query = " + query + " order by 1, 2, 3"))
                    .isEqualTo(steps);
            assertThat(Rows.of(c, "select distinct trim(event), trim(solution) from stl_alert_event_log where query = " + query))
                    .containsExactly(List.of("Missing query planner statistics", "Run the ANALYZE command"));
        }
    }

    /**
     * SYS_QUERY_HISTORY lists queries still running or queued: status running / queued, no end
     * time, the time elapsed so far (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html).
     */
    @Test
    void runningAndQueuedQueriesAreInSysQueryHistory() throws Exception {
        try (Connection c = admin(cluster)) {
            assertThat(Rows.of(c, "select trim(h.status), h.end_time, h.elapsed_time, h.queue_time, h.execution_time, q.query is not null "
                    + "from sys_query_history h left join stv_wlm_query_state q on q.query = h.query_id "
                    + "where trim(h.status) in ('running', 'queued') order by h.start_time"))
                    .containsExactly(Arrays.asList("running", null, "40000000", "0", "40000000", "t"),
                            Arrays.asList("running", null, "20000000", "0", "20000000", "t"),
                            Arrays.asList("queued", null, "5000000", "5000000", "0", "t"));
            // They are not logged as finished anywhere yet.
            assertThat(Rows.single(c, "select count(*) from stl_query q join stv_wlm_query_state s on s.query = q.query")).isZero();
        }
    }

    /**
     * SYS_QUERY_DETAIL: child_query_sequence numbers a rewritten query's child queries from 1; each
     * (child, stream, segment) has a segment-level row with step_id -1 and an empty step_name; start
     * time, end time and duration are the segment's on every row
     * (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html).
     */
    @Test
    void childQueriesRepeatTheSegmentsAndEveryRowCarriesItsSegmentsTime() throws Exception {
        try (Connection c = admin(cluster)) {
            long query = Rows.single(c, "select query from stl_query where querytxt like 'select sum(amount)%'");
            String detail = " from sys_query_detail where query_id = " + query + " and alert is null";
            assertThat(Rows.of(c, "select child_query_sequence, segment_id, step_id, trim(step_name)" + detail + " order by 1, 2, 3"))
                    .isEqualTo(List.of(1, 2, 3).stream().flatMap(child -> List.of(
                            List.of("" + child, "0", "-1", ""), List.of("" + child, "0", "0", "scan"),
                            List.of("" + child, "1", "-1", ""), List.of("" + child, "1", "0", "aggregate"),
                            List.of("" + child, "2", "-1", ""), List.of("" + child, "2", "0", "return")).stream()).toList());
            assertThat(Rows.single(c, "select count(*) from (select child_query_sequence, stream_id, segment_id" + detail
                    + " group by 1, 2, 3 having count(distinct (start_time, end_time, duration)) <> 1) differing")).isZero();
            // The children run one after another and add up to what STL_SCAN logged.
            assertThat(Rows.single(c, "select sum(output_rows)" + detail + " and step_id = 0 and segment_id = 0"))
                    .isEqualTo(Rows.single(c, "select sum(rows) from stl_scan where query = " + query)).isEqualTo(600_000);
            assertThat(Rows.of(c, "select count(*) from (select child_query_sequence, start_time, lag(end_time) over (order by child_query_sequence) "
                    + "as previous_end" + detail + " and step_id = -1 and segment_id = 0) c where previous_end is not null "
                    + "and start_time <> previous_end")).containsExactly(List.of("0"));
        }
    }

    /**
     * Every provisioned cluster's logs hold statements Redshift runs itself as rdsdb, user id 1, in
     * the system queues; the docs advise filtering with userid > 1
     * (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html).
     */
    @Test
    void redshiftsOwnStatementsAreLoggedAsRdsdbAndUseridAboveOneLeavesThemOut() throws Exception {
        try (Connection c = admin(cluster)) {
            // A few an hour over the workload's 3 hours.
            assertThat(Rows.single(c, "select count(*) from stl_query where userid = 1")).isEqualTo(9);
            assertThat(Rows.of(c, "select distinct split_part(trim(querytxt), ':', 1) from stl_query where userid = 1 order by 1"))
                    .extracting(r -> r.get(0)).contains("padb_fetch_sample", "load global dict registry");
            assertThat(Rows.single(c, "select count(*) from stl_wlm_query where userid = 1 and service_class between 1 and 4")).isEqualTo(9);
            assertThat(Rows.single(c, "select count(*) from sys_query_history where user_id = 1")).isEqualTo(9);
            assertThat(Rows.single(c, "select count(distinct s.query) from stl_scan s join stl_query q on q.query = s.query "
                    + "where s.userid = 1 and q.querytxt like 'padb_fetch_sample: select count(*) from orders%'")).isPositive();
            assertThat(Rows.single(c, "select count(*) from stl_query where userid > 1")).isEqualTo(3);
            assertThat(Rows.of(c, "select usename from pg_user where usesysid = 1")).containsExactly(List.of("rdsdb"));
        }
        try (Connection analyst = DriverManager.getConnection(cluster.jdbcUrl(), "analyst", "Analyst-pass1")) {
            assertThat(Rows.single(analyst, "select count(*) from svl_qlog where userid = 1")).isZero();
        }
        try (SimCluster quiet = SimCluster.start(scenario(SCENARIO.replace("slicesPerNode: 2}", "slicesPerNode: 2, systemQueries: false}")), 0);
             Connection c = admin(quiet)) {
            assertThat(Rows.single(c, "select count(*) from stl_query where userid = 1")).isZero();
            assertThat(Rows.single(c, "select count(*) from sys_query_history where user_id = 1")).isZero();
            assertThat(Rows.single(c, "select count(*) from stl_query")).isEqualTo(3);
        }
    }
}
