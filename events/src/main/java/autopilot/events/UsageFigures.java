package autopilot.events;

import java.time.LocalDate;
import jakarta.annotation.Nullable;

/**
 * What a cluster or workgroup used on one UTC day, as far as the snapshot saw it. Serverless bills
 * RPU-seconds (SYS_SERVERLESS_USAGE.charged_seconds); a provisioned cluster's node-hours are fixed,
 * so for it the variable part is concurrency scaling (SVCS_CONCURRENCY_SCALING_USAGE) and the
 * figure worth watching is how much of the day it sat idle. A figure is null when the cluster kind
 * or the snapshot has no source for it.
 *
 * @param day                            the UTC day the figures are for
 * @param rpuHoursToday                  Serverless: RPU-hours charged since 00:00 UTC
 * @param rpuHoursLastHour               Serverless: RPU-hours charged in the last hour of usage data
 * @param rpuHoursForecastToday          Serverless: RPU-hours the whole day will reach at its trend
 * @param costToday                      rpuHoursToday times the configured price per RPU-hour; null without a price
 * @param currency                       currency of the configured price (e.g. USD)
 * @param concurrencyScalingSecondsToday provisioned: seconds of concurrency-scaling clusters since 00:00 UTC
 * @param idlePctLastDay                 provisioned: share of the last 24 hours no user query was running, in %
 */
public record UsageFigures(
        LocalDate day,
        @Nullable Double rpuHoursToday,
        @Nullable Double rpuHoursLastHour,
        @Nullable Double rpuHoursForecastToday,
        @Nullable Double costToday,
        @Nullable String currency,
        @Nullable Double concurrencyScalingSecondsToday,
        @Nullable Double idlePctLastDay) {
}
