package autopilot.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.CollectionGapDetected;
import autopilot.events.Finding;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final Pipeline pipeline = new Pipeline(TestThresholds.defaults(), t -> false);

    static SnapshotData workload(Instant... ends) {
        SnapshotBuilder b = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW).source("queries", SnapshotBuilder.QUERIES);
        long id = 1;
        for (Instant end : ends) {
            b.row(id++, 1, 1, 1, "", "dev", end.minusSeconds(2), end, 0, 0, 6, "etl", 1, end, end, 1_000_000, 1_000_000, "select 1");
        }
        return b.build();
    }

    @Test
    void aResentWindowIsNotCountedTwice() {
        Instant a = NOW.minusSeconds(600);
        Instant b = NOW.minusSeconds(300);
        Outcome first = pipeline.run(workload(a, b), PriorState.empty(), NOW);
        Map<Instant, Workload> stored = new HashMap<>(first.workloadHours());
        PriorState prior = new PriorState(List.of(), stored, Map.of(), Map.of(), Map.of(), b);
        // The collector re-sent a and b (died before moving its watermark) plus one new query.
        Outcome second = pipeline.run(workload(a, b, NOW.minusSeconds(60)), prior, NOW);
        assertThat(second.workloadHours().values().stream().mapToLong(w -> w.queries).sum()).isEqualTo(1);
    }

    @Test
    void addingHoursLeavesTheStoredHoursUntouched() {
        Outcome first = pipeline.run(workload(NOW.minusSeconds(600)), PriorState.empty(), NOW);
        Workload hour = first.workloadHours().values().iterator().next();
        long before = hour.queries;
        PriorState prior = new PriorState(List.of(), new HashMap<>(first.workloadHours()), Map.of(), Map.of(), Map.of(), null);
        pipeline.run(workload(NOW.minusSeconds(500), NOW.minusSeconds(400)), prior, NOW);
        assertThat(hour.queries).isEqualTo(before);
        assertThat(hour.queueHours.values().iterator().next().queries).isEqualTo(before);
    }

    @Test
    void healthFiguresComeFromTheSnapshot() {
        Outcome o = pipeline.run(workload(NOW.minusSeconds(600), NOW.minusSeconds(300)), PriorState.empty(), NOW);
        assertThat(o.health().wlmQueueWaitP95Millis()).isEqualTo(1000.0);
        assertThat(o.health().queueWaitP95MillisByQueue()).as("per WLM queue, by name").containsExactly(Map.entry("etl", 1000.0));
        assertThat(o.health().maxUnsortedPct()).isNull(); // a workload-only snapshot says nothing about tables
        assertThat(o.health().collectionLagSeconds()).isEqualTo(0.0);
    }

    @Test
    void aCollectionGapStaysOpenUntilTheWindowHasMovedPastIt() {
        CollectionGapDetected gap = new CollectionGapDetected("queries", NOW.minusSeconds(8 * 86400), NOW.minusSeconds(3 * 86400), "away");
        Transition raised = Pipeline.gap("c1", gap, Map.of(), NOW, null);
        assertThat(raised).isInstanceOf(Transition.Raised.class);
        Map<String, Finding> open = Map.of(raised.finding().fingerprint(), raised.finding());
        assertThat(Pipeline.gap("c1", gap, open, NOW, null)).isInstanceOf(Transition.Refreshed.class);
        PriorState prior = new PriorState(List.of(), Map.of(), Map.of(), open, Map.of(), null);
        List<Transition> t = pipeline.run(workload(NOW.minusSeconds(60)), prior, NOW).transitions();
        assertThat(t).anySatisfy(x -> assertThat(x).isInstanceOf(Transition.Resolved.class));

        CollectionGapDetected recent = new CollectionGapDetected("queries", NOW.minusSeconds(7200), NOW.minusSeconds(3600), "away");
        Transition r2 = Pipeline.gap("c1", recent, Map.of(), NOW, null);
        PriorState prior2 = new PriorState(List.of(), Map.of(), Map.of(), Map.of(r2.finding().fingerprint(), r2.finding()), Map.of(), null);
        assertThat(pipeline.run(workload(NOW.minusSeconds(60)), prior2, NOW).transitions())
                .noneSatisfy(x -> assertThat(x).isInstanceOf(Transition.Resolved.class));
    }

    /** A provisioned workload snapshot with every on-call source: a blocked reader, a runaway, a full node, an abort, a load error, commits. */
    static SnapshotData onCall(long diskUsedMb) {
        SnapshotBuilder b = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW).source("queries", SnapshotBuilder.QUERIES)
                .row(1, 1, 1, 1, "", "dev", NOW.minusSeconds(62), NOW.minusSeconds(60), 0, 0, 6, "etl", 1, NOW, NOW, 0, 2_000_000, "select 1");
        b.source(SnapshotData.DISK, SnapshotBuilder.DISK).row(0, diskUsedMb, 0, 100_000, 2).row(1, 10_000, 0, 100_000, 2);
        b.source(SnapshotData.LOCKS, SnapshotBuilder.LOCKS)
                .row(45001, 9001, "etl_user", "dev", NOW.minusSeconds(1500), "AccessExclusiveLock", "relation", 40, true)
                .row(45002, 9002, "bi_user", "dev", NOW.minusSeconds(600), "AccessShareLock", "relation", 40, false);
        b.source(SnapshotData.LOCK_STATEMENTS, SnapshotBuilder.LOCK_STATEMENTS);
        b.source(SnapshotData.INFLIGHT, SnapshotBuilder.INFLIGHT)
                .row(8001, 104, "analyst", 45010, 9010, "", NOW.minusSeconds(9_600), 4, 7, "select * from clicks", "select * from clicks")
                .row(8002, 100, "maint", 45011, 9011, "autopilot-maint", NOW.minusSeconds(20_000), 4, 15, "vacuum sales", "vacuum sales");
        b.source(SnapshotData.QMR_CONFIG, SnapshotBuilder.QMR_CONFIG);
        b.source(SnapshotData.QMR_ACTIONS, SnapshotBuilder.QMR_ACTIONS).row(7001, 104, 7, "bi", "bi_abort_long", "abort", "", NOW.minusSeconds(900))
                .row(7002, 104, 7, "bi", "bi_abort_long", "abort", "", NOW.minusSeconds(5_000));
        b.source(SnapshotData.COMMITS, SnapshotBuilder.COMMITS).row(9001, NOW.minusSeconds(30), NOW.minusSeconds(25), NOW.minusSeconds(24), 2, 2);
        b.source(SnapshotData.CONFLICTS, SnapshotBuilder.CONFLICTS);
        b.source(SnapshotData.LOADS, SnapshotBuilder.LOADS);
        b.source(SnapshotData.LOAD_ERRORS, SnapshotBuilder.LOAD_ERRORS).row(5002, 40, NOW.minusSeconds(3_000), "s3://b/f.gz", 4, "amount", 1207,
                "Invalid digit", 0);
        return b.build();
    }

    @Test
    void theOnCallFiguresComeFromTheSnapshotsOnCallSources() {
        Outcome o = pipeline.run(onCall(92_000), PriorState.empty(), NOW);
        var h = o.health();
        assertThat(h.maxNodeDiskUsedPct()).isEqualTo(92.0);
        assertThat(h.diskHoursToFull()).isNull(); // no disk forecast yet
        assertThat(h.blockedSessions()).isEqualTo(1);
        assertThat(h.longestBlockSeconds()).isEqualTo(600.0);
        assertThat(h.runawayQueries()).isEqualTo(1);
        assertThat(h.longestRunningQuerySeconds()).as("Autopilot's own VACUUM does not count").isEqualTo(9_600.0);
        assertThat(h.qmrAbortsLastHour()).isEqualTo(1);
        assertThat(h.loadErrorsLastDay()).isEqualTo(1);
        assertThat(h.commitQueueWaitP95Millis()).isEqualTo(5_000.0);
        // Load-error findings wait until the cluster's tables are known (LoadErrorRuleTest); this snapshot knows none.
        assertThat(o.transitions()).extracting(t -> t.finding().category().name())
                .contains("DISK_SPACE", "BLOCKING_SESSION", "RUNAWAY_QUERY", "QMR_ACTION").doesNotContain("LOAD_ERRORS");
        assertThat(o.plan().items()).as("on-call findings never become work").isEmpty();

        Outcome none = pipeline.run(workload(NOW.minusSeconds(60)), PriorState.empty(), NOW);
        assertThat(none.health().maxNodeDiskUsedPct()).isNull();
        assertThat(none.health().blockedSessions()).isNull();
        assertThat(none.health().runawayQueries()).isNull();
        assertThat(none.health().qmrAbortsLastHour()).isNull();
        assertThat(none.health().loadErrorsLastDay()).isNull();
        assertThat(none.health().commitQueueWaitP95Millis()).isNull();
    }

    @Test
    void aSnapshotWithoutDiskNeitherRaisesNorResolvesADiskFinding() {
        Outcome full = pipeline.run(onCall(92_000), PriorState.empty(), NOW);
        Map<String, Finding> open = new HashMap<>();
        full.transitions().forEach(t -> open.put(t.finding().fingerprint(), t.finding()));
        PriorState prior = new PriorState(List.of(), new HashMap<>(full.workloadHours()), Map.of(), open, Map.of(), null);

        List<Transition> noDisk = pipeline.run(workload(NOW.minusSeconds(30)), prior, NOW).transitions();
        assertThat(noDisk).noneMatch(t -> t.finding().category().name().equals("DISK_SPACE"));

        List<Transition> freed = pipeline.run(onCall(50_000), prior, NOW).transitions();
        assertThat(freed).anyMatch(t -> t instanceof Transition.Resolved && t.finding().category().name().equals("DISK_SPACE"));
    }

    @Test
    void userMetricsThatReturnedANumberArePassedOnWithTheirUnit() {
        SnapshotData snapshot = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW)
                .source("user_metrics", "name", "value", "unit", "error")
                .row("OpenOrders", 17, "Count", null)
                .row("Broken", null, "None", "the SELECT failed: relation does not exist")
                .row("LoadLagSeconds", new java.math.BigDecimal("42.5"), "Seconds", null).build();
        assertThat(pipeline.run(snapshot, PriorState.empty(), NOW).health().userMetrics()).containsExactly(
                new autopilot.events.UserMetric("OpenOrders", 17.0, "Count"), new autopilot.events.UserMetric("LoadLagSeconds", 42.5, "Seconds"));
        assertThat(pipeline.run(workload(NOW.minusSeconds(30)), PriorState.empty(), NOW).health().userMetrics())
                .as("none configured").isNull();
    }
}
