package autopilot.analyzer;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.SnapshotPartCollected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds snapshot parts in tests the way the collector writes them: a source is a list of column
 * names and rows of JSON scalars (times as ISO-8601 text, as the collector sends them).
 */
public final class SnapshotBuilder {

    private final String clusterId;
    private final ClusterKind kind;
    private final UUID snapshotId = UUID.randomUUID();
    private final Instant collectedAt;
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private final Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
    private String current;

    private SnapshotBuilder(String clusterId, ClusterKind kind, Instant collectedAt) {
        this.clusterId = clusterId;
        this.kind = kind;
        this.collectedAt = collectedAt;
    }

    public static SnapshotBuilder of(String clusterId, ClusterKind kind, Instant collectedAt) {
        return new SnapshotBuilder(clusterId, kind, collectedAt);
    }

    /** Starts (or continues) a source with these columns. */
    public SnapshotBuilder source(String source, String... columnNames) {
        columns.putIfAbsent(source, List.of(columnNames));
        rows.putIfAbsent(source, new ArrayList<>());
        current = source;
        return this;
    }

    /** A row of the current source; Instants are written as text, as on the wire. */
    public SnapshotBuilder row(Object... values) {
        List<Object> row = new ArrayList<>(Arrays.asList(values));
        row.replaceAll(v -> v instanceof Instant i ? i.toString() : v);
        rows.get(current).add(row);
        return this;
    }

    /** The parts, one per source (or {@code perPart} rows each). */
    public List<SnapshotPartCollected> parts(int perPart) {
        List<SnapshotPartCollected> parts = new ArrayList<>();
        List<String> sources = List.copyOf(columns.keySet());
        for (String source : sources) {
            List<List<Object>> all = rows.get(source);
            int count = Math.max(1, (all.size() + perPart - 1) / perPart);
            for (int i = 0; i < count; i++) {
                List<List<Object>> slice = all.subList(Math.min(all.size(), i * perPart), Math.min(all.size(), (i + 1) * perPart));
                parts.add(new SnapshotPartCollected(snapshotId, source, kind, i + 1, count, null,
                        source.equals(SnapshotData.QUERIES) ? collectedAt : null, collectedAt, columns.get(source),
                        new ArrayList<>(slice), sources));
            }
        }
        return parts;
    }

    public List<SnapshotPartCollected> parts() {
        return parts(Integer.MAX_VALUE);
    }

    public SnapshotData build() {
        return SnapshotData.of(clusterId, parts());
    }

    /** Columns of the collector's table_info source, in its order. */
    public static final String[] TABLE_INFO = {"database", "schema", "table_id", "table", "encoded", "diststyle", "sortkey1",
            "max_varchar", "sortkey1_enc", "sortkey_num", "size", "pct_used", "unsorted", "stats_off", "tbl_rows",
            "skew_sortkey1", "skew_rows", "estimated_visible_rows", "vacuum_sort_benefit", "create_time"};
    /** Columns of the collector's provisioned queries source. */
    public static final String[] QUERIES = {"query", "userid", "xid", "pid", "label", "database", "starttime", "endtime",
            "aborted", "concurrency_scaling_status", "service_class", "service_class_name", "slot_count", "queue_start_time",
            "exec_start_time", "total_queue_time", "total_exec_time", "querytxt"};
    /** Columns of the collector's provisioned scans source. */
    public static final String[] SCANS = {"query", "table_id", "table_name", "scan_type", "steps", "rows", "rows_pre_filter",
            "rows_pre_user_filter", "bytes", "starttime", "endtime", "range_restricted"};
    public static final String[] ALERTS = {"query", "alert", "event", "solution", "event_time"};
    public static final String[] DISK_STEPS = {"query", "seg", "step", "maxtime", "rows", "bytes", "label"};
    public static final String[] COMPILE = {"query", "segments", "compiled_segments", "compile_start", "compile_end"};
    public static final String[] TABLE_SLICES = {"table_id", "slices", "empty_slices", "min_slice_rows", "max_slice_rows",
            "total_rows", "sorted_rows", "blocks"};
    public static final String[] TABLE_COLUMNS = {"schemaname", "tablename", "column", "type", "encoding", "distkey",
            "sortkey", "notnull"};
    /** Columns of the collector's on-call sources (the contract of issue 19's design, section 4.2). */
    public static final String[] DISK = {"node", "used_mb", "tossed_mb", "capacity_mb", "partitions"};
    public static final String[] LOCKS = {"pid", "xid", "username", "database", "txn_start", "lock_mode", "object_type", "table_id",
            "granted"};
    public static final String[] LOCK_STATEMENTS = {"xid", "pid", "query", "status", "starttime", "endtime", "text"};
    public static final String[] INFLIGHT = {"query", "userid", "username", "pid", "xid", "label", "starttime", "slices",
            "service_class", "text", "querytxt"};
    public static final String[] QMR_CONFIG = {"service_class", "rule", "action", "metric", "operator", "value", "action_value"};
    public static final String[] QMR_ACTIONS = {"query", "userid", "service_class", "service_class_name", "rule", "action",
            "action_value", "recordtime"};
    public static final String[] COMMITS = {"xid", "startqueue", "startwork", "endtime", "queuelen", "numxids"};
    public static final String[] CONFLICTS = {"xid", "pid", "xact_start", "abort_time", "table_id"};
    public static final String[] LOADS = {"query", "xid", "pid", "database", "status", "table_name", "starttime", "endtime",
            "loaded_rows", "error_count"};
    public static final String[] LOAD_ERRORS = {"query", "table_id", "starttime", "filename", "line_number", "column", "err_code",
            "reason", "position"};
    public static final String[] WLM_CONFIG = {"service_class", "name", "num_query_tasks", "target_num_query_tasks",
            "query_working_mem", "max_execution_time", "concurrency_scaling", "query_priority"};
}
