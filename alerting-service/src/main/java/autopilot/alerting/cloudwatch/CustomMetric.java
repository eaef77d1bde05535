package autopilot.alerting.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The custom metrics, one set per cluster (dimension {@code ClusterIdentifier}), never one per
 * table: CloudWatch bills every metric name x dimension combination.
 */
public enum CustomMetric {
    MAX_UNSORTED_PCT("MaxUnsortedPct", StandardUnit.PERCENT),
    MAX_SKEW_RATIO("MaxSkewRatio", StandardUnit.NONE),
    TABLES_WITH_STALE_STATISTICS("TablesWithStaleStatistics", StandardUnit.COUNT),
    WLM_QUEUE_WAIT_P95_MILLIS("WlmQueueWaitP95Millis", StandardUnit.MILLISECONDS),
    DISK_BASED_QUERIES("DiskBasedQueries", StandardUnit.COUNT),
    OPEN_CRITICAL_FINDINGS("OpenCriticalFindings", StandardUnit.COUNT),
    OPEN_WARNING_FINDINGS("OpenWarningFindings", StandardUnit.COUNT),
    OPEN_INFO_FINDINGS("OpenInfoFindings", StandardUnit.COUNT),
    COLLECTION_LAG_SECONDS("CollectionLagSeconds", StandardUnit.SECONDS),
    MAINTENANCE_COMPLETED("MaintenanceCompleted", StandardUnit.COUNT),
    MAINTENANCE_FAILED("MaintenanceFailed", StandardUnit.COUNT),
    // On call (issue 19): what the analyzer saw in the snapshot; absent where the cluster kind has no source.
    MAX_NODE_DISK_USED_PCT("MaxNodeDiskUsedPct", StandardUnit.PERCENT),
    DISK_HOURS_TO_FULL("DiskHoursToFull", StandardUnit.NONE),
    BLOCKED_SESSIONS("BlockedSessions", StandardUnit.COUNT),
    LONGEST_BLOCK_SECONDS("LongestBlockSeconds", StandardUnit.SECONDS),
    RUNAWAY_QUERIES("RunawayQueries", StandardUnit.COUNT),
    LONGEST_RUNNING_QUERY_SECONDS("LongestRunningQuerySeconds", StandardUnit.SECONDS),
    QMR_ABORTS_LAST_HOUR("QmrAbortsLastHour", StandardUnit.COUNT),
    LOAD_ERRORS_LAST_DAY("LoadErrorsLastDay", StandardUnit.COUNT),
    COMMIT_QUEUE_WAIT_P95_MILLIS("CommitQueueWaitP95Millis", StandardUnit.MILLISECONDS),
    // Usage and cost (issue 20), from ClusterHealthReported.usage; absent where the cluster kind has no source.
    RPU_HOURS_TODAY("RpuHoursToday", StandardUnit.NONE),
    RPU_HOURS_LAST_HOUR("RpuHoursLastHour", StandardUnit.NONE),
    RPU_HOURS_FORECAST_TODAY("RpuHoursForecastToday", StandardUnit.NONE),
    USAGE_COST_TODAY("UsageCostToday", StandardUnit.NONE),
    CONCURRENCY_SCALING_SECONDS_TODAY("ConcurrencyScalingSecondsToday", StandardUnit.SECONDS),
    IDLE_PCT_LAST_DAY("IdlePctLastDay", StandardUnit.PERCENT);

    /** The one dimension of every custom metric, as AWS/Redshift names it. */
    public static final String DIMENSION = "ClusterIdentifier";
    /** The second dimension of {@link #WLM_QUEUE_WAIT_P95_MILLIS} per WLM queue (STV_WLM_SERVICE_CLASS_CONFIG name). */
    public static final String QUEUE_DIMENSION = "Queue";

    private final String metricName;
    private final StandardUnit unit;

    CustomMetric(String metricName, StandardUnit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    public StandardUnit unit() {
        return unit;
    }
}
