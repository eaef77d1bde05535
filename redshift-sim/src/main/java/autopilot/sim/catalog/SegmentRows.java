package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes what a query did, segment by segment ({@link QuerySegments}): STL_SCAN per slice,
 * SVL_QUERY_SUMMARY per step (the step tables STL_DIST, STL_HASH, ... and SVL_QUERY_REPORT are
 * views over it), SYS_QUERY_DETAIL per child query, STL_ALERT_EVENT_LOG per slice and step, and
 * the plan (STL_EXPLAIN, STL_PLAN_INFO).
 */
final class SegmentRows {

    private final int slices;
    final CopyRows scan;
    final CopyRows alert;
    final CopyRows summary;
    final CopyRows explain;
    final CopyRows planInfo;
    final CopyRows detail;

    SegmentRows(Connection db, int slices) throws SQLException {
        this.slices = slices;
        scan = new CopyRows(db, "redshift_sim.stl_scan", "userid, \"query\", slice, segment, \"step\", starttime, endtime, tasknum, "
                + "\"rows\", \"bytes\", fetches, \"type\", tbl, is_rrscan, is_delayed_scan, rows_pre_filter, rows_pre_user_filter, "
                + "perm_table_name");
        alert = new CopyRows(db, "redshift_sim.stl_alert_event_log", "userid, \"query\", slice, segment, \"step\", pid, xid, "
                + "event, solution, event_time");
        summary = new CopyRows(db, "redshift_sim.svl_query_summary", "userid, \"query\", stm, seg, \"step\", maxtime, avgtime, "
                + "\"rows\", \"bytes\", rate_row, rate_byte, \"label\", is_diskbased, workmem, is_rrscan, is_delayed_scan, rows_pre_filter");
        explain = new CopyRows(db, "redshift_sim.stl_explain", "userid, \"query\", nodeid, parentid, plannode, info");
        planInfo = new CopyRows(db, "redshift_sim.stl_plan_info", "userid, \"query\", nodeid, segment, \"step\", locus, plannode, "
                + "startupcost, totalcost, \"rows\", \"bytes\"");
        detail = new CopyRows(db, "redshift_sim.sys_query_detail", "user_id, query_id, child_query_sequence, stream_id, segment_id, "
                + "step_id, step_name, table_id, table_name, is_rrscan, start_time, \"end_time\", duration, alert, input_rows, "
                + "output_rows, metrics_level, input_bytes, output_bytes");
    }

    List<CopyRows> all() {
        return List.of(scan, alert, summary, explain, planInfo, detail);
    }

    /** Everything {@code q} (query {@code id}) did, its segments as laid out; execution started at {@code execStart}. */
    void write(int user, int id, int pid, long xid, Scenario.Query q, Instant queueStart, Instant execStart,
               List<QuerySegments.Segment> segments) throws SQLException {
        for (QuerySegments.Segment s : segments) {
            if (s.isScan()) {
                writeScan(user, id, execStart, s);
            } else {
                summary.number(user).number(id).number(0).number(s.index()).number(0).number(s.millis() * 1000).number(s.avgMicros())
                        .number(s.rows()).number(s.bytes()).float8(rate(s.rows(), s.millis())).float8(rate(s.bytes(), s.millis()))
                        .text(s.label()).text(s.diskBased() ? "t" : "f").number(s.workmem()).text("f").text("f").nul().endRow();
            }
        }
        int children = Math.max(1, q.childQueries());
        for (int child = 1; child <= children; child++) {
            for (QuerySegments.Segment s : segments) {
                writeDetail(user, id, child, children, execStart, s);
            }
        }
        writeAlerts(user, id, pid, xid, q, queueStart, execStart, segments);
        for (int node = 0; node < q.plan().size(); node++) {
            String plan = q.plan().get(node);
            explain.number(user).number(id).number(node + 1).number(node).text(plan.length() > 400 ? plan.substring(0, 400) : plan)
                    .text("").endRow();
        }
        for (PlanLines.Node node : PlanLines.of(q.plan(), segments)) {
            planInfo.number(user).number(id).number(node.nodeId()).number(node.segment()).number(0).number(node.locus())
                    .number(node.planNode()).float8(node.startupCost()).float8(node.totalCost()).number(node.rows())
                    .number(node.bytes()).endRow();
        }
    }

    /**
     * One STL_SCAN row per slice, in the scan's own segment; the slowest slice is the step's time
     * (SVL_QUERY_SUMMARY.maxtime), the average its avgtime.
     */
    private void writeScan(int user, int id, Instant execStart, QuerySegments.Segment s) throws SQLException {
        Scenario.Scan sc = s.scan();
        String rangeRestricted = sc.rangeRestricted() ? "t" : "f";
        for (int slice = 0; slice < s.slices().size(); slice++) {
            Scenario.SliceScan part = s.slices().get(slice);
            scan.number(user).number(id).number(slice).number(s.index()).number(0).timestamp(execStart)
                    .timestamp(execStart.plusMillis(part.millis())).number(0).number(part.rows()).number(part.bytes()).number(0)
                    .number(sc.type()).number(s.tbl()).text(rangeRestricted).text("f").number(part.rowsPreFilter())
                    .number(part.rowsPreUserFilter()).text(s.tableName()).endRow();
        }
        summary.number(user).number(id).number(0).number(s.index()).number(0).number(s.millis() * 1000).number(s.avgMicros())
                .number(s.rows()).number(s.bytes()).float8(rate(s.rows(), s.millis())).float8(rate(s.bytes(), s.millis()))
                .text(s.label()).text("f").nul().text(rangeRestricted).text("f").number(sc.rowsPreFilter()).endRow();
    }

    /**
     * SYS_QUERY_DETAIL rows of one segment of one child query: the segment-level row (step_id -1,
     * empty step_name) and the step's row; start_time, end_time and duration are the segment's on
     * both (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html). A query rewritten
     * into n child queries runs them one after another, each repeating the segments with 1/n of the
     * rows and time, so the children add up to what STL_SCAN and SVL_QUERY_SUMMARY show.
     */
    private void writeDetail(int user, int id, int child, int children, Instant execStart, QuerySegments.Segment s)
            throws SQLException {
        long micros = s.millis() * 1000;
        Instant start = execStart.plusNanos(micros * (child - 1) / children * 1000);
        long duration = part(micros, child, children);
        Instant end = start.plusNanos(duration * 1000);
        long bytes = part(s.bytes(), child, children);
        detail.number(user).number(id).number(child).number(0).number(s.index()).number(-1).text("").nul().nul().nul()
                .timestamp(start).timestamp(end).number(duration).nul().number(0).number(0).text("segment").number(bytes).number(0)
                .endRow();
        String stepName = QuerySegments.stepName(s.kind());
        if (stepName == null) {
            return;
        }
        long rows = part(s.rows(), child, children);
        detail.number(user).number(id).number(child).number(0).number(s.index()).number(0).text(stepName);
        if (s.tbl() == null) {
            detail.nul().nul();
        } else {
            detail.number(s.tbl()).text(s.tableName());
        }
        detail.text(s.isScan() && s.scan().rangeRestricted() ? "t" : "f").timestamp(start).timestamp(end).number(duration).nul();
        if (s.isScan()) {
            detail.number(part(s.scan().rowsPreFilter(), child, children)).number(rows).text("step").nul().nul().endRow();
        } else {
            detail.number(rows).number(rows).text("step").number(bytes).number(bytes).endRow();
        }
    }

    /**
     * STL_ALERT_EVENT_LOG: an alert is logged by every step of the query on every slice, one row
     * per slice, segment and step (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_ALERT_EVENT_LOG.html);
     * SYS_QUERY_DETAIL carries it once, on the first segment's step.
     */
    private void writeAlerts(int user, int id, int pid, long xid, Scenario.Query q, Instant queueStart, Instant execStart,
                             List<QuerySegments.Segment> segments) throws SQLException {
        int segmentCount = Math.max(1, segments.size());
        for (Scenario.Alert a : q.alerts()) {
            for (int segment = 0; segment < segmentCount; segment++) {
                for (int slice = 0; slice < slices; slice++) {
                    alert.number(user).number(id).number(slice).number(segment).number(0).number(pid).number(xid).text(a.event())
                            .text(a.solution()).timestamp(queueStart).endRow();
                }
            }
            QuerySegments.Segment first = segments.isEmpty() ? null : segments.get(0);
            long micros = first == null ? q.execMillis() * 1000 : part(first.millis() * 1000, 1, Math.max(1, q.childQueries()));
            String stepName = first == null || QuerySegments.stepName(first.kind()) == null ? "scan" : QuerySegments.stepName(first.kind());
            detail.number(user).number(id).number(1).number(0).number(0).number(0).text(stepName).nul().nul().text("f")
                    .timestamp(execStart).timestamp(execStart.plusNanos(micros * 1000)).number(micros).text(a.event()).nul().nul()
                    .text("step").nul().nul().endRow();
        }
    }

    /** Child {@code child} (from 1) of {@code children}'s share of {@code total}; the shares add up to the total. */
    static long part(long total, int child, int children) {
        return total * child / children - total * (child - 1) / children;
    }

    static double rate(long amount, long millis) {
        return millis == 0 ? amount : amount * 1000.0 / millis;
    }
}
