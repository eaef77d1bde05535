package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistics: missing (the planner said so in an optimizer alert, or the table was never analysed)
 * and stale (stats_off over the threshold), weighted by how much the table is used. A table has at
 * most one of the two at a time; both resolve once stats_off is back under the threshold.
 */
public final class StatisticsRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.STALE_STATISTICS, FindingCategory.MISSING_STATISTICS);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Map<Long, Long> missingAlerts = missingStatisticsAlerts(view.workload(), view.tablesById());
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            Double statsOff = table.statsOffPct();
            if (statsOff == null || statsOff <= t.statsOff().pct() || table.rows() == 0) continue;
            long alerts = missingAlerts.getOrDefault(table.tableId(), 0L);
            boolean missing = alerts > 0 || statsOff >= 100;
            double scansPerDay = view.scansPerDay(table.tableId());
            Severity severity = (missing && scansPerDay > 0) || (statsOff >= t.statsOff().criticalPct() && scansPerDay >= t.heavyScansPerDay())
                    ? Severity.CRITICAL : scansPerDay > 0 ? Severity.WARNING : Severity.INFO;
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("stats_off", statsOff, "%", t.statsOff().pct()));
            evidence.add(Evidence.measured("scans_per_day", scansPerDay, "scans", t.heavyScansPerDay()));
            if (alerts > 0) evidence.add(Evidence.measured("missing_statistics_alerts", alerts, "queries", 0.0));
            if (table.lastAnalyze() != null) evidence.add(Evidence.text("last_analyze", table.lastAnalyze().toString()));
            String name = Sql.table(table);
            RecommendedAction action = new RecommendedAction("Analyze " + table.qualifiedName(),
                    List.of("ANALYZE " + name + " PREDICATE COLUMNS;"),
                    "PREDICATE COLUMNS limits the work to columns used in filters, joins and group-bys plus the dist and sort"
                            + " keys; analyze_threshold_percent (10 by default) makes ANALYZE skip tables that barely changed.");
            FindingCategory category = missing ? FindingCategory.MISSING_STATISTICS : FindingCategory.STALE_STATISTICS;
            String title = missing ? table.qualifiedName() + " has no usable statistics"
                    : table.qualifiedName() + " statistics are " + Sql.pct(statsOff) + "% off";
            String explanation = "The query planner estimates row counts from table statistics to choose join order,"
                    + " join strategy and data movement. " + (missing ? "For " + table.qualifiedName() + " it has none"
                    + (alerts > 0 ? " (" + alerts + " queries raised 'missing query planner statistics')" : "")
                    : "Those of " + table.qualifiedName() + " are " + Sql.pct(statsOff) + " % out of date")
                    + ", so plans on it may move or broadcast far more data than needed.";
            double priority = statsOff / 100 * Math.max(1, scansPerDay) * (missing ? 2 : 1);
            WorkNeed work = new WorkNeed(table, null, null, false, true, priority,
                    (missing ? "missing statistics" : "stats_off " + Sql.pct(statsOff) + "%") + ", " + Math.round(scansPerDay)
                            + " scans a day");
            drafts.add(new FindingDraft(category, severity, table.ref(), title, explanation, evidence, action, null, work));
        }
        return drafts;
    }

    /**
     * Table id -> queries whose plan lacked statistics on it, over the window. STL_ALERT_EVENT_LOG
     * does not name the table; when the query scanned several, the alert is put on those with the
     * stalest statistics (the planner complains about the table it knows least about).
     */
    static Map<Long, Long> missingStatisticsAlerts(Workload workload, Map<Long, TableState> tables) {
        Map<Long, Long> perTable = new HashMap<>();
        if (workload == null) return perTable;
        for (Workload.Pattern p : workload.patterns.values()) {
            p.alerts.forEach((alert, count) -> {
                if (!alert.toLowerCase().contains("statistics")) return;
                Set<Long> scanned = p.alertTables.getOrDefault(alert, Set.of());
                double worst = scanned.stream().map(tables::get).filter(t -> t != null && t.statsOffPct() != null)
                        .mapToDouble(TableState::statsOffPct).max().orElse(Double.NaN);
                for (Long id : scanned) {
                    TableState t = tables.get(id);
                    if (Double.isNaN(worst) || (t != null && t.statsOffPct() != null && t.statsOffPct() == worst)) {
                        perTable.merge(id, count, Long::sum);
                    }
                }
            });
        }
        return perTable;
    }
}
