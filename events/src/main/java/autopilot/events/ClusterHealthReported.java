package autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.annotation.Nullable;

/**
 * Cluster-wide health figures of one analysed snapshot, analyzer -> recommendations topic. The
 * alerting service turns them into CloudWatch metrics (one set per cluster, never per table).
 * A figure is null when the snapshot did not contain the data it comes from (e.g. a workload-only
 * snapshot has no table figures; Serverless has no WLM queue waits, disk percentage, QMR action log
 * or commit queue).
 *
 * @param snapshotId                the snapshot the figures come from
 * @param observedAt                when the collector read the cluster
 * @param maxUnsortedPct            highest unsorted share of any table with a sort key, in %
 * @param maxSkewRatio              highest skew_rows (largest slice / smallest slice) of any table
 * @param tablesWithStaleStatistics tables whose stats_off is over the stale threshold
 * @param wlmQueueWaitP95Millis     95th percentile of queue wait over the queries in the snapshot, in ms
 * @param diskBasedQueries          queries in the snapshot with at least one disk-based step
 * @param openFindings              open findings on the cluster by severity name (CRITICAL, WARNING, INFO)
 * @param collectionLagSeconds      age of the newest workload data in the snapshot when it was analysed
 * @param maxNodeDiskUsedPct        disk used on the fullest node (STV_PARTITIONS, used less tossed over capacity), in %
 * @param diskHoursToFull           hours until the fullest node's disk is full at its recent trend; null when no trend is known
 * @param blockedSessions           sessions waiting for a table lock another session holds
 * @param longestBlockSeconds       longest of those waits so far, in seconds (0 when none waits)
 * @param runawayQueries            running queries over their runaway limit
 * @param longestRunningQuerySeconds age of the longest running query, in seconds (0 when none runs)
 * @param qmrAbortsLastHour         queries query monitoring rules aborted in the last hour of the snapshot's workload
 * @param loadErrorsLastDay         lines COPY rejected in the collector's recent-log lookback (a day by default)
 * @param commitQueueWaitP95Millis  95th percentile of the commit queue wait over the commits in the snapshot, in ms
 * @param usage                     the day's usage and cost (Serverless RPU-hours, provisioned concurrency scaling and idle share)
 * @param queueWaitP95MillisByQueue 95th percentile of queue wait per WLM queue name over the snapshot's queries, in ms
 *                                  (queues are few, so this is a bounded metric dimension); null or empty on Serverless
 * @param userMetrics               the user-defined SQL metrics read with the snapshot (those that returned a number)
 */
public record ClusterHealthReported(
        UUID snapshotId,
        Instant observedAt,
        @Nullable Double maxUnsortedPct,
        @Nullable Double maxSkewRatio,
        @Nullable Integer tablesWithStaleStatistics,
        @Nullable Double wlmQueueWaitP95Millis,
        @Nullable Integer diskBasedQueries,
        Map<String, Integer> openFindings,
        @Nullable Double collectionLagSeconds,
        @Nullable Double maxNodeDiskUsedPct,
        @Nullable Double diskHoursToFull,
        @Nullable Integer blockedSessions,
        @Nullable Double longestBlockSeconds,
        @Nullable Integer runawayQueries,
        @Nullable Double longestRunningQuerySeconds,
        @Nullable Integer qmrAbortsLastHour,
        @Nullable Integer loadErrorsLastDay,
        @Nullable Double commitQueueWaitP95Millis,
        @Nullable UsageFigures usage,
        @Nullable Map<String, Double> queueWaitP95MillisByQueue,
        @Nullable List<UserMetric> userMetrics) implements EventPayload {
}
