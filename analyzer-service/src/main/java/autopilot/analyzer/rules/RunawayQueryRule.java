package autopilot.analyzer.rules;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.QueryText;
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
import java.util.Locale;
import java.util.Set;

/**
 * Runaway queries: a query still running (STV_INFLIGHT; SYS_QUERY_HISTORY on Serverless) longer
 * than both {@code runaway.min-seconds} and {@code runaway.p99-factor} times its pattern's p99 over
 * the window (when the pattern ran {@code runaway.min-pattern-queries} times: a slow nightly job is
 * judged against itself, an ad-hoc query against the absolute limit). Critical: it holds a slot and
 * memory until it ends. Autopilot's own VACUUM and ANALYZE (its query_group) are never runaways.
 *
 * <p>The action is {@code CANCEL pid;} to copy (CANCEL takes the process id, not the query id;
 * r_CANCEL), with {@code PG_TERMINATE_BACKEND} for a query inside a transaction block, which CANCEL
 * cannot stop (PG_CANCEL_BACKEND page). Never a work item. The headline is how many whole limits
 * the query has run, so a runaway that keeps running is updated when it doubles its limit, not
 * every snapshot. The finding resolves when the query is no longer running.
 */
public final class RunawayQueryRule implements Rule {

    /** STV_INFLIGHT cuts labels to 15 characters (r_query_group), so a longer query group shows as its first 15. */
    private static final int INFLIGHT_LABEL_LENGTH = 15;

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.RUNAWAY_QUERY);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.INFLIGHT);
    }

    /** Whether a running query is one the rule judges: not Autopilot's maintenance, with a start time. */
    public static boolean judged(OnCall.Running r, Thresholds t) {
        if (r.start() == null) return false;
        String group = t.runaway().ignoredQueryGroup();
        String label = r.label() == null ? "" : r.label().trim();
        if (!label.isEmpty() && (label.equals(group)
                || (label.length() == INFLIGHT_LABEL_LENGTH && group.startsWith(label)))) return false;
        String text = r.text() == null ? "" : r.text().trim().toLowerCase(Locale.ROOT);
        return !text.startsWith("vacuum") && !text.startsWith("analyze");
    }

    /** How long a query has run at {@code now}, in seconds. */
    public static double age(OnCall.Running r, Instant now) {
        return Math.max(0, Duration.between(r.start(), now).toMillis() / 1000.0);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        OnCall onCall = view.onCall();
        Instant now = onCall.observedAt() != null ? onCall.observedAt() : view.asOf();
        List<FindingDraft> drafts = new ArrayList<>();
        for (OnCall.Running r : onCall.running()) {
            if (!judged(r, t)) continue;
            double age = age(r, now);
            Workload.Pattern pattern = r.text() == null ? null : view.workload().patterns.get(QueryText.hash(QueryText.normalise(r.text())));
            boolean patternCounts = pattern != null && pattern.queries >= t.runaway().minPatternQueries();
            double p99 = patternCounts ? pattern.execPercentileAtMost(99) / 1000 : 0;
            double limit = Math.max(t.runaway().minSeconds(), t.runaway().p99Factor() * p99);
            if (age < limit) continue;
            drafts.add(draft(view, r, age, limit, pattern, patternCounts ? p99 : null));
        }
        return drafts;
    }

    private static FindingDraft draft(ClusterView view, OnCall.Running r, double age, double limit, Workload.Pattern pattern, Double p99) {
        Thresholds t = view.thresholds();
        Workload.QueueConfig queue = r.serviceClass() == null ? null : view.workload().wlmQueues.get(r.serviceClass());
        String user = r.user() != null ? r.user() : r.userId() != null ? "user id " + r.userId() : "unknown user";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("runtime_in_limits", Math.floor(age / limit), "limits", 1.0));
        evidence.add(Evidence.measured("running_seconds", Math.round(age), "s", null));
        evidence.add(Evidence.measured("limit_seconds", Math.round(limit), "s", null));
        if (p99 != null) {
            evidence.add(Evidence.measured("pattern_p99_seconds", p99, "s", null));
            evidence.add(Evidence.measured("pattern_queries", pattern.queries, "queries", (double) t.runaway().minPatternQueries()));
        }
        evidence.add(Evidence.text("user", user));
        if (r.pid() != null) evidence.add(Evidence.measured("pid", r.pid(), null, null));
        if (r.xid() != null) evidence.add(Evidence.measured("xid", r.xid(), null, null));
        if (r.serviceClass() != null) {
            evidence.add(Evidence.text("queue", (queue == null ? "service class " : queue.name() + ", service class ") + r.serviceClass()));
        }
        if (queue != null && queue.maxExecutionTimeMs() != null && queue.maxExecutionTimeMs() > 0) {
            // A query past its queue's WLM timeout is one the timeout does not apply to.
            evidence.add(Evidence.measured("wlm_timeout_seconds", queue.maxExecutionTimeMs() / 1000.0, "s", null));
        }
        if (r.label() != null && !r.label().isBlank()) evidence.add(Evidence.text("label", r.label()));
        evidence.add(Evidence.text("query_text", r.text() == null ? "" : QueryText.sample(r.text())));
        if (pattern != null) evidence.add(Evidence.text("pattern", pattern.hash));
        String why = p99 == null ? "the absolute limit of " + BlockingSessionRule.minutes(limit)
                : "the larger of " + BlockingSessionRule.minutes(t.runaway().minSeconds()) + " and " + Sql.num(t.runaway().p99Factor())
                + " times its pattern's p99 (" + Sql.num(p99) + " s over " + pattern.queries + " queries): "
                + BlockingSessionRule.minutes(limit);
        String title = "Query " + r.query() + " of " + user + " has run " + BlockingSessionRule.minutes(age)
                + (r.pid() == null ? "" : " (pid " + r.pid() + ")");
        String explanation = "The query started at " + r.start() + " and is still running, past " + why + ". It holds a WLM slot"
                + " and its memory until it ends, and whatever waits behind it waits as long.";
        List<String> sql = r.pid() == null ? List.of()
                : List.of("CANCEL " + r.pid() + ";", "-- inside a transaction block (BEGIN ... END) CANCEL cannot stop it: SELECT PG_TERMINATE_BACKEND("
                + r.pid() + ");");
        RecommendedAction action = new RecommendedAction("Cancel the query after checking with its owner (" + user + ")", sql,
                "Copy the statement; Autopilot never runs it. CANCEL takes the process id (STV_RECENTS pid; session_id on"
                        + " Serverless), not the query id. A query in a transaction block cannot be cancelled; terminating its"
                        + " session rolls the transaction back. If the query is expected to run this long, a query monitoring rule"
                        + " with a higher limit on its queue, or a queue of its own, keeps it from holding interactive slots.");
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.QUERY, "query " + r.query(), null, null, r.query());
        return new FindingDraft(FindingCategory.RUNAWAY_QUERY, Severity.CRITICAL, subject, title, explanation, evidence, action, null,
                null);
    }
}
