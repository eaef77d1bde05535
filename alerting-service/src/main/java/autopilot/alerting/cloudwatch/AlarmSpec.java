package autopilot.alerting.cloudwatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * One alarm as it should be, on one metric of one cluster or workgroup (its dimensions), with the pages
 * topic as alarm and OK action. With {@link #sumOver}, the alarm watches the sum of the metric over the
 * listed values of one more dimension (metric math), for metrics AWS publishes only split by it.
 *
 * @param dimensions the metric's dimensions (provisioned and custom metrics: {@code ClusterIdentifier})
 * @param comparison how the statistic is held against the threshold (most alarms: above it)
 */
public record AlarmSpec(String name, String description, String namespace, String metricName, List<Dimension> dimensions,
                        String statistic, int periodSeconds, int evaluationPeriods, double threshold,
                        String treatMissingData, List<String> actions, ComparisonOperator comparison, Optional<SumOver> sumOver) {

    /** The metric summed over these values of one more dimension, e.g. QueriesQueued over every QueryType. */
    public record SumOver(String dimension, List<String> values) {
    }

    /** The id of the summing expression in a metric-math alarm. */
    static final String SUM_ID = "total";

    /** An alarm on a metric with the one dimension {@code ClusterIdentifier}. */
    public AlarmSpec(String name, String description, String namespace, String metricName, String clusterId, String statistic,
                     int periodSeconds, int evaluationPeriods, double threshold, String treatMissingData, List<String> actions,
                     ComparisonOperator comparison) {
        this(name, description, namespace, metricName, List.of(dimension(CustomMetric.DIMENSION, clusterId)), statistic,
                periodSeconds, evaluationPeriods, threshold, treatMissingData, actions, comparison, Optional.empty());
    }

    /** An alarm that fires when the statistic of a {@code ClusterIdentifier} metric is above the threshold. */
    public AlarmSpec(String name, String description, String namespace, String metricName, String clusterId, String statistic,
                     int periodSeconds, int evaluationPeriods, double threshold, String treatMissingData, List<String> actions) {
        this(name, description, namespace, metricName, clusterId, statistic, periodSeconds, evaluationPeriods, threshold,
                treatMissingData, actions, ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    /** The tag that, with the name prefix, marks an alarm as this service's (only those are changed or deleted). */
    public static final Tag OWNER_TAG = Tag.builder().key("ManagedBy").value("redshift-autopilot-alerting").build();

    static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    PutMetricAlarmRequest toRequest() {
        PutMetricAlarmRequest.Builder b = PutMetricAlarmRequest.builder().alarmName(name).alarmDescription(description)
                .evaluationPeriods(evaluationPeriods).datapointsToAlarm(evaluationPeriods).threshold(threshold)
                .comparisonOperator(comparison).treatMissingData(treatMissingData)
                .actionsEnabled(true).alarmActions(actions).okActions(actions).tags(OWNER_TAG);
        if (sumOver.isPresent()) {
            return b.metrics(queries()).build();
        }
        return b.namespace(namespace).metricName(metricName).dimensions(dimensions).statistic(statistic).period(periodSeconds).build();
    }

    /** The metric-math queries: one per summed dimension value ({@code m0}, ...), then their SUM, the one returned. */
    private List<MetricDataQuery> queries() {
        SumOver sum = sumOver.orElseThrow();
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < sum.values().size(); i++) {
            List<Dimension> dims = new ArrayList<>(dimensions);
            dims.add(dimension(sum.dimension(), sum.values().get(i)));
            queries.add(MetricDataQuery.builder().id("m" + i).returnData(false).metricStat(s -> s.stat(statistic)
                    .period(periodSeconds).metric(m -> m.namespace(namespace).metricName(metricName).dimensions(dims))).build());
        }
        String ids = java.util.stream.IntStream.range(0, sum.values().size()).mapToObj(i -> "m" + i).collect(Collectors.joining(","));
        queries.add(MetricDataQuery.builder().id(SUM_ID).expression("SUM([" + ids + "])").label(metricName + " (all " + sum.dimension()
                + " values)").returnData(true).build());
        return queries;
    }

    /** Whether an existing alarm already is this one (anything else is drift and is put again). */
    boolean matches(MetricAlarm a) {
        return Objects.equals(a.alarmDescription(), description) && sameMetric(a)
                && Objects.equals(a.evaluationPeriods(), evaluationPeriods)
                && Objects.equals(a.datapointsToAlarm() == null ? evaluationPeriods : a.datapointsToAlarm(), evaluationPeriods)
                && a.threshold() != null && Double.compare(a.threshold(), threshold) == 0
                && a.comparisonOperator() == comparison
                && Objects.equals(a.treatMissingData(), treatMissingData)
                && Boolean.TRUE.equals(a.actionsEnabled())
                && new HashSet<>(a.alarmActions()).equals(new HashSet<>(actions))
                && new HashSet<>(a.okActions()).equals(new HashSet<>(actions));
    }

    private boolean sameMetric(MetricAlarm a) {
        if (sumOver.isPresent()) {
            return a.metricName() == null && normalised(a.metrics()).equals(normalised(queries()));
        }
        return Objects.equals(a.namespace(), namespace) && Objects.equals(a.metricName(), metricName)
                && new HashSet<>(a.dimensions()).equals(new HashSet<>(dimensions))
                && Objects.equals(a.statisticAsString(), statistic) && Objects.equals(a.period(), periodSeconds)
                && a.metrics().isEmpty();
    }

    /** Queries compared without the order of dimensions (CloudWatch may return them in another order). */
    private static List<List<Object>> normalised(List<MetricDataQuery> queries) {
        return queries.stream().map(q -> {
            var stat = q.metricStat();
            return List.<Object>of(q.id(), String.valueOf(q.expression()), String.valueOf(q.label()), Boolean.TRUE.equals(q.returnData()),
                    stat == null ? List.of() : List.of(stat.metric().namespace(), stat.metric().metricName(),
                            new HashSet<>(stat.metric().dimensions()), stat.period(), stat.stat()));
        }).toList();
    }
}
