package autopilot.analyzer.engine;

import autopilot.analyzer.lifecycle.Lifecycle;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableMaintenance;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.UsageCost;
import autopilot.analyzer.model.UsageDay;
import autopilot.analyzer.model.UsageSeries;
import autopilot.analyzer.model.UsageView;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.rules.Analysis;
import autopilot.analyzer.rules.ClusterView;
import autopilot.analyzer.rules.FindingDraft;
import autopilot.analyzer.rules.Rule;
import autopilot.analyzer.rules.Rules;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.work.WorkPlanner;
import autopilot.events.ClusterHealthReported;
import autopilot.events.CollectionGapDetected;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import autopilot.events.UsageFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One analysis, start to end, as a pure function: a snapshot and what was known before it in;
 * finding transitions, work items and the cluster's health figures out. The queue consumer and
 * the what-if endpoint both run this; only the consumer stores the outcome.
 */
public final class Pipeline {

    private final Thresholds thresholds;
    private final List<Rule> rules;
    private final Predicate<TableState> denied;
    private final UsageCost cost;

    public Pipeline(Thresholds thresholds, Predicate<TableState> denied) {
        this(thresholds, Rules.all(), denied);
    }

    /** @param cost the cluster's configured price per RPU-hour and daily budgets */
    public Pipeline(Thresholds thresholds, Predicate<TableState> denied, UsageCost cost) {
        this(thresholds, Rules.all(), denied, cost);
    }

    Pipeline(Thresholds thresholds, List<Rule> rules, Predicate<TableState> denied) {
        this(thresholds, rules, denied, UsageCost.NONE);
    }

    Pipeline(Thresholds thresholds, List<Rule> rules, Predicate<TableState> denied, UsageCost cost) {
        this.thresholds = thresholds;
        this.rules = rules;
        this.denied = denied;
        this.cost = cost;
    }

    /** Receives how long each step of a run took: the benchmark explains its figure with them. */
    public interface Steps {
        Steps NONE = (step, nanos) -> { };

        void took(String step, long nanos);
    }

    public Outcome run(SnapshotData snapshot, PriorState prior, Instant now) {
        return run(snapshot, prior, now, Steps.NONE);
    }

    /**
     * A snapshot's workload hours aggregated as its parts were read ({@link SnapshotParts}).
     *
     * @param countedUpTo the queries left out as already counted: the prior state must say the same
     */
    public record Aggregated(Map<Instant, Workload> hours, Instant countedUpTo) {
    }

    public Outcome run(SnapshotData snapshot, PriorState prior, Instant now, Steps steps) {
        return run(snapshot, null, prior, now, steps);
    }

    /**
     * @param workload the hours aggregated while the parts were read, for a snapshot read with
     *                 {@link SnapshotParts}; null for one whose rows are all kept (they are aggregated here)
     */
    public Outcome run(SnapshotData snapshot, Aggregated workload, PriorState prior, Instant now, Steps steps) {
        long started = System.nanoTime();
        Instant asOf = snapshot.workloadTo().orElse(snapshot.collectedAt());
        Map<Instant, Workload> hours;
        if (snapshot.workloadAggregated()) {
            if (workload == null || !java.util.Objects.equals(workload.countedUpTo(), prior.workloadCountedUpTo())) {
                throw new IllegalArgumentException("the snapshot's workload was aggregated counting queries after "
                        + (workload == null ? "(not given)" : workload.countedUpTo()) + ", the prior state counts them after "
                        + prior.workloadCountedUpTo());
            }
            hours = workload.hours();
        } else {
            hours = snapshot.hasWorkload() ? WorkloadAggregator.byHour(snapshot, prior.workloadCountedUpTo()) : Map.of();
        }
        started = lap(steps, "workload aggregation", started);
        Instant windowStart = asOf.minus(thresholds.workloadWindow());
        java.util.NavigableMap<Instant, Workload> all = new TreeMap<>(prior.workloadHours());
        hours.forEach((hour, w) -> all.merge(hour, w, (a, b) -> copy(a).add(b)));
        Workload window = Workload.sumForReading(all.entrySet().stream()
                .filter(e -> !e.getKey().plus(Duration.ofHours(1)).isBefore(windowStart)).map(Map.Entry::getValue).toList());
        boolean anyWorkload = !all.isEmpty();
        started = lap(steps, "workload window", started);
        List<TableState> tables;
        List<TableState> fresh = null;
        if (snapshot.hasTableHealth()) {
            fresh = new ArrayList<>();
            for (TableState t : Tables.of(snapshot)) {
                TableMaintenance m = prior.maintenance().get(t.tableId());
                fresh.add(m == null ? t : t.withMaintenance(m));
            }
            tables = fresh;
        } else {
            tables = prior.tables();
        }
        Map<Long, Map<String, ColumnProfile>> profiled = ColumnProfile.of(snapshot);
        DesignFacts design = new DesignFacts(ColumnProfile.latest(prior.profiles(), profiled), DesignFacts.advisor(snapshot));
        started = lap(steps, "tables", started);
        UsageSeries usageRead = UsageSeries.of(snapshot);
        UsageView usage = null;
        if (usageRead != null) {
            UsageSeries series = prior.usage() == null ? usageRead : prior.usage().with(usageRead);
            usage = new UsageView(UsageDay.of(series, snapshot.kind() == autopilot.events.ClusterKind.SERVERLESS, snapshot.collectedAt(),
                    thresholds.usage().trendDays(), thresholds.usage().minHistoryDays()), series, cost, idlePctLastDay(snapshot, all, asOf));
        }
        ClusterView view = new ClusterView(snapshot.clusterId(), snapshot.kind(), asOf, tables, fresh != null,
                anyWorkload ? window : null, snapshot.hasWorkload(), thresholds.workloadWindow(), thresholds, prior.history(), design,
                OnCall.of(snapshot).withPast(prior.onCallPast()), usage);
        Analysis.Result result = Analysis.run(view, rules);
        started = lap(steps, "rules", started);
        List<Transition> transitions = new ArrayList<>(Lifecycle.apply(snapshot.clusterId(), prior.open(), result.drafts(),
                result.evaluated(), now, snapshot.snapshotId()));
        if (fresh != null) {
            explainVanished(transitions, fresh);
        }
        if (snapshot.hasWorkload()) {
            transitions.addAll(resolvedGaps(prior.open(), windowStart, now));
        }
        started = lap(steps, "lifecycle", started);
        WorkPlanner.Plan plan = WorkPlanner.plan(snapshot.clusterId(), result.drafts(), prior.requested(), denied, now, thresholds);
        started = lap(steps, "work planning", started);
        ClusterHealthReported health = health(snapshot, fresh, hours, prior.open(), transitions, now, view, result.drafts());
        lap(steps, "health", started);
        return new Outcome(transitions, plan, health, fresh, hours,
                profiled.values().stream().flatMap(m -> m.values().stream()).toList(), view.onCall().disk(), usageRead);
    }

    private static long lap(Steps steps, String step, long since) {
        long now = System.nanoTime();
        steps.took(step, now - since);
        return now;
    }

    /** A collection gap as a finding: one per source, open until the workload window has moved past the hole. */
    public static Transition gap(String clusterId, CollectionGapDetected gap, Map<String, Finding> open, Instant now, UUID snapshotId) {
        ObjectRef source = new ObjectRef(ObjectRef.Kind.SOURCE, gap.source(), null, null, null);
        String fingerprint = Finding.fingerprint(clusterId, FindingCategory.COLLECTION_GAP, source);
        Finding before = open.get(fingerprint);
        Instant from = before == null ? gap.from() : Instant.parse(detail(before, "lost_from"));
        double lostHours = Duration.between(from, gap.to()).toMinutes() / 60.0;
        Finding finding = new Finding(fingerprint, FindingCategory.COLLECTION_GAP, Severity.WARNING, source,
                "Collection gap on " + clusterId + ": " + gap.source() + " lost from " + from + " to " + gap.to(),
                gap.reason() + ". Findings whose window covers this range are computed on incomplete workload.",
                List.of(Evidence.text("lost_from", from.toString()), Evidence.text("lost_to", gap.to().toString()),
                        Evidence.measured("lost_hours", Math.round(lostHours * 10) / 10.0, "h", null)),
                new RecommendedAction("Keep the collector running more often than the cluster's system-log retention",
                        List.of(), "STL tables keep 2 to 5 days; check the collector's health and its schedule."),
                null, before == null ? now : before.firstSeen(), now, snapshotId, null, null);
        if (before == null) return new Transition.Raised(finding);
        // The same gap delivered again changes nothing a subscriber needs to hear.
        return gap.to().toString().equals(detail(before, "lost_to")) ? new Transition.Refreshed(finding)
                : new Transition.Updated(finding, before.severity());
    }

    private static List<Transition> resolvedGaps(Map<String, Finding> open, Instant windowStart, Instant now) {
        List<Transition> resolved = new ArrayList<>();
        for (Finding f : open.values()) {
            if (f.category() == FindingCategory.COLLECTION_GAP) {
                String to = detail(f, "lost_to");
                if (to != null && Instant.parse(to).isBefore(windowStart)) {
                    resolved.add(new Transition.Resolved(f, "collection is running and the workload window (from " + windowStart
                            + ") no longer covers the lost range; the data itself stays lost"));
                }
            }
        }
        return resolved;
    }

    private static String detail(Finding finding, String name) {
        return finding.evidence().stream().filter(e -> e.name().equals(name)).map(Evidence::detail).findFirst().orElse(null);
    }

    private static void explainVanished(List<Transition> transitions, List<TableState> fresh) {
        Set<Long> present = new HashSet<>();
        fresh.forEach(t -> present.add(t.tableId()));
        transitions.replaceAll(t -> t instanceof Transition.Resolved r && r.finding().subject().kind() == ObjectRef.Kind.TABLE
                && r.finding().subject().id() != null && !present.contains(r.finding().subject().id())
                ? new Transition.Resolved(r.finding(), "the table is gone from SVV_TABLE_INFO (dropped, or emptied)") : t);
    }

    private ClusterHealthReported health(SnapshotData snapshot, List<TableState> fresh, Map<Instant, Workload> hours,
                                         Map<String, Finding> open, List<Transition> transitions, Instant now, ClusterView view,
                                         List<FindingDraft> drafts) {
        Double maxUnsorted = null;
        Double maxSkew = null;
        Integer stale = null;
        if (fresh != null) {
            maxUnsorted = fresh.stream().filter(TableState::hasSortKey).map(TableState::unsortedPct).filter(v -> v != null)
                    .max(Double::compare).orElse(0.0);
            maxSkew = fresh.stream().map(TableState::skewRows).filter(v -> v != null).max(Double::compare).orElse(1.0);
            stale = (int) fresh.stream().filter(t -> t.statsOffPct() != null && t.statsOffPct() > thresholds.statsOff().pct()).count();
        }
        Double p95 = null;
        Integer diskBased = null;
        Double lag = null;
        Map<String, Double> queueP95 = null;
        if (snapshot.hasWorkload()) {
            // Only the waits and counts: merging every pattern and table again would double the work.
            autopilot.analyzer.model.Waits waits = new autopilot.analyzer.model.Waits();
            long disk = 0;
            for (Workload w : hours.values()) {
                waits.add(w.waits);
                disk += w.diskBasedQueries;
            }
            p95 = waits.count() == 0 ? 0.0 : waits.percentile(95);
            queueP95 = queueWaitP95(hours);
            diskBased = (int) disk;
            lag = snapshot.workloadTo().map(to -> Duration.between(to, now).toMillis() / 1000.0).orElse(null);
        }
        Map<String, Finding> after = new HashMap<>(open);
        for (Transition t : transitions) {
            if (t instanceof Transition.Resolved) after.remove(t.finding().fingerprint());
            else after.put(t.finding().fingerprint(), t.finding());
        }
        Map<String, Integer> bySeverity = new TreeMap<>();
        for (Severity s : EnumSet.allOf(Severity.class)) bySeverity.put(s.name(), 0);
        after.values().forEach(f -> bySeverity.merge(f.severity().name(), 1, Integer::sum));
        OnCallHealth f = OnCallHealth.of(view, hours, drafts);
        return new ClusterHealthReported(snapshot.snapshotId(), snapshot.collectedAt(), maxUnsorted, maxSkew, stale, p95,
                diskBased, bySeverity, lag, f.maxNodeDiskUsedPct(), f.diskHoursToFull(), f.blockedSessions(), f.longestBlockSeconds(),
                f.runawayQueries(), f.longestRunningQuerySeconds(), f.qmrAbortsLastHour(), f.loadErrorsLastDay(), f.commitQueueWaitP95Millis(),
                usageFigures(view), queueP95, snapshot.userMetrics());
    }

    /**
     * The share of the last day no user query ran on a provisioned cluster (whose node-hours are paid either way),
     * from the busy minutes of the workload hours; null on Serverless (billed only when busy) and without workload.
     */
    private static Double idlePctLastDay(SnapshotData snapshot, java.util.NavigableMap<Instant, Workload> hours, Instant asOf) {
        if (snapshot.kind() != autopilot.events.ClusterKind.PROVISIONED || !snapshot.hasWorkload()) return null;
        // A query that ran in the last day ended in it or in a later hour: hours of query end from a day before on.
        Instant from = asOf.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return autopilot.analyzer.model.BusyMinutes.idlePct(autopilot.analyzer.model.BusyMinutes.merged(
                hours.tailMap(from, true).values()), asOf);
    }

    /** The day's usage for ClusterHealthReported; null when the snapshot carried no usage source. */
    static UsageFigures usageFigures(ClusterView view) {
        UsageView usage = view.usage();
        if (usage == null) return null;
        UsageDay day = usage.day();
        if (day == null) {
            return new UsageFigures(usage.series().observedAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate(), null, null, null, null,
                    null, null, round(usage.idlePctLastDay()));
        }
        if (!day.serverless()) {
            return new UsageFigures(day.day(), null, null, null, null, null, round(day.soFar() * 3600),
                    round(usage.idlePctLastDay()));
        }
        Double cost = usage.cost().cost(day.soFar());
        return new UsageFigures(day.day(), round(day.soFar()), round(day.lastHour()),
                round(day.forecast()), round(cost), cost == null ? null : usage.cost().currency(), null, null);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }

    /**
     * The p95 queue wait of this snapshot's queries per WLM queue, by queue name: as few entries as the cluster has
     * queues (never per user or table), so alerting can publish it as a metric dimension. Null on Serverless (no queues).
     */
    static Map<String, Double> queueWaitP95(Map<Instant, Workload> hours) {
        Map<String, autopilot.analyzer.model.Waits> byQueue = new TreeMap<>();
        for (Workload w : hours.values()) {
            for (Workload.QueueHour q : w.queueHours.values()) {
                String name = q.name != null && !q.name.isBlank() ? q.name : "service class " + q.serviceClass;
                byQueue.computeIfAbsent(name, n -> new autopilot.analyzer.model.Waits()).add(q.waits);
            }
        }
        if (byQueue.isEmpty()) return null;
        Map<String, Double> p95 = new TreeMap<>();
        byQueue.forEach((name, waits) -> p95.put(name, waits.count() == 0 ? 0.0 : waits.percentile(95)));
        return p95;
    }

    private static Workload copy(Workload w) {
        return new Workload().add(w);
    }
}
