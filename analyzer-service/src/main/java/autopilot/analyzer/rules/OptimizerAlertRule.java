package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Optimizer alerts (STL_ALERT_EVENT_LOG, SYS_QUERY_DETAIL.alert): one finding per query pattern
 * and kind of alert, naming the tables its queries scanned, with Redshift's own solution text
 * beside ours. Missing statistics and deleted-row alerts are left to the table rules
 * ({@link StatisticsRule}, {@link GhostRowsRule}), which act on the table itself.
 */
public final class OptimizerAlertRule implements Rule {

    /** The alert kinds this rule explains; anything else is reported under its own name. */
    enum Kind {
        NESTED_LOOP("nested loop join",
                "A nested loop joins every row of one side with every row of the other: usually a missing or non-equality"
                        + " join condition (a Cartesian product).",
                "Add the missing equality join condition; if the cross join is intended, shrink both sides first."),
        LARGE_BROADCAST("large broadcast",
                "More than a million rows were copied to every node for a join.",
                "Give the broadcast table DISTSTYLE ALL if it is a small, slowly changing dimension, or distribute both"
                        + " tables on the join column."),
        LARGE_DISTRIBUTION("large redistribution",
                "More than a million rows were sent across the network to bring matching join rows together.",
                "Make the join column the distribution key of both tables (a collocated join moves no rows), or"
                        + " DISTSTYLE ALL for the smaller one."),
        SELECTIVE_FILTER("very selective filter",
                "Scans returned less than 5 % of the rows they read: the filter's column does not let zone maps skip blocks.",
                "Make the filtered column the leading sort key (or add a filter on the existing sort key) so the scan"
                        + " reads only the blocks that can match."),
        SERIAL_EXECUTION("serial execution",
                "DS_DIST_ALL_INNER: the outer table of a join is DISTSTYLE ALL, so the whole inner table went to one"
                        + " slice and the join ran serially there.",
                "Distribute the outer (larger) table by KEY or EVEN and keep DISTSTYLE ALL for the small dimension only."),
        OTHER("optimizer alert", "The optimizer flagged a condition that may slow the query.",
                "Follow Redshift's solution text and review the query plan (EXPLAIN).");

        final String label;
        final String meaning;
        final String advice;

        Kind(String label, String meaning, String advice) {
            this.label = label;
            this.meaning = meaning;
            this.advice = advice;
        }
    }

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.OPTIMIZER_ALERT);
    }

    /** The kind of an alert; null for the ones the table rules handle. */
    static Kind kind(String alert, String event) {
        String text = (alert + " " + (event == null ? "" : event)).toLowerCase(Locale.ROOT);
        if (text.contains("statistics") || text.contains("deleted rows") || text.contains("ghost")) return null;
        if (text.contains("ds_dist_all_inner") || text.contains("serial")) return Kind.SERIAL_EXECUTION;
        if (text.contains("nested loop")) return Kind.NESTED_LOOP;
        if (text.contains("broadcast")) return Kind.LARGE_BROADCAST;
        if (text.contains("distribut")) return Kind.LARGE_DISTRIBUTION;
        if (text.contains("selective")) return Kind.SELECTIVE_FILTER;
        return Kind.OTHER;
    }

    /** The alerts of one pattern that share a kind. */
    private static final class Group {
        final List<String> alerts = new ArrayList<>();
        final Set<Long> tables = new TreeSet<>();
        long queries;
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Workload workload = view.workload();
        Map<Long, TableState> known = view.tablesById();
        List<FindingDraft> drafts = new ArrayList<>();
        for (Workload.Pattern p : workload.patterns.values()) {
            Map<String, Group> groups = new LinkedHashMap<>();
            Map<String, Kind> kinds = new LinkedHashMap<>();
            p.alerts.forEach((alert, count) -> {
                Kind kind = kind(alert, p.alertEvents.get(alert));
                if (kind == null) return;
                String key = kind == Kind.OTHER ? slug(alert) : kind.name().toLowerCase(Locale.ROOT);
                kinds.put(key, kind);
                Group g = groups.computeIfAbsent(key, k -> new Group());
                g.alerts.add(alert);
                g.queries = Math.min(p.queries, g.queries + count);
                g.tables.addAll(p.alertTables.getOrDefault(alert, Set.of()));
            });
            groups.forEach((key, g) -> drafts.add(draft(p, key, kinds.get(key), g, t, known, workload)));
        }
        return drafts;
    }

    private static FindingDraft draft(Workload.Pattern p, String key, Kind kind, Group g, Thresholds t,
                                      Map<Long, TableState> known, Workload workload) {
        String tables = Subjects.tableNames(known, workload, g.tables);
        String alert = g.alerts.get(0);
        String event = p.alertEvents.getOrDefault(alert, alert);
        String solution = p.alertSolutions.get(alert);
        String label = kind == Kind.OTHER ? alert : kind.label;
        Severity severity = g.queries >= t.optimizerAlert().minQueries() ? Severity.WARNING : Severity.INFO;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("queries_with_alert", g.queries, "queries", (double) t.optimizerAlert().minQueries()));
        evidence.add(Evidence.measured("queries", p.queries, "queries", null));
        evidence.add(Evidence.measured("alert_share", 100.0 * g.queries / Math.max(1, p.queries), "%", null));
        evidence.add(Evidence.text("alert_event", event));
        if (solution != null) evidence.add(Evidence.text("redshift_solution", solution));
        if (!tables.isEmpty()) evidence.add(Evidence.text("tables", tables));
        evidence.add(Subjects.sample(p));
        String title = "Query pattern " + p.hash + ": " + label + " in " + g.queries + " of " + p.queries + " queries"
                + (tables.isEmpty() ? "" : " (" + tables + ")");
        String explanation = kind.meaning + " Redshift logged \"" + event + "\" for " + g.queries + " queries of this pattern"
                + (tables.isEmpty() ? "." : ", which scan " + tables + ".")
                + (solution != null ? " Redshift's suggestion: " + solution + "." : "");
        RecommendedAction action = new RecommendedAction(kind.advice, List.of(),
                "Check the plan with EXPLAIN on a query of this pattern, and the alerts of one query with SELECT event, solution"
                        + " FROM stl_alert_event_log WHERE query = <query id> (SYS_QUERY_DETAIL.alert on Serverless).");
        return Attributions.attribute(new FindingDraft(FindingCategory.OPTIMIZER_ALERT, severity, Subjects.pattern(p, key), title,
                explanation, evidence, action, null, null), p.who(), Attributions.Figure.EXECUTION);
    }

    private static String slug(String alert) {
        String s = alert.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return s.isEmpty() ? "other" : s;
    }
}
