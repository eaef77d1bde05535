package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.BlockingSessionRuleTest.NOW;
import static autopilot.analyzer.rules.WlmQueueRuleTest.detail;
import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitQueueRuleTest {

    /** {@code count} commits ending in the hour from {@code hour}, each after waiting {@code waitMs} behind {@code queue} others. */
    static void commits(WorkloadSnapshot w, Instant hour, int count, long waitMs, int queue) {
        SnapshotBuilder b = w.builder().source(SnapshotData.COMMITS, SnapshotBuilder.COMMITS);
        for (int i = 0; i < count; i++) {
            Instant queued = hour.plusSeconds(60L * i);
            Instant work = queued.plusMillis(waitMs);
            b.row(9000 + i, queued, work, work.plusMillis(300), queue, 3);
        }
    }

    @Test
    void theWorstHourWithEnoughCommitsIsAWarningAdvisingToBatch() {
        Instant quietHour = NOW.minus(Duration.ofHours(5));
        Instant busyHour = NOW.minus(Duration.ofHours(3));
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        commits(w, quietHour, 19, 60_000, 2); // long waits, but too few commits to judge
        commits(w, busyHour, 20, 12_000, 6);

        List<FindingDraft> drafts = run(new CommitQueueRule(), w.view());
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.CLUSTER, "commit-queue", null, null, null));
            assertThat(value(d, "commit_queue_p95_seconds")).isBetween(11.9, 12.1);
            assertThat(value(d, "commits_that_hour")).isEqualTo(20);
            assertThat(value(d, "max_queue_length")).isEqualTo(6);
            assertThat(detail(d, "hour")).isEqualTo(busyHour.toString());
            assertThat(d.action().summary()).contains("Batch");
        });
    }

    @Test
    void waitsUnderTheThresholdOrTooFewCommitsAreNotJudged() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        commits(w, NOW.minus(Duration.ofHours(3)), 40, 9_900, 6);
        assertThat(run(new CommitQueueRule(), w.view())).isEmpty();
        assertThat(run(new CommitQueueRule(), w.view(TestThresholds.with(Map.of("commit.queue-p95-seconds", "9"))))).hasSize(1);

        WorkloadSnapshot few = WorkloadSnapshot.provisioned();
        commits(few, NOW.minus(Duration.ofHours(3)), 19, 30_000, 6);
        assertThat(run(new CommitQueueRule(), few.view())).isEmpty();
    }

    @Test
    void aSnapshotWithoutCommitsJudgesNothing() {
        assertThat(run(new CommitQueueRule(), WorkloadSnapshot.serverless().view())).isEmpty();
        assertThat(new CommitQueueRule().sources()).containsExactly(SnapshotData.COMMITS);
    }
}
