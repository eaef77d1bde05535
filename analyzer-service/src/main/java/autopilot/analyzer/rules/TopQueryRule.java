package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Top queries: the query patterns that cost most execution time in the window, with their share
 * of all of it. Informational: where tuning pays most. A pattern is listed only when it takes at
 * least the threshold share, so an even workload lists none.
 */
public final class TopQueryRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.TOP_QUERY);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<Workload.Pattern> patterns = view.workload().patterns.values().stream()
                .sorted(Comparator.comparingDouble((Workload.Pattern p) -> p.execMsTotal).reversed().thenComparing(p -> p.hash))
                .toList();
        double total = patterns.stream().mapToDouble(p -> p.execMsTotal).sum();
        List<FindingDraft> drafts = new ArrayList<>();
        if (total <= 0) return drafts;
        for (int rank = 1; rank <= Math.min(t.topQuery().count(), patterns.size()); rank++) {
            Workload.Pattern p = patterns.get(rank - 1);
            double share = 100 * p.execMsTotal / total;
            if (share < t.topQuery().minSharePct()) break;
            if (p.execMsTotal / 3_600_000.0 / view.windowDays() < t.topQuery().minHoursPerDay()) continue;
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("execution_share", share, "%", t.topQuery().minSharePct()));
            evidence.add(Evidence.measured("rank", rank, "rank", (double) t.topQuery().count()));
            evidence.add(Evidence.measured("execution_time_total", p.execMsTotal, "ms", null));
            evidence.add(Evidence.measured("queries", p.queries, "queries", null));
            evidence.add(Evidence.measured("execution_time_per_query", p.execMsTotal / Math.max(1, p.queries), "ms", null));
            evidence.add(Evidence.measured("queue_time_total", p.queueMsTotal, "ms", null));
            if (p.aborted > 0) evidence.add(Evidence.measured("aborted", p.aborted, "queries", null));
            List<String> also = new ArrayList<>();
            if (p.diskBasedQueries > 0) also.add(p.diskBasedQueries + " disk-based");
            if (p.compileDominated > 0) also.add(p.compileDominated + " compile-dominated");
            p.alerts.forEach((alert, n) -> also.add(n + " with alert '" + alert + "'"));
            if (!also.isEmpty()) evidence.add(Evidence.text("also", String.join(", ", also)));
            evidence.add(Subjects.sample(p));
            String title = "Query pattern " + p.hash + " takes " + Sql.pct(share) + "% of all execution time (" + p.queries
                    + " queries, " + Sql.millis(p.execMsTotal / Math.max(1, p.queries)) + " each)";
            String explanation = "Of all the execution time queries spent in the window, this pattern took " + Sql.pct(share)
                    + " % (rank " + rank + "): tuning it pays off more than tuning anything else."
                    + (also.isEmpty() ? "" : " Its queries also show: " + String.join(", ", also) + ".");
            RecommendedAction action = new RecommendedAction("Tune this pattern first", List.of(),
                    "Look at its plan (EXPLAIN) and at the findings on the tables it scans (sort key, distribution, statistics);"
                            + " if it recomputes the same result often, a materialized view with auto refresh can serve it.");
            drafts.add(Attributions.attribute(new FindingDraft(FindingCategory.TOP_QUERY, Severity.INFO, Subjects.pattern(p), title,
                    explanation, evidence, action, null, null), p.who(), Attributions.Figure.EXECUTION));
        }
        return drafts;
    }
}
