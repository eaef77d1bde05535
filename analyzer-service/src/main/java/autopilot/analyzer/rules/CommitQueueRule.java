package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commits queueing: the worst hour of the window (with {@code commit.min-commits-per-hour} commits)
 * whose p95 wait in the commit queue (STL_COMMIT_STATS, leader node: startwork - startqueue) reached
 * {@code commit.queue-p95-seconds}. Redshift commits one transaction at a time for the whole
 * cluster, so many small write transactions queue behind each other; the advice is to batch them.
 * A warning: writers slow down, nothing stops. Provisioned only: Serverless records no queue start.
 */
public final class CommitQueueRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.COMMIT_QUEUE);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.COMMITS);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Instant worst = null;
        Workload.CommitHour worstHour = null;
        double worstP95 = 0;
        for (Map.Entry<Instant, Workload.CommitHour> e : view.workload().commitHours.entrySet()) {
            Workload.CommitHour h = e.getValue();
            if (h.commits < t.commit().minCommitsPerHour()) continue;
            double p95 = h.waits.percentile(95);
            if (worstHour == null || p95 > worstP95) {
                worst = e.getKey();
                worstHour = h;
                worstP95 = p95;
            }
        }
        if (worstHour == null || worstP95 < t.commit().queueP95Seconds() * 1000) return List.of();
        double p50 = worstHour.waits.percentile(50);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("commit_queue_p95_seconds", worstP95 / 1000, "s", t.commit().queueP95Seconds()));
        evidence.add(Evidence.measured("commit_queue_p50_seconds", p50 / 1000, "s", null));
        evidence.add(Evidence.measured("commits_that_hour", worstHour.commits, "commits", (double) t.commit().minCommitsPerHour()));
        evidence.add(Evidence.measured("max_queue_length", worstHour.queueMax, "transactions", null));
        evidence.add(Evidence.text("hour", worst.toString()));
        String title = "Commits waited " + Sql.millis(worstP95) + " (p95) in the commit queue in the hour from " + worst
                + " (" + worstHour.commits + " commits)";
        String explanation = "Redshift commits one transaction at a time for the whole cluster. In the worst hour of the window "
                + worstHour.commits + " commits waited " + Sql.millis(p50) + " at the median and " + Sql.millis(worstP95) + " at the p95"
                + " before their commit started, with up to " + worstHour.queueMax + " transactions ahead. Every writer feels the wait.";
        RecommendedAction action = new RecommendedAction("Batch small writes into fewer, larger transactions", List.of(),
                "Load with one COPY of many files instead of many INSERTs; wrap related statements in one BEGIN ... COMMIT;"
                        + " stage and merge instead of row-by-row updates. STL_COMMIT_STATS (node -1) shows each commit's wait.");
        return List.of(new FindingDraft(FindingCategory.COMMIT_QUEUE, Severity.WARNING,
                new ObjectRef(ObjectRef.Kind.CLUSTER, "commit-queue", null, null, null), title, explanation, evidence, action, null, null));
    }
}
