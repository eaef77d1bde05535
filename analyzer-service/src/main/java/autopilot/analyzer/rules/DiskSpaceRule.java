package autopilot.analyzer.rules;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Disk filling up, per node (STV_PARTITIONS: used less tossed over capacity, as AWS's sample for the
 * table computes it): a warning from {@code disk.warn-pct} on the fullest node, critical from
 * {@code disk.critical-pct}. A node fills before the cluster does (skewed tables, a spilling query),
 * so the fullest node decides, not the average. Provisioned only: Serverless has no disk figure,
 * and a snapshot without {@code disk} neither raises nor resolves the finding.
 *
 * <p>STV_PARTITIONS counts raw capacity, which includes space Redshift reserves, so the share reads
 * lower than the console's PercentageDiskSpaceUsed on the same cluster (r_STV_PARTITIONS); the
 * evidence says so. No forecast of when the disk fills yet: that needs a stored series of these
 * figures (see the analyzer README).
 */
public final class DiskSpaceRule implements Rule {

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

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<OnCall.NodeDisk> nodes = view.onCall().disk().stream().sorted(Comparator.comparingInt(OnCall.NodeDisk::node)).toList();
        Double max = maxUsedPct(view.onCall());
        if (max == null || max < t.disk().warnPct()) return List.of();
        boolean critical = max >= t.disk().criticalPct();
        OnCall.NodeDisk fullest = nodes.stream().max(Comparator.comparingDouble(OnCall.NodeDisk::usedPct)).orElseThrow();
        long used = 0;
        long capacity = 0;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("max_node_used_pct", round(max), "%", critical ? t.disk().criticalPct() : t.disk().warnPct()));
        for (OnCall.NodeDisk n : nodes) {
            evidence.add(new Evidence("node_used_pct", round(n.usedPct()), "%", null, "node " + n.node() + ": "
                    + Math.max(0, n.usedMb() - n.tossedMb()) + " of " + n.capacityMb() + " MB"));
            used += Math.max(0, n.usedMb() - n.tossedMb());
            capacity += n.capacityMb();
        }
        evidence.add(Evidence.measured("cluster_used_mb", used, "MB", null));
        evidence.add(Evidence.measured("cluster_capacity_mb", capacity, "MB", null));
        evidence.add(Evidence.text("capacity_note", "STV_PARTITIONS capacity is raw disk including space Redshift reserves: the"
                + " console's PercentageDiskSpaceUsed reads higher"));
        String title = "Disk " + Sql.pct(max) + " % full on node " + fullest.node() + " of " + nodes.size()
                + (critical ? ": within a tenth of full" : "");
        String explanation = "Node " + fullest.node() + " uses " + Sql.pct(max) + " % of its disk (used less tossed blocks over"
                + " capacity, STV_PARTITIONS); the cluster as a whole " + Sql.pct(capacity == 0 ? 0 : 100.0 * used / capacity) + " %."
                + " A full node fails writes, and queries whose steps spill to disk fail with it; VACUUM needs free space to sort.";
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
