package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.open;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static autopilot.analyzer.rules.WorkloadSnapshot.transitions;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Finding;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskSpaceRuleTest {

    /** Two nodes of 100,000 MB: node 0 at 50 %, node 1 with {@code usedMb} used of which 1,000 MB tossed. */
    static WorkloadSnapshot disk(long usedMb) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        w.builder().source(SnapshotData.DISK, SnapshotBuilder.DISK).row(0, 50_000, 0, 100_000, 2).row(1, usedMb, 1_000, 100_000, 2);
        return w;
    }

    private static List<FindingDraft> drafts(long usedMb) {
        return run(new DiskSpaceRule(), disk(usedMb).view());
    }

    @Test
    void theFullestNodeDecidesWithTossedBlocksNotCounted() {
        assertThat(drafts(80_999)).as("79.999 %").isEmpty();
        FindingDraft warning = drafts(81_000).get(0);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.CLUSTER, "disk", null, null, null));
        assertThat(value(warning, "max_node_used_pct")).isEqualTo(80.0);
        assertThat(warning.evidence()).filteredOn(e -> e.name().equals("node_used_pct")).extracting(e -> e.detail())
                .containsExactly("node 0: 50000 of 100000 MB", "node 1: 80000 of 100000 MB");
        assertThat(value(warning, "cluster_used_mb")).isEqualTo(130_000);
        assertThat(warning.action().sql()).isEmpty();
        assertThat(warning.work()).isNull();

        assertThat(drafts(90_999).get(0).severity()).isEqualTo(Severity.WARNING);
        FindingDraft critical = drafts(91_000).get(0);
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.title()).isEqualTo("Disk 90 % full on node 1 of 2: within a tenth of full");
    }

    @Test
    void freeingSpaceResolvesAndASnapshotWithoutDiskResolvesNothing() {
        Map<String, Finding> open = open(transitions(new DiskSpaceRule(), disk(95_000).view(), Map.of()));
        assertThat(open).hasSize(1);

        // Serverless has no disk source: the finding stays as it was.
        WorkloadSnapshot serverless = WorkloadSnapshot.serverless();
        assertThat(transitions(new DiskSpaceRule(), serverless.view(), open)).isEmpty();

        // Down from critical to a warning: an update (alerting pages the end of the critical part)...
        assertThat(transitions(new DiskSpaceRule(), disk(85_000).view(), open)).singleElement()
                .isInstanceOfSatisfying(Transition.Updated.class, u -> assertThat(u.finding().severity()).isEqualTo(Severity.WARNING));
        // ...and below the warning, resolved.
        assertThat(transitions(new DiskSpaceRule(), disk(70_000).view(), open)).singleElement().isInstanceOf(Transition.Resolved.class);
    }

    @Test
    void thresholdsAreConfigurable() {
        assertThat(run(new DiskSpaceRule(), disk(71_000).view(TestThresholds.with(Map.of("disk.warn-pct", "70"))))).hasSize(1);
    }

    /** The view of {@code w} with the fullest node's share at earlier snapshots, one an hour before now for each value. */
    static ClusterView withHistory(WorkloadSnapshot w, double... hourly) {
        return withPast(w, List.of(), hourly);
    }

    static ClusterView withPast(WorkloadSnapshot w, List<OnCall.TableGrowth> grown, double... hourly) {
        ClusterView v = w.view();
        List<OnCall.DiskPoint> points = new ArrayList<>();
        for (int i = 0; i < hourly.length; i++) {
            points.add(new OnCall.DiskPoint(v.asOf().minus(Duration.ofHours(hourly.length - i)), hourly[i]));
        }
        return new ClusterView(v.clusterId(), v.kind(), v.asOf(), v.tables(), v.freshTables(), v.workload(), v.freshWorkload(),
                v.workloadWindow(), v.thresholds(), v.history(), v.design(), v.onCall().withPast(new OnCall.Past(points, grown)));
    }

    @Test
    void aDiskThatMayFillWithinTheHorizonPagesBeforeNinetyPercent() {
        // 70, 72, ... 78 % in the five hours before, 80 % now: 2 points an hour, full in 10 hours.
        FindingDraft d = run(new DiskSpaceRule(), withHistory(disk(81_000), 70, 72, 74, 76, 78)).get(0);
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(value(d, "hours_to_full")).isEqualTo(10.0);
        assertThat(value(d, "growth_pct_per_hour")).isEqualTo(2.0);
        assertThat(d.evidence().get(0).name()).as("the headline stays the share, not the moving forecast").isEqualTo("max_node_used_pct");
        assertThat(d.title()).isEqualTo("Disk 80 % full on node 1 of 2, full in ~10 h");

        // Under the warning too: 45 % growing 5 points an hour is full in 11 hours.
        assertThat(run(new DiskSpaceRule(), withHistory(disk(46_000), 20, 25, 30, 35, 40))).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void aSlowClimbIsAWarningWithItsForecastAndTooFewPointsGiveNone() {
        FindingDraft slow = run(new DiskSpaceRule(), withHistory(disk(81_000), 77.5, 78, 78.5, 79, 79.5)).get(0);
        assertThat(slow.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(slow, "hours_to_full")).isEqualTo(40.0);

        FindingDraft few = run(new DiskSpaceRule(), withHistory(disk(81_000), 72, 74, 76, 78)).get(0);
        assertThat(few.severity()).isEqualTo(Severity.WARNING);
        assertThat(few.evidence()).noneMatch(e -> e.name().equals("hours_to_full"));

        // A cleanup (a drop of more than a fifth) starts the trend again: the points before it are not fitted.
        assertThat(run(new DiskSpaceRule(), withHistory(disk(46_000), 70, 72, 74, 30, 40))).isEmpty();
    }

    @Test
    void theTablesThatGrewMostAreNamedByCatalogNameOrId() {
        WorkloadSnapshot w = disk(86_000).table(42, "sales", null, 1_000_000);
        Instant since = w.view().asOf().minus(Duration.ofHours(20));
        FindingDraft d = run(new DiskSpaceRule(), withPast(w, List.of(new OnCall.TableGrowth(42, 10_000, 18_000, since),
                new OnCall.TableGrowth(77, 500, 2_500, since)))).get(0);
        assertThat(d.evidence()).filteredOn(e -> e.name().equals("grown_table")).extracting(e -> e.value() + " " + e.detail())
                .containsExactly("8000.0 public.sales: 10000 -> 18000 MB since " + since, "2000.0 table id 77: 500 -> 2500 MB since " + since);
    }
}
