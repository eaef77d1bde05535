package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.open;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static autopilot.analyzer.rules.WorkloadSnapshot.transitions;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Finding;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
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
}
