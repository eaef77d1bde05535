package autopilot.alerting.cloudwatch;

import static autopilot.alerting.cloudwatch.AlarmCatalog.num;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.MonitoredClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * The alarms of a Redshift Serverless workgroup on AWS/Redshift-Serverless, by the dimension sets AWS
 * documents ("Amazon Redshift Serverless metrics",
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html): ComputeCapacity
 * {Workgroup}; DatabaseConnections {Workgroup}; QueriesQueued only {QueryType, Workgroup} and
 * {Database, QueryType, Workgroup}, so its alarm sums the eight documented query types with metric math.
 * Provisioned-only metrics (CPU, disk, health status, maintenance mode) do not exist for a workgroup:
 * Serverless has no maintenance window and no disk of its own.
 */
final class ServerlessAlarms {

    static final String NAMESPACE = "AWS/Redshift-Serverless";
    static final String WORKGROUP = "Workgroup";
    /** QueryType values as AWS's page lists them. */
    static final List<String> QUERY_TYPES = List.of("INSERT", "DELETE", "UPDATE", "UNLOAD", "LOAD", "SELECT", "CTAS", "OTHER");
    /**
     * Connections to one workgroup: 2,000, AWS's "Quotas for Amazon Redshift Serverless objects"
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-limits.html); {@code connection-limit}
     * overrides it where AWS changes the quota.
     */
    static final int CONNECTION_QUOTA = 2000;
    private static final String NOT_BREACHING = "notBreaching";

    private final AlertingConfig config;

    ServerlessAlarms(AlertingConfig config) {
        this.config = config;
    }

    List<AlarmSpec> forWorkgroup(String id, MonitoredClusters.Target workgroup, double connections) {
        AlertingConfig.Alarms a = config.alarms();
        List<String> pages = List.of(config.pagesTopicArn());
        String prefix = a.namePrefix() + id + "-";
        String label = "Redshift Serverless " + id;
        List<Dimension> dims = List.of(AlarmSpec.dimension(WORKGROUP, workgroup.workgroup()));
        List<AlarmSpec> specs = new ArrayList<>();
        // QueriesQueued is a point-in-time count; Average over 5 minutes, three periods: a queue that stays.
        specs.add(new AlarmSpec(prefix + "queries-queued", label + ": more than " + num(a.serverlessQueriesQueued())
                + " queries queued for 15 minutes (it cannot add RPUs: maximum capacity or a usage limit)", NAMESPACE, "QueriesQueued", dims,
                "Average", 300, 3, a.serverlessQueriesQueued(), NOT_BREACHING, pages, ComparisonOperator.GREATER_THAN_THRESHOLD,
                Optional.of(new AlarmSpec.SumOver("QueryType", QUERY_TYPES))));
        specs.add(new AlarmSpec(prefix + "database-connections", label + ": connections above " + num(a.connectionsPct())
                + "% of the workgroup's limit (" + num(connections) + ")", NAMESPACE, "DatabaseConnections", dims, "Average", 300, 2,
                connections, NOT_BREACHING, pages, ComparisonOperator.GREATER_THAN_THRESHOLD, Optional.empty()));
        if (workgroup.maxCapacity().isPresent()) {
            // ComputeCapacity is already a 30-minute average (AWS); at the ceiling for three more periods, it cannot scale.
            double rpus = workgroup.maxCapacity().getAsInt() * a.serverlessComputeCapacityPct() / 100.0;
            specs.add(new AlarmSpec(prefix + "compute-capacity", label + ": compute capacity at " + num(rpus) + " RPUs ("
                    + num(a.serverlessComputeCapacityPct()) + "% of its maximum " + workgroup.maxCapacity().getAsInt()
                    + ") for 15 minutes: it cannot scale further", NAMESPACE, "ComputeCapacity", dims, "Maximum", 300, 3, rpus,
                    NOT_BREACHING, pages, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, Optional.empty()));
        }
        return specs;
    }
}
