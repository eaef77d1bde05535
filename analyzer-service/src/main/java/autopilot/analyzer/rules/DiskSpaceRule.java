package autopilot.analyzer.rules;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disk filling up, per node (STV_PARTITIONS: used less tossed over capacity, as AWS's sample for the
 * table computes it): a warning from {@code disk.warn-pct} on the fullest node, critical from
 * {@code disk.critical-pct}, or when the fullest node's trend may reach 100 % within
 * {@code disk.page-horizon} (the early end of the crossing's 95 % interval; a line through the
 * points of the earlier snapshots within {@code disk.forecast-lookback} and this one, with the
 * forecasts' minimum points and R², {@link Trend}). A node fills before the cluster does (skewed
 * tables, a spilling query), so the fullest node decides, not the average. Provisioned only:
 * Serverless has no disk figure, and a snapshot without {@code disk} neither raises nor resolves
 * the finding.
 *
 * <p>STV_PARTITIONS counts raw capacity, which includes space Redshift reserves, so the share reads
 * lower than the console's PercentageDiskSpaceUsed on the same cluster (r_STV_PARTITIONS); the
 * evidence says so. The tables that grew most over the lookback ({@code disk.top-tables}, from the
 * stored table history: since the analyzer first saw them when it is younger than that) are named
 * when the share is past the warning. The headline is the fullest node's share, so a finding whose forecast moves is
 * refreshed, not updated, until the share itself moves.
 */
public final class DiskSpaceRule implements Rule {

    private static final double FULL_PCT = 100;

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.DISK_SPACE);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.DISK);
    }

    /** The fullest node's used share, in %; null when the snapshot lists no node. */
    public static Double maxUsedPct(OnCall onCall) {
        return onCall.disk().stream().map(OnCall.NodeDisk::usedPct).max(Double::compare).orElse(null);
    }

    /**
     * The fullest node's trend towards a full disk over the earlier snapshots' points within the lookback and this
     * snapshot's; null when there is none worth a forecast (too few points, a poor fit, no growth).
     */
    static Trend forecast(ClusterView view) {
        Thresholds t = view.thresholds();
        OnCall onCall = view.onCall();
        Double max = maxUsedPct(onCall);
        Instant now = onCall.observedAt() != null ? onCall.observedAt() : view.asOf();
        if (max == null) return null;
        Instant since = now.minus(t.disk().forecastLookback());
        List<OnCall.DiskPoint> points = new ArrayList<>(onCall.past().disk().stream()
                .filter(p -> !p.at().isBefore(since) && p.at().isBefore(now)).toList());
        points.add(new OnCall.DiskPoint(now, max));
        long[] epochs = points.stream().mapToLong(p -> p.at().getEpochSecond()).toArray();
        double[] values = points.stream().mapToDouble(OnCall.DiskPoint::maxNodeUsedPct).toArray();
        return Trend.fit(epochs, values, null, now.getEpochSecond(), FULL_PCT, t.forecast().minPoints(), t.forecast().minR2());
    }

    /** Hours until the fullest node is full at its trend; null without a trend. */
    public static Double hoursToFull(ClusterView view) {
        Trend trend = forecast(view);
        return trend == null ? null : Math.round(trend.days() * 240) / 10.0;
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<OnCall.NodeDisk> nodes = view.onCall().disk().stream().sorted(Comparator.comparingInt(OnCall.NodeDisk::node)).toList();
        Double max = maxUsedPct(view.onCall());
        if (max == null) return List.of();
        Trend trend = forecast(view);
        double horizonHours = t.disk().pageHorizon().toMinutes() / 60.0;
        boolean fillsSoon = trend != null && trend.lowDays() * 24 <= horizonHours;
        if (max < t.disk().warnPct() && !fillsSoon) return List.of();
        boolean critical = max >= t.disk().criticalPct() || fillsSoon;
        OnCall.NodeDisk fullest = nodes.stream().max(Comparator.comparingDouble(OnCall.NodeDisk::usedPct)).orElseThrow();
        long used = 0;
        long capacity = 0;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("max_node_used_pct", round(max), "%",
                max >= t.disk().criticalPct() ? t.disk().criticalPct() : t.disk().warnPct()));
        for (OnCall.NodeDisk n : nodes) {
            evidence.add(new Evidence("node_used_pct", round(n.usedPct()), "%", null, "node " + n.node() + ": "
                    + Math.max(0, n.usedMb() - n.tossedMb()) + " of " + n.capacityMb() + " MB"));
            used += Math.max(0, n.usedMb() - n.tossedMb());
            capacity += n.capacityMb();
        }
        evidence.add(Evidence.measured("cluster_used_mb", used, "MB", null));
        evidence.add(Evidence.measured("cluster_capacity_mb", capacity, "MB", null));
        String forecastText = "";
        if (trend != null) {
            String interval = Sql.num(trend.lowDays() * 24) + "-" + (Double.isInfinite(trend.highDays()) ? "open" : Sql.num(trend.highDays() * 24));
            evidence.add(new Evidence("hours_to_full", Math.round(trend.days() * 240) / 10.0, "h", null, "95 % interval " + interval
                    + " h; " + trend.points() + " points, R² " + String.format(java.util.Locale.ROOT, "%.2f", trend.r2())));
            evidence.add(Evidence.measured("growth_pct_per_hour", Math.round(trend.slopePerDay() / 24 * 100) / 100.0, "%/h", null));
            forecastText = " At the trend of the last " + trend.points() + " snapshots (" + Sql.num(trend.slopePerDay() / 24)
                    + " points an hour) the node is full in about " + Sql.num(trend.days() * 24) + " hours (95 % interval " + interval
                    + " hours)" + (fillsSoon ? ", possibly within the " + Sql.num(horizonHours) + " hours on-call is paged for." : ".");
        }
        Map<Long, TableState> tables = view.tablesById();
        for (OnCall.TableGrowth g : view.onCall().past().grownTables()) {
            evidence.add(new Evidence("grown_table", (double) (g.toMb() - g.fromMb()), "MB", null, BlockingSessionRule.tableName(tables,
                    g.tableId()) + ": " + g.fromMb() + " -> " + g.toMb() + " MB since " + g.since()));
        }
        evidence.add(Evidence.text("capacity_note", "STV_PARTITIONS capacity is raw disk including space Redshift reserves: the"
                + " console's PercentageDiskSpaceUsed reads higher"));
        String title = "Disk " + Sql.pct(max) + " % full on node " + fullest.node() + " of " + nodes.size()
                + (trend != null ? ", full in ~" + Sql.num(trend.days() * 24) + " h" : "")
                + (max >= t.disk().criticalPct() ? ": within a tenth of full" : "");
        String explanation = "Node " + fullest.node() + " uses " + Sql.pct(max) + " % of its disk (used less tossed blocks over"
                + " capacity, STV_PARTITIONS); the cluster as a whole " + Sql.pct(capacity == 0 ? 0 : 100.0 * used / capacity) + " %."
                + forecastText + " A full node fails writes, and queries whose steps spill to disk fail with it; VACUUM needs free"
                + " space to sort.";
        RecommendedAction action = new RecommendedAction("Free disk space or add capacity before the fullest node fills", List.of(),
                "Find what grew (SVV_TABLE_INFO size, STV_PARTITIONS per node); drop or UNLOAD tables no longer needed; run"
                        + " VACUUM DELETE ONLY on tables with many deleted rows; look for queries spilling to disk (disk-based"
                        + " query findings); resize or add nodes if the data itself grew. Nothing here is run by Autopilot.");
        return List.of(new FindingDraft(FindingCategory.DISK_SPACE, critical ? Severity.CRITICAL : Severity.WARNING,
                new ObjectRef(ObjectRef.Kind.CLUSTER, "disk", null, null, null), title, explanation, evidence, action, null, null));
    }

    private static double round(double pct) {
        return Math.round(pct * 10) / 10.0;
    }
}
