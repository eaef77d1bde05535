package autopilot.analyzer.rules;

import autopilot.analyzer.model.Contributors;
import autopilot.analyzer.model.Waits;
import autopilot.analyzer.model.Workload;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * WLM queue waits: per queue (service class) and hour, the share of its queries' time spent
 * queued, with p50/p95/max waits and queued counts. The worst hour of the window decides; the
 * advice (automatic WLM, short query acceleration, separating long and short work, concurrency
 * scaling) follows from the queue's configuration and how widely its execution times spread.
 * Serverless has no queues (no service class), so it never raises one.
 */
public final class WlmQueueRule implements Rule {

    /** Service classes 1-5 are Redshift's own and the superuser queue, 15 its maintenance work. */
    private static final int FIRST_USER_CLASS = 6;
    private static final int MAINTENANCE_CLASS = 15;

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.WLM_QUEUE_WAIT);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Map<Integer, List<Workload.QueueHour>> byQueue = new TreeMap<>();
        for (Workload.QueueHour hour : view.workload().queueHours.values()) {
            if (hour.serviceClass < FIRST_USER_CLASS || hour.serviceClass == MAINTENANCE_CLASS) continue;
            byQueue.computeIfAbsent(hour.serviceClass, k -> new ArrayList<>()).add(hour);
        }
        List<FindingDraft> drafts = new ArrayList<>();
        byQueue.forEach((serviceClass, hours) -> {
            List<Workload.QueueHour> over = hours.stream()
                    .filter(h -> h.queued >= t.wlm().minQueued() && h.queueTimeSharePct() > t.wlm().queueSharePct())
                    .sorted(Comparator.comparingDouble(Workload.QueueHour::queueTimeSharePct).reversed()
                            .thenComparing(h -> h.hour))
                    .toList();
            if (!over.isEmpty()) {
                drafts.add(draft(view, serviceClass, hours, over, view.workload().wlmQueues.get(serviceClass)));
            }
        });
        return drafts;
    }

    private static FindingDraft draft(ClusterView view, int serviceClass, List<Workload.QueueHour> hours,
                                      List<Workload.QueueHour> over, Workload.QueueConfig config) {
        Thresholds t = view.thresholds();
        Workload.QueueHour worst = over.get(0);
        long judged = hours.stream().filter(h -> h.queued >= t.wlm().minQueued()).count();
        Waits windowWaits = new Waits();
        double queueMs = 0;
        double execMs = 0;
        long queries = 0;
        long queued = 0;
        for (Workload.QueueHour h : hours) {
            windowWaits.add(h.waits);
            queueMs += h.queueMsTotal;
            execMs += h.execMsTotal;
            queries += h.queries;
            queued += h.queued;
        }
        String name = worst.name != null && !worst.name.isBlank() ? worst.name
                : config != null && config.name() != null ? config.name() : "service class " + serviceClass;
        double share = worst.queueTimeSharePct();
        double p50 = worst.waits.percentile(50);
        double p95 = worst.waits.percentile(95);
        double execP50 = worst.execs.percentile(50);
        double execP95 = worst.execs.percentile(95);
        boolean mixed = worst.execs.count() > 0 && execP95 >= t.wlm().mixedWorkRatio() * Math.max(1, execP50);
        String hour = worst.hour.toString();

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("worst_hour_queue_share", share, "%", t.wlm().queueSharePct(), hour));
        evidence.add(Evidence.measured("worst_hour_wait_p50", p50, "ms", null));
        evidence.add(Evidence.measured("worst_hour_wait_p95", p95, "ms", null));
        evidence.add(Evidence.measured("worst_hour_wait_max", worst.waits.max(), "ms", null));
        evidence.add(Evidence.measured("worst_hour_queued", worst.queued, "queries", (double) t.wlm().minQueued()));
        evidence.add(Evidence.measured("worst_hour_queries", worst.queries, "queries", null));
        evidence.add(Evidence.measured("worst_hour_exec_p50", execP50, "ms", null));
        evidence.add(Evidence.measured("worst_hour_exec_p95", execP95, "ms", null));
        evidence.add(new Evidence("hours_over_threshold", (double) over.size(), "hours", null,
                "of " + judged + " hours with at least " + t.wlm().minQueued() + " queued queries: "
                        + String.join(", ", over.stream().limit(6).map(h -> h.hour.toString()).toList())
                        + (over.size() > 6 ? ", ..." : "")));
        evidence.add(Evidence.measured("window_queue_share", queueMs + execMs == 0 ? 0 : 100 * queueMs / (queueMs + execMs),
                "%", null));
        evidence.add(Evidence.measured("window_wait_p95", windowWaits.percentile(95), "ms", null));
        evidence.add(Evidence.measured("window_queued", queued, "queries", null));
        evidence.add(Evidence.measured("window_queries", queries, "queries", null));
        if (config != null) {
            evidence.add(Evidence.text("wlm_mode", config.automatic() ? "automatic" : "manual"));
            if (config.slots() != null && config.slots() > 0) evidence.add(Evidence.measured("slots", config.slots(), "slots", null));
            if (config.workingMemMb() != null && config.workingMemMb() > 0) {
                evidence.add(Evidence.measured("working_mem_per_slot", config.workingMemMb(), "MB", null));
            }
            evidence.add(Evidence.text("concurrency_scaling", String.valueOf(config.concurrencyScaling())));
        }

        List<String> steps = advice(config, mixed, p95, execP50, execP95);
        Severity severity = share >= t.wlm().queueShareCriticalPct() ? Severity.CRITICAL : Severity.WARNING;
        String title = "Queue " + name + ": queries spent " + Sql.pct(share) + "% of their time waiting at " + hour
                + " (p95 wait " + Sql.millis(p95) + ")";
        String explanation = "Queries of the WLM queue " + name + " wait for a free slot before they run. In the worst hour of"
                + " the window, " + worst.queued + " of its " + worst.queries + " queries queued and waiting took "
                + Sql.pct(share) + " % of their time (threshold " + Sql.pct(t.wlm().queueSharePct()) + " %): half waited at least "
                + Sql.millis(p50) + ", one in twenty " + Sql.millis(p95) + " or more, the longest " + Sql.millis(worst.waits.max()) + ". "
                + over.size() + " of the window's " + judged + " busy hours crossed the threshold."
                + (mixed ? " Its execution times range from " + Sql.millis(execP50) + " (median) to " + Sql.millis(execP95)
                + " (p95): short queries wait behind long ones." : "");
        RecommendedAction action = new RecommendedAction(steps.get(0), List.of(),
                String.join(" ", steps.subList(1, steps.size()))
                        + " WLM changes are made in the cluster's parameter group (wlm_json_configuration), not in SQL.");
        Benefit benefit = new Benefit("time queries of this queue spent queued, per day over the window",
                queueMs / 1000 / view.windowDays(), "s/day");
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.QUEUE, name, null, null, (long) serviceClass);
        // Who waits in the hours over the threshold: the users and query groups whose queries make the finding.
        Contributors who = Contributors.sum(over.stream().map(h -> h.contributors).toList());
        return Attributions.attribute(new FindingDraft(FindingCategory.WLM_QUEUE_WAIT, severity, subject, title, explanation,
                evidence, action, benefit, null), who, Attributions.Figure.QUEUE_WAIT);
    }

    /** The steps that fit this queue, most effective first. */
    private static List<String> advice(Workload.QueueConfig config, boolean mixed, double p95, double execP50, double execP95) {
        List<String> steps = new ArrayList<>();
        if (config != null && !config.automatic()) {
            steps.add("Switch to automatic WLM: this queue has a fixed " + config.slots() + " slots"
                    + (config.workingMemMb() != null && config.workingMemMb() > 0 ? " of " + config.workingMemMb() + " MB" : "")
                    + ", and automatic WLM sizes concurrency and memory per query instead.");
        }
        if (mixed) {
            steps.add("Separate short and long work: with a median execution of " + Sql.millis(execP50) + " against a p95 of "
                    + Sql.millis(execP95) + ", enable short query acceleration (short queries then run ahead of the queue) or"
                    + " route the long work (ETL, ad-hoc scans) to its own queue by user group or query group.");
        }
        if (config == null || !config.concurrencyScalingOn()) {
            steps.add("Set concurrency scaling to auto for this queue" + (config == null ? " (its setting was not collected)" : "")
                    + ": when its slots are full, eligible queries run on a scaling cluster instead of waiting "
                    + Sql.millis(p95) + " (p95).");
        } else {
            steps.add("Concurrency scaling is already auto for this queue: raise max_concurrency_scaling_clusters if waits"
                    + " persist, and check that the waiting queries are eligible (read-only, no temporary tables).");
        }
        if (config != null && config.automatic() && !mixed) {
            steps.add("Under automatic WLM, lower the priority of less urgent work (query_priority) so urgent queries are"
                    + " admitted first.");
        }
        return steps;
    }
}
