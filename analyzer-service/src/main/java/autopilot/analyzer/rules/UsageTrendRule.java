package autopilot.analyzer.rules;

import autopilot.analyzer.model.UsageDay;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A day whose usage so far runs well above the same hours of its trend: Serverless RPU-hours charged
 * (SYS_SERVERLESS_USAGE.charged_seconds), provisioned concurrency-scaling hours (SVCS_CONCURRENCY_SCALING_USAGE; its
 * node-hours are fixed, scaling is what varies). Judged once {@code usage.min-trend-hours} of the UTC day are complete
 * and {@code usage.min-history-days} previous days are known whole: raised when today's completed hours reach
 * {@code usage.above-trend-ratio} times the trend's and exceed it by {@code usage.min-excess-rpu-hours} (Serverless)
 * or {@code usage.min-excess-scaling-minutes} (provisioned). A warning: it costs money, it does not break anything.
 * Runs only on snapshots with a usage source; resolves when the day falls back under the bar (or a new day starts).
 */
public final class UsageTrendRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.USAGE_ABOVE_TREND);
    }

    @Override
    public boolean ready(ClusterView view) {
        return view.usage() != null;
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds.Usage t = view.thresholds().usage();
        UsageDay day = view.usage().day();
        if (day == null || !day.hasTrend() || day.completedHours() < t.minTrendHours()) return List.of();
        double trend = day.trend();
        double excess = day.completedToday() - trend;
        double minExcess = day.serverless() ? t.minExcessRpuHours() : t.minExcessScalingMinutes() / 60.0;
        if (day.completedToday() < t.aboveTrendRatio() * trend || excess < minExcess) return List.of();
        String unit = day.serverless() ? "RPU-h" : "h";
        String what = day.serverless() ? "RPU-hours charged" : "concurrency-scaling hours";
        double ratio = trend > 0 ? day.completedToday() / trend : Double.POSITIVE_INFINITY;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("usage_so_far", round(day.completedToday()), unit, null));
        evidence.add(new Evidence("trend_same_hours", round(trend), unit, null, "mean of the " + day.historyDays()
                + " previous days over 00:00-" + String.format("%02d", day.completedHours()) + ":00 UTC"));
        evidence.add(Evidence.measured("ratio_to_trend", Double.isInfinite(ratio) ? 0 : round(ratio), "x", t.aboveTrendRatio()));
        evidence.add(Evidence.measured("forecast_today", round(day.forecast()), unit, null));
        if (day.serverless() && view.usage().cost().pricePerRpuHour() != null) {
            evidence.add(new Evidence("cost_so_far", round(view.usage().cost().cost(day.soFar())), view.usage().cost().currency(), null,
                    "at " + view.usage().cost().pricePerRpuHour() + " " + view.usage().cost().currency() + " per RPU-hour"));
        }
        String title = (day.serverless() ? "Serverless usage " : "Concurrency scaling ") + Sql.num(day.completedToday()) + " " + unit
                + " by " + String.format("%02d", day.completedHours()) + ":00 UTC, " + (trend > 0 ? Sql.num(ratio) + "x" : "far above")
                + " its trend of " + Sql.num(trend) + " " + unit;
        String explanation = "Today's " + what + " in its first " + day.completedHours() + " hours (UTC) are " + Sql.num(day.completedToday())
                + " " + unit + "; the previous " + day.historyDays() + " days used " + Sql.num(trend) + " " + unit
                + " on average over the same hours. At this pace the day reaches about " + Sql.num(day.forecast()) + " " + unit + "."
                + (day.serverless() ? " Serverless bills every RPU-second charged; idle time costs nothing, so more usage is more cost."
                : " Concurrency scaling is billed per second beyond the free credits a cluster accrues.");
        RecommendedAction action = new RecommendedAction("Find what ran more than usual today", List.of(),
                day.serverless() ? "Look at today's top queries and users (SYS_QUERY_HISTORY by elapsed time); a new job, a retry loop"
                        + " or a dashboard refreshing too often is the usual cause. A usage limit on the workgroup (RPU-hours per day)"
                        + " caps the cost. Nothing here is run by Autopilot."
                        : "Look at the queues that scaled (STL_QUERY.concurrency_scaling_status) and what queued there today; a"
                        + " usage limit on concurrency scaling caps the cost. Nothing here is run by Autopilot.");
        return List.of(new FindingDraft(FindingCategory.USAGE_ABOVE_TREND, Severity.WARNING,
                new ObjectRef(ObjectRef.Kind.CLUSTER, day.serverless() ? "rpu-usage" : "concurrency-scaling", null, null, null),
                title, explanation, evidence, action, null, null));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
