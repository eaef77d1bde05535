package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.TableState;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Predictive maintenance: from each table's history, when its unsorted share and its stats_off will
 * cross the thresholds {@link UnsortedRule} and {@link StatisticsRule} use, with the 95 % interval
 * of that time, the points fitted and R². A table whose crossing may come within the work lead (the
 * early end of the interval) gets its VACUUM SORT or ANALYZE requested now, so the maintenance
 * service runs it in its next window, before the threshold is crossed. Never critical: nothing is
 * wrong yet.
 */
public final class MaintenanceForecastRule implements Rule {

    private static final double DAY_SECONDS = 86_400;

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.MAINTENANCE_FORECAST);
    }

    /** One metric's forecast for one table. */
    private record Crossing(String metric, double current, double threshold, Trend trend, Instant fitFrom) {
        String describe() {
            return String.format(Locale.ROOT, "%s %% %s in ~%s days (95 %% interval %s-%s days; %d points, R² %.2f)",
                    Sql.pct(threshold), metric, days(trend.days()), days(trend.lowDays()), days(trend.highDays()), trend.points(),
                    trend.r2());
        }
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Thresholds.Forecast f = t.forecast();
        double horizonDays = f.horizon().toSeconds() / DAY_SECONDS;
        double leadDays = f.workLead().toSeconds() / DAY_SECONDS;
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            TableHistory history = view.history().get(table.tableId());
            if (history == null || table.rows() == 0) continue;
            List<Crossing> crossings = new ArrayList<>();
            if (table.hasSortKey() && !table.interleaved()) {
                // Redshift's frequent automatic VACUUM DELETE leaves the sort order alone; its automatic sorts show as drops.
                Instant manualVacuum = table.lastVacuum() != null && !table.lastVacuum().equals(table.lastAutoVacuum())
                        ? table.lastVacuum() : null;
                Crossing c = crossing(view, history, history.unsortedPct(), table.unsortedPct(), t.unsorted().pct(), "unsorted",
                        manualVacuum);
                if (c != null) crossings.add(c);
            }
            Crossing stats = crossing(view, history, history.statsOffPct(), table.statsOffPct(), t.statsOff().pct(), "stale statistics",
                    table.lastAnalyze());
            if (stats != null) crossings.add(stats);
            crossings.removeIf(c -> c.trend().days() > horizonDays);
            if (crossings.isEmpty()) continue;
            crossings.sort((a, b) -> Double.compare(a.trend().days(), b.trend().days()));
            drafts.add(draft(view, table, crossings, leadDays));
        }
        return drafts;
    }

    private static Crossing crossing(ClusterView view, TableHistory history, double[] values, Double current, double threshold,
                                     String metric, Instant reset) {
        if (current == null || current >= threshold) return null; // at or over the threshold the other rules speak
        long now = view.asOf().getEpochSecond();
        long[] times = history.epochSeconds();
        double[] series = values;
        if (times.length == 0 || times[times.length - 1] < now) { // the snapshot being analysed is the latest point
            times = Arrays.copyOf(times, times.length + 1);
            times[times.length - 1] = now;
            series = Arrays.copyOf(values, values.length + 1);
            series[series.length - 1] = current;
        }
        Thresholds.Forecast f = view.thresholds().forecast();
        Trend trend = Trend.fit(times, series, reset == null ? null : reset.getEpochSecond(), now, threshold, f.minPoints(), f.minR2());
        return trend == null ? null : new Crossing(metric, current, threshold, trend, Instant.ofEpochSecond(times[trend.fromIndex()]));
    }

    private static FindingDraft draft(ClusterView view, TableState table, List<Crossing> crossings, double leadDays) {
        Crossing first = crossings.get(0);
        List<Evidence> evidence = new ArrayList<>();
        boolean sort = false;
        boolean analyze = false;
        double priority = 0;
        double scansPerDay = view.scansPerDay(table.tableId());
        List<String> explained = new ArrayList<>();
        for (Crossing c : crossings) {
            String key = c.metric().equals("unsorted") ? "unsorted" : "stats_off";
            Trend tr = c.trend();
            evidence.add(Evidence.measured(key + "_pct", c.current(), "%", c.threshold()));
            evidence.add(Evidence.measured(key + "_days_to_threshold", round(tr.days()), "days", null));
            evidence.add(new Evidence(key + "_interval_low", round(tr.lowDays()), "days", null, "95 % interval of the crossing"));
            evidence.add(new Evidence(key + "_interval_high", Double.isInfinite(tr.highDays()) ? null : round(tr.highDays()), "days",
                    null, Double.isInfinite(tr.highDays()) ? "unbounded: the trend's lower edge never reaches the threshold" : null));
            evidence.add(Evidence.measured(key + "_growth_per_day", round(tr.slopePerDay()), "%/day", null));
            evidence.add(Evidence.measured(key + "_points", tr.points(), "points", (double) view.thresholds().forecast().minPoints()));
            evidence.add(Evidence.measured(key + "_r2", round(tr.r2()), null, view.thresholds().forecast().minR2()));
            evidence.add(Evidence.text(key + "_fitted_since", c.fitFrom().toString()));
            boolean due = tr.lowDays() <= leadDays;
            if (due && key.equals("unsorted")) {
                sort = true;
                priority += 0.5 * c.threshold() / 100 * c.threshold() * Math.max(1, scansPerDay);
            } else if (due) {
                analyze = true;
                priority += 0.5 * c.threshold() / 100 * Math.max(1, scansPerDay);
            }
            explained.add(table.qualifiedName() + " will cross " + c.describe() + ": it grows "
                    + Sql.num(tr.slopePerDay()) + " points a day since " + c.fitFrom() + " and stands at " + Sql.pct(c.current()) + " %.");
        }
        String name = Sql.table(table);
        // Sorting early only helps if Redshift's own check does not skip it: TO n PERCENT must exceed the sorted share now.
        Integer sortTo = !sort ? null : table.unsortedPct() >= 5 ? 95 : 100;
        List<String> sql = new ArrayList<>();
        if (sortTo != null) sql.add("VACUUM SORT ONLY " + name + " TO " + sortTo + " PERCENT;");
        if (sort || analyze) sql.add("ANALYZE " + name + " PREDICATE COLUMNS;");
        String summary = sort || analyze
                ? (sort ? "VACUUM SORT" : "ANALYZE") + " " + table.qualifiedName() + " in the next maintenance window, before it crosses"
                : "Nothing to do yet: maintenance is requested once the crossing may come within "
                + Sql.num(leadDays * 24) + " h";
        WorkNeed work = sort || analyze ? new WorkNeed(table, sortTo, null, false, analyze, priority,
                "forecast: " + first.describe()) : null;
        String title = table.qualifiedName() + " will cross " + first.describe();
        String explanation = String.join(" ", explained) + " The line is fitted to the points since the last VACUUM or ANALYZE"
                + " (or the last drop of more than a fifth), and the interval is where the fit's 95 % confidence band reaches the"
                + " threshold.";
        RecommendedAction action = new RecommendedAction(summary, sql, "Maintenance is requested when the early end of the"
                + " interval is within " + Sql.num(leadDays * 24) + " h, so the maintenance service runs it in its next window."
                + (analyze ? " ANALYZE runs only where stats_off reaches the maintenance sessions' analyze_threshold_percent"
                + " (Redshift's default 10): set it lower there for early ANALYZE to take effect." : ""));
        return new FindingDraft(FindingCategory.MAINTENANCE_FORECAST, work != null ? Severity.WARNING : Severity.INFO, table.ref(),
                title, explanation, evidence, action, null, work);
    }

    private static String days(double days) {
        return Double.isInfinite(days) ? "?" : String.format(Locale.ROOT, "%.1f", days);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
