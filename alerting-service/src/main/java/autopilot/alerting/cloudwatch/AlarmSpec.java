package autopilot.alerting.cloudwatch;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * One alarm as it should be, on one metric of one cluster (dimension {@code ClusterIdentifier}),
 * with the pages topic as alarm and OK action.
 *
 * @param comparison how the statistic is held against the threshold (most alarms: above it)
 */
public record AlarmSpec(String name, String description, String namespace, String metricName, String clusterId,
                        String statistic, int periodSeconds, int evaluationPeriods, double threshold,
                        String treatMissingData, List<String> actions, ComparisonOperator comparison) {

    /** An alarm that fires when the statistic is above the threshold. */
    public AlarmSpec(String name, String description, String namespace, String metricName, String clusterId, String statistic,
                     int periodSeconds, int evaluationPeriods, double threshold, String treatMissingData, List<String> actions) {
        this(name, description, namespace, metricName, clusterId, statistic, periodSeconds, evaluationPeriods, threshold,
                treatMissingData, actions, ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    /** The tag that, with the name prefix, marks an alarm as this service's (only those are changed or deleted). */
    public static final Tag OWNER_TAG = Tag.builder().key("ManagedBy").value("redshift-autopilot-alerting").build();

    PutMetricAlarmRequest toRequest() {
        return PutMetricAlarmRequest.builder().alarmName(name).alarmDescription(description).namespace(namespace)
                .metricName(metricName).dimensions(dimension()).statistic(statistic).period(periodSeconds)
                .evaluationPeriods(evaluationPeriods).datapointsToAlarm(evaluationPeriods).threshold(threshold)
                .comparisonOperator(comparison).treatMissingData(treatMissingData)
                .actionsEnabled(true).alarmActions(actions).okActions(actions).tags(OWNER_TAG).build();
    }

    /** Whether an existing alarm already is this one (anything else is drift and is put again). */
    boolean matches(MetricAlarm a) {
        return Objects.equals(a.alarmDescription(), description) && Objects.equals(a.namespace(), namespace)
                && Objects.equals(a.metricName(), metricName)
                && new HashSet<>(a.dimensions()).equals(new HashSet<>(List.of(dimension())))
                && Objects.equals(a.statisticAsString(), statistic) && Objects.equals(a.period(), periodSeconds)
                && Objects.equals(a.evaluationPeriods(), evaluationPeriods)
                && Objects.equals(a.datapointsToAlarm() == null ? evaluationPeriods : a.datapointsToAlarm(), evaluationPeriods)
                && a.threshold() != null && Double.compare(a.threshold(), threshold) == 0
                && a.comparisonOperator() == comparison
                && Objects.equals(a.treatMissingData(), treatMissingData)
                && Boolean.TRUE.equals(a.actionsEnabled())
                && new HashSet<>(a.alarmActions()).equals(new HashSet<>(actions))
                && new HashSet<>(a.okActions()).equals(new HashSet<>(actions));
    }

    private Dimension dimension() {
        return Dimension.builder().name(CustomMetric.DIMENSION).value(clusterId).build();
    }
}
