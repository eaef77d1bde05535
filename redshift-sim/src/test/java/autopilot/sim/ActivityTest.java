package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions, locks, cursors, conflicts, commits, loads and unloads of the {@code activity} test
 * scenario (test resource scenarios/activity.yaml), read through the Redshift JDBC driver: the
 * relations agree with each other and with the workload's, and each shows rows as Redshift's
 * visibility rules say.
 */
class ActivityTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(scenario(), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Scenario scenario() throws Exception {
        try (InputStream in = ActivityTest.class.getResourceAsStream("/scenarios/activity.yaml")) {
            return ScenarioLoader.read(in, "activity");
        }
    }

    static Connection connect(SimCluster on, String user) throws SQLException {
        String password = on.user(user).orElseThrow().password();
        return DriverManager.getConnection(on.jdbcUrl(), user, password);
    }



    @Test
    void sessionsAreOpenOrLoggedWithTheirConnectionEvents() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            assertThat(Rows.stripped(admin, "select process, user_name, db_name, timeout_sec from stv_sessions order by process"))
                    .containsExactly(List.of("40000", "analyst", "dev", "0"), List.of("40001", "etl", "dev", "600"));
            // The ended session: authenticated and initiating at its start, disconnecting 20 minutes later.
            assertThat(Rows.stripped(admin, "select event, duration, application_name from stl_connection_log where pid = 40002 order by recordtime, event"))
                    .containsExactly(List.of("authenticated", "0", "psql"), List.of("initiating session", "0", "psql"),
                            List.of("disconnecting session", "1200000000", "psql"));
            assertThat(Rows.single(admin, "select extract(epoch from max(recordtime) - min(recordtime))::int from stl_connection_log where pid = 40002"))
                    .isEqualTo(1200);
            assertThat(Rows.stripped(admin, "select username, remotehost from stl_connection_log where event = 'authentication failure'"))
                    .containsExactly(List.of("mallory", "203.0.113.9"));
            // The SYS view shows the same events with its own column names, and a session id per session.
            assertThat(Rows.single(admin, "select count(*) from sys_connection_log")).isEqualTo(Rows.single(admin, "select count(*) from stl_connection_log"))
                    .isEqualTo(8);
            assertThat(Rows.stripped(admin, "select ssl_version, driver_version, protocol_version from sys_connection_log "
                    + "where session_id = 40000 and event = 'authenticated'")).containsExactly(List.of("TLSv1.2", "Redshift JDBC 2.1.0.30", "3"));
            assertThat(Rows.single(admin, "select count(distinct global_session_id) from sys_connection_log where session_id = 40002")).isEqualTo(1);
        }
    }

    @Test
    void aRegularUserSeesItsOwnSessionAndUnrestrictedSyslogAccessSeesAll() throws Exception {
        try (Connection analyst = connect(cluster, "analyst"); Connection auditor = connect(cluster, "auditor")) {
            assertThat(Rows.stripped(analyst, "select user_name from stv_sessions")).containsExactly(List.of("analyst"));
            assertThat(Rows.single(auditor, "select count(*) from stv_sessions")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stl_connection_log", "sys_connection_log", "stv_locks", "stl_tr_conflict", "stl_commit_stats"})
    void superuserOnlyRelationsRefuseOtherUsersEvenWithUnrestrictedSyslogAccess(String relation) throws Exception {
        for (String user : List.of("analyst", "auditor")) {
            try (Connection c = connect(cluster, user)) {
                assertThatThrownBy(() -> Rows.stripped(c, "select * from " + relation))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
    }

    @Test
    void locksShowTheHolderAndTheWaiterOfTheSameTable() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            long orders = Rows.single(admin, "select table_id from svv_table_info where \"table\" = 'orders'");
            assertThat(Rows.stripped(admin, "select lock_owner_pid, lock_status from stv_locks where table_id = " + orders + " order by lock_owner_pid"))
                    .containsExactly(List.of("40000", "Waiting for read lock"), List.of("40001", "Holding write lock"));
            // One transaction of etl holds two table locks and its own transaction id; the waiter is a transaction too.
            assertThat(Rows.stripped(admin, "select pid, lock_mode, lockable_object_type, case when granted then 't' else 'f' end from svv_transactions order by pid, lockable_object_type desc, lock_mode"))
                    .containsExactly(List.of("40000", "ExclusiveLock", "transactionid", "t"), List.of("40000", "AccessShareLock", "relation", "f"),
                            List.of("40001", "ExclusiveLock", "transactionid", "t"), List.of("40001", "AccessExclusiveLock", "relation", "t"),
                            List.of("40001", "ShareRowExclusiveLock", "relation", "t"));
            assertThat(Rows.single(admin, "select count(distinct lock_owner) from stv_locks")).isEqualTo(2);
            // The lock holder's session: who to call.
            assertThat(Rows.stripped(admin, "select s.user_name from stv_locks l join stv_sessions s on s.process = l.lock_owner_pid "
                    + "where l.table_id = " + orders + " and l.lock_status like 'Holding%'")).containsExactly(List.of("etl"));
            // The table's last commit is its last completed COPY (the events COPY failed, so events keeps its creation time).
            assertThat(Rows.single(admin, "select count(*) from stv_locks l join sys_load_history h on h.end_time = l.last_commit "
                    + "where l.table_id = " + orders + " and h.table_name = 'orders'")).isEqualTo(2);
        }
    }

    @Test
    void cursorsConflictsAndCommits() throws Exception {
        try (Connection admin = connect(cluster, "admin"); Connection analyst = connect(cluster, "analyst");
             Connection etl = connect(cluster, "etl")) {
            // The cursor belongs to the open transaction of its session.
            assertThat(Rows.stripped(analyst, "select c.name, c.row_count, c.fetched_rows, c.pid from stv_active_cursors c"))
                    .containsExactly(List.of("big_cursor", "1000", "200", "40000"));
            assertThat(Rows.single(admin, "select count(*) from stv_active_cursors c join svv_transactions t on t.xid = c.xid and t.pid = c.pid "
                    + "where t.lockable_object_type = 'transactionid'")).isEqualTo(1);
            assertThat(Rows.stripped(etl, "select * from stv_active_cursors")).isEmpty();

            assertThat(Rows.stripped(admin, "select extract(epoch from abort_time - xact_start_ts), t.\"table\" from stl_tr_conflict c "
                    + "join svv_table_info t on t.table_id = c.table_id")).containsExactly(List.of("7.000000", "events"));

            // One row per compute node and the leader's; commit queue time is startqueue to startwork on the leader's
            // row, while a compute node's queue starts at 2000-01-01 (r_STL_COMMIT_STATS's sample: 444,950,725,641 ms).
            assertThat(Rows.stripped(admin, "select node, case when node = -1 then extract(epoch from startwork - startqueue) end, "
                    + "case when startqueue = '2000-01-01 00:00:00' then 'epoch' else 'queued' end, extract(epoch from endtime - startwork) "
                    + "from stl_commit_stats where newblocks = 4 or (node = -1 and queuelen = 1 and xid not in (select xid from stl_query)) order by node"))
                    .containsExactly(List.of("-1", "3.000000", "queued", "1.500000"), Arrays.asList("0", null, "epoch", "1.500000"),
                            Arrays.asList("1", null, "epoch", "1.500000"));
        }
    }

    @Test
    void aCopyIsLoggedAsAQueryWithItsFilesCommitAndRejectedLines() throws Exception {
        try (Connection admin = connect(cluster, "admin")) {
            List<List<String>> copies = Rows.stripped(admin, "select query, aborted, xid from stl_query where querytxt like 'COPY %' order by query");
            assertThat(copies).extracting(r -> r.get(1)).containsExactly("0", "1", "0");
            String good = copies.get(0).get(0);
            String failed = copies.get(1).get(0);
            assertThat(Rows.stripped(admin, "select trim(querytxt) from stl_query where query = " + good))
                    .containsExactly(List.of("COPY public.orders FROM 's3://acme-etl/orders/2026-05-01/' IAM_ROLE default FORMAT AS CSV MAXERROR 5"));
            assertThat(Rows.single(admin, "select count(*) from stl_wlm_query where query = " + good + " and service_class = 6")).isEqualTo(1);

            assertThat(Rows.stripped(admin, "select status, loaded_rows, source_file_count, error_count, table_name, "
                    + "case when query_id = " + good + " then 't' else 'f' end from sys_load_history order by query_id")).containsExactly(
                    List.of("completed", "998", "4", "2", "orders", "t"), List.of("aborted", "0", "2", "1", "events", "f"),
                    List.of("completed", "9", "1", "1", "events", "f"));
            assertThat(Rows.stripped(admin, "select status, trim(error_message) from sys_query_history where query_id = " + failed)).containsExactly(
                    List.of("failed", "Load into table 'events' failed. Check 'stl_load_errors' system table for details."));

            // Four files on the two nodes' four slices; a failed COPY commits no file.
            assertThat(Rows.stripped(admin, "select slice, trim(filename), lines_scanned, errors from stl_load_commits where query = " + good + " order by slice"))
                    .containsExactly(List.of("0", "s3://acme-etl/orders/2026-05-01/part-00000.csv", "250", "0"),
                            List.of("1", "s3://acme-etl/orders/2026-05-01/part-00001.csv", "250", "1"),
                            List.of("2", "s3://acme-etl/orders/2026-05-01/part-00002.csv", "250", "0"),
                            List.of("3", "s3://acme-etl/orders/2026-05-01/part-00003.csv", "250", "1"));
            assertThat(Rows.single(admin, "select count(*) from stl_load_commits where query = " + failed)).isZero();
            assertThat(Rows.stripped(admin, "select count(*), sum(transfer_size), min(bucket) from stl_s3client where query = " + good))
                    .containsExactly(List.of("4", "100000", "acme-etl"));
            assertThat(Rows.single(admin, "select count(*) from stl_s3client where query = " + failed)).isEqualTo(2);

            assertThat(Rows.stripped(admin, "select e.line_number, trim(e.colname), trim(e.type), trim(e.col_length), e.err_code, trim(e.raw_field_value), "
                    + "t.\"table\" from stl_load_errors e join svv_table_info t on t.table_id = e.tbl where e.query = " + good + " order by 1"))
                    .containsExactly(List.of("17", "amount", "numeric", "12,2", "1207", "x12", "orders"),
                            List.of("250", "note", "varchar", "64", "1204", "a very long note", "orders"));
            // The SYS view has the same errors with the COPY's transaction.
            assertThat(Rows.single(admin, "select count(*) from sys_load_error_detail d join stl_query q on q.query = d.query_id "
                    + "and q.xid = d.transaction_id and q.pid = d.session_id")).isEqualTo(4);

            // Its commit: a row per node and the leader's, in the COPY's transaction, and SVL_QUERY_QUEUE_INFO sees its commit wait.
            assertThat(Rows.single(admin, "select count(*) from stl_commit_stats c join stl_query q on q.xid = c.xid where q.query = " + good)).isEqualTo(3);
            assertThat(Rows.stripped(admin, "select commit_queue_elapsed, commit_exec_time, queue_elapsed from svl_query_queue_info where query = " + good))
                    .containsExactly(List.of("2", "1", "0"));
        }
    }

    @Test
    void aRegularUserSeesItsOwnLoadsAndUnrestrictedSyslogAccessSeesAll() throws Exception {
        try (Connection analyst = connect(cluster, "analyst"); Connection auditor = connect(cluster, "auditor")) {
            for (String relation : List.of("stl_load_errors", "sys_load_error_detail")) {
                assertThat(Rows.single(analyst, "select count(*) from " + relation)).as(relation).isEqualTo(1);
                assertThat(Rows.single(auditor, "select count(*) from " + relation)).as(relation).isEqualTo(4);
            }
            assertThat(Rows.stripped(analyst, "select table_name, status from sys_load_history")).containsExactly(List.of("events", "completed"));
            assertThat(Rows.single(auditor, "select count(*) from sys_load_history")).isEqualTo(3);
            assertThat(Rows.single(analyst, "select count(*) from stl_s3client")).isEqualTo(1);
            assertThat(Rows.single(auditor, "select count(*) from stl_s3client")).isEqualTo(7);
        }
    }

    @Test
    void anUnloadWritesAFilePerSliceAndScansTheTable() throws Exception {
        long query;
        try (Connection admin = connect(cluster, "admin")) {
            query = Rows.single(admin, "select query from stl_query where querytxt like 'UNLOAD%'");
        }
        try (Connection analyst = connect(cluster, "analyst")) {
            assertThat(Rows.stripped(analyst, "select slice, trim(path), line_count, trim(file_format) from stl_unload_log where query = " + query + " order by slice"))
                    .containsExactly(List.of("0", "s3://acme-exports/orders_0000_part_00.parquet", "250000", "parquet"),
                            List.of("1", "s3://acme-exports/orders_0001_part_00.parquet", "250000", "parquet"),
                            List.of("2", "s3://acme-exports/orders_0002_part_00.parquet", "250000", "parquet"),
                            List.of("3", "s3://acme-exports/orders_0003_part_00.parquet", "250000", "parquet"));
            assertThat(Rows.single(analyst, "select sum(transfer_size) from stl_unload_log")).isEqualTo(64_000_000);
        }
        try (Connection admin = connect(cluster, "admin")) {
            assertThat(Rows.single(admin, "select sum(rows) from stl_scan s join stl_unload_log u on u.query = s.query and u.slice = s.slice"))
                    .isEqualTo(1_000_000);
        }
    }
}
