package autopilot.sim.catalog;

import autopilot.sim.model.ScanSlices;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes queries into every log relation from one description each, so that STL_QUERY,
 * STL_WLM_QUERY, STL_SCAN, STL_ALERT_EVENT_LOG, SVL_QUERY_SUMMARY, SVL_COMPILE and the SYS_* views
 * agree: same query id, same times, same table ids.
 */
final class WorkloadWriter {

    private static final Logger log = LoggerFactory.getLogger(WorkloadWriter.class);
    /** Large workloads report progress this often, so a long install is visibly moving; small ones stay quiet. */
    private static final int PROGRESS_EVERY = 100_000;

    /** The {@code redshift_sim} tables this writer fills. */
    static final List<String> RELATIONS = List.of("stl_query", "stl_wlm_query", "stl_scan", "stl_alert_event_log",
            "svl_query_summary", "svl_compile", "sys_query_history", "stl_explain", "sys_query_detail");

    private final Scenario scenario;
    private final TableLookup<Long> tableIds;
    private final Map<String, Integer> userIds;
    private final Instant now;
    private final Map<Integer, String> queueNames = new HashMap<>();
    private final CopyRows stlQuery;
    private final CopyRows wlm;
    private final CopyRows scan;
    private final CopyRows alert;
    private final CopyRows summary;
    private final CopyRows compile;
    private final CopyRows history;
    private final CopyRows explain;
    private final CopyRows detail;
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
        }
        stlQuery = new CopyRows(db, "redshift_sim.stl_query", "userid, \"query\", \"label\", xid, pid, \"database\", querytxt, "
                + "starttime, endtime, aborted, insert_pristine, concurrency_scaling_status");
        wlm = new CopyRows(db, "redshift_sim.stl_wlm_query", "userid, xid, task, \"query\", service_class, slot_count, "
                + "service_class_start_time, queue_start_time, queue_end_time, total_queue_time, exec_start_time, exec_end_time, "
                + "total_exec_time, service_class_end_time, final_state, est_peak_mem, query_priority, service_class_name");
        scan = new CopyRows(db, "redshift_sim.stl_scan", "userid, \"query\", slice, segment, \"step\", starttime, endtime, tasknum, "
                + "\"rows\", \"bytes\", fetches, \"type\", tbl, is_rrscan, is_delayed_scan, rows_pre_filter, rows_pre_user_filter, "
                + "perm_table_name");
        alert = new CopyRows(db, "redshift_sim.stl_alert_event_log", "userid, \"query\", slice, segment, \"step\", pid, xid, "
                + "event, solution, event_time");
        summary = new CopyRows(db, "redshift_sim.svl_query_summary", "userid, \"query\", stm, seg, \"step\", maxtime, avgtime, "
                + "\"rows\", \"bytes\", rate_row, rate_byte, \"label\", is_diskbased");
        compile = new CopyRows(db, "redshift_sim.svl_compile", "userid, xid, pid, \"query\", segment, locus, starttime, endtime, compile");
        history = new CopyRows(db, "redshift_sim.sys_query_history", "user_id, query_id, query_label, transaction_id, session_id, "
                + "database_name, query_type, \"status\", result_cache_hit, start_time, \"end_time\", elapsed_time, queue_time, "
                + "execution_time, returned_rows, returned_bytes, query_text, redshift_version, compile_time, service_class_id, "
                + "service_class_name");
        explain = new CopyRows(db, "redshift_sim.stl_explain", "userid, \"query\", nodeid, parentid, plannode, info");
        detail = new CopyRows(db, "redshift_sim.sys_query_detail", "user_id, query_id, child_query_sequence, stream_id, segment_id, "
                + "step_id, step_name, table_id, table_name, is_rrscan, start_time, \"end_time\", duration, alert, input_rows, "
                + "output_rows, metrics_level, input_bytes, output_bytes");
    }

    /** Writes the queries with consecutive ids from {@code firstQueryId}; returns the id after the last one. */
    int write(int firstQueryId, Iterable<Scenario.Query> queries) throws SQLException {
        int id = firstQueryId;
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
        for (CopyRows rows : List.of(stlQuery, wlm, scan, alert, summary, compile, history, detail, explain)) {
            rows.flush();
        }
    }

    private void write(int id, Scenario.Query q) throws SQLException {
        int user = userIds.getOrDefault(q.user(), 100);
        long xid = 50_000L + id;
        int pid = 10_000 + (id % 500);
        Instant queueStart = now.minus(q.ago());
        Instant execStart = queueStart.plusMillis(q.queueMillis());
        Instant end = execStart.plusMillis(q.execMillis());
        String text = q.text().length() > 4000 ? q.text().substring(0, 4000) : q.text();
        String queueName = queueNames.getOrDefault(q.serviceClass(), "Default queue");
        String database = scenario.databaseOf(q.database());

        stlQuery.number(user).number(id).text("default").number(xid).number(pid).text(database).text(text)
                .timestamp(queueStart).timestamp(end).number(q.aborted() ? 1 : 0).number(0).number(0).endRow();
        wlm.number(user).number((int) xid).number(id).number(id).number(q.serviceClass()).number(1)
                .timestamp(queueStart).timestamp(queueStart).timestamp(execStart).number(q.queueMillis() * 1000)
                .timestamp(execStart).timestamp(end).number(q.execMillis() * 1000).timestamp(end)
                .text("Completed").number(0).text("normal").text(queueName).endRow();
        history.number(user).number(id).text("default").number(xid).number(pid).text(database).text(queryType(text))
                .text(q.aborted() ? "canceled" : "success").bool(false).timestamp(queueStart).timestamp(end)
                .number((q.queueMillis() + q.execMillis()) * 1000).number(q.queueMillis() * 1000).number(q.execMillis() * 1000)
                .number(0).number(0).text(text).text("1.0.sim").number(q.compileMillis() * 1000).number(q.serviceClass())
                .text(queueName).endRow();
        compile.number(user).number(xid).number(pid).number(id).number(0).number(1).timestamp(execStart)
                .timestamp(execStart.plusMillis(q.compileMillis())).number(q.compileMillis() > 0 ? 1 : 0).endRow();

        int slices = scenario.cluster().slices();
        int segment = 0;
        for (Scenario.Scan s : q.scans()) {
            Long tbl = tableIds.find(s.table(), database);
            if (tbl == null) {
                throw new IllegalArgumentException("query " + id + " scans unknown table " + s.table() + " (database " + database + ")");
            }
            String tableName = TableLookup.tableName(s.table());
            Instant scanEnd = execStart.plusMillis(s.millis());
            String rangeRestricted = s.rangeRestricted() ? "t" : "f";
            // One row per slice, in the scan's own segment (as in SVL_QUERY_SUMMARY and SYS_QUERY_DETAIL);
            // the slowest slice is the step's time (maxtime), the average its avgtime.
            List<Scenario.SliceScan> perSlice = ScanSlices.of(s, slices);
            long bytes = 0;
            long sliceMillis = 0;
            for (int slice = 0; slice < perSlice.size(); slice++) {
                Scenario.SliceScan part = perSlice.get(slice);
                scan.number(user).number(id).number(slice).number(segment).number(0).timestamp(execStart)
                        .timestamp(execStart.plusMillis(part.millis())).number(0).number(part.rows()).number(part.bytes()).number(0)
                        .number(s.type()).number(tbl.intValue()).text(rangeRestricted).text("f").number(part.rowsPreFilter())
                        .number(part.rowsPreUserFilter()).text(tableName).endRow();
                bytes += part.bytes();
                sliceMillis += part.millis();
            }
            long avgMicros = perSlice.isEmpty() ? 0 : sliceMillis * 1000 / perSlice.size();
            summary.number(user).number(id).number(0).number(segment).number(0).number(s.millis() * 1000).number(avgMicros)
                    .number(s.rows()).number(bytes).float8(rate(s.rows(), s.millis())).float8(rate(bytes, s.millis()))
                    .text("scan   tbl=" + tbl + " name=" + tableName).text("f").endRow();
            detail.number(user).number(id).number(1).number(0).number(segment).number(0).text("scan").number(tbl.intValue())
                    .text(tableName).text(rangeRestricted).timestamp(execStart).timestamp(scanEnd).number(s.millis() * 1000).nul()
                    .number(s.rowsPreFilter()).number(s.rows()).text("step").nul().nul().endRow();
            segment++;
        }
        for (Scenario.Step step : q.steps()) {
            summary.number(user).number(id).number(0).number(segment).number(0).number(step.millis() * 1000)
                    .number(step.millis() * 1000).number(step.rows()).number(step.bytes()).float8(rate(step.rows(), step.millis()))
                    .float8(rate(step.bytes(), step.millis())).text(step.label()).text(step.diskBased() ? "t" : "f").endRow();
            String stepName = movementStep(step.label());
            if (stepName != null) {
                // SYS_QUERY_DETAIL names the data-movement steps; Serverless has no other record of them.
                detail.number(user).number(id).number(1).number(0).number(segment).number(0).text(stepName).nul().nul().text("f")
                        .timestamp(execStart).timestamp(execStart.plusMillis(step.millis())).number(step.millis() * 1000).nul()
                        .number(step.rows()).number(step.rows()).text("step").number(step.bytes()).number(step.bytes()).endRow();
            }
            segment++;
        }
        for (int node = 0; node < q.plan().size(); node++) {
            String plan = q.plan().get(node);
            explain.number(user).number(id).number(node + 1).number(node).text(plan.length() > 400 ? plan.substring(0, 400) : plan)
                    .text("").endRow();
        }
        for (Scenario.Alert a : q.alerts()) {
            alert.number(user).number(id).number(0).number(0).number(0).number(pid).number(xid).text(a.event()).text(a.solution())
                    .timestamp(queueStart).endRow();
            detail.number(user).number(id).number(1).number(0).number(0).number(0).text("scan").nul().nul().text("f")
                    .timestamp(execStart).timestamp(end).number(q.execMillis() * 1000).text(a.event()).nul().nul().text("step").nul().nul().endRow();
        }
    }

    /**
     * SYS_QUERY_DETAIL's step_name of a redistribution ({@code dist}) or broadcast ({@code bcast})
     * step of SVL_QUERY_SUMMARY; null for the other steps, which only SVL_QUERY_SUMMARY shows here.
     */
    static String movementStep(String label) {
        String first = label == null ? "" : firstWord(label.strip());
        return switch (first) {
            case "dist" -> "distribute";
            case "bcast" -> "broadcast";
            default -> null;
        };
    }

    private static String queryType(String text) {
        String first = firstWord(text.stripLeading()).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "SELECT", "WITH" -> "SELECT";
            case "INSERT", "UPDATE", "DELETE", "COPY", "UNLOAD" -> first;
            default -> "OTHER";
        };
    }

    private static double rate(long amount, long millis) {
        return millis == 0 ? amount : amount * 1000.0 / millis;
    }

    /** Up to the first character regex {@code \s} matches, as {@code split("\\s+", 2)[0]} for text without leading blanks. */
    private static String firstWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ' ', '\t', '\n', '\013', '\f', '\r' -> {
                    return text.substring(0, i);
                }
                default -> {
                }
            }
        }
        return text;
    }
}
