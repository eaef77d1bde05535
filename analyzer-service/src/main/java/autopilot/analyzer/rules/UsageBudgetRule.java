package autopilot.analyzer.rules;

import autopilot.analyzer.model.UsageCost;
import autopilot.analyzer.model.UsageDay;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Serverless day that will reach its configured budget before it ends ({@code autopilot.analyzer.usage.daily-budget-rpu-hours},
 * or {@code daily-budget-amount} at {@code price-per-rpu-hour}; the lower wins), at the forecast of {@link UsageDay}; the
 * finding says at what time (UTC) the budget is reached. WARNING while it is a forecast: there is time to stop or
 * move a job. CRITICAL once the day's charged RPU-hours have passed the budget: the money is spent, every further hour
 * adds to it, and a workgroup usage limit set at the same figure would now be acting (logging, alerting or refusing user
 * queries, as configured). A forecast without a trend needs {@code usage.forecast-min-hours} hours of data. Without
 * a budget the rule raises nothing (and resolves what it raised).
 */
public final class UsageBudgetRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.USAGE_BUDGET);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.SERVERLESS_USAGE);
    }

    @Override
    public boolean ready(ClusterView view) {
        return view.usage() != null;
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        UsageCost cost = view.usage().cost();
        UsageDay day = view.usage().day();
        Double budget = cost.budgetRpuHours();
        if (budget == null || day == null || !day.serverless()) return List.of();
        boolean passed = day.soFar() >= budget;
        if (!passed) {
            if (day.forecast() < budget) return List.of();
            long known = java.time.Duration.between(view.usage().series().coveredFrom(), day.asOf()).toHours();
            if (!day.hasTrend() && known < view.thresholds().usage().forecastMinHours()) return List.of();
        }
        Instant at = day.reaches(budget, view.usage().series().rpuSeconds());
        if (at == null) return List.of();
        String time = at.atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES) + " UTC";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("rpu_hours_today", UsageTrendRule.round(day.soFar()), "RPU-h", budget));
        evidence.add(Evidence.measured("rpu_hours_forecast_today", UsageTrendRule.round(day.forecast()), "RPU-h", budget));
        evidence.add(Evidence.text("budget_reached_at", at.toString()));
        evidence.add(Evidence.text("forecast_method", day.hasTrend() ? "the same hours of the previous " + day.historyDays()
                + " days, scaled by today's ratio to them (at least 1)" : "the mean of the last hours known, carried to midnight UTC"));
        String money = "";
        if (cost.pricePerRpuHour() != null) {
            evidence.add(new Evidence("cost_today", UsageTrendRule.round(cost.cost(day.soFar())), cost.currency(),
                    cost.dailyBudgetAmount(), "at " + cost.pricePerRpuHour() + " " + cost.currency() + " per RPU-hour"));
            evidence.add(Evidence.measured("cost_forecast_today", UsageTrendRule.round(cost.cost(day.forecast())), cost.currency(),
                    cost.dailyBudgetAmount()));
            money = " (" + Sql.num(cost.cost(day.forecast())) + " " + cost.currency() + ")";
        }
        String title = passed
                ? "Serverless usage passed its daily budget of " + Sql.num(budget) + " RPU-h at " + time + ": " + Sql.num(day.soFar()) + " RPU-h so far"
                : "Serverless usage will reach its daily budget of " + Sql.num(budget) + " RPU-h at about " + time;
        String explanation = "Today (" + day.day() + ", UTC) the workgroup was charged " + Sql.num(day.soFar()) + " RPU-hours so far;"
                + " the day is forecast to reach " + Sql.num(day.forecast()) + " RPU-hours" + money + ", against a budget of "
                + Sql.num(budget) + " RPU-hours" + (passed ? ", passed at " : ", reached at about ") + time + ".";
        RecommendedAction action = new RecommendedAction(passed ? "Stop or defer what is still running today, or raise the budget"
                : "Defer or slow what would push the day past its budget", List.of(),
                "Find today's largest consumers (SYS_QUERY_HISTORY by elapsed time, per user and query group); lower the workgroup's"
                        + " maximum capacity or set a usage limit (RPU-hours per day) to cap it. Nothing here is run by Autopilot.");
        return List.of(new FindingDraft(FindingCategory.USAGE_BUDGET, passed ? Severity.CRITICAL : Severity.WARNING,
                new ObjectRef(ObjectRef.Kind.CLUSTER, "rpu-budget", null, null, null), title, explanation, evidence, action, null, null));
    }
}
