package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes queries into every log relation from one description each, so that STL_QUERY,
 * STL_WLM_QUERY, STL_SCAN, STL_ALERT_EVENT_LOG, SVL_QUERY_SUMMARY, SVL_COMPILE and the SYS_* views
 * agree: same query id, same times, same table ids.
 */
final class WorkloadWriter {

    private final Connection db;
    private final Scenario scenario;
    private final Map<String, Long> tableIds;
    private final Map<String, Integer> userIds;
    private final Instant now;

    WorkloadWriter(Connection db, Scenario scenario, Map<String, Long> tableIds, Map<String, Integer> userIds, Instant now) {
        this.db = db;
        this.scenario = scenario;
        this.tableIds = tableIds;
        this.userIds = userIds;
        this.now = now;
    }

    void write(int firstQueryId, List<Scenario.Query> queries) throws SQLException {
        try (PreparedStatement stlQuery = db.prepareStatement("INSERT INTO redshift_sim.stl_query VALUES (?,?,'default',?,?,?,?,?,?,?,0,0)");
             PreparedStatement wlm = db.prepareStatement("INSERT INTO redshift_sim.stl_wlm_query VALUES (?,?,?,?,?,1,?,?,?,?,?,?,?,?,'Completed',0,'normal',?)");
             PreparedStatement scan = db.prepareStatement("INSERT INTO redshift_sim.stl_scan (userid, query, slice, segment, step, starttime, endtime, tasknum, rows, bytes, fetches, type, tbl, is_rrscan, is_delayed_scan, rows_pre_filter, rows_pre_user_filter, perm_table_name) VALUES (?,?,?,0,0,?,?,0,?,?,0,?,?,?,'f',?,?,?)");
             PreparedStatement alert = db.prepareStatement("INSERT INTO redshift_sim.stl_alert_event_log VALUES (?,?,0,0,0,?,?,?,?,?)");
             PreparedStatement summary = db.prepareStatement("INSERT INTO redshift_sim.svl_query_summary (userid, query, stm, seg, step, maxtime, avgtime, rows, bytes, rate_row, rate_byte, label, is_diskbased) VALUES (?,?,0,?,0,?,?,?,?,?,?,?,?)");
             PreparedStatement compile = db.prepareStatement("INSERT INTO redshift_sim.svl_compile VALUES (?,?,?,?,0,1,?,?,?)");
             PreparedStatement history = db.prepareStatement("INSERT INTO redshift_sim.sys_query_history (user_id, query_id, query_label, transaction_id, session_id, database_name, query_type, status, result_cache_hit, start_time, end_time, elapsed_time, queue_time, execution_time, returned_rows, returned_bytes, query_text, redshift_version, compile_time, service_class_id, service_class_name) VALUES (?,?,'default',?,?,?,?,?,false,?,?,?,?,?,0,0,?,'1.0.sim',?,?,?)");
             PreparedStatement explain = db.prepareStatement("INSERT INTO redshift_sim.stl_explain VALUES (?,?,?,?,?,'')");
             PreparedStatement detail = db.prepareStatement("INSERT INTO redshift_sim.sys_query_detail (user_id, query_id, child_query_sequence, stream_id, segment_id, step_id, step_name, table_id, table_name, is_rrscan, start_time, end_time, duration, alert, input_rows, output_rows, metrics_level) VALUES (?,?,1,0,?,0,?,?,?,?,?,?,?,?,?,?,'step')")) {
            int id = firstQueryId;
            int slices = scenario.cluster().slices();
            for (Scenario.Query q : queries) {
                int user = userIds.getOrDefault(q.user(), 100);
                long xid = 50_000L + id;
                int pid = 10_000 + (id % 500);
                Instant queueStart = now.minus(q.ago());
                Instant execStart = queueStart.plusMillis(q.queueMillis());
                Instant end = execStart.plusMillis(q.execMillis());
                String text = q.text().length() > 4000 ? q.text().substring(0, 4000) : q.text();
                String queueName = scenario.queues().stream().filter(x -> x.serviceClass() == q.serviceClass())
                        .map(Scenario.Queue::name).findFirst().orElse("Default queue");

                set(stlQuery, user, id, xid, pid, scenario.database(), text, ClusterWriter.utc(queueStart), ClusterWriter.utc(end), q.aborted() ? 1 : 0);
                stlQuery.addBatch();
                set(wlm, user, (int) xid, id, id, q.serviceClass(), ClusterWriter.utc(queueStart), ClusterWriter.utc(queueStart),
                        ClusterWriter.utc(execStart), q.queueMillis() * 1000, ClusterWriter.utc(execStart), ClusterWriter.utc(end),
                        q.execMillis() * 1000, ClusterWriter.utc(end), queueName);
                wlm.addBatch();
                set(history, user, (long) id, xid, pid, scenario.database(), queryType(text), q.aborted() ? "canceled" : "success",
                        ClusterWriter.utc(queueStart), ClusterWriter.utc(end), (q.queueMillis() + q.execMillis()) * 1000,
                        q.queueMillis() * 1000, q.execMillis() * 1000, text, q.compileMillis() * 1000, q.serviceClass(), queueName);
                history.addBatch();
                set(compile, user, xid, pid, id, ClusterWriter.utc(execStart), ClusterWriter.utc(execStart.plusMillis(q.compileMillis())),
                        q.compileMillis() > 0 ? 1 : 0);
                compile.addBatch();

                int segment = 0;
                for (Scenario.Scan s : q.scans()) {
                    Long tbl = tableIds.get(s.table());
                    if (tbl == null) {
                        throw new IllegalArgumentException("query " + id + " scans unknown table " + s.table());
                    }
                    String tableName = s.table().contains(".") ? s.table().substring(s.table().indexOf('.') + 1) : s.table();
                    Instant scanEnd = execStart.plusMillis(s.millis());
                    for (int slice = 0; slice < slices; slice++) {
                        set(scan, user, id, slice, ClusterWriter.utc(execStart), ClusterWriter.utc(scanEnd), share(s.rows(), slice, slices),
                                share(s.rows(), slice, slices) * 64, s.type(), tbl.intValue(), s.rangeRestricted() ? "t" : "f",
                                share(s.rowsPreFilter(), slice, slices), share(s.rowsPreUserFilter(), slice, slices), tableName);
                        scan.addBatch();
                    }
                    set(summary, user, id, segment, s.millis() * 1000, s.millis() * 1000, s.rows(), s.rows() * 64,
                            rate(s.rows(), s.millis()), rate(s.rows() * 64, s.millis()), "scan   tbl=" + tbl + " name=" + tableName, "f");
                    summary.addBatch();
                    set(detail, user, (long) id, segment, "scan", tbl.intValue(), tableName, s.rangeRestricted() ? "t" : "f",
                            ClusterWriter.utc(execStart), ClusterWriter.utc(scanEnd), s.millis() * 1000, null, s.rowsPreFilter(), s.rows());
                    detail.addBatch();
                    segment++;
                }
                for (Scenario.Step step : q.steps()) {
                    set(summary, user, id, segment, step.millis() * 1000, step.millis() * 1000, step.rows(), step.bytes(),
                            rate(step.rows(), step.millis()), rate(step.bytes(), step.millis()), step.label(), step.diskBased() ? "t" : "f");
                    summary.addBatch();
                    segment++;
                }
                for (int node = 0; node < q.plan().size(); node++) {
                    String plan = q.plan().get(node);
                    set(explain, user, id, node + 1, node, plan.length() > 400 ? plan.substring(0, 400) : plan);
                    explain.addBatch();
                }
                for (Scenario.Alert a : q.alerts()) {
                    set(alert, user, id, pid, xid, a.event(), a.solution(), ClusterWriter.utc(queueStart));
                    alert.addBatch();
                    set(detail, user, (long) id, 0, "scan", null, null, "f", ClusterWriter.utc(execStart), ClusterWriter.utc(end),
                            q.execMillis() * 1000, a.event(), null, null);
                    detail.addBatch();
                }
                id++;
            }
            for (PreparedStatement ps : List.of(stlQuery, wlm, scan, alert, summary, compile, history, detail, explain)) {
                ps.executeBatch();
            }
        }
    }

    private static String queryType(String text) {
        String first = text.stripLeading().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        return switch (first) {
            case "SELECT", "WITH" -> "SELECT";
            case "INSERT", "UPDATE", "DELETE", "COPY", "UNLOAD" -> first;
            default -> "OTHER";
        };
    }

    private static long share(long total, int slice, int slices) {
        return total / slices + (slice < total % slices ? 1 : 0);
    }

    private static double rate(long amount, long millis) {
        return millis == 0 ? amount : amount * 1000.0 / millis;
    }

    private static void set(PreparedStatement ps, Object... values) throws SQLException {
        StateWriter.set(ps, values);
    }
}
