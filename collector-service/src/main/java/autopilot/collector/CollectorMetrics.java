package autopilot.collector;

/**
 * Names of this service's own metrics (Micrometer; Prometheus shows them with underscores and, for
 * counters, {@code _total}). What the collector reports about its cycles, per cluster. The metrics every service shares are in
 * service-runtime's {@code MetricNames}.
 */
public final class CollectorMetrics {

    /** Gauge: seconds from the end of the least advanced source's last published window to now, by {@code cluster}. */
    public static final String LAG_SECONDS = "autopilot.collector.lag.seconds";

    /** Collections that failed, by {@code cluster}. */
    public static final String FAILURES = "autopilot.collector.failures";

    /** Timer: one collection of a cluster, by {@code cluster}. */
    public static final String CYCLE = "autopilot.collector.cycle";

    /** Rows read from a system table, by {@code cluster} and {@code source}. */
    public static final String ROWS_READ = "autopilot.collector.rows.read";

    /** Gaps found: the collector came back later than Redshift keeps its system logs, so workload was lost, by {@code cluster}. */
    public static final String GAPS = "autopilot.collector.gaps";

    /** Timer: profiling the columns of a cluster, by {@code cluster}. */
    public static final String PROFILE_DURATION = "autopilot.collector.profile.duration";

    /** Tables profiled, by {@code cluster} and {@code outcome}. */
    public static final String PROFILE_TABLES = "autopilot.collector.profile.tables";

    /** Snapshot parts SQS accepted, by {@code cluster} and {@code source}. */
    public static final String PARTS_PUBLISHED = "autopilot.collector.parts.published";

    /** Bytes of snapshot parts SQS accepted, by {@code cluster}. */
    public static final String BYTES_PUBLISHED = "autopilot.collector.bytes.published";

    /** Publish attempts SQS refused (retried), by {@code cluster}. */
    public static final String PUBLISH_FAILURES = "autopilot.collector.publish.failures";

    private CollectorMetrics() {
    }
}
