package autopilot.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A snapshot read part by part, the workload straight into its hours, gives the hours of the same
 * snapshot read whole, whatever order its parts come in and however often one is delivered.
 */
class SnapshotPartsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final EventCodec codec = new EventCodec();

    /** Two hours of queries on two tables with their scans, compilations, spills and an alert; two rows per part. */
    private List<SnapshotPartCollected> parts() {
        SnapshotBuilder b = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, T0.plus(Duration.ofHours(3)))
                .source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES);
        String[] texts = {"select count(*) from tickets where body like '%refund%'", "select * from tickets t join users u on t.uid = u.id",
                "select distinct subject from tickets where body like '%x%'"};
        for (int i = 0; i < 12; i++) {
            Instant start = T0.plusSeconds(600L * i);
            long execMs = 500 + 900L * i;
            b.source(SnapshotData.QUERIES).row(100 + i, 100, i, 1, "", "dev", start, start.plusMillis(execMs + 10L * i), i % 5 == 0 ? 1 : 0, 0,
                    6 + i % 2, i % 2 == 0 ? "etl" : "bi", 1, start, start.plusMillis(10L * i), 10_000L * i, execMs * 1000, texts[i % 3]);
            b.source(SnapshotData.SCANS, SnapshotBuilder.SCANS).row(100 + i, 40 + i % 2, i % 2 == 0 ? "tickets" : "users", i % 3 == 0 ? 35 : 2,
                    4, 1000L * i, 1000L * i, 900L * i, 10_000L * i, start, start.plusMillis(execMs), i % 2);
            b.source(SnapshotData.COMPILE, SnapshotBuilder.COMPILE).row(100 + i, 3, i % 4 == 0 ? 2 : 0, i % 4 == 0 ? start : null,
                    i % 4 == 0 ? start.plusMillis(400) : null);
        }
        b.source(SnapshotData.DISK_STEPS, SnapshotBuilder.DISK_STEPS).row(103, 1, 3, T0, 10, 150_000_000, "hash tbl=1")
                .row(103, 2, 4, T0, 10, 1_000, "sort tbl=1").row(107, 1, 2, T0, 5, 10, "aggr");
        b.source(SnapshotData.ALERTS, SnapshotBuilder.ALERTS).row(101, "Missing query planner statistics", "Missing statistics",
                "Run ANALYZE", T0).row(101, "Missing query planner statistics", "Missing statistics", "Run ANALYZE", T0)
                .row(104, "Nested Loop Join in the query plan", "Nested loop", "Review the join predicates", T0);
        b.source(SnapshotData.WLM_CONFIG, SnapshotBuilder.WLM_CONFIG).row(6, "etl", 5, 5, 1024, 0, "off", "normal");
        // The logs that stand alone, each by the hour of its own time: one row of each before the counted time below.
        for (int i = 0; i < 5; i++) {
            Instant at = T0.plusSeconds(500 + 1_500L * i);
            b.source(SnapshotData.QMR_ACTIONS, SnapshotBuilder.QMR_ACTIONS).row(100 + i, 100, 7, "bi", "bi_abort_long", "abort", "", at);
            b.source(SnapshotData.COMMITS, SnapshotBuilder.COMMITS).row(i, at.minusSeconds(20), at.minusSeconds(8), at, 3, 2);
            b.source(SnapshotData.CONFLICTS, SnapshotBuilder.CONFLICTS).row(i, 45000 + i, at.minusSeconds(60), at, 40);
        }
        b.source(SnapshotData.LOCKS, SnapshotBuilder.LOCKS).row(45001, 9001, "etl_user", "dev", T0, "AccessExclusiveLock", "relation", 40, true);
        b.source(SnapshotData.TABLE_INFO, SnapshotBuilder.TABLE_INFO).row("dev", "public", 40, "tickets", "Y", "KEY(uid)", "created",
                100, "none", 1, 120, 0.1, 30.0, 15.0, 1_000_000, 1.0, 1.2, 1_000_000, 20.0, "2026-01-01 00:00:00");
        return b.parts(2);
    }

    private List<String> bodies(List<SnapshotPartCollected> parts) {
        return parts.stream().map(p -> codec.encode(EventEnvelope.create("c1", "collector-service", p, Clock.systemUTC()))).toList();
    }

    private String json(Object value) throws Exception {
        return codec.mapper().writeValueAsString(value);
    }

    @Test
    void readingPartByPartGivesTheHoursOfTheWholeSnapshotInAnyOrder() throws Exception {
        List<SnapshotPartCollected> parts = parts();
        Instant countedUpTo = T0.plusSeconds(1_000); // the first two queries were counted by an earlier snapshot
        String whole = json(WorkloadAggregator.byHour(SnapshotData.of("c1", parts), countedUpTo));
        assertThat(whole).contains("Nested Loop Join").contains("hash").contains("\"40\"");
        Workload total = WorkloadAggregator.total(WorkloadAggregator.byHour(SnapshotData.of("c1", parts), countedUpTo));
        assertThat(total.qmrActions.get("7|bi_abort_long|abort").count).isEqualTo(4);
        assertThat(total.commitHours.values().stream().mapToLong(h -> h.commits).sum()).isEqualTo(4);
        assertThat(total.commitHours.values().iterator().next().waits.percentile(50)).isEqualTo(12_000);
        assertThat(total.conflicts.get(40L).count).isEqualTo(4);

        List<String> queriesFirst = new ArrayList<>(bodies(parts));
        queriesFirst.sort((a, b) -> Boolean.compare(!a.contains("\"source\":\"queries\""), !b.contains("\"source\":\"queries\"")));
        List<String> joinedFirst = new ArrayList<>(queriesFirst);
        Collections.reverse(joinedFirst);
        List<String> shuffledTwice = new ArrayList<>(queriesFirst);
        shuffledTwice.addAll(bodies(parts)); // every part delivered twice
        Collections.shuffle(shuffledTwice, new Random(3));
        for (List<String> order : List.of(queriesFirst, joinedFirst, shuffledTwice)) {
            SnapshotParts read = SnapshotParts.read("c1", order, codec.mapper(), countedUpTo);
            assertThat(json(read.workload().hours())).isEqualTo(whole);
            assertThat(read.workload().countedUpTo()).isEqualTo(countedUpTo);
            assertThat(read.snapshot().hasWorkload()).isTrue();
            assertThat(read.snapshot().workloadTo()).contains(T0.plus(Duration.ofHours(3)));
            assertThat(read.snapshot().rows(SnapshotData.TABLE_INFO).size()).isEqualTo(1); // the other sources keep their rows
            assertThat(read.snapshot().rows(SnapshotData.LOCKS).size()).isEqualTo(1);
        }
    }

    @Test
    void theRowsOfTheAggregatedSourcesAreNotKept() {
        SnapshotParts read = SnapshotParts.read("c1", bodies(parts()), codec.mapper(), null);
        SourceRows scans = read.snapshot().rows(SnapshotData.SCANS);
        assertThat(scans.aggregated()).isTrue();
        assertThatThrownBy(scans::rows).isInstanceOf(IllegalStateException.class).hasMessageContaining("aggregated");
        assertThat(read.snapshot().workloadAggregated()).isTrue();
    }

    @Test
    void theAnalysisOfAPartByPartSnapshotEqualsThatOfTheWholeOne() {
        List<SnapshotPartCollected> parts = parts();
        Instant now = T0.plus(Duration.ofHours(4));
        Pipeline pipeline = new Pipeline(TestThresholds.defaults(), t -> false);
        Outcome whole = pipeline.run(SnapshotData.of("c1", parts), PriorState.empty(), now);
        SnapshotParts read = SnapshotParts.read("c1", bodies(parts), codec.mapper(), null);
        Outcome streamed = pipeline.run(read.snapshot(), read.workload(), PriorState.empty(), now, Pipeline.Steps.NONE);
        assertThat(streamed.transitions()).isNotEmpty();
        assertThat(streamed.transitions().stream().map(t -> t.finding().fingerprint() + t.finding().severity()).sorted().toList())
                .isEqualTo(whole.transitions().stream().map(t -> t.finding().fingerprint() + t.finding().severity()).sorted().toList());
        assertThat(streamed.health()).usingRecursiveComparison().isEqualTo(whole.health());
    }

    @Test
    void hoursCountedUpToAnotherTimeThanThePriorStateSaysAreRefused() {
        SnapshotParts read = SnapshotParts.read("c1", bodies(parts()), codec.mapper(), null);
        PriorState counted = new PriorState(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), T0);
        assertThatThrownBy(() -> new Pipeline(TestThresholds.defaults(), t -> false).run(read.snapshot(), read.workload(), counted, T0,
                Pipeline.Steps.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counting queries after");
    }

    @Test
    void theAggregatorRefusesQueriesAfterTheRowsThatJoinToThem() {
        List<SnapshotPartCollected> parts = parts();
        WorkloadAggregator aggregator = new WorkloadAggregator(null);
        parts.stream().filter(p -> p.source().equals(SnapshotData.SCANS)).findFirst().map(SourceRows::of).ifPresent(aggregator::accept);
        SourceRows queries = SourceRows.of(parts.stream().filter(p -> p.source().equals(SnapshotData.QUERIES)).findFirst().orElseThrow());
        assertThatThrownBy(() -> aggregator.accept(queries)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queries must come before");
    }
}
