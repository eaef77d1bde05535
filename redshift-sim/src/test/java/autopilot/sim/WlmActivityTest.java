package autopilot.sim;

import static autopilot.sim.ActivityTest.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WLM rules and state, disk, concurrency scaling, external schemas, vacuum progress and the user
 * log of the {@code activity} test scenario, through the Redshift JDBC driver.
 */
class WlmActivityTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(ActivityTest.scenario(), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void rulesActOnTheQueriesOfTheirQueueThatMeetThem() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            assertThat(Rows.stripped(admin, "select trim(rule_name), trim(action), trim(metric_name), trim(metric_operator), metric_value "
                    + "from stv_wlm_qmr_config order by 1, 3")).containsExactly(
                    List.of("kill_big_scan", "abort", "query_execution_time", ">", "80.0"),
                    List.of("kill_big_scan", "abort", "scan_row_count", ">", "100000.0"),
                    List.of("long_log", "log", "query_execution_time", ">", "60.0"),
                    List.of("queued_too_long", "hop", "query_queue_time", ">", "30.0"));
            // The 90 s scan of a million rows meets two rules: the abort is taken, the log rule logs none.
            assertThat(Rows.stripped(admin, "select trim(q.querytxt), trim(a.rule), trim(a.action) from stl_wlm_rule_action a "
                    + "join stl_query q on q.query = a.query order by a.query, a.rule")).containsExactly(
                    List.of("select sum(amount) from orders", "kill_big_scan", "abort"),
                    List.of("select sum(amount) from orders", "long_log", "none"),
                    List.of("select count(*) from orders where order_day > '2026-01-01'", "long_log", "log"),
                    List.of("select kind from events limit 10", "queued_too_long", "hop(reassign)"));
            // A rule acts when its threshold is passed: 60 s into the execution.
            assertThat(Rows.single(admin, "select extract(epoch from a.recordtime - w.exec_start_time)::int from stl_wlm_rule_action a "
                    + "join stl_wlm_query w on w.query = a.query where trim(a.action) = 'log'")).isEqualTo(60);
            // The aborted query is aborted everywhere.
            long aborted = Rows.single(admin, "select query from stl_query where querytxt like 'select sum(amount)%'");
            assertThat(Rows.stripped(admin, "select q.aborted, trim(h.status), trim(h.error_message) from stl_query q join sys_query_history h "
                    + "on h.query_id = q.query where q.querytxt like 'select sum(amount)%'")).containsExactly(List.of("1", "canceled",
                    "Query (" + aborted + ") cancelled by WLM abort action of Query Monitoring Rule \"kill_big_scan\"."));
        }
        try (Connection analyst = connect(cluster, "analyst"); Connection etl = connect(cluster, "etl")) {
            assertThat(Rows.single(analyst, "select count(*) from stl_wlm_rule_action")).isEqualTo(4);
            assertThat(Rows.single(etl, "select count(*) from stl_wlm_rule_action")).isZero();
            assertThatThrownBy(() -> Rows.stripped(analyst, "select * from stv_wlm_qmr_config"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void serviceClassStateCountsWhatIsQueuedRunningAndDone() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            // Queue 7: five logged queries, one running, one queued, one hopped away, one run by concurrency scaling.
            assertThat(Rows.stripped(admin, "select * from stv_wlm_service_class_state order by service_class")).containsExactly(
                    List.of("6", "1", "0", "6", "5", "0", "0"),
                    List.of("7", "1", "1", "7", "5", "1", "1"));
            assertThat(Rows.stripped(admin, "select id, trim(condition), action_service_class from stv_wlm_classification_config order by id")).containsExactly(
                    List.of("1", "(system user) and (query group: health)", "1"), List.of("2", "(super user) and (query group: superuser)", "5"),
                    List.of("3", "(user group: etl)", "6"), List.of("4", "(query group: load)", "6"), List.of("5", "(querytype: any)", "7"));
        }
    }

    @Test
    void queueAndTaskStateShowEachUserItsOwnQueries() throws Exception {
        try (Connection admin = connect(cluster, "admin"); Connection analyst = connect(cluster, "analyst");
             Connection etl = connect(cluster, "etl")) {
            // Positions count every waiting query in the order it entered its queue.
            assertThat(Rows.stripped(admin, "select service_class, position from stv_wlm_query_queue_state order by position"))
                    .containsExactly(List.of("6", "0"), List.of("7", "1"));
            assertThat(Rows.stripped(analyst, "select service_class, position from stv_wlm_query_queue_state")).containsExactly(List.of("7", "1"));
            assertThat(Rows.stripped(etl, "select service_class, position from stv_wlm_query_queue_state")).containsExactly(List.of("6", "0"));
            assertThat(Rows.single(admin, "select count(*) from stv_wlm_query_queue_state q join stv_wlm_query_state s on s.query = q.query "
                    + "and s.queue_time = q.queue_time and s.wlm_start_time = q.start_time")).isEqualTo(2);
            assertThat(Rows.stripped(analyst, "select service_class, exec_time > 0 from stv_wlm_query_task_state")).hasSize(1);
            assertThat(Rows.stripped(etl, "select * from stv_wlm_query_task_state")).isEmpty();
        }
    }

    @Test
    void partitionsAddUpToEachNodesUsedStorage() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            long capacity = 32L * 1024 * 1024;
            assertThat(Rows.stripped(admin, "select node, capacity from stv_node_storage_capacity order by node"))
                    .containsExactly(List.of("0", Long.toString(capacity)), List.of("1", Long.toString(capacity)));
            // Used: the tables' blocks on the node's slices plus the model's 10 % of other data; internal
            // tables' rows (block_count -1) hold no blocks.
            assertThat(Rows.stripped(admin, "select n.node, n.used - b.blocks from stv_node_storage_capacity n join (select s.node, sum(p.block_count) "
                    + "as blocks from stv_tbl_perm p join stv_slices s on s.slice = p.slice where p.block_count > 0 group by s.node) b "
                    + "on b.node = n.node order by 1"))
                    .containsExactly(List.of("0", "3355443"), List.of("1", "3355443"));
            assertThat(Rows.stripped(admin, "select owner, count(*), sum(used), sum(capacity) from stv_partitions group by owner order by owner"))
                    .containsExactly(List.of("0", "3", Long.toString(Rows.single(admin, "select used from stv_node_storage_capacity where node = 0")),
                                    Long.toString(capacity / 3 * 3)),
                            List.of("1", "3", Long.toString(Rows.single(admin, "select used from stv_node_storage_capacity where node = 1")),
                                    Long.toString(capacity / 3 * 3)));
        }
    }

    @Test
    void aConcurrencyScalingPeriodRanTheQueriesThatWaitedLongest() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            assertThat(Rows.stripped(admin, "select queries, usage_in_seconds, extract(epoch from end_time - start_time)::int from svcs_concurrency_scaling_usage"))
                    .containsExactly(List.of("1", "1800", "1800"));
            assertThat(Rows.stripped(admin, "select trim(querytxt) from stl_query where concurrency_scaling_status = 1"))
                    .containsExactly(List.of("select 1 from orders limit 1"));
            assertThat(Rows.stripped(admin, "select service_class, trim(concurrency_scaling) from stv_wlm_service_class_config order by 1"))
                    .containsExactly(List.of("6", "off"), List.of("7", "auto"));
        }
    }

    @Test
    void externalSchemasShowToTheUsersGrantedThem() throws Exception {
        try (Connection admin = connect(cluster, "admin"); Connection analyst = connect(cluster, "analyst");
             Connection etl = connect(cluster, "etl")) {
            assertThat(Rows.stripped(admin, "select s.schemaname, s.eskind, s.databasename, s.esoptions from svv_external_schemas s "
                    + "join pg_namespace n on n.oid = s.esoid")).containsExactly(
                    List.of("spectrum", "1", "lake", "{\"IAM_ROLE\":\"arn:aws:iam::123456789012:role/spectrum\"}"));
            assertThat(Rows.single(admin, "select count(*) from pg_external_schema e join svv_external_schemas s on s.esoid = e.esoid "
                    + "and s.databasename = e.esdbname")).isEqualTo(1);
            assertThat(Rows.stripped(analyst, "select redshift_database_name, schemaname, tablename, location, input_format from svv_external_tables"))
                    .containsExactly(List.of("dev", "spectrum", "clicks", "s3://lake/clicks/", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"));
            assertThat(Rows.stripped(analyst, "select columnname, external_type, columnnum, part_key from svv_external_columns order by columnnum"))
                    .containsExactly(List.of("url", "varchar(2048)", "1", "0"), List.of("ts", "timestamp", "2", "0"), List.of("day", "date", "3", "1"));
            for (String relation : List.of("svv_external_schemas", "pg_external_schema", "svv_external_tables", "svv_external_columns")) {
                assertThat(Rows.single(etl, "select count(*) from " + relation)).as(relation).isZero();
            }
            // No libraries, but the catalog is there for everyone.
            assertThat(Rows.single(analyst, "select count(*) from pg_library")).isZero();
        }
    }

    @Test
    void vacuumSummaryAndProgressFollowStlVacuum() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            assertThat(Rows.stripped(admin, "select table_name, elapsed_time, row_delta from svv_vacuum_summary"))
                    .containsExactly(List.of("orders", "60000000", "0"));
            try (Statement st = admin.createStatement()) {
                st.execute("vacuum sort only orders");
            }
            assertThat(Rows.stripped(admin, "select table_name, status, time_remaining_estimate from svv_vacuum_progress"))
                    .containsExactly(java.util.Arrays.asList("orders", "Complete", null));
            assertThat(Rows.single(admin, "select count(*) from svv_vacuum_summary s join stl_vacuum v on v.xid = s.xid "
                    + "where v.status like 'Finished%'")).isEqualTo(2);
        }
        try (Connection auditor = connect(cluster, "auditor")) {
            assertThatThrownBy(() -> Rows.stripped(auditor, "select * from svv_vacuum_progress"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void theUserLogListsChangesToUsers() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            // The users keep their ids.
            assertThat(Rows.stripped(admin, "select trim(user_name), trim(original_user_name), trim(action) from sys_userlog u "
                    + "join pg_user r on r.usename = trim(u.user_name) and r.usesysid = u.user_id order by record_time"))
                    .containsExactly(List.of("etl", "", "create"), List.of("analyst", "analyst_old", "rename"));
        }
    }
}
