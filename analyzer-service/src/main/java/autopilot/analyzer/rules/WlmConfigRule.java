package autopilot.analyzer.rules;

import autopilot.analyzer.model.Workload;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * WLM configuration advice, each with the figures that justify it: a query monitoring rule
 * candidate per queue whose execution times have a long tail and no rule on execution time yet (the
 * rule's JSON, action {@code log} first); slots (manual WLM only: Advisor's rule of unused slots when the queue spills to disk or
 * another queue waits, and a queue whose slots were all busy while it waited); short query
 * acceleration when short queries wait longer than they run; concurrency scaling for queues that
 * have it off and wait in several hours. {@link WlmQueueRule} reports the waits themselves.
 */
public final class WlmConfigRule implements Rule {

    private static final int FIRST_USER_CLASS = 6;
    private static final int SQA_CLASS = 14;
    private static final int MAINTENANCE_CLASS = 15;
    /** query_execution_time accepts 0 to 86,399 seconds. */
    private static final long QMR_MAX_SECONDS = 86_399;
    private static final String PARAMETER = " WLM changes are made in the cluster's parameter group (wlm_json_configuration), not in SQL.";

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.WLM_CONFIGURATION);
    }

    /** One queue over the window. */
    private record Queue(int serviceClass, String name, Workload.QueueConfig config, List<Workload.QueueHour> hours,
                         Workload.QueueHour total, List<Workload.QueueHour> waiting, int peak) {
        boolean manual() {
            return config != null && !config.automatic() && config.slots() != null && config.slots() > 0;
        }
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Workload w = view.workload();
        Map<Integer, List<Workload.QueueHour>> byClass = new TreeMap<>();
        Set<java.time.Instant> busyHours = new TreeSet<>();
        for (Workload.QueueHour h : w.queueHours.values()) {
            busyHours.add(h.hour);
            if (user(h.serviceClass)) byClass.computeIfAbsent(h.serviceClass, k -> new ArrayList<>()).add(h);
        }
        w.wlmQueues.keySet().stream().filter(WlmConfigRule::user).forEach(c -> byClass.putIfAbsent(c, List.of()));
        List<Queue> queues = new ArrayList<>();
        byClass.forEach((cls, hours) -> {
            Workload.QueueConfig config = w.wlmQueues.get(cls);
            Workload.QueueHour total = Workload.QueueHour.sum(hours);
            String name = hours.stream().map(h -> h.name).filter(n -> n != null && !n.isBlank()).findFirst()
                    .orElse(config != null && config.name() != null ? config.name() : "service class " + cls);
            List<Workload.QueueHour> waiting = hours.stream()
                    .filter(h -> h.queued >= t.wlm().minQueued() && h.queueTimeSharePct() > t.wlm().queueSharePct()).toList();
            queues.add(new Queue(cls, name, config, hours, total, waiting, hours.stream().mapToInt(h -> h.peakSlots).max().orElse(0)));
        });
        List<FindingDraft> drafts = new ArrayList<>();
        for (Queue q : queues) {
            FindingDraft qmr = monitoringRule(view, q);
            if (qmr != null) drafts.add(qmr);
            FindingDraft slots = busyHours.size() >= t.wlm().slotMinHours() ? slots(view, q, queues, busyHours.size()) : null;
            if (slots != null) drafts.add(slots);
            FindingDraft scaling = scaling(view, q);
            if (scaling != null) drafts.add(scaling);
        }
        FindingDraft sqa = shortQueryAcceleration(view, queues);
        if (sqa != null) drafts.add(sqa);
        return drafts;
    }

    private static boolean user(int serviceClass) {
        return serviceClass >= FIRST_USER_CLASS && serviceClass != SQA_CLASS && serviceClass != MAINTENANCE_CLASS;
    }

    private static ObjectRef subject(Queue q, String aspect) {
        return new ObjectRef(ObjectRef.Kind.QUEUE, q.name + ":" + aspect, null, null, (long) q.serviceClass);
    }

    /**
     * A rule that logs queries running longer than a round figure above the queue's p99; none for a queue that already has a
     * rule on query_execution_time (STV_WLM_QMR_CONFIG, when collected): an existing rule is never proposed again.
     */
    private static FindingDraft monitoringRule(ClusterView view, Queue q) {
        Thresholds t = view.thresholds();
        if (view.onCall().qmrRules().stream().anyMatch(r -> r.serviceClass() == q.serviceClass
                && "query_execution_time".equalsIgnoreCase(r.metric()))) return null;
        Workload.QueueHour total = q.total;
        double p50 = total.execs.percentile(50);
        double p99 = total.execs.percentile(99);
        double max = total.execs.max();
        if (total.queries < t.wlm().qmrMinQueries() || max < t.wlm().qmrMinExecSeconds() * 1000
                || p99 < t.wlm().mixedWorkRatio() * Math.max(1, p50)) return null;
        long seconds = Math.min(QMR_MAX_SECONDS, roundAbove(p99 / 1000));
        Long timeout = q.config == null ? null : q.config.maxExecutionTimeMs();
        if (timeout != null && timeout > 0 && timeout <= seconds * 1000) return null; // the WLM timeout acts first
        long over = total.execs.countAbove(seconds * 1000.0);
        String ruleName = ruleName(q.name);
        String json = String.format(Locale.ROOT, "{\"rules\":[{\"rule_name\":\"%s\",\"predicate\":[{\"metric_name\":"
                + "\"query_execution_time\",\"operator\":\">\",\"value\":%d}],\"action\":\"log\"}]}", ruleName, seconds);
        List<Evidence> evidence = List.of(
                Evidence.measured("exec_max", max / 1000, "s", t.wlm().qmrMinExecSeconds()),
                Evidence.measured("exec_p50", p50 / 1000, "s", null),
                Evidence.measured("exec_p99", p99 / 1000, "s", null),
                Evidence.measured("queries", total.queries, "queries", (double) t.wlm().qmrMinQueries()),
                Evidence.measured("rule_value", seconds, "s", null),
                Evidence.measured("queries_over_rule", over, "queries", null),
                Evidence.text("wlm_mode", q.config == null ? "unknown" : q.config.automatic() ? "automatic" : "manual"),
                Evidence.text("rule_json", json));
        String title = "Queue " + q.name + ": a query monitoring rule at " + seconds + " s would catch its runaway queries (p99 "
                + Sql.millis(p99) + ", longest " + Sql.millis(max) + ")";
        String explanation = "Over the window the queue ran " + total.queries + " queries: half within " + Sql.millis(p50)
                + ", 99 % within " + Sql.millis(p99) + ", the longest " + Sql.millis(max) + ". A rule on query_execution_time > "
                + seconds + " s (a round figure above the p99) trips only on outliers: " + over + " of the window's queries."
                + (q.config != null && q.config.automatic() ? " Automatic WLM sizes slots itself; monitoring rules still apply." : "");
        RecommendedAction action = new RecommendedAction("Add a query monitoring rule to queue " + q.name + " with action log: "
                + json, List.of(), "Start with action log and read STL_WLM_RULE_ACTION after a few days: if it only caught"
                + " runaways, change the action to hop (manual WLM: to a queue for long work) or abort. Up to 25 rules for all"
                + " queues, three predicates each." + PARAMETER);
        return new FindingDraft(FindingCategory.WLM_CONFIGURATION, Severity.INFO, subject(q, "monitoring-rule"), title,
                explanation, evidence, action, null, null);
    }

    /** 1, 2 or 5 times a power of ten, strictly above the value (seconds). */
    static long roundAbove(double seconds) {
        long step = 1;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (m * step > seconds) return m * step;
            }
            step *= 10;
        }
    }

    /** Letters, digits and underscores, at most 32 characters: what WLM accepts as a rule name. */
    static String ruleName(String queue) {
        String name = "long_" + queue.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return name.length() > 32 ? name.substring(0, 32) : name;
    }

    /** Manual WLM only: unused slots (Advisor's rule) where memory is short elsewhere, or all slots busy while waiting. */
    private static FindingDraft slots(ClusterView view, Queue q, List<Queue> all, int busyHours) {
        Thresholds t = view.thresholds();
        if (!q.manual()) return null;
        int slots = q.config.slots();
        int spare = slots - q.peak;
        List<Queue> waitingElsewhere = all.stream().filter(o -> o != q && !o.waiting.isEmpty()).toList();
        boolean spills = q.total.diskBased >= t.diskBased().minQueries();
        boolean unusedAll = q.total.queries == 0;
        boolean unusedSome = slots > 4 && spare >= 2 && (spills || !waitingElsewhere.isEmpty());
        boolean saturated = q.peak >= slots && !q.waiting.isEmpty();
        if (!unusedAll && !unusedSome && !saturated) return null;
        Integer memory = q.config.workingMemMb();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("peak_slots_in_use", q.peak, "slots", (double) slots));
        evidence.add(Evidence.measured("slots", slots, "slots", null));
        if (memory != null && memory > 0) evidence.add(Evidence.measured("working_mem_per_slot", memory, "MB", null));
        evidence.add(Evidence.measured("hours_observed", busyHours, "hours", (double) t.wlm().slotMinHours()));
        evidence.add(Evidence.measured("queries", q.total.queries, "queries", null));
        evidence.add(Evidence.measured("disk_based_queries", q.total.diskBased, "queries", (double) t.diskBased().minQueries()));
        evidence.add(Evidence.measured("hours_waiting", q.waiting.size(), "hours", null));
        String title;
        String explanation;
        String summary;
        if (saturated) {
            String donor = all.stream().filter(o -> o != q && o.manual() && o.config.slots() - o.peak >= 2).map(o -> o.name
                    + " (" + o.config.slots() + " slots, at most " + o.peak + " in use)").findFirst().orElse(null);
            title = "Queue " + q.name + ": all " + slots + " slots were busy while queries waited (" + q.waiting.size() + " hours)";
            explanation = "At its busiest, " + q.peak + " slots of queue " + q.name + " were in use at once, all it has, and in "
                    + q.waiting.size() + " hours of the window its queries spent more than " + Sql.pct(t.wlm().queueSharePct())
                    + " % of their time queued.";
            summary = donor != null ? "Give queue " + q.name + " more slots, taken from queue " + donor
                    : "Move the long work of queue " + q.name + " to a queue of its own, or raise its slots if memory per slot allows";
        } else if (unusedAll) {
            title = "Queue " + q.name + ": none of its " + slots + " slots was used in " + busyHours + " hours";
            explanation = "No query ran in queue " + q.name + " over " + busyHours + " hours with workload, yet its " + slots
                    + " slots hold their share of the cluster's query memory (Redshift Advisor's reallocate-WLM-memory rule).";
            summary = "Remove queue " + q.name + " or shrink its memory share, and give the memory to queues that spill or wait";
        } else {
            int keep = Math.max(1, q.peak + 1);
            title = "Queue " + q.name + ": at most " + q.peak + " of its " + slots + " slots were in use at once";
            explanation = "Over " + busyHours + " hours, at most " + q.peak + " of queue " + q.name + "'s " + slots
                    + " slots ran queries at the same time: " + spare + " always idle, each holding "
                    + (memory != null && memory > 0 ? memory + " MB" : "its share") + " of memory (Redshift Advisor's"
                    + " reallocate-WLM-memory rule)." + (spills ? " Meanwhile " + q.total.diskBased + " of its queries spilled to disk."
                    : " Meanwhile queue " + waitingElsewhere.get(0).name + " waited for slots.");
            summary = "Lower queue " + q.name + " from " + slots + " to " + keep + " slots"
                    + (memory != null && memory > 0 ? " (about " + memory * slots / keep + " MB per slot)" : "")
                    + (spills ? "" : ", or move the memory to queue " + waitingElsewhere.get(0).name);
        }
        RecommendedAction action = new RecommendedAction(summary, List.of(), "Slots are num_query_tasks (query_concurrency in"
                + " wlm_json_configuration); automatic WLM sizes them itself and would make this advice moot." + PARAMETER);
        return new FindingDraft(FindingCategory.WLM_CONFIGURATION, Severity.INFO, subject(q, "slots"), title, explanation,
                evidence, action, null, null);
    }

    /** Concurrency scaling off while the queue waited in several hours. */
    private static FindingDraft scaling(ClusterView view, Queue q) {
        Thresholds t = view.thresholds();
        if (q.config == null || q.config.concurrencyScalingOn() || q.waiting.size() < t.wlm().scalingMinHours()) return null;
        Workload.QueueHour waiting = Workload.QueueHour.sum(q.waiting);
        List<Evidence> evidence = List.of(
                Evidence.measured("hours_waiting", q.waiting.size(), "hours", (double) t.wlm().scalingMinHours()),
                Evidence.measured("queued_in_those_hours", waiting.queued, "queries", null),
                Evidence.measured("queue_time_in_those_hours", waiting.queueMsTotal / 1000, "s", null),
                Evidence.measured("wait_p95_in_those_hours", waiting.waits.percentile(95), "ms", null),
                Evidence.text("concurrency_scaling", String.valueOf(q.config.concurrencyScaling())));
        String title = "Queue " + q.name + ": concurrency scaling is off while queries waited in " + q.waiting.size() + " hours";
        String explanation = "In " + q.waiting.size() + " hours of the window the queue's queries spent more than "
                + Sql.pct(t.wlm().queueSharePct()) + " % of their time queued: " + waiting.queued + " queries waited "
                + Sql.num(waiting.queueMsTotal / 3_600_000) + " h in all (p95 " + Sql.millis(waiting.waits.percentile(95))
                + "). With concurrency scaling on, eligible queries (read-only, no temporary tables) run on a scaling"
                + " cluster when the queue is full.";
        RecommendedAction action = new RecommendedAction("Set concurrency scaling to auto for queue " + q.name
                + " (\"concurrency_scaling\":\"auto\")", List.of(), "Each cluster earns an hour of free scaling a day;"
                + " max_concurrency_scaling_clusters caps the rest." + PARAMETER);
        return new FindingDraft(FindingCategory.WLM_CONFIGURATION, Severity.WARNING, subject(q, "concurrency-scaling"), title,
                explanation, evidence, action, new Benefit("time queued in hours with waits, per day", waiting.queueMsTotal / 1000
                / view.windowDays(), "s/day"), null);
    }

    /** Short query acceleration off (no service class 14) while short queries wait longer than they run. */
    private static FindingDraft shortQueryAcceleration(ClusterView view, List<Queue> queues) {
        Thresholds t = view.thresholds();
        Map<Integer, Workload.QueueConfig> config = view.workload().wlmQueues;
        if (config.isEmpty() || config.containsKey(SQA_CLASS)) return null;
        long shortQueries = 0;
        long waited = 0;
        double waitMs = 0;
        long queries = 0;
        long longQueries = 0;
        for (Queue q : queues) {
            shortQueries += q.total.shortQueries;
            waited += q.total.shortWaited;
            waitMs += q.total.shortWaitMsTotal;
            queries += q.total.queries;
            longQueries += q.total.execs.countAbove(Workload.SHORT_QUERY_MS);
        }
        double share = shortQueries == 0 ? 0 : 100.0 * waited / shortQueries;
        if (waited < t.wlm().minQueued() || share < t.wlm().sqaShortWaitedPct()) return null;
        String shortLimit = Sql.millis(Workload.SHORT_QUERY_MS);
        List<Evidence> evidence = List.of(
                Evidence.measured("short_queries_waiting_pct", share, "%", t.wlm().sqaShortWaitedPct()),
                Evidence.measured("short_queries_waiting", waited, "queries", (double) t.wlm().minQueued()),
                Evidence.measured("short_queries", shortQueries, "queries", null),
                Evidence.measured("short_queries_wait", waitMs / 1000, "s", null),
                Evidence.measured("long_queries", longQueries, "queries", null),
                Evidence.measured("queries", queries, "queries", null));
        String title = "Short query acceleration is off while " + Sql.pct(share) + "% of queries under " + shortLimit
                + " waited longer than they ran";
        String explanation = waited + " of the window's " + shortQueries + " queries that ran under " + shortLimit
                + " waited in their queue longer than they ran (" + Sql.num(waitMs / 3_600_000) + " h of waiting in all), behind "
                + longQueries + " longer queries. Short query acceleration runs queries Redshift predicts to be short in a"
                + " dedicated space, ahead of the queue.";
        RecommendedAction action = new RecommendedAction("Enable short query acceleration (\"short_query_queue\":true)",
                List.of(), "Leave its maximum run time dynamic unless the short queries are known to take longer." + PARAMETER);
        return new FindingDraft(FindingCategory.WLM_CONFIGURATION, Severity.WARNING,
                new ObjectRef(ObjectRef.Kind.CLUSTER, "short-query-acceleration", null, null, null), title, explanation, evidence,
                action, new Benefit("time short queries spent queued, per day", waitMs / 1000 / view.windowDays(), "s/day"), null);
    }
}
