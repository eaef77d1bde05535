package autopilot.analyzer.engine;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.Waits;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.BlockingSessionRule;
import autopilot.analyzer.rules.ClusterView;
import autopilot.analyzer.rules.DiskSpaceRule;
import autopilot.analyzer.rules.FindingDraft;
import autopilot.analyzer.rules.QmrActionRule;
import autopilot.analyzer.rules.RunawayQueryRule;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.FindingCategory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The on-call figures of a cluster health report, each null when the snapshot lacks its source (or, for those the
 * rules compute, when their rule could not run), so alerting sends no metric rather than a false zero.
 *
 * @param maxNodeDiskUsedPct         the fullest node's used share
 * @param diskHoursToFull            hours until it is full at its trend; null without a trend
 * @param blockedSessions            sessions waiting for a lock another holds in a conflicting mode
 * @param longestBlockSeconds        the longest of those waits
 * @param runawayQueries             the runaway rule's findings
 * @param longestRunningQuerySeconds the longest running query the runaway rule judges (Autopilot's maintenance left out)
 * @param qmrAbortsLastHour          queries query monitoring rules aborted in the hour before the snapshot's end
 * @param loadErrorsLastDay          rejected lines in the collector's lookback
 * @param commitQueueWaitP95Millis   p95 commit queue wait of the commits this snapshot brought
 */
record OnCallHealth(Double maxNodeDiskUsedPct, Double diskHoursToFull, Integer blockedSessions, Double longestBlockSeconds,
                    Integer runawayQueries, Double longestRunningQuerySeconds, Integer qmrAbortsLastHour, Integer loadErrorsLastDay,
                    Double commitQueueWaitP95Millis) {

    /**
     * @param hours  this snapshot's workload hours (its commits, not the window's)
     * @param drafts what the rules concluded on {@code view}
     */
    static OnCallHealth of(ClusterView view, Map<Instant, Workload> hours, List<FindingDraft> drafts) {
        OnCall onCall = view.onCall();
        Instant at = onCall.observedAt();
        Double disk = null;
        Double hoursToFull = null;
        if (onCall.has(SnapshotData.DISK)) {
            Double max = DiskSpaceRule.maxUsedPct(onCall);
            disk = max == null ? 0.0 : Math.round(max * 10) / 10.0;
            hoursToFull = DiskSpaceRule.hoursToFull(view);
        }
        Integer blocked = null;
        Double longestBlock = null;
        if (onCall.has(SnapshotData.LOCKS)) {
            List<BlockingSessionRule.Wait> waits = BlockingSessionRule.waits(onCall, at);
            blocked = (int) waits.stream().mapToLong(w -> w.waiter().pid()).distinct().count();
            longestBlock = (double) Math.round(waits.stream().mapToDouble(BlockingSessionRule.Wait::seconds).max().orElse(0));
        }
        Integer runaways = null;
        Double longestRunning = null;
        if (onCall.has(SnapshotData.INFLIGHT) && view.hasWorkload()) {
            runaways = (int) drafts.stream().filter(d -> d.category() == FindingCategory.RUNAWAY_QUERY).count();
            longestRunning = (double) Math.round(onCall.running().stream().filter(r -> RunawayQueryRule.judged(r, view.thresholds()))
                    .mapToDouble(r -> RunawayQueryRule.age(r, at)).max().orElse(0));
        }
        Integer aborts = onCall.has(SnapshotData.QMR_ACTIONS) && view.hasWorkload()
                ? (int) QmrActionRule.abortsLastHour(view.workload(), view.asOf()) : null;
        Integer loadErrors = onCall.has(SnapshotData.LOAD_ERRORS) ? onCall.loadErrors().size() : null;
        Double commitP95 = null;
        if (onCall.has(SnapshotData.COMMITS)) {
            Waits commits = new Waits();
            hours.values().forEach(w -> w.commitHours.values().forEach(h -> commits.add(h.waits)));
            commitP95 = commits.count() == 0 ? 0.0 : commits.percentile(95);
        }
        return new OnCallHealth(disk, hoursToFull, blocked, longestBlock, runaways, longestRunning, aborts, loadErrors, commitP95);
    }
}
