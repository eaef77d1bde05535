package autopilot.sim;

import static autopilot.sim.ActivityTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code night-incident} scenario as installed (its live mode off, so nothing moves),
 * read through the Redshift JDBC driver as the monitoring user: each relation an on-call rule reads
 * shows its part of the incident.
 */
class NightIncidentTest {

    private static SimCluster cluster;
    private static Connection monitor;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(ScenarioLoader.shipped("night-incident").withLive(null), 0);
        monitor = connect(cluster, "monitor");
    }

    @AfterAll
    static void stop() throws Exception {
        monitor.close();
        cluster.close();
    }

    @Test
    void aTruncateInAnOpenTransactionBlocksTwoSessions() throws Exception {
        long sales = Rows.single(monitor, "select table_id from svv_table_info where \"table\" = 'sales'");
        assertThat(Rows.stripped(monitor, "select pid, txn_owner, lock_mode, case when granted then 't' else 'f' end from svv_transactions "
                + "where relation = " + sales + " order by pid")).containsExactly(
                List.of("45001", "etl_user", "AccessExclusiveLock", "t"), List.of("45002", "bi_user", "AccessShareLock", "f"),
                List.of("45003", "analyst", "AccessShareLock", "f"));
        assertThat(Rows.stripped(monitor, "select lock_owner_pid, lock_status from stv_locks where table_id = " + sales + " order by lock_owner_pid"))
                .containsExactly(List.of("45001", "Holding write lock"), List.of("45002", "Waiting for read lock"),
                        List.of("45003", "Waiting for read lock"));
        // datediff counts minute boundaries crossed (25 or 26 for 25 minutes and some seconds): compare seconds.
        assertThat(Rows.single(monitor, "select datediff(second, txn_start, getdate()) from svv_transactions "
                + "where pid = 45001 and lockable_object_type = 'transactionid'")).isBetween(25 * 60L, 25 * 60L + 120);
        // What the blocker ran last, in its own session and transaction.
        assertThat(Rows.stripped(monitor, "select trim(h.query_text), h.query_type, trim(h.status) from sys_query_history h "
                + "join svv_transactions t on t.xid = h.transaction_id and t.pid = h.session_id "
                + "where t.pid = 45001 and t.lockable_object_type = 'transactionid'"))
                .containsExactly(List.of("truncate sales", "UTILITY", "success"));
        assertThat(Rows.stripped(monitor, "select trim(text) from stl_utilitytext where pid = 45001")).containsExactly(List.of("truncate sales"));
        // The waiters' selects are in flight in their sessions.
        assertThat(Rows.stripped(monitor, "select distinct i.pid, trim(s.user_name) from stv_inflight i join stv_sessions s on s.process = i.pid "
                + "where i.pid in (45002, 45003) order by 1")).containsExactly(List.of("45002", "bi_user"), List.of("45003", "analyst"));
    }

    @Test
    void aReportHasRunForHoursThatUsuallyTakesTwentySeconds() throws Exception {
        assertThat(Rows.stripped(monitor, "select distinct i.query, u.usename, datediff(second, i.starttime, getdate()) from stv_inflight i "
                + "join pg_user u on u.usesysid = i.userid where i.pid = 45010")).hasSize(1).allSatisfy(row -> {
                    assertThat(row.get(1)).isEqualTo("analyst");
                    assertThat(Long.parseLong(row.get(2))).isBetween(160 * 60L, 160 * 60L + 120); // 2 h 40 min and the test's seconds
                });
        long query = Rows.single(monitor, "select distinct query from stv_inflight where pid = 45010");
        assertThat(Rows.stripped(monitor, "select service_class, trim(state) from stv_wlm_query_state where query = " + query))
                .containsExactly(List.of("7", "Running"));
        assertThat(Rows.stripped(monitor, "select trim(status), session_id, service_class_id from sys_query_history where query_id = " + query))
                .containsExactly(List.of("running", "45010", "7"));
        // Its pattern's finished runs take about 20 s.
        long medianMillis = Rows.single(monitor, "select (percentile_cont(0.5) within group (order by execution_time) / 1000)::bigint "
                + "from sys_query_history where query_text like 'select page, count(*), avg(seconds) from web_sessions%' and status = 'success'");
        assertThat(medianMillis).isBetween(15_000L, 25_000L);
    }

    @Test
    void everyNodesDiskIsOverNinetyPercentUsed() throws Exception {
        assertThat(Rows.stripped(monitor, "select owner, count(*), (sum(used - tossed) * 1000 / sum(capacity))::int from stv_partitions "
                + "group by owner order by owner")).extracting(row -> List.of(row.get(0), row.get(1)))
                .containsExactly(List.of("0", "2"), List.of("1", "2"));
        assertThat(Rows.single(monitor, "select min(per_mille) from (select (sum(used - tossed) * 1000 / sum(capacity))::int as per_mille "
                + "from stv_partitions group by owner) p")).isGreaterThanOrEqualTo(905);
    }

    @Test
    void queueSevenRulesAbortAFewQueriesAndLogMany() throws Exception {
        assertThat(Rows.stripped(monitor, "select trim(rule_name), trim(action), trim(metric_name) from stv_wlm_qmr_config order by 1, 3"))
                .containsExactly(List.of("bi_abort_long", "abort", "query_execution_time"),
                        List.of("bi_abort_long", "abort", "query_temp_blocks_to_disk"), List.of("bi_log_scan", "log", "scan_row_count"));
        long aborts = Rows.single(monitor, "select count(*) from stl_wlm_rule_action where trim(action) = 'abort'");
        assertThat(aborts).isBetween(1L, 24L);
        assertThat(Rows.single(monitor, "select count(*) from stl_wlm_rule_action where trim(action) = 'log'")).isGreaterThan(aborts);
        assertThat(Rows.single(monitor, "select max(n) from (select date_trunc('hour', recordtime), count(*) as n from stl_wlm_rule_action "
                + "where trim(action) = 'abort' group by 1) h")).isLessThan(10);
        assertThat(Rows.single(monitor, "select count(*) from stl_wlm_rule_action a join sys_query_history h on h.query_id = a.query "
                + "where trim(a.action) = 'abort' and h.status = 'canceled'")).isEqualTo(aborts);
    }

    @Test
    void theEventsCopyRejectsTwoLinesAndFails() throws Exception {
        assertThat(Rows.stripped(monitor, "select e.err_code, trim(e.colname), e.line_number, t.\"table\" from stl_load_errors e "
                + "join svv_table_info t on t.table_id = e.tbl order by e.err_code"))
                .containsExactly(List.of("1206", "event_time", "42", "events"), List.of("1207", "amount", "1877", "events"));
        assertThat(Rows.stripped(monitor, "select table_name, trim(status), error_count, loaded_rows from sys_load_history"))
                .containsExactly(List.of("events", "aborted", "2", "0"));
        assertThat(Rows.stripped(monitor, "select error_code from sys_load_error_detail order by 1"))
                .containsExactly(List.of("1206"), List.of("1207"));
    }

    @Test
    void commitsOfTheLastHourWaitedLongInTheQueue() throws Exception {
        assertThat(Rows.single(monitor, "select count(*) from stl_commit_stats where node = -1 and endtime > dateadd(hour, -1, getdate()) "
                + "and datediff(ms, startqueue, startwork) >= 12000")).isEqualTo(40);
        assertThat(Rows.single(monitor, "select max(datediff(ms, startqueue, startwork)) from stl_commit_stats where node = -1")).isLessThanOrEqualTo(40_000);
        // Only the leader queues commits: the compute nodes' rows start theirs at 2000-01-01 (r_STL_COMMIT_STATS's sample).
        assertThat(Rows.stripped(monitor, "select distinct node, startqueue from stl_commit_stats where node >= 0 order by node"))
                .containsExactly(List.of("0", "2000-01-01 00:00:00"), List.of("1", "2000-01-01 00:00:00"));
    }
}
