package autopilot.alerting.cloudwatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The dashboard of one cluster: on the left the seed recipe's three widget groups on AWS/Redshift
 * (cluster performance, queue/WLM, storage I/O) and the on-call ones (disk, health, maintenance,
 * commit queue), on the right the custom metrics, and a note that
 * marks the dashboard as managed (edits are overwritten; only dashboards with the note are deleted).
 */
public final class DashboardBuilder {

    /** Text that marks a dashboard as this service's. */
    public static final String MANAGED_MARK = "Managed by Redshift Autopilot alerting-service";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String namespace;

    public DashboardBuilder(String region, String namespace) {
        this.region = region;
        this.namespace = namespace;
    }

    public ObjectNode build(String clusterId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode widgets = root.putArray("widgets");
        String aws = AlarmCatalog.AWS_REDSHIFT;
        widgets.add(metrics(clusterId, "Redshift Cluster Performance Metrics", 0, 0, aws, "Average",
                List.of("CPUUtilization", "DatabaseConnections", "HealthStatus", "NetworkReceiveThroughput",
                        "NetworkTransmitThroughput")));
        widgets.add(metrics(clusterId, "Query Queue and Workload Management", 0, 6, aws, "Average",
                List.of("QueueLength", "WLMQueueLength", "WLMRunningQueries")));
        widgets.add(metrics(clusterId, "Storage Performance Metrics", 0, 12, aws, "Average",
                List.of("ReadIOPS", "WriteIOPS", "ReadLatency", "WriteLatency")));
        widgets.add(metrics(clusterId, "Disk, health and maintenance", 0, 18, aws, "Maximum",
                List.of("PercentageDiskSpaceUsed", "HealthStatus", "MaintenanceMode", "CommitQueueLength")));
        widgets.add(metrics(clusterId, "Table health (Autopilot)", 12, 0, namespace, "Maximum",
                List.of(CustomMetric.MAX_UNSORTED_PCT.metricName(), CustomMetric.MAX_SKEW_RATIO.metricName(),
                        CustomMetric.TABLES_WITH_STALE_STATISTICS.metricName())));
        widgets.add(metrics(clusterId, "Workload and collection (Autopilot)", 12, 6, namespace, "Maximum",
                List.of(CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS.metricName(), CustomMetric.DISK_BASED_QUERIES.metricName(),
                        CustomMetric.COLLECTION_LAG_SECONDS.metricName())));
        widgets.add(metrics(clusterId, "Open findings (Autopilot)", 12, 12, namespace, "Maximum",
                List.of(CustomMetric.OPEN_CRITICAL_FINDINGS.metricName(), CustomMetric.OPEN_WARNING_FINDINGS.metricName(),
                        CustomMetric.OPEN_INFO_FINDINGS.metricName())));
        widgets.add(metrics(clusterId, "Maintenance outcomes (Autopilot)", 12, 18, namespace, "Sum",
                List.of(CustomMetric.MAINTENANCE_COMPLETED.metricName(), CustomMetric.MAINTENANCE_FAILED.metricName())));
        widgets.add(metrics(clusterId, "On call (Autopilot)", 12, 24, namespace, "Maximum",
                List.of(CustomMetric.MAX_NODE_DISK_USED_PCT.metricName(), CustomMetric.BLOCKED_SESSIONS.metricName(),
                        CustomMetric.LONGEST_BLOCK_SECONDS.metricName(), CustomMetric.RUNAWAY_QUERIES.metricName(),
                        CustomMetric.LONGEST_RUNNING_QUERY_SECONDS.metricName(), CustomMetric.QMR_ABORTS_LAST_HOUR.metricName(),
                        CustomMetric.LOAD_ERRORS_LAST_DAY.metricName(), CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS.metricName())));
        widgets.add(metrics(clusterId, "Usage and cost (Autopilot)", 12, 30, namespace, "Maximum",
                List.of(CustomMetric.RPU_HOURS_TODAY.metricName(), CustomMetric.RPU_HOURS_LAST_HOUR.metricName(),
                        CustomMetric.RPU_HOURS_FORECAST_TODAY.metricName(), CustomMetric.USAGE_COST_TODAY.metricName(),
                        CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY.metricName(), CustomMetric.IDLE_PCT_LAST_DAY.metricName())));
        ObjectNode note = widgets.addObject().put("type", "text").put("x", 0).put("y", 24).put("width", 12).put("height", 3);
        note.putObject("properties").put("markdown", MANAGED_MARK + " for cluster " + clusterId
                + ". Edits here are overwritten; change the service's configuration instead.");
        return root;
    }

    private ObjectNode metrics(String clusterId, String title, int x, int y, String ns, String stat, List<String> names) {
        ObjectNode widget = JSON.createObjectNode().put("type", "metric").put("x", x).put("y", y).put("width", 12).put("height", 6);
        ObjectNode props = widget.putObject("properties");
        ArrayNode metrics = props.putArray("metrics");
        for (String name : names) {
            metrics.addArray().add(ns).add(name).add(CustomMetric.DIMENSION).add(clusterId);
        }
        props.put("period", 300).put("stat", stat).put("region", region).put("title", title);
        props.putObject("yAxis").putObject("left").put("min", 0);
        return widget;
    }
}
