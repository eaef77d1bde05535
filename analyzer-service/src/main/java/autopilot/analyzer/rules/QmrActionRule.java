package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What query monitoring rules did over the window (STL_WLM_RULE_ACTION), one finding per queue and
 * rule: info when it only logged, a warning when it hopped, aborted or changed priorities (queries
 * were moved or lost), critical when it aborted {@code qmr.page-aborts-per-hour} queries within the
 * last hour (a burst: a bad deployment or plan). Provisioned only: no log of rule actions was found
 * for Serverless. The headline is the aborts of the last hour, for rules that abort; a rule that
 * keeps logging is refreshed, not updated, however its count grows.
 */
public final class QmrActionRule implements Rule {

    private static final String ABORT = "abort";

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.QMR_ACTION);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.QMR_ACTIONS);
    }

    /** Queries rules aborted within the hour before {@code asOf}, all rules and queues. */
    public static long abortsLastHour(Workload workload, Instant asOf) {
        Instant since = asOf.minus(Duration.ofHours(1));
        return workload.qmrActions.values().stream().filter(a -> ABORT.equalsIgnoreCase(a.action)).mapToLong(a -> a.since(since)).sum();
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Workload w = view.workload();
        Map<String, List<Workload.QmrAction>> byRule = new TreeMap<>();
        for (Workload.QmrAction a : w.qmrActions.values()) byRule.computeIfAbsent(a.serviceClass + "|" + a.rule, k -> new ArrayList<>()).add(a);
        List<FindingDraft> drafts = new ArrayList<>();
        byRule.values().forEach(actions -> drafts.add(draft(view, actions)));
        return drafts;
    }

    private static FindingDraft draft(ClusterView view, List<Workload.QmrAction> actions) {
        Thresholds t = view.thresholds();
        Workload.QmrAction first = actions.get(0);
        Workload.QueueConfig config = view.workload().wlmQueues.get(first.serviceClass);
        String queue = first.queue != null && !first.queue.isBlank() ? first.queue
                : config != null ? config.name() : "service class " + first.serviceClass;
        Instant since = view.asOf().minus(Duration.ofHours(1));
        long total = 0;
        long aborts = 0;
        boolean moved = false;
        Instant last = null;
        Map<String, Long> counts = new TreeMap<>();
        TreeSet<Long> users = new TreeSet<>();
        TreeSet<Long> queries = new TreeSet<>();
        for (Workload.QmrAction a : actions) {
            total += a.count;
            counts.merge(a.action, a.count, Long::sum);
            if (ABORT.equalsIgnoreCase(a.action)) aborts += a.since(since);
            moved |= !a.action.equalsIgnoreCase("log") && !a.action.equalsIgnoreCase("none");
            users.addAll(a.users);
            queries.addAll(a.queries);
            if (a.last() != null && (last == null || a.last().isAfter(last))) last = a.last();
        }
        boolean aborting = counts.keySet().stream().anyMatch(ABORT::equalsIgnoreCase);
        Severity severity = aborts >= t.qmr().pageAbortsPerHour() ? Severity.CRITICAL : moved ? Severity.WARNING : Severity.INFO;
        String countsText = counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        List<Evidence> evidence = new ArrayList<>();
        if (aborting) evidence.add(Evidence.measured("aborts_last_hour", aborts, "queries", (double) t.qmr().pageAbortsPerHour()));
        evidence.add(Evidence.measured("actions", total, "actions", null));
        evidence.add(Evidence.text("actions_by_kind", countsText));
        evidence.add(Evidence.text("users", sample(users, "user id ")));
        evidence.add(Evidence.text("sample_queries", sample(queries, "")));
        if (last != null) evidence.add(Evidence.text("last_action_at", last.toString()));
        String title = "Queue " + queue + ": query monitoring rule " + first.rule + " acted on " + total + " queries (" + countsText + ")"
                + (aborts > 0 ? ", " + aborts + " aborted in the last hour" : "");
        String explanation = "Rule " + first.rule + " of queue " + queue + " (service class " + first.serviceClass + ") took "
                + countsText + " over the window, on queries of " + users.size() + (users.size() >= Workload.QmrAction.SAMPLES ? "+" : "")
                + " users. " + (moved ? "Hopped queries restart or move to another queue; aborted ones fail and their users see an"
                + " error." : "It only logged: nothing was stopped, the rule tells which queries it would catch.")
                + (severity == Severity.CRITICAL ? " " + aborts + " aborts within the last hour is a burst, not the rule's usual work:"
                + " a deployment or a changed plan is the usual cause." : "");
        RecommendedAction action = new RecommendedAction("Check the queries the rule caught, then tune the queries or the rule",
                List.of(), "Read STL_WLM_RULE_ACTION for rule " + first.rule + " (query ids above) and the queries' text in"
                + " SYS_QUERY_HISTORY. If it caught what it should, fix those queries; if it caught normal work, raise its"
                + " predicate or change its action to log. Rules are changed in the parameter group (wlm_json_configuration).");
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.QUEUE, queue + ":rule:" + first.rule, null, null, (long) first.serviceClass);
        return new FindingDraft(FindingCategory.QMR_ACTION, severity, subject, title, explanation, evidence, action, null, null);
    }

    private static String sample(TreeSet<Long> ids, String prefix) {
        return ids.stream().map(id -> prefix + id).collect(Collectors.joining(", "))
                + (ids.size() >= Workload.QmrAction.SAMPLES ? ", ..." : "");
    }
}
