package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.alerting.cloudwatch.CustomMetric;
import autopilot.alerting.cloudwatch.MetricDatums;
import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import autopilot.events.UsageFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The day's usage of a health report becomes metrics of its cluster; what the kind or the configuration lacks is not sent as 0. */
class UsageMetricsTest {

    private static Map<CustomMetric, Double> metrics(UsageFigures usage) {
        ClusterHealthReported health = new ClusterHealthReported(UUID.randomUUID(), Instant.parse("2026-12-07T09:00:00Z"), null, null, null,
                null, 0, Map.of(), 30.0, null, null, 0, 0.0, 0, 0.0, null, 0, null, usage, null, null);
        return MetricDatums.from(new EventCodec().decode(TestEvents.encode("c1", "analyzer-service", health))).stream()
                .filter(d -> d.clusterId().equals("c1")).collect(Collectors.toMap(MetricDatums.Datum::metric, MetricDatums.Datum::value));
    }

    @Test
    void serverlessUsageAndItsCostBecomeMetrics() {
        Map<CustomMetric, Double> m = metrics(new UsageFigures(LocalDate.of(2026, 12, 7), 96.0, 16.0, 384.0, 36.0, "USD", null, null));
        assertThat(m).containsEntry(CustomMetric.RPU_HOURS_TODAY, 96.0).containsEntry(CustomMetric.RPU_HOURS_LAST_HOUR, 16.0)
                .containsEntry(CustomMetric.RPU_HOURS_FORECAST_TODAY, 384.0).containsEntry(CustomMetric.USAGE_COST_TODAY, 36.0)
                .doesNotContainKeys(CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY, CustomMetric.IDLE_PCT_LAST_DAY);
        // No price configured: no cost metric, not a cost of 0.
        assertThat(metrics(new UsageFigures(LocalDate.of(2026, 12, 7), 96.0, 16.0, 384.0, null, null, null, null)))
                .containsKey(CustomMetric.RPU_HOURS_TODAY).doesNotContainKey(CustomMetric.USAGE_COST_TODAY);
    }

    @Test
    void provisionedConcurrencyScalingBecomesAMetricAndNoUsageSendsNone() {
        assertThat(metrics(new UsageFigures(LocalDate.of(2026, 12, 7), null, null, null, null, null, 1800.0, null)))
                .containsEntry(CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY, 1800.0).doesNotContainKey(CustomMetric.RPU_HOURS_TODAY);
        assertThat(metrics(null)).doesNotContainKeys(CustomMetric.RPU_HOURS_TODAY, CustomMetric.CONCURRENCY_SCALING_SECONDS_TODAY);
    }
}
