package autopilot.alerting.cloudwatch;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.MonitoredClusters;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;

/**
 * The alarms every monitored cluster should have. A provisioned cluster: the seed recipe's three on
 * AWS/Redshift (CPUUtilization > 80 % for two 5-minute periods; QueueLength > 10; DatabaseConnections
 * above 90 % of the node type's connection limit, for two periods), the on-call ones on AWS/Redshift
 * (disk space used, health status, maintenance mode) and alarms on the custom metrics. A Serverless
 * workgroup: {@link ServerlessAlarms}' on AWS/Redshift-Serverless and the custom-metric alarms that apply.
 */
public final class AlarmCatalog {

    static final String AWS_REDSHIFT = "AWS/Redshift";
    private static final String NOT_BREACHING = "notBreaching";
    private static final String MISSING = "missing";

    private final AlertingConfig config;
    private final Supplier<Map<String, MonitoredClusters.Target>> clusters;

    /** Alarms of the configured clusters only. */
    public AlarmCatalog(AlertingConfig config) {
        this(config, () -> MonitoredClusters.configured(config));
    }

    /** Alarms of the given clusters (configured and discovered), asked anew at each {@link #desired()}. */
    public AlarmCatalog(AlertingConfig config, Supplier<Map<String, MonitoredClusters.Target>> clusters) {
        this.config = config;
        this.clusters = clusters;
    }

    /** Desired alarms by name, for every monitored cluster. */
    public Map<String, AlarmSpec> desired() {
        Map<String, AlarmSpec> all = new TreeMap<>();
        clusters.get().forEach((id, cluster) -> forCluster(id, cluster).forEach(a -> all.put(a.name(), a)));
        return all;
    }

    /** The connection count the DatabaseConnections alarm of a configured cluster fires above. */
    public double connectionThreshold(String clusterId) {
        return connectionThreshold(MonitoredClusters.configured(config).get(clusterId));
    }

    /** The connection count the DatabaseConnections alarm fires above. */
    public double connectionThreshold(MonitoredClusters.Target cluster) {
        int limit = cluster.connectionLimit().orElse(cluster.isServerless() ? ServerlessAlarms.CONNECTION_QUOTA
                : cluster.nodeType().connectionLimit());
        return Math.floor(limit * config.alarms().connectionsPct() / 100.0);
    }

    List<AlarmSpec> forCluster(String id, MonitoredClusters.Target cluster) {
        if (cluster.isServerless()) {
            List<AlarmSpec> specs = new ArrayList<>(new ServerlessAlarms(config).forWorkgroup(id, cluster, connectionThreshold(cluster)));
            specs.addAll(customMetricAlarms(id, "Redshift Serverless " + id, false));
            return specs;
        }
        AlertingConfig.Alarms a = config.alarms();
        List<String> pages = List.of(config.pagesTopicArn());
        String ns = config.metricsNamespace();
        String prefix = a.namePrefix() + id + "-";
        double connections = connectionThreshold(cluster);
        List<AlarmSpec> specs = new ArrayList<>();
        specs.add(new AlarmSpec(prefix + "cpu-utilization", "Redshift " + id + ": CPU above " + num(a.cpuUtilizationPct())
                + "% for 10 minutes", AWS_REDSHIFT, "CPUUtilization", id, "Average", 300, 2, a.cpuUtilizationPct(), MISSING, pages));
        specs.add(new AlarmSpec(prefix + "queue-length", "Redshift " + id + ": more than " + num(a.queueLength())
                + " queries waiting in WLM queues", AWS_REDSHIFT, "QueueLength", id, "Average", 300, 1, a.queueLength(), MISSING, pages));
        specs.add(new AlarmSpec(prefix + "database-connections", "Redshift " + id + ": connections above " + num(a.connectionsPct())
                + "% of the " + cluster.nodeType().awsName() + " limit (" + num(connections) + ")", AWS_REDSHIFT,
                "DatabaseConnections", id, "Average", 300, 2, connections, MISSING, pages));
        // On-call (issue 19): https://docs.aws.amazon.com/redshift/latest/mgmt/metrics-listing.html; provisioned only.
        specs.add(new AlarmSpec(prefix + "disk-space", "Redshift " + id + ": disk space used above " + num(a.diskUsedPct())
                + "% for 10 minutes", AWS_REDSHIFT, "PercentageDiskSpaceUsed", id, "Maximum", 300, 2, a.diskUsedPct(), MISSING, pages));
        if (a.healthStatus()) {
            // HealthStatus is 1 (HEALTHY) or 0; any value below 1 is reported as 0.
            specs.add(new AlarmSpec(prefix + "health-status", "Redshift " + id + ": UNHEALTHY (its test query failed) for 5 minutes",
                    AWS_REDSHIFT, "HealthStatus", id, "Minimum", 60, 5, 1, MISSING, pages, ComparisonOperator.LESS_THAN_THRESHOLD));
        }
        if (a.maintenanceMode()) {
            // MaintenanceMode is 1 while the cluster is in maintenance; a paused or quiet cluster reports nothing: not breaching.
            specs.add(new AlarmSpec(prefix + "maintenance-mode", "Redshift " + id + ": in maintenance mode (HealthStatus stays"
                    + " HEALTHY meanwhile)", AWS_REDSHIFT, "MaintenanceMode", id, "Maximum", 60, 1, 0, NOT_BREACHING, pages));
        }
        specs.addAll(customMetricAlarms(id, "Redshift " + id, true));
        return specs;
    }

    /**
     * Alarms on the project's own metrics (dimension {@code ClusterIdentifier} = the id, for workgroups too);
     * commit queue wait and disk-based queries only for provisioned clusters, the only kind the collector
     * reads them for (STL_COMMIT_STATS, SVL_QUERY_SUMMARY's disk-based steps).
     */
    List<AlarmSpec> customMetricAlarms(String id, String label, boolean provisioned) {
        AlertingConfig.Alarms a = config.alarms();
        List<String> pages = List.of(config.pagesTopicArn());
        String ns = config.metricsNamespace();
        String prefix = a.namePrefix() + id + "-";
        List<AlarmSpec> specs = new ArrayList<>();
        specs.add(new AlarmSpec(prefix + "collection-lag", label + ": newest analysed workload data older than "
                + num(a.collectionLagSeconds()) + " s, or no health report for 30 minutes (collector or analyzer stalled)",
                ns, CustomMetric.COLLECTION_LAG_SECONDS.metricName(), id, "Maximum", 900, 2, a.collectionLagSeconds(),
                "breaching", pages));
        specs.add(new AlarmSpec(prefix + "wlm-queue-wait", label + ": p95 WLM queue wait above "
                + num(a.wlmQueueWaitP95Millis()) + " ms for 15 minutes", ns, CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS.metricName(),
                id, "Maximum", 300, 3, a.wlmQueueWaitP95Millis(), NOT_BREACHING, pages));
        if (provisioned) {
            specs.add(new AlarmSpec(prefix + "commit-queue-wait", label + ": p95 commit queue wait above "
                    + num(a.commitQueueWaitP95Millis()) + " ms for 15 minutes", ns, CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS.metricName(),
                    id, "Maximum", 300, 3, a.commitQueueWaitP95Millis(), NOT_BREACHING, pages));
        }
        if (provisioned) {
            specs.add(new AlarmSpec(prefix + "disk-based-queries", label + ": more than " + num(a.diskBasedQueriesPerHour())
                    + " disk-based queries in an hour", ns, CustomMetric.DISK_BASED_QUERIES.metricName(), id, "Sum", 3600, 1,
                    a.diskBasedQueriesPerHour(), NOT_BREACHING, pages));
        }
        return specs;
    }

    static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
