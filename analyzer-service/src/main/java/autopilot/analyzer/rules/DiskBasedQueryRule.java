package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Disk-based queries: query patterns whose steps ran out of memory and spilled to disk
 * (SVL_QUERY_SUMMARY.is_diskbased), with the operations that spilled. A warning from the
 * threshold number of such queries, else info. Memory advice depends on the WLM mode: a slot
 * count only exists under manual WLM.
 */
public final class DiskBasedQueryRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.DISK_BASED_QUERY);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Map<Integer, Workload.QueueConfig> queues = view.workload().wlmQueues;
        boolean manualWlm = queues.values().stream().anyMatch(q -> !q.automatic());
        List<FindingDraft> drafts = new ArrayList<>();
        for (Workload.Pattern p : view.workload().patterns.values()) {
            if (p.diskBasedQueries == 0) continue;
            Severity severity = p.diskBasedQueries >= t.diskBased().minQueries() ? Severity.WARNING : Severity.INFO;
            double share = 100.0 * p.diskBasedQueries / Math.max(1, p.queries);
            String operations = p.diskStepLabels.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                    .collect(Collectors.joining(", "));
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("disk_based_queries", p.diskBasedQueries, "queries", (double) t.diskBased().minQueries()));
            evidence.add(Evidence.measured("queries", p.queries, "queries", null));
            evidence.add(Evidence.measured("disk_based_share", share, "%", null));
            evidence.add(Evidence.measured("disk_based_steps", p.diskSteps, "steps", null));
            evidence.add(Evidence.measured("disk_based_step_bytes", p.diskBytes, "bytes", null));
            if (!operations.isEmpty()) evidence.add(Evidence.text("spilled_operations", operations));
            evidence.add(Subjects.sample(p));
            StringBuilder causes = new StringBuilder();
            if (p.diskStepLabels.containsKey("hjoin") || p.diskStepLabels.containsKey("hash")) {
                causes.append(" A hash join's hash table did not fit: filter the inner (smaller) side first, join on the"
                        + " distribution keys, and keep statistics current so the planner sizes the hash table right.");
            }
            if (p.diskStepLabels.containsKey("aggr")) {
                causes.append(" An aggregation spilled: group by fewer or narrower columns, or aggregate a filtered subset.");
            }
            if (p.diskStepLabels.containsKey("sort") || p.diskStepLabels.containsKey("merge")) {
                causes.append(" A sort spilled: avoid ORDER BY over large intermediate results; sort only the final rows.");
            }
            if (p.diskStepLabels.containsKey("unique")) {
                causes.append(" A DISTINCT spilled: deduplicate after filtering, or drop DISTINCT where keys are unique.");
            }
            String title = "Query pattern " + p.hash + ": " + p.diskBasedQueries + " of " + p.queries
                    + " queries spilled to disk (" + p.diskSteps + " steps)";
            String explanation = "Each query gets a share of its queue's memory; a step whose intermediate result does not"
                    + " fit writes it to disk and reads it back, which is many times slower. " + p.diskBasedQueries
                    + " queries of this pattern (" + Sql.pct(share) + " %) did so" + (operations.isEmpty() ? "" : " in " + operations)
                    + "." + causes + " Declared VARCHAR widths count towards memory too: oversized columns waste it.";
            RecommendedAction action = manualWlm
                    ? new RecommendedAction("Give this pattern's queries more memory for the session, and rewrite what spills",
                    List.of("SET wlm_query_slot_count TO 2;", "-- run the query of this pattern", "RESET wlm_query_slot_count;"),
                    "Under manual WLM each slot holds a fixed share of the queue's memory; claiming two slots doubles it"
                            + " (and halves the queue's concurrency while it runs). Raising the queue's memory share in the"
                            + " WLM configuration helps every query of the queue.")
                    : new RecommendedAction("Rewrite the steps that spill; memory is sized per query under automatic WLM",
                    List.of(),
                    "Automatic WLM assigns memory from the planner's estimates: stale statistics make it assign too little."
                            + " Run ANALYZE on the tables involved, and give this work a higher query_priority if it is urgent.");
            drafts.add(Attributions.attribute(new FindingDraft(FindingCategory.DISK_BASED_QUERY, severity, Subjects.pattern(p), title,
                    explanation, evidence, action, null, null), p.who(), Attributions.Figure.EXECUTION));
        }
        return drafts;
    }
}
