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
}
