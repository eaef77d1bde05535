package autopilot.alerting.config;

import autopilot.events.ClusterKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The alerting service: its channels, the clusters it keeps alarms and dashboards for, paging and metrics. */
@ConfigMapping(prefix = "autopilot.alerting")
public interface AlertingConfig {
    /** Name of the SQS queue subscribed to the recommendations topic (default {@code autopilot-alerting-inbox}). */
    String inboxQueue();

    /** ARN of the SNS topic pages are sent to, also the alarm and OK action of every alarm. Required. */
    String pagesTopicArn();

    /** CloudWatch namespace of the custom metrics (default {@code RedshiftAutopilot}). */
    String metricsNamespace();

    /** Clusters that get alarms and a dashboard, by cluster identifier. Metrics and pages flow for any cluster. */
    Map<String, Cluster> clusters();

    /**
     * How long sent pages, suppressed repeats, closed incidents and the processed-event ledger are kept
     * (at least 14 days, SQS's longest retention, and at least the repeat window).
     */
    @WithDefault("P30D")
    Duration history();

    /** Paging: repeat suppression and storm digests. */
    Paging paging();

    /** Custom metrics: batching of PutMetricData. */
    Metrics metrics();

    /** Alarms and dashboards kept as code. */
    Alarms alarms();

    /** One monitored cluster: a provisioned cluster (the default) or a Redshift Serverless workgroup. */
    interface Cluster {
        /**
         * {@code provisioned} (alarms on AWS/Redshift by ClusterIdentifier) or {@code serverless} (alarms on
         * AWS/Redshift-Serverless by Workgroup).
         */
        @WithDefault("provisioned")
        @WithConverter(ClusterKinds.Converter.class)
        ClusterKind kind();

        /** Node type, e.g. {@code ra3.4xlarge}; sets the DatabaseConnections alarm threshold. Required when provisioned. */
        @WithConverter(NodeType.Converter.class)
        Optional<NodeType> nodeType();

        /** Serverless: the workgroup name, AWS/Redshift-Serverless's {@code Workgroup} dimension (default: the id). */
        Optional<String> workgroup();

        /** Serverless: the workgroup's maximum capacity in RPUs; the ComputeCapacity alarm exists only when it is set. */
        OptionalInt maxCapacity();

        /** Connection limit, overriding the node type's documented one or the Serverless quota (e.g. after an AWS quota change). */
        OptionalInt connectionLimit();
    }

    /** Paging behaviour. */
    interface Paging {
        /** A fingerprint paged within this window is not paged again (repeats are recorded as suppressed). */
        @WithDefault("PT6H")
        Duration repeatWindow();

        /** More pages than this for one cluster in one batch become a single digest page. */
        @WithDefault("5")
        int digestThreshold();

        /** A cluster's pending pages are sent once no new one arrived for this long (so a burst is gathered). */
        @WithDefault("PT10S")
        Duration quietPeriod();

        /** ... but never held longer than this after the first one. */
        @WithDefault("PT1M")
        Duration maxHold();

        /** How often the page outbox is looked at (compose and send). */
        @WithDefault("1s")
        String dispatchInterval();

        /** How many recent pages and suppressed repeats {@code GET /api/v1/alerts} shows by default. */
        @WithDefault("50")
        int recentLimit();
    }

    /** Custom metric publishing. */
    interface Metrics {
        /** Datums per PutMetricData request (CloudWatch accepts at most 1000 per request and 1 MB). */
        @WithDefault("1000")
        int batchSize();

        /** Datums are sent once the oldest waiting one is this old (or a batch is full): fewer API calls. */
        @WithDefault("PT30S")
        Duration maxDelay();

        /** How often the metric outbox is looked at. */
        @WithDefault("1s")
        String checkInterval();

        /** Attempts per CloudWatch call (the SDK's standard retry strategy: throttling and 5xx are retried with backoff). */
        @WithDefault("5")
        int maxAttempts();
    }

    /** Alarms and dashboards. */
    interface Alarms {
        /** Prefix of every alarm and dashboard this service owns; with the ownership tag, what it may change or delete. */
        @WithDefault("autopilot-")
        String namePrefix();

        /** How often alarms and dashboards are reconciled after the run at start-up (repairs hand edits). */
        @WithDefault("15m")
        String reconcileInterval();

        /** CPUUtilization alarm threshold in % (recipe: 80, two 5-minute periods). */
        @WithDefault("80")
        double cpuUtilizationPct();

        /** QueueLength alarm threshold (recipe: 10). */
        @WithDefault("10")
        double queueLength();

        /** DatabaseConnections alarm threshold as % of the node type's connection limit (recipe: 90). */
        @WithDefault("90")
        double connectionsPct();

        /**
         * Serverless: QueriesQueued (summed over AWS's query types) above this for three 5-minute periods pages
         * (the provisioned QueueLength recipe's 10): Serverless adds RPUs for queued work, so a queue that
         * lasts means the workgroup is at its maximum capacity or a usage limit.
         */
        @WithDefault("10")
        double serverlessQueriesQueued();

        /**
         * Serverless: ComputeCapacity at or above this % of the workgroup's {@code max-capacity} for three
         * 5-minute periods pages: it cannot scale further, so queries wait or slow down. Only for workgroups
         * with {@code max-capacity} configured.
         */
        @WithDefault("100")
        double serverlessComputeCapacityPct();

        /** CollectionLagSeconds alarm threshold; missing data counts as breaching (a stalled pipeline reports nothing). */
        @WithDefault("3600")
        double collectionLagSeconds();

        /** WlmQueueWaitP95Millis alarm threshold (three 5-minute periods). */
        @WithDefault("60000")
        double wlmQueueWaitP95Millis();

        /** DiskBasedQueries alarm threshold per hour. */
        @WithDefault("100")
        double diskBasedQueriesPerHour();

        /**
         * PercentageDiskSpaceUsed alarm threshold in % (two 5-minute periods): a fifth of the disk left
         * for VACUUM's sort space, disk-based steps and a deep copy before Redshift runs out.
         */
        @WithDefault("80")
        double diskUsedPct();

        /**
         * CommitQueueWaitP95Millis alarm threshold (three 5-minute periods): commits are serialised
         * cluster-wide, and a p95 wait of half a minute stalls every writer; CloudWatch's own
         * CommitQueueLength counts waiting commits, not how long they wait. The analyzer's commit finding
         * (lower threshold) advises batching without paging.
         */
        @WithDefault("30000")
        double commitQueueWaitP95Millis();

        /**
         * Whether the HealthStatus alarm exists: AWS/Redshift reports 0 (UNHEALTHY) when its one-minute
         * test query fails; five failed minutes in a row page.
         */
        @WithDefault("true")
        boolean healthStatus();

        /**
         * Whether the MaintenanceMode alarm exists: a cluster in maintenance still reports HEALTHY, so
         * on-call hears of it only from this alarm (and its OK when maintenance ends).
         */
        @WithDefault("true")
        boolean maintenanceMode();
    }
}
