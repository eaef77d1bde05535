package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compile time: query patterns whose queries spend most of their execution compiling. Redshift
 * turns each new query shape into code and caches the compiled segments; a pattern that keeps
 * compiling changes shape from run to run or runs too rarely to stay cached. A warning when
 * compilation takes over the threshold share of the pattern's whole execution time, else info.
 */
public final class CompileTimeRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.COMPILE_TIME);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<FindingDraft> drafts = new ArrayList<>();
        for (Workload.Pattern p : view.workload().patterns.values()) {
            if (p.compileDominated < t.compile().minQueries()
                    || 100.0 * p.compileDominated / Math.max(1, p.queries) < t.compile().dominatedQueriesPct()) continue;
            double share = p.execMsTotal <= 0 ? 100 : Math.min(100, 100 * p.compileMsTotal / p.execMsTotal);
            Severity severity = share > t.compile().sharePct() ? Severity.WARNING : Severity.INFO;
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("compile_dominated_queries", p.compileDominated, "queries", (double) t.compile().minQueries()));
            evidence.add(Evidence.measured("queries", p.queries, "queries", null));
            evidence.add(Evidence.measured("compile_share_of_execution", share, "%", t.compile().sharePct()));
            evidence.add(Evidence.measured("compile_time_total", p.compileMsTotal, "ms", null));
            evidence.add(Evidence.measured("compile_time_per_query", p.compileMsTotal / Math.max(1, p.queries), "ms", null));
            evidence.add(Evidence.measured("execution_time_per_query", p.execMsTotal / Math.max(1, p.queries), "ms", null));
            evidence.add(Subjects.sample(p));
            String title = "Query pattern " + p.hash + ": compilation dominated " + p.compileDominated + " of " + p.queries
                    + " queries (" + Sql.pct(share) + "% of its execution time)";
            String explanation = "Before a query runs, Redshift compiles its plan into code and caches the compiled segments,"
                    + " so a query of a shape it has seen starts at once. " + p.compileDominated + " queries of this pattern"
                    + " spent more than half of their execution compiling (" + Sql.millis(p.compileMsTotal / Math.max(1, p.queries))
                    + " per query on average, against " + Sql.millis(p.execMsTotal / Math.max(1, p.queries)) + " of execution)."
                    + " Queries keep compiling when their generated SQL changes shape between runs (a different column list,"
                    + " IN-lists of varying length, a changing number of joined tables) or when they run too rarely to stay"
                    + " in the cache; a cluster upgrade also empties it once.";
            RecommendedAction action = new RecommendedAction(
                    "Keep the shape of this pattern's SQL stable so Redshift reuses its compiled segments",
                    List.of(),
                    "Generate the same SQL text structure every time: bind values instead of building them into the text,"
                            + " replace variable-length IN-lists with a join to a (temporary) table of values, keep the select"
                            + " list fixed. Compare SVL_COMPILE (compile = 1 rows) before and after the change.");
            Benefit benefit = new Benefit("compilation time of this pattern per day over the window",
                    p.compileMsTotal / 1000 / view.windowDays(), "s/day");
            drafts.add(Attributions.attribute(new FindingDraft(FindingCategory.COMPILE_TIME, severity, Subjects.pattern(p), title,
                    explanation, evidence, action, benefit, null), p.who(), Attributions.Figure.EXECUTION));
        }
        return drafts;
    }
}
