package autopilot.alerting.cloudwatch;

import autopilot.events.ClusterHealthReported;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.Severity;
import autopilot.events.UserMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Which custom metric values an inbound event carries. Figures a snapshot did not have are left out, not sent as 0. */
public final class MetricDatums {

    /**
     * One value of one custom metric for one cluster: one of the service's own ({@link CustomMetric})
     * or one the user defined (a SELECT of theirs, read by the collector).
     *
     * @param clusterId  the {@code ClusterIdentifier} dimension
     * @param metricName the CloudWatch metric name
     * @param unit       its unit
     * @param value      the value
     * @param observedAt its timestamp in CloudWatch
     * @param queue      the {@code Queue} dimension (a WLM queue's name) beside the cluster's; null for a cluster-wide figure
     */
    public record Datum(String clusterId, String metricName, StandardUnit unit, double value, Instant observedAt, String queue) {

        public Datum(String clusterId, CustomMetric metric, double value, Instant observedAt) {
            this(clusterId, metric, value, observedAt, null);
        }

        public Datum(String clusterId, CustomMetric metric, double value, Instant observedAt, String queue) {
            this(clusterId, metric.metricName(), metric.unit(), value, observedAt, queue);
        }

        /** Whether this is a value of the given metric of the service's own. */
        public boolean is(CustomMetric metric) {
            return metricName.equals(metric.metricName());
        }

        /** The service's own metric this is a value of; null for a user-defined metric. */
        public CustomMetric metric() {
            return java.util.Arrays.stream(CustomMetric.values()).filter(this::is).findFirst().orElse(null);
        }
    }

    /**
     * Queues published per cluster at most (their names in order): Redshift has up to 8 user queues under manual or
     * automatic WLM, plus short query acceleration and the superuser queue, so this bound only guards the bill.
     */
    public static final int MAX_QUEUES = 16;

    /** The cluster id of a datum sent without the {@code ClusterIdentifier} dimension (a fleet-wide figure). */
    public static final String FLEET = "";

    private MetricDatums() {
    }

    public static List<Datum> from(EventEnvelope<?> event) {
        String cluster = event.clusterId();
        Object payload = event.payload();
        List<Datum> datums = new ArrayList<>();
        if (payload instanceof ClusterHealthReported h) {
            Instant at = h.observedAt();
            add(datums, cluster, CustomMetric.MAX_UNSORTED_PCT, h.maxUnsortedPct(), at);
            add(datums, cluster, CustomMetric.MAX_SKEW_RATIO, h.maxSkewRatio(), at);
            add(datums, cluster, CustomMetric.TABLES_WITH_STALE_STATISTICS, h.tablesWithStaleStatistics(), at);
            add(datums, cluster, CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS, h.wlmQueueWaitP95Millis(), at);
            // The same metric per WLM queue (dimensions ClusterIdentifier and Queue): queues are few, never users or tables.
            if (h.queueWaitP95MillisByQueue() != null) {
                new java.util.TreeMap<>(h.queueWaitP95MillisByQueue()).entrySet().stream().limit(MAX_QUEUES)
                        .filter(e -> e.getKey() != null && !e.getKey().isBlank() && e.getValue() != null)
                        .forEach(e -> datums.add(new Datum(cluster, CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS, e.getValue(), at, e.getKey())));
            }
            add(datums, cluster, CustomMetric.DISK_BASED_QUERIES, h.diskBasedQueries(), at);
            // Open findings are always known (a severity without findings is 0), so alarms see a steady series.
            add(datums, cluster, CustomMetric.OPEN_CRITICAL_FINDINGS, h.openFindings().getOrDefault(Severity.CRITICAL.name(), 0), at);
            add(datums, cluster, CustomMetric.OPEN_WARNING_FINDINGS, h.openFindings().getOrDefault(Severity.WARNING.name(), 0), at);
            add(datums, cluster, CustomMetric.OPEN_INFO_FINDINGS, h.openFindings().getOrDefault(Severity.INFO.name(), 0), at);
            add(datums, cluster, CustomMetric.COLLECTION_LAG_SECONDS, h.collectionLagSeconds(), at);
            // The same figure without the cluster dimension: its Maximum is the fleet's worst lag, what the
            // collector's ECS service scales out on (deploy), whatever the clusters are called.
            add(datums, FLEET, CustomMetric.COLLECTION_LAG_SECONDS, h.collectionLagSeconds(), at);
            add(datums, cluster, CustomMetric.MAX_NODE_DISK_USED_PCT, h.maxNodeDiskUsedPct(), at);
            add(datums, cluster, CustomMetric.DISK_HOURS_TO_FULL, h.diskHoursToFull(), at);
            add(datums, cluster, CustomMetric.BLOCKED_SESSIONS, h.blockedSessions(), at);
            add(datums, cluster, CustomMetric.LONGEST_BLOCK_SECONDS, h.longestBlockSeconds(), at);
            add(datums, cluster, CustomMetric.RUNAWAY_QUERIES, h.runawayQueries(), at);
            add(datums, cluster, CustomMetric.LONGEST_RUNNING_QUERY_SECONDS, h.longestRunningQuerySeconds(), at);
            add(datums, cluster, CustomMetric.QMR_ABORTS_LAST_HOUR, h.qmrAbortsLastHour(), at);
            add(datums, cluster, CustomMetric.LOAD_ERRORS_LAST_DAY, h.loadErrorsLastDay(), at);
            add(datums, cluster, CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS, h.commitQueueWaitP95Millis(), at);
            if (h.usage() != null) {
                add(datums, cluster, CustomMetric.RPU_HOURS_TODAY, h.usage().rpuHoursToday(), at);
                add(datums, cluster, CustomMetric.RPU_HOURS_LAST_HOUR, h.usage().rpuHoursLastHour(), at);
                add(datums, cluster, CustomMetric.RPU_HOURS_FORECAST_TODAY, h.usage().rpuHoursForecastToday(), at);
                add(datums, cluster, CustomMetric.USAGE_COST_TODAY, h.usage().costToday(), at);
                add(datums, cluster, CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY, h.usage().concurrencyScalingSecondsToday(), at);
                add(datums, cluster, CustomMetric.IDLE_PCT_LAST_DAY, h.usage().idlePctLastDay(), at);
            }
            if (h.userMetrics() != null) {
                for (UserMetric m : h.userMetrics()) {
                    userDatum(cluster, m, at).ifPresent(datums::add);
                }
            }
        } else if (payload instanceof MaintenanceCompleted) {
            add(datums, cluster, CustomMetric.MAINTENANCE_COMPLETED, 1, event.occurredAt());
        } else if (payload instanceof MaintenanceFailed) {
            add(datums, cluster, CustomMetric.MAINTENANCE_FAILED, 1, event.occurredAt());
        }
        return datums;
    }

    /**
     * A user-defined metric's datum; none when its name is one of the service's own metrics (its values
     * would mix into that series and its alarms) or its unit is not CloudWatch's. The collector checks
     * both at start-up; these guard against an older or misconfigured producer.
     */
    static java.util.Optional<Datum> userDatum(String cluster, UserMetric m, Instant at) {
        StandardUnit unit = m.unit() == null ? StandardUnit.NONE : StandardUnit.fromValue(m.unit());
        boolean ownName = java.util.Arrays.stream(CustomMetric.values()).anyMatch(c -> c.metricName().equals(m.name()));
        if (ownName || unit == StandardUnit.UNKNOWN_TO_SDK_VERSION || !Double.isFinite(m.value())) {
            if (WARNED.add(m.name())) {
                io.quarkus.logging.Log.warnf("User metric %s of cluster %s is not published: %s", m.name(), cluster,
                        ownName ? "the service publishes a metric of that name; rename it in autopilot.collector.user-metrics"
                                : "its unit '" + m.unit() + "' or value is not one CloudWatch accepts");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Datum(cluster, m.name(), unit, m.value(), at, null));
    }

    /** User metric names already warned about, so each problem is logged once. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void add(List<Datum> datums, String cluster, CustomMetric metric, Number value, Instant at) {
        if (value != null) {
            datums.add(new Datum(cluster, metric, value.doubleValue(), at));
        }
    }
}
