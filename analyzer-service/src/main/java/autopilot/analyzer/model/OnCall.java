package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a cluster is doing at the moment of one snapshot, for the on-call rules: disk per node, the
 * locks of open transactions and their latest statements, the running queries, the configured query
 * monitoring rules and the recent loads. These sources are read whole each workload cycle and are
 * not aggregated: the next snapshot replaces them. {@link #sources()} names every source the
 * snapshot carried, so a rule runs only when its own are there (a Serverless snapshot has no
 * {@code disk}: it can neither raise nor resolve a disk finding).
 *
 * @param observedAt  when the collector read the cluster: the ages of locks and queries are measured to it
 * @param statements  the latest statement of each open transaction, by transaction id
 * @param past       what earlier snapshots showed, from stored state, for the disk finding
 */
public record OnCall(Instant observedAt, Set<String> sources, List<NodeDisk> disk, List<Lock> locks, Map<Long, Statement> statements,
                     List<Running> running, List<QmrRule> qmrRules, List<Load> loads, List<LoadError> loadErrors, Past past) {

    /** Nothing known, no source present: what views built without a snapshot (tests, what-if of old data) carry. */
    public static final OnCall NONE = new OnCall(null, Set.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
            Past.NONE);

    /**
     * What earlier snapshots showed, loaded only for snapshots with the disk source.
     *
     * @param disk        the fullest node's used share at each earlier snapshot of the forecast's lookback, oldest first
     * @param grownTables the tables whose size grew most over that lookback, most first
     */
    public record Past(List<DiskPoint> disk, List<TableGrowth> grownTables) {
        public static final Past NONE = new Past(List.of(), List.of());
    }

    /** The fullest node's used share, in %, at one earlier snapshot. */
    public record DiskPoint(Instant at, double maxNodeUsedPct) {
    }

    /** A table's size (SVV_TABLE_INFO, MB) at its first observation since {@code since} and its latest. */
    public record TableGrowth(long tableId, long fromMb, long toMb, Instant since) {
    }

    /** This view with what earlier snapshots showed. */
    public OnCall withPast(Past past) {
        return new OnCall(observedAt, sources, disk, locks, statements, running, qmrRules, loads, loadErrors, past);
    }

    /** One node's disk: STV_PARTITIONS summed over the node's partitions, in 1 MB blocks. */
    public record NodeDisk(int node, long usedMb, long tossedMb, long capacityMb) {
        /** Used less tossed (freed at the next commit) over capacity, as AWS's STV_PARTITIONS sample computes it. */
        public double usedPct() {
            return capacityMb <= 0 ? 0 : 100.0 * Math.max(0, usedMb - tossedMb) / capacityMb;
        }
    }

    /** One row of SVV_TRANSACTIONS: a lock an open transaction holds ({@code granted}) or waits for. */
    public record Lock(long pid, Long xid, String user, String database, Instant txnStart, String mode, String objectType,
                       Long tableId, boolean granted) {
        /** A table lock (not the transaction's own {@code transactionid} lock). */
        public boolean onTable() {
            return tableId != null && "relation".equalsIgnoreCase(objectType);
        }
    }

    /** The latest statement of an open transaction (SYS_QUERY_HISTORY), text cut by the collector. */
    public record Statement(long xid, Long pid, Long query, String status, Instant start, Instant end, String text) {
    }

    /**
     * A query running at collection.
     *
     * @param text the full text when the collector found it (SYS_QUERY_HISTORY), else STV_INFLIGHT's first 100 characters
     */
    public record Running(long query, Long userId, String user, Long pid, Long xid, String label, Instant start, Integer serviceClass,
                          String text) {
    }

    /** One predicate of a configured query monitoring rule (STV_WLM_QMR_CONFIG). */
    public record QmrRule(int serviceClass, String rule, String action, String metric, String operator, Double value) {
    }

    /** One COPY (SYS_LOAD_HISTORY): running, completed or aborted; {@code table} as the view names it (no schema). */
    public record Load(Long query, String database, String status, String table, Instant start, Instant end, long errorCount) {
    }

    /** One line COPY rejected (STL_LOAD_ERRORS; SYS_LOAD_ERROR_DETAIL); {@code start} is the load's start. */
    public record LoadError(Long query, Long tableId, Instant start, String file, Long line, String column, Long code, String reason,
                            Long position) {
    }

    public boolean has(String source) {
        return sources.contains(source);
    }

    public boolean hasAll(Set<String> needed) {
        return sources.containsAll(needed);
    }

    /** The on-call sources of a snapshot whose rows are kept ({@link SnapshotData}); absent sources give empty lists. */
    public static OnCall of(SnapshotData snapshot) {
        Map<Long, Statement> statements = new HashMap<>();
        for (Statement s : rows(snapshot, SnapshotData.LOCK_STATEMENTS, r -> new Statement(r.longOr("xid", 0), r.longValue("pid"),
                r.longValue("query"), r.string("status"), r.instant("starttime"), r.instant("endtime"), r.string("text")))) {
            statements.merge(s.xid(), s, (a, b) -> a.start() != null && b.start() != null && b.start().isAfter(a.start()) ? b : a);
        }
        return new OnCall(snapshot.collectedAt(), new TreeSet<>(snapshot.sources()),
                rows(snapshot, SnapshotData.DISK, r -> new NodeDisk((int) r.longOr("node", 0), r.longOr("used_mb", 0),
                        r.longOr("tossed_mb", 0), r.longOr("capacity_mb", 0))),
                rows(snapshot, SnapshotData.LOCKS, r -> new Lock(r.longOr("pid", 0), r.longValue("xid"), r.string("username"),
                        r.string("database"), r.instant("txn_start"), r.string("lock_mode"), r.string("object_type"),
                        r.longValue("table_id"), r.bool("granted"))),
                statements,
                rows(snapshot, SnapshotData.INFLIGHT, r -> {
                    Long serviceClass = r.longValue("service_class");
                    String full = r.string("querytxt");
                    return new Running(r.longOr("query", 0), r.longValue("userid"), r.string("username"), r.longValue("pid"),
                            r.longValue("xid"), r.string("label"), r.instant("starttime"),
                            serviceClass == null ? null : serviceClass.intValue(), full == null || full.isEmpty() ? r.string("text") : full);
                }),
                rows(snapshot, SnapshotData.QMR_CONFIG, r -> new QmrRule((int) r.longOr("service_class", 0), r.string("rule"),
                        r.string("action"), r.string("metric"), r.string("operator"), r.doubleValue("value"))),
                rows(snapshot, SnapshotData.LOADS, r -> new Load(r.longValue("query"), r.string("database"), r.string("status"),
                        r.string("table_name"), r.instant("starttime"), r.instant("endtime"), r.longOr("error_count", 0))),
                rows(snapshot, SnapshotData.LOAD_ERRORS, r -> new LoadError(r.longValue("query"), r.longValue("table_id"),
                        r.instant("starttime"), r.string("filename"), r.longValue("line_number"), r.string("column"),
                        r.longValue("err_code"), r.string("reason"), r.longValue("position"))),
                Past.NONE);
    }

    private static <T> List<T> rows(SnapshotData snapshot, String source, Function<SourceRows.Row, T> read) {
        if (!snapshot.has(source)) return List.of();
        List<T> out = new ArrayList<>();
        for (SourceRows.Row row : snapshot.rows(source).rows()) out.add(read.apply(row));
        return List.copyOf(out);
    }
}
