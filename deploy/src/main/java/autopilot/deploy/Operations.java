package autopilot.deploy;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Keeps the deployment observable and sized: an alarm per dead-letter queue (any message is a
 * poison event someone must look at), an alarm per service with no running task, both paging
 * through the pages topic; step scaling of the queue consumers on their backlog and of the
 * collector on the fleet's collection lag.
 *
 * <p>Alarm names start with {@link #ALARM_PREFIX}, which the alerting service's prefix may not
 * cover: the alerting service deletes alarms under its own prefix that it does not know.
 */
final class Operations extends Construct {

    static final String ALARM_PREFIX = "autopilot-infra-";

    /**
     * The alerting service's custom metric (alerting-service's {@code CustomMetric.COLLECTION_LAG_SECONDS}):
     * per cluster, and also without dimensions as the fleet's largest lag, which the collector scales on.
     */
    static final String COLLECTION_LAG_METRIC = "CollectionLagSeconds";
    /** The collector's {@code autopilot.collector.workload-interval} (its default, which the stack does not change). */
    static final int WORKLOAD_INTERVAL_SECONDS = 300;

    Operations(Construct scope, String id, DeploySettings settings, ICluster cluster, Messaging messaging,
               Map<String, AutopilotService> services, Map<String, IQueue> scaledOnBacklog) {
        super(scope, id);
        SnsAction page = new SnsAction(messaging.pages());

        messaging.deadLetterQueues().forEach((name, dlq) -> {
            Alarm alarm = Alarm.Builder.create(this, name + "-not-empty")
                    .alarmName(ALARM_PREFIX + name.replaceFirst("^autopilot-", "") + "-not-empty")
                    .alarmDescription("Messages in " + name + ": events that could not be processed; read them, fix the"
                            + " cause, then redrive them to the source queue")
                    .metric(dlq.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                            .period(Duration.minutes(5)).statistic("Maximum").build()))
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .threshold(1)
                    .evaluationPeriods(1)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build();
            alarm.addAlarmAction(page);
            alarm.addOkAction(page);
        });

        services.forEach((name, service) -> {
            Metric running = Metric.Builder.create()
                    .namespace("ECS/ContainerInsights")
                    .metricName("RunningTaskCount")
                    .dimensionsMap(Map.of("ClusterName", cluster.getClusterName(), "ServiceName", name))
                    .statistic("Minimum")
                    .period(Duration.minutes(1))
                    .build();
            Alarm alarm = Alarm.Builder.create(this, name + "-no-running-task")
                    .alarmName(ALARM_PREFIX + name + "-no-running-task")
                    .alarmDescription(name + " has had no running task for 5 minutes: tasks fail their /q/health/live"
                            + " check or cannot start (see the service's log group and the ECS service events)")
                    .metric(running)
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .threshold(1)
                    .evaluationPeriods(5)
                    .treatMissingData(TreatMissingData.BREACHING)
                    .build();
            alarm.addAlarmAction(page);
            alarm.addOkAction(page);
        });

        scaleCollectorOnLag(settings, services.get(AutopilotStack.COLLECTOR));

        scaledOnBacklog.forEach((name, queue) -> {
            int max = name.equals(AutopilotStack.MAINTENANCE) ? settings.maintenanceMaxTasks() : settings.analyzerMaxTasks();
            // Maintenance items are few and long (one VACUUM per cluster at a time), snapshot parts
            // many and short: a lower step for maintenance.
            int step = name.equals(AutopilotStack.MAINTENANCE) ? 5 : 100;
            services.get(name).service()
                    .autoScaleTaskCount(EnableScalingProps.builder().minCapacity(1).maxCapacity(max).build())
                    .scaleOnMetric("Backlog", BasicStepScalingPolicyProps.builder()
                            .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                                    .period(Duration.minutes(1)).statistic("Maximum").build()))
                            .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                            .scalingSteps(List.of(
                                    ScalingInterval.builder().upper(0).change(-1).build(),
                                    ScalingInterval.builder().lower(step).change(1).build(),
                                    ScalingInterval.builder().lower(step * 10).change(2).build()))
                            .cooldown(Duration.minutes(3))
                            .build());
        });
    }

    /**
     * Collectors share the clusters through leases in PostgreSQL, so more tasks collect more clusters
     * in time. One more task while the fleet's largest collection lag (Maximum over 5 minutes) is
     * above twice the workload interval, one fewer once it is back under one interval.
     */
    private void scaleCollectorOnLag(DeploySettings settings, AutopilotService collector) {
        Metric lag = Metric.Builder.create()
                .namespace(settings.metricsNamespace())
                .metricName(COLLECTION_LAG_METRIC)
                .statistic("Maximum")
                .period(Duration.minutes(5))
                .build();
        collector.service()
                .autoScaleTaskCount(EnableScalingProps.builder().minCapacity(1).maxCapacity(settings.collectorMaxTasks()).build())
                .scaleOnMetric("CollectionLag", BasicStepScalingPolicyProps.builder()
                        .metric(lag)
                        .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .scalingSteps(List.of(
                                ScalingInterval.builder().upper(WORKLOAD_INTERVAL_SECONDS).change(-1).build(),
                                ScalingInterval.builder().lower(2 * WORKLOAD_INTERVAL_SECONDS).change(1).build()))
                        // a new task needs a few minutes to start and take clusters over before the lag can fall
                        .cooldown(Duration.minutes(5))
                        .build());
    }
}
