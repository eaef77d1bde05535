package autopilot.analyzer.snapshot;

import autopilot.events.ClusterKind;
import autopilot.events.SnapshotPartCollected;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One snapshot of one cluster: the parts of every source joined back together. Which sources are
 * present decides which rules can be evaluated (a workload-only snapshot says nothing about table
 * health, so it can neither raise nor resolve a table finding).
 */
public final class SnapshotData {

    /** Sources the collector names; the constants are the contract between the two services. */
    public static final String TABLE_INFO = "table_info";
    public static final String TABLE_SLICES = "table_slices";
    public static final String TABLE_COLUMNS = "table_columns";
    public static final String ADVISOR = "advisor";
    public static final String VACUUM_HISTORY = "vacuum_history";
    public static final String ANALYZE_HISTORY = "analyze_history";
    public static final String QUERIES = "queries";
    public static final String SCANS = "scans";
    public static final String ALERTS = "alerts";
    public static final String DISK_STEPS = "disk_steps";
    public static final String COMPILE = "compile";
    public static final String WLM_CONFIG = "wlm_config";
    public static final String WLM_STATE = "wlm_state";
    /** Redistribution and broadcast steps (SVL_QUERY_SUMMARY labels dist*, bcast*), provisioned only. */
    public static final String DIST_STEPS = "dist_steps";
    /** Sampled value statistics of columns used in joins and filters, about once a day per table. */
    public static final String COLUMN_PROFILE = "column_profile";
    /** Disk use per node (STV_PARTITIONS summed per owner), provisioned only; read whole each workload cycle. */
    public static final String DISK = "disk";
    /** Locks held and awaited by open transactions (SVV_TRANSACTIONS); read whole each workload cycle. */
    public static final String LOCKS = "locks";
    /** The latest statement of each open transaction (SYS_QUERY_HISTORY by transaction id). */
    public static final String LOCK_STATEMENTS = "lock_statements";
    /** Queries running at collection (STV_INFLIGHT per query; SYS_QUERY_HISTORY status running on Serverless). */
    public static final String INFLIGHT = "inflight";
    /** Query monitoring rules as configured (STV_WLM_QMR_CONFIG, a row per predicate), provisioned only. */
    public static final String QMR_CONFIG = "qmr_config";
    /** Actions query monitoring rules took (STL_WLM_RULE_ACTION), incremental with queries; provisioned only. */
    public static final String QMR_ACTIONS = "qmr_actions";
    /** Commits of the leader node (STL_COMMIT_STATS node -1), incremental with queries; provisioned only. */
    public static final String COMMITS = "commits";
    /** Serializable isolation conflicts (STL_TR_CONFLICT), incremental with queries; provisioned only. */
    public static final String CONFLICTS = "conflicts";
    /** COPY runs of the recent-log lookback (SYS_LOAD_HISTORY). */
    public static final String LOADS = "loads";
    /** Lines COPY rejected in the recent-log lookback (STL_LOAD_ERRORS; SYS_LOAD_ERROR_DETAIL on Serverless). */
    public static final String LOAD_ERRORS = "load_errors";
    /** The user's own SELECTs (collector {@code autopilot.collector.user-metrics}): name, value, unit, error; passed on, not analysed. */
    public static final String USER_METRICS = "user_metrics";
    /** Serverless RPU-seconds charged per hour since the recent lookback's hour (SYS_SERVERLESS_USAGE), read whole each cycle. */
    public static final String SERVERLESS_USAGE = "serverless_usage";
    /** Concurrency-scaling periods reaching into the recent lookback's hour (SVCS_CONCURRENCY_SCALING_USAGE), provisioned only. */
    public static final String CONCURRENCY_SCALING = "concurrency_scaling";
    /** The cluster's users (PG_USER_INFO: usesysid, usename), read whole each workload cycle: query user ids as names. */
    public static final String USERS = "users";

    /**
     * The columns the analysis reads of each workload source, the largest of a snapshot (a day of
     * queries and their scans, steps and compilations); a source not named here is read whole.
     * {@link PartReader} keeps no other values of these sources (a query row's other timestamps,
     * ids and labels were about half of a snapshot's rows in the heap), and reading a column left
     * out is an error rather than a silent null: a rule that starts reading one adds it here.
     */
    private static final Map<String, Set<String>> COLUMNS_READ = Map.of(
            QUERIES, Set.of("query", "endtime", "querytxt", "total_queue_time", "total_exec_time", "aborted", "service_class",
                    "service_class_name", "slot_count", "userid", "label"),
            SCANS, Set.of("query", "table_id", "table_name", "rows", "rows_pre_filter", "rows_pre_user_filter", "starttime",
                    "endtime", "duration", "scan_type", "range_restricted"),
            COMPILE, Set.of("query", "compile_start", "compile_end", "compiled_segments"),
            DISK_STEPS, Set.of("query", "bytes", "label"),
            DIST_STEPS, Set.of("query", "rows", "label"),
            ALERTS, Set.of("query", "alert", "event", "solution"),
            QMR_ACTIONS, Set.of("query", "userid", "service_class", "service_class_name", "rule", "action", "recordtime"),
            COMMITS, Set.of("startqueue", "startwork", "endtime", "queuelen"),
            CONFLICTS, Set.of("table_id", "abort_time"));

    private final String clusterId;
    private final UUID snapshotId;
    private final ClusterKind kind;
    private final Instant collectedAt;
    private final Instant workloadTo;
    private final Map<String, SourceRows> sources;

    private SnapshotData(String clusterId, UUID snapshotId, ClusterKind kind, Instant collectedAt, Instant workloadTo,
                         Map<String, SourceRows> sources) {
        this.clusterId = clusterId;
        this.snapshotId = snapshotId;
        this.kind = kind;
        this.collectedAt = collectedAt;
        this.workloadTo = workloadTo;
        this.sources = sources;
    }

    /**
     * Joins parts of one snapshot. Parts of a source are taken in part order; a part given twice
     * counts once.
     *
     * @throws IllegalArgumentException when parts of different clusters or snapshots are mixed
     */
    public static SnapshotData of(String clusterId, Collection<SnapshotPartCollected> parts) {
        return of(clusterId, parts, Set.of());
    }

    /**
     * As {@link #of(String, Collection)}, for parts of which the rows of the {@code aggregated}
     * sources were aggregated as they were read ({@code SnapshotParts}) and left out: those sources
     * are present, but reading their rows is an error.
     */
    public static SnapshotData of(String clusterId, Collection<SnapshotPartCollected> parts, Set<String> aggregated) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one part");
        }
        SnapshotPartCollected first = parts.iterator().next();
        Map<String, SourceRows> sources = new LinkedHashMap<>();
        Map<String, java.util.Set<Integer>> seen = new LinkedHashMap<>();
        Instant workloadTo = null;
        Instant collectedAt = first.collectedAt();
        for (SnapshotPartCollected part : parts.stream().sorted(Comparator.comparing(SnapshotPartCollected::source)
                .thenComparingInt(SnapshotPartCollected::partNumber)).toList()) {
            if (!part.snapshotId().equals(first.snapshotId())) {
                throw new IllegalArgumentException("parts of snapshots " + first.snapshotId() + " and " + part.snapshotId()
                        + " were mixed; analyse one snapshot at a time");
            }
            if (!seen.computeIfAbsent(part.source(), s -> new java.util.HashSet<>()).add(part.partNumber())) {
                continue;
            }
            SourceRows rows = sources.computeIfAbsent(part.source(), s -> new SourceRows(s, part.columns(), aggregated.contains(s)));
            if (!aggregated.contains(part.source())) rows.addAll(part.rows());
            if (part.watermarkTo() != null && (workloadTo == null || part.watermarkTo().isAfter(workloadTo))) {
                workloadTo = part.watermarkTo();
            }
            if (part.collectedAt().isAfter(collectedAt)) {
                collectedAt = part.collectedAt();
            }
        }
        return new SnapshotData(clusterId, first.snapshotId(), first.clusterKind(), collectedAt, workloadTo, sources);
    }

    /** Whether the analysis reads this column of this source (see {@link #COLUMNS_READ}). */
    static boolean read(String source, String column) {
        Set<String> read = COLUMNS_READ.get(source);
        return read == null || read.contains(column);
    }

    public String clusterId() {
        return clusterId;
    }

    public UUID snapshotId() {
        return snapshotId;
    }

    public ClusterKind kind() {
        return kind;
    }

    public Instant collectedAt() {
        return collectedAt;
    }

    /** Upper bound of the workload window read, if the snapshot has workload sources. */
    public Optional<Instant> workloadTo() {
        return Optional.ofNullable(workloadTo);
    }

    /** The sources present, in name order. */
    public List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    public boolean has(String source) {
        return sources.containsKey(source);
    }

    /** The rows of a source; empty when the snapshot does not contain it. */
    public SourceRows rows(String source) {
        SourceRows rows = sources.get(source);
        return rows != null ? rows : new SourceRows(source, List.of());
    }

    /** Whether this snapshot carries table health (SVV_TABLE_INFO). */
    public boolean hasTableHealth() {
        return has(TABLE_INFO);
    }

    /** Whether the workload's rows were aggregated as they were read: the analysis then takes those hours. */
    public boolean workloadAggregated() {
        SourceRows queries = sources.get(QUERIES);
        return queries != null && queries.aggregated();
    }

    /**
     * The user-defined metrics that returned a number, in the collector's order; null when the snapshot
     * has none configured (a metric whose SELECT failed has no value and is left out: the collector logged why).
     */
    public List<autopilot.events.UserMetric> userMetrics() {
        SourceRows rows = sources.get(USER_METRICS);
        if (rows == null) return null;
        List<autopilot.events.UserMetric> metrics = new java.util.ArrayList<>();
        for (SourceRows.Row row : rows.rows()) {
            Double value = row.doubleValue("value");
            if (value != null) {
                metrics.add(new autopilot.events.UserMetric(row.string("name"), value, row.string("unit")));
            }
        }
        return metrics;
    }

    /** Whether this snapshot carries workload (queries). */
    public boolean hasWorkload() {
        return has(QUERIES);
    }
}
