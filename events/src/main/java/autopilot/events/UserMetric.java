package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * One user-defined metric read with a snapshot: the value of a SELECT of the user's own
 * ({@code autopilot.collector.user-metrics.<name>.sql}), published by alerting as a CloudWatch metric.
 *
 * @param name  the metric name, as configured
 * @param value the number the SELECT returned
 * @param unit  a CloudWatch unit name (e.g. {@code Count}, {@code Seconds}); null for none
 */
public record UserMetric(String name, double value, @Nullable String unit) {
}
