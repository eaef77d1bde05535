package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.StatementKind;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes queries into every log relation from one description each, so that STL_QUERY,
 * STL_WLM_QUERY, STL_SCAN, STL_ALERT_EVENT_LOG, SVL_QUERY_SUMMARY, SVL_COMPILE and the SYS_* views
 * agree: same query id, same times, same table ids. The text, step and metrics relations of
 * workload-views-*.sql are views over these.
 *
 * <p>DDL and utility statements ({@link StatementKind}) are logged to SYS_QUERY_HISTORY only (with
 * query_type DDL or UTILITY), where STL_DDLTEXT and STL_UTILITYTEXT find them; STL_QUERY and the
 * relations of a query's execution cover queries only, as on Redshift.
 */
final class WorkloadWriter {

    private static final Logger log = LoggerFactory.getLogger(WorkloadWriter.class);
    /** Large workloads report progress this often, so a long install is visibly moving; small ones stay quiet. */
    private static final int PROGRESS_EVERY = 100_000;
    /**
     * The id of an install's first query (ClusterWriter's FIRST_QUERY_ID): that write logs rdsdb's
     * own statements first. Live mode appends from after the highest id logged, so it never starts
     * here once anything was logged, and the system statements are written once.
     */
    private static final int INSTALL_FIRST_ID = 1000;
    /** STL_QUERY and SVL_QLOG keep a query_group label to 30 characters (https://docs.aws.amazon.com/redshift/latest/dg/r_query_group.html). */
    static final int STL_LABEL_LENGTH = 30;

    /** The {@code redshift_sim} tables this writer fills. */
    static final List<String> RELATIONS = List.of("stl_query", "stl_wlm_query", "stl_scan", "stl_alert_event_log",
            "svl_query_summary", "svl_compile", "sys_query_history", "stl_explain", "sys_query_detail", "stl_plan_info");

    private final Scenario scenario;
    private final TableLookup<Long> tableIds;
    private final Map<String, Integer> userIds;
    private final Instant now;
    private final Map<Integer, String> queueNames = new HashMap<>();
    private final Map<Integer, Integer> queueMemoryMb = new HashMap<>();
    private final CopyRows stlQuery;
    private final CopyRows wlm;
    private final CopyRows compile;
    private final CopyRows history;
    private final SegmentRows segments;
    private final long started = System.nanoTime();
    private int written;

    WorkloadWriter(Connection db, Scenario scenario, TableLookup<Long> tableIds, Map<String, Integer> userIds, Instant now)
            throws SQLException {
        this.scenario = scenario;
        this.tableIds = tableIds;
        this.userIds = userIds;
        this.now = now;
        for (Scenario.Queue q : scenario.queues()) {
            queueNames.putIfAbsent(q.serviceClass(), q.name());
            queueMemoryMb.putIfAbsent(q.serviceClass(), q.workingMemMb());
        }
        stlQuery = new CopyRows(db, "redshift_sim.stl_query", "userid, \"query\", \"label\", xid, pid, \"database\", querytxt, "
                + "starttime, endtime, aborted, insert_pristine, concurrency_scaling_status");
        wlm = new CopyRows(db, "redshift_sim.stl_wlm_query", "userid, xid, task, \"query\", service_class, slot_count, "
                + "service_class_start_time, queue_start_time, queue_end_time, total_queue_time, exec_start_time, exec_end_time, "
                + "total_exec_time, service_class_end_time, final_state, est_peak_mem, query_priority, service_class_name");
        compile = new CopyRows(db, "redshift_sim.svl_compile", "userid, xid, pid, \"query\", segment, locus, starttime, endtime, compile");
        history = new CopyRows(db, "redshift_sim.sys_query_history", "user_id, query_id, query_label, transaction_id, session_id, "
                + "database_name, query_type, \"status\", result_cache_hit, start_time, \"end_time\", elapsed_time, queue_time, "
                + "execution_time, returned_rows, returned_bytes, query_text, redshift_version, compile_time, service_class_id, "
                + "service_class_name");
        segments = new SegmentRows(db, scenario.cluster().slices());
    }

    /**
     * Writes the queries with consecutive ids from {@code firstQueryId}; returns the id after the last
     * one. An install's first write logs Redshift's own statements ({@link SystemQueries}) first.
     */
    int write(int firstQueryId, Iterable<Scenario.Query> queries) throws SQLException {
        int id = firstQueryId;
        if (firstQueryId == INSTALL_FIRST_ID) {
            for (Scenario.Query q : SystemQueries.of(scenario)) {
                write(id++, q);
            }
        }
        for (Scenario.Query q : queries) {
            write(id, q);
            id++;
            if (++written % PROGRESS_EVERY == 0) {
                log.info("{} queries written ({} s)", String.format("%,d", written), String.format("%.1f", (System.nanoTime() - started) / 1e9));
            }
        }
        return id;
    }

    /** Sends every row still buffered. */
    void finish() throws SQLException {
        for (CopyRows rows : List.of(stlQuery, wlm, compile, history)) {
            rows.flush();
        }
        for (CopyRows rows : segments.all()) {
            rows.flush();
        }
    }

    private void write(int id, Scenario.Query q) throws SQLException {
        write(id, q, 50_000L + id, 10_000 + (id % 500));
    }

    /**
     * Writes one statement under query id {@code id} in a given transaction and session: a statement
     * an open transaction ran, or an in-flight query that finished, keeps the ids the cluster showed.
     */
    void write(int id, Scenario.Query q, long xid, int pid) throws SQLException {
        int user = SystemQueries.USER.equals(q.user()) ? SystemQueries.USER_ID : userIds.getOrDefault(q.user(), 100);
        Instant queueStart = now.minus(q.ago());
        Instant execStart = queueStart.plusMillis(q.queueMillis());
        Instant end = execStart.plusMillis(q.execMillis());
        String text = q.text().length() > 4000 ? q.text().substring(0, 4000) : q.text();
        String queueName = queueName(q.serviceClass());
        String database = scenario.databaseOf(q.database());

        // SYS_QUERY_HISTORY keeps the whole label; with none it is NULL. AWS does not document what an
        // unlabelled query shows there; NULL is the simulator's choice, the hardest case for clients.
        history.number(user).number(id).text(q.label()).number(xid).number(pid).text(database).text(StatementKind.queryType(text))
                .text(q.aborted() ? "canceled" : "success").bool(false).timestamp(queueStart).timestamp(end)
                .number((q.queueMillis() + q.execMillis()) * 1000).number(q.queueMillis() * 1000).number(q.execMillis() * 1000)
                .number(0).number(0).text(text).text("1.0.sim").number(q.compileMillis() * 1000).number(q.serviceClass())
                .text(queueName).endRow();
        if (StatementKind.of(text) != StatementKind.QUERY) {
            return;
        }
        stlQuery.number(user).number(id).text(stlLabel(q.label())).number(xid).number(pid).text(database).text(text)
                .timestamp(queueStart).timestamp(end).number(q.aborted() ? 1 : 0).number(0).number(0).endRow();
        wlm.number(user).number((int) xid).number(id).number(id).number(q.serviceClass()).number(1)
                .timestamp(queueStart).timestamp(queueStart).timestamp(execStart).number(q.queueMillis() * 1000)
                .timestamp(execStart).timestamp(end).number(q.execMillis() * 1000).timestamp(end)
                .text("Completed").number(0).text("normal").text(queueName).endRow();
        compile.number(user).number(xid).number(pid).number(id).number(0).number(1).timestamp(execStart)
                .timestamp(execStart.plusMillis(q.compileMillis())).number(q.compileMillis() > 0 ? 1 : 0).endRow();
        segments.write(user, id, pid, xid, q, queueStart, execStart,
                QuerySegments.of(q, database, tableIds, scenario.cluster().slices(), workmem(q.serviceClass()), id));
    }

    /** STL_QUERY's label: the query_group label cut to 30 characters, {@code default} without one. */
    static String stlLabel(String label) {
        return label == null ? "default" : label.length() > STL_LABEL_LENGTH ? label.substring(0, STL_LABEL_LENGTH) : label;
    }

    private String queueName(int serviceClass) {
        String name = queueNames.get(serviceClass);
        // Service classes 1-4 are Redshift's own queues, where its system statements run.
        return name != null ? name : serviceClass <= 4 ? "System queue" : "Default queue";
    }

    /**
     * Working memory a slice has for a step when the scenario gives none: the queue's memory per
     * slot (WLM gives it per node) shared by the node's slices.
     */
    private long workmem(int serviceClass) {
        long mb = queueMemoryMb.getOrDefault(serviceClass, 512);
        return mb * (1 << 20) / Math.max(1, scenario.cluster().slicesPerNode());
    }
}
