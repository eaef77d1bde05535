package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workload relations derived from star-schema's queries, read through the Redshift JDBC driver:
 * statement text in 200-character pieces, DDL and utility statements apart from queries, every
 * step on every slice, writes, the per-slice report, metrics, plan nodes, and who sees which rows.
 */
class WorkloadRelationsTest {

    private static SimCluster cluster;
    /** The first logged run of the monthly report: scans of sales, product_dim, date_dim; dist, hjoin, hash, aggr, return steps. */
    private static long monthly;
    /** The first logged run of the region report: scans of sales, store_dim; bcast, hjoin, sort, return steps. */
    private static long region;

    @BeforeAll
    static void start() throws SQLException {
        cluster = SimCluster.start(ScenarioLoader.shipped("star-schema"), 0);
        try (Connection c = monitor()) {
            monthly = Rows.single(c, "select min(query) from stl_query where querytxt like 'select d.year, d.month, p.category%'");
            region = Rows.single(c, "select min(query) from stl_query where querytxt like 'select st.region%'");
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), user, password);
    }

    private static Connection monitor() throws SQLException {
        return connect("monitor", "Monitor-pass1");
    }



    @ParameterizedTest
    @ValueSource(strings = {"stl_querytext", "stl_ddltext", "stl_utilitytext", "svl_statementtext", "svl_qlog", "sys_query_text",
            "stl_plan_info", "stl_dist", "stl_bcast", "stl_hash", "stl_sort", "stl_aggr", "stl_return", "stl_insert", "stl_delete",
            "svl_query_report", "svl_query_metrics", "svl_query_metrics_summary", "stv_query_metrics"})
    void everyWorkloadRelationHasRows(String relation) throws Exception {
        try (Connection c = monitor()) {
            assertThat(Rows.single(c, "select count(*) from " + relation)).isPositive();
        }
    }

    @Test
    void stlErrorHasRedshiftsColumnsAndNoRowsSinceTheModelHasNoInternalErrors() throws Exception {
        try (Connection c = monitor()) {
            assertThat(Rows.of(c, "select userid, process, recordtime, pid, errcode, file, linenum, context, error from stl_error")).isEmpty();
        }
    }

    @Test
    void ddlAndUtilityStatementsAreTextOnlyAndQueriesAreInStlQuery() throws Exception {
        try (Connection c = monitor()) {
            assertThat(Rows.single(c, "select count(*) from stl_query where querytxt similar to '(create|drop|analyze|grant|set) %'")).isZero();
            assertThat(Rows.of(c, "select trim(query_type), split_part(trim(query_text), ' ', 1) from sys_query_history "
                    + "where trim(query_type) in ('DDL', 'UTILITY') order by start_time"))
                    .containsExactly(List.of("UTILITY", "set"), List.of("DDL", "create"), List.of("UTILITY", "analyze"),
                            List.of("UTILITY", "grant"), List.of("DDL", "drop"));
            // The temp table's DDL is longer than 200 characters: two pieces, which put together are the statement.
            String create = "from sys_query_history where query_text like 'create temp table stage_sales%'";
            long xid = Rows.single(c, "select transaction_id " + create);
            List<List<String>> pieces = Rows.of(c, "select sequence, text, trim(label) from stl_ddltext where xid = " + xid + " order by sequence");
            assertThat(pieces).extracting(r -> r.get(0)).containsExactly("0", "1");
            assertThat(pieces).extracting(r -> r.get(1).length()).containsOnly(200);
            assertThat((pieces.get(0).get(1) + pieces.get(1).get(1)).stripTrailing())
                    .isEqualTo(Rows.of(c, "select trim(query_text) " + create).get(0).get(0)).hasSizeGreaterThan(200);
            assertThat(pieces).extracting(r -> r.get(2)).containsOnly("nightly_etl");
            // Utility text: the SET ran before the label was set, the GRANT in another session without one: blank.
            assertThat(Rows.of(c, "select split_part(trim(text), ' ', 1), trim(label) from stl_utilitytext order by starttime"))
                    .containsExactly(List.of("set", ""), List.of("analyze", "nightly_etl"), List.of("grant", ""));
            // SVL_STATEMENTTEXT is the three together.
            assertThat(Rows.of(c, "select type, count(*) from svl_statementtext group by type order by type")).containsExactly(
                    List.of("DDL", Long.toString(Rows.single(c, "select count(*) from stl_ddltext"))),
                    List.of("QUERY", Long.toString(Rows.single(c, "select count(*) from stl_querytext"))),
                    List.of("UTILITY", Long.toString(Rows.single(c, "select count(*) from stl_utilitytext"))));
            // A query's pieces put together are its text.
            List<List<String>> query = Rows.of(c, "select text from stl_querytext where query = " + monthly + " order by sequence");
            assertThat(query).hasSize(2);
            assertThat((query.get(0).get(0) + query.get(1).get(0)).stripTrailing())
                    .isEqualTo(Rows.of(c, "select trim(querytxt) from stl_query where query = " + monthly).get(0).get(0));
            assertThat(Rows.of(c, "select sequence, trim(text) from sys_query_text where query_id = " + monthly))
                    .containsExactly(List.of("0", Rows.of(c, "select trim(querytxt) from stl_query where query = " + monthly).get(0).get(0)));
        }
    }

    @Test
    void stepTablesShowEachStepOfSvlQuerySummaryOnEverySlice() throws Exception {
        try (Connection c = monitor()) {
            for (String[] step : new String[][] {{"stl_dist", "dist", "" + monthly}, {"stl_hash", "hash", "" + monthly},
                    {"stl_aggr", "aggr", "" + monthly}, {"stl_return", "return", "" + monthly}, {"stl_bcast", "bcast", "" + region},
                    {"stl_sort", "sort", "" + region}}) {
                String perSlice = "select segment, count(*), sum(rows), sum(bytes) from " + step[0] + " where query = " + step[2]
                        + " group by segment order by segment";
                String summary = "select seg, 8, rows, bytes from svl_query_summary where query = " + step[2]
                        + " and trim(label) like '" + step[1] + "%' order by seg";
                assertThat(Rows.of(c, perSlice)).as(step[0]).isNotEmpty().isEqualTo(Rows.of(c, summary));
            }
            // Working memory: the queue's 1024 MB a slot per node, over the node's 2 slices.
            assertThat(Rows.of(c, "select distinct workmem, is_diskbased, type from stl_aggr where query = " + monthly))
                    .containsExactly(List.of(Long.toString(512L << 20), "f", "HASHED"));
            assertThat(Rows.single(c, "select count(distinct slice) from stl_hash where query = " + monthly)).isEqualTo(8);
        }
    }

    @Test
    void writesShowInStlInsertAndStlDeleteOnTheWrittenTable() throws Exception {
        try (Connection c = monitor()) {
            String sales = Long.toString(Rows.single(c, "select table_id from svv_table_info where \"table\" = 'sales'"));
            String clickstream = Long.toString(Rows.single(c, "select table_id from svv_table_info where \"table\" = 'clickstream'"));
            String customers = Long.toString(Rows.single(c, "select table_id from svv_table_info where \"table\" = 'customer_dim'"));
            String byStatement = "select split_part(trim(q.querytxt), ' ', 1), w.tbl, count(*), sum(w.rows) from %s w "
                    + "join stl_query q on q.query = w.query where q.label = 'nightly_etl' group by 1, 2 order by 1";
            assertThat(Rows.of(c, byStatement.formatted("stl_insert"))).containsExactly(List.of("copy", sales, "8", "1600000"),
                    List.of("update", customers, "8", "120000"));
            assertThat(Rows.of(c, byStatement.formatted("stl_delete"))).containsExactly(List.of("delete", clickstream, "8", "3300000"),
                    List.of("update", customers, "8", "120000"));
            // The hourly load inserts into clickstream every time it runs.
            assertThat(Rows.single(c, "select count(distinct i.query) from stl_insert i join stl_query q on q.query = i.query "
                    + "where q.querytxt like 'insert into clickstream%' and i.tbl = " + clickstream))
                    .isEqualTo(Rows.single(c, "select count(*) from stl_query where querytxt like 'insert into clickstream%'")).isPositive();
        }
    }

    @Test
    void queryReportHasEveryStepOfTheQueryOnEverySlice() throws Exception {
        try (Connection c = monitor()) {
            long steps = Rows.single(c, "select count(*) from svl_query_summary where query = " + monthly);
            assertThat(Rows.single(c, "select count(*) from svl_query_report where query = " + monthly)).isEqualTo(8 * steps);
            assertThat(Rows.of(c, "select segment, step, sum(rows), sum(bytes), max(elapsed_time), min(trim(label)) from svl_query_report "
                    + "where query = " + monthly + " group by 1, 2 order by 1"))
                    .isEqualTo(Rows.of(c, "select seg, step, rows, bytes, maxtime, trim(label) from svl_query_summary where query = " + monthly
                            + " order by seg"));
            // Scans as STL_SCAN has them, slice by slice.
            assertThat(Rows.of(c, "select slice, rows, rows_pre_filter, start_time, end_time from svl_query_report where query = " + monthly
                    + " and segment = 0 order by slice"))
                    .isEqualTo(Rows.of(c, "select slice, rows, rows_pre_filter, starttime, endtime from stl_scan where query = " + monthly
                            + " and segment = 0 order by slice"));
        }
    }

    @Test
    void metricsAreDerivedFromScansStepsAndTimes() throws Exception {
        try (Connection c = monitor()) {
            List<String> summary = Rows.of(c, "select scan_row_count, query_execution_time, query_blocks_read, join_row_count, "
                    + "return_row_count, service_class from svl_query_metrics_summary where query = " + monthly).get(0);
            assertThat(summary).containsExactly(
                    Long.toString(Rows.single(c, "select sum(rows_pre_filter) from stl_scan where query = " + monthly)),
                    Long.toString(Rows.single(c, "select round(total_exec_time / 1000000.0) from stl_wlm_query where query = " + monthly)),
                    Long.toString(Rows.single(c, "select sum(ceil(bytes / 1048576.0)) from stl_scan where query = " + monthly)),
                    "50000000", "1440", "6");
            long segments = Rows.single(c, "select count(*) from svl_query_summary where query = " + monthly);
            assertThat(Rows.of(c, "select trim(dimension), count(*) from svl_query_metrics where query = " + monthly + " group by 1 order by 1"))
                    .containsExactly(List.of("query", "1"), List.of("segment", "" + segments), List.of("step", "" + segments));
            assertThat(Rows.of(c, "select distinct trim(step_label) from svl_query_metrics where query = " + monthly
                    + " and dimension = 'step' order by 1"))
                    .extracting(r -> r.get(0)).containsExactly("aggr", "dist", "hash", "hjoin", "return", "scan");
            // Only user-defined queues report metrics: not rdsdb's statements in the system queues.
            assertThat(Rows.single(c, "select count(*) from svl_query_metrics_summary where service_class < 6")).isZero();
            assertThat(Rows.single(c, "select count(*) from stl_wlm_query where service_class < 6")).isPositive();
            // The running query, at query and segment level; the queued one has no metrics yet.
            assertThat(Rows.of(c, "select m.segment, m.step_type, m.slices, m.cpu_time = 8 * s.exec_time from stv_query_metrics m "
                    + "join stv_wlm_query_state s on s.query = m.query order by m.segment"))
                    .containsExactly(List.of("-1", "-1", "8", "t"), List.of("0", "-1", "8", "t"));
            assertThat(Rows.single(c, "select count(*) from stv_query_metrics m join stv_wlm_query_state s on s.query = m.query "
                    + "where trim(s.state) = 'Queued'")).isZero();
        }
    }

    @Test
    void planInfoHasANodePerPlanLineMappedToItsSegment() throws Exception {
        try (Connection c = monitor()) {
            assertThat(Rows.single(c, "select count(*) from stl_plan_info where query = " + monthly))
                    .isEqualTo(Rows.single(c, "select count(*) from stl_explain where query = " + monthly)).isEqualTo(8);
            // Node 4 is "XN Seq Scan on sales s (cost=0.00..6000000.00 rows=600000000 width=16)": the segment scanning sales.
            assertThat(Rows.of(c, "select segment, locus, startupcost, totalcost, rows, bytes from stl_plan_info where query = " + monthly
                    + " and nodeid = 4")).containsExactly(List.of(
                    Long.toString(Rows.single(c, "select distinct segment from stl_scan where query = " + monthly + " and perm_table_name = 'sales'")),
                    "0", "0.0", "6000000.0", "600000000", "9600000000"));
        }
    }

    @Test
    void aRegularUserSeesItsOwnRowsOnly() throws Exception {
        long biUser;
        try (Connection c = monitor()) {
            biUser = Rows.single(c, "select usesysid from pg_user where usename = 'bi_user'");
            assertThat(Rows.single(c, "select count(distinct userid) from stl_querytext")).isGreaterThan(2);
            assertThat(Rows.single(c, "select count(*) from stl_ddltext")).isPositive();
        }
        try (Connection bi = connect("bi_user", "Bi-pass1")) {
            for (String relation : List.of("stl_querytext", "svl_qlog", "stl_dist", "stl_bcast", "svl_query_report", "svl_query_metrics_summary",
                    "stl_plan_info", "stv_query_metrics", "sys_query_text")) {
                String userColumn = relation.startsWith("sys_") ? "user_id" : "userid";
                assertThat(Rows.of(bi, "select distinct " + userColumn + " from " + relation)).as(relation)
                        .containsExactly(List.of(Long.toString(biUser)));
            }
            // Last night's ETL was etl_user's and admin's: none of it shows to bi_user.
            assertThat(Rows.single(bi, "select count(*) from stl_ddltext")).isZero();
            assertThat(Rows.single(bi, "select count(*) from stl_insert")).isZero();
        }
        try (Connection etl = connect("etl_user", "Etl-pass1")) {
            assertThat(Rows.single(etl, "select count(*) from stl_ddltext")).isEqualTo(3);
            assertThat(Rows.of(etl, "select trim(text) from stl_utilitytext order by starttime")).extracting(r -> r.get(0))
                    .containsExactly("set query_group to 'nightly_etl'", "analyze sales");
        }
    }
}
