package autopilot.alerting.cloudwatch;

import autopilot.alerting.config.MonitoredClusters;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The dashboard of one cluster: on the left the seed recipe's three widget groups on AWS/Redshift
 * (cluster performance, queue/WLM, storage I/O) and the on-call ones (disk, health, maintenance,
 * commit queue), on the right the custom metrics, and a note that
 * marks the dashboard as managed; a Serverless workgroup's ({@link #buildServerless}) has
 * AWS/Redshift-Serverless' widgets on the left (edits are overwritten; only dashboards with the note are deleted).
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
        customWidgets(widgets, clusterId, true);
        note(widgets, 24, "cluster " + clusterId);
        return root;
    }

    /** The dashboard of a cluster or workgroup: a workgroup's AWS widgets are AWS/Redshift-Serverless'. */
    public ObjectNode build(String clusterId, MonitoredClusters.Target target) {
        return target.isServerless() ? buildServerless(clusterId, target.workgroup()) : build(clusterId);
    }

    /**
     * A Serverless workgroup: on the left AWS/Redshift-Serverless by {@code Workgroup} (compute capacity and
     * seconds, queries queued and running summed over query types with SEARCH, query duration by latency
     * range, connections), on the right the custom metrics a workgroup has.
     */
    public ObjectNode buildServerless(String clusterId, String workgroup) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode widgets = root.putArray("widgets");
        String ns = ServerlessAlarms.NAMESPACE;
        String wg = ServerlessAlarms.WORKGROUP;
        widgets.add(metrics(wg, workgroup, "Serverless compute capacity (RPUs)", 0, 0, ns, "Maximum", List.of("ComputeCapacity")));
        widgets.add(metrics(wg, workgroup, "Serverless compute seconds (RPU-seconds)", 0, 6, ns, "Sum", List.of("ComputeSeconds")));
        widgets.add(expressions("Serverless queries queued and running (all query types)", 0, 12, List.of(
                search("QueryType", workgroup, "QueriesQueued", "SUM", "Average", "queued"),
                search("QueryType", workgroup, "QueriesRunning", "SUM", "Average", "running"))));
        widgets.add(expressions("Serverless query duration by latency range (microseconds)", 0, 18, List.of(
                search("LatencyRange", workgroup, "QueryDuration", "", "Average", "duration"))));
        widgets.add(metrics(wg, workgroup, "Serverless connections", 0, 24, ns, "Maximum", List.of("DatabaseConnections")));
        customWidgets(widgets, clusterId, false);
        note(widgets, 30, "Serverless workgroup " + workgroup + " (id " + clusterId + ")");
        return root;
    }

    /** The custom-metric widgets (right column); node disk, disk-based queries and commit queue only provisioned clusters have. */
    private void customWidgets(ArrayNode widgets, String clusterId, boolean provisioned) {
        widgets.add(metrics(clusterId, "Table health (Autopilot)", 12, 0, namespace, "Maximum",
                List.of(CustomMetric.MAX_UNSORTED_PCT.metricName(), CustomMetric.MAX_SKEW_RATIO.metricName(),
                        CustomMetric.TABLES_WITH_STALE_STATISTICS.metricName())));
        widgets.add(metrics(clusterId, "Workload and collection (Autopilot)", 12, 6, namespace, "Maximum", provisioned
                ? List.of(CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS.metricName(), CustomMetric.DISK_BASED_QUERIES.metricName(),
                        CustomMetric.COLLECTION_LAG_SECONDS.metricName())
                : List.of(CustomMetric.WLM_QUEUE_WAIT_P95_MILLIS.metricName(), CustomMetric.COLLECTION_LAG_SECONDS.metricName())));
        widgets.add(metrics(clusterId, "Open findings (Autopilot)", 12, 12, namespace, "Maximum",
                List.of(CustomMetric.OPEN_CRITICAL_FINDINGS.metricName(), CustomMetric.OPEN_WARNING_FINDINGS.metricName(),
                        CustomMetric.OPEN_INFO_FINDINGS.metricName())));
        widgets.add(metrics(clusterId, "Maintenance outcomes (Autopilot)", 12, 18, namespace, "Sum",
                List.of(CustomMetric.MAINTENANCE_COMPLETED.metricName(), CustomMetric.MAINTENANCE_FAILED.metricName())));
        List<CustomMetric> onCall = provisioned
                ? List.of(CustomMetric.MAX_NODE_DISK_USED_PCT, CustomMetric.BLOCKED_SESSIONS, CustomMetric.LONGEST_BLOCK_SECONDS,
                        CustomMetric.RUNAWAY_QUERIES, CustomMetric.LONGEST_RUNNING_QUERY_SECONDS, CustomMetric.QMR_ABORTS_LAST_HOUR,
                        CustomMetric.LOAD_ERRORS_LAST_DAY, CustomMetric.COMMIT_QUEUE_WAIT_P95_MILLIS)
                : List.of(CustomMetric.BLOCKED_SESSIONS, CustomMetric.LONGEST_BLOCK_SECONDS, CustomMetric.RUNAWAY_QUERIES,
                        CustomMetric.LONGEST_RUNNING_QUERY_SECONDS, CustomMetric.QMR_ABORTS_LAST_HOUR, CustomMetric.LOAD_ERRORS_LAST_DAY);
        widgets.add(metrics(clusterId, "On call (Autopilot)", 12, 24, namespace, "Maximum",
                onCall.stream().map(CustomMetric::metricName).toList()));
        // Usage and cost (issue 20): Serverless bills RPU-hours; a provisioned cluster's variable part is concurrency scaling.
        List<CustomMetric> usage = provisioned
                ? List.of(CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY, CustomMetric.IDLE_PCT_LAST_DAY)
                : List.of(CustomMetric.RPU_HOURS_TODAY, CustomMetric.RPU_HOURS_LAST_HOUR, CustomMetric.RPU_HOURS_FORECAST_TODAY,
                        CustomMetric.USAGE_COST_TODAY);
        widgets.add(metrics(clusterId, "Usage and cost (Autopilot)", 12, 30, namespace, "Maximum",
                usage.stream().map(CustomMetric::metricName).toList()));
    }

    private static void note(ArrayNode widgets, int y, String what) {
        ObjectNode note = widgets.addObject().put("type", "text").put("x", 0).put("y", y).put("width", 12).put("height", 3);
        note.putObject("properties").put("markdown", MANAGED_MARK + " for " + what
                + ". Edits here are overwritten; change the service's configuration instead.");
    }

    /**
     * One SEARCH over a workgroup's metric in the dimension set {@code {AWS/Redshift-Serverless, <split>, Workgroup}}
     * (AWS publishes QueriesQueued/Running only by QueryType, QueryDuration only by LatencyRange), optionally reduced
     * to one line by {@code reduce} (e.g. SUM).
     */
    private static ObjectNode search(String split, String workgroup, String metric, String reduce, String stat, String id) {
        String query = "SEARCH('{" + ServerlessAlarms.NAMESPACE + "," + split + "," + ServerlessAlarms.WORKGROUP + "} MetricName=\""
                + metric + "\" " + ServerlessAlarms.WORKGROUP + "=\"" + workgroup + "\"', '" + stat + "', 300)";
        return JSON.createObjectNode().put("expression", reduce.isEmpty() ? query : reduce + "(" + query + ")")
                .put("label", metric).put("id", id);
    }

    private ObjectNode expressions(String title, int x, int y, List<ObjectNode> expressions) {
        ObjectNode widget = JSON.createObjectNode().put("type", "metric").put("x", x).put("y", y).put("width", 12).put("height", 6);
        ObjectNode props = widget.putObject("properties");
        ArrayNode metrics = props.putArray("metrics");
        expressions.forEach(e -> metrics.addArray().add(e));
        props.put("period", 300).put("region", region).put("title", title);
        props.putObject("yAxis").putObject("left").put("min", 0);
        return widget;
    }

    private ObjectNode metrics(String clusterId, String title, int x, int y, String ns, String stat, List<String> names) {
        return metrics(CustomMetric.DIMENSION, clusterId, title, x, y, ns, stat, names);
    }

    private ObjectNode metrics(String dimension, String value, String title, int x, int y, String ns, String stat, List<String> names) {
        ObjectNode widget = JSON.createObjectNode().put("type", "metric").put("x", x).put("y", y).put("width", 12).put("height", 6);
        ObjectNode props = widget.putObject("properties");
        ArrayNode metrics = props.putArray("metrics");
        for (String name : names) {
            metrics.addArray().add(ns).add(name).add(dimension).add(value);
        }
        props.put("period", 300).put("stat", stat).put("region", region).put("title", title);
        props.putObject("yAxis").putObject("left").put("min", 0);
        return widget;
    }
}
