package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.BlockingSessionRuleTest.NOW;
import static autopilot.analyzer.rules.WlmQueueRuleTest.detail;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QmrActionRuleTest {

    /** Queue bi's log rule caught 12 queries over the day; its abort rule aborted {@code recentAborts} in the last hour and 3 earlier. */
    static WorkloadSnapshot actions(int recentAborts) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        SnapshotBuilder b = w.builder().source(SnapshotData.QMR_ACTIONS, SnapshotBuilder.QMR_ACTIONS);
        for (int i = 0; i < 12; i++) b.row(6000 + i, 101 + i % 2, 7, "bi", "bi_log_scan", "log", "", NOW.minus(Duration.ofHours(20 - i)));
        for (int i = 0; i < 3; i++) b.row(6100 + i, 104, 7, "bi", "bi_abort_long", "abort", "", NOW.minus(Duration.ofHours(5 + i)));
        for (int i = 0; i < recentAborts; i++) {
            b.row(6200 + i, 104, 7, "bi", "bi_abort_long", "abort", "", NOW.minus(Duration.ofMinutes(59 - i)));
        }
        return w;
    }

    private static Map<String, FindingDraft> byRule(WorkloadSnapshot w) {
        Map<String, FindingDraft> found = new java.util.TreeMap<>();
        run(new QmrActionRule(), w.view()).forEach(d -> found.put(d.subject().name(), d));
        return found;
    }

    @Test
    void aLoggingRuleIsInformationAndAnAbortingOneAWarningUntilItBursts() {
        Map<String, FindingDraft> found = byRule(actions(9));
        FindingDraft log = found.get("bi:rule:bi_log_scan");
        assertThat(log.severity()).isEqualTo(Severity.INFO);
        assertThat(log.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.QUEUE, "bi:rule:bi_log_scan", null, null, 7L));
        assertThat(value(log, "actions")).isEqualTo(12);
        assertThat(detail(log, "users")).isEqualTo("user id 101, user id 102");
        assertThat(detail(log, "sample_queries")).isEqualTo("6007, 6008, 6009, 6010, 6011, ...");
        assertThat(log.evidence()).noneMatch(e -> e.name().equals("aborts_last_hour"));

        FindingDraft abort = found.get("bi:rule:bi_abort_long");
        assertThat(abort.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(abort, "aborts_last_hour")).isEqualTo(9);
        assertThat(value(abort, "actions")).isEqualTo(12);
        assertThat(abort.action().sql()).isEmpty();

        FindingDraft burst = byRule(actions(10)).get("bi:rule:bi_abort_long");
        assertThat(burst.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(burst.title()).endsWith("10 aborted in the last hour");
    }

    @Test
    void theHeadlineIsTheAbortsOfTheLastHourSoALoggingRuleIsRefreshedAsItsCountGrows() {
        Map<String, Finding> open = open(transitions(new QmrActionRule(), actions(2).view(), Map.of()));
        assertThat(open).hasSize(2);
        WorkloadSnapshot more = actions(2);
        more.builder().source(SnapshotData.QMR_ACTIONS).row(6300, 101, 7, "bi", "bi_log_scan", "log", "", NOW.minus(Duration.ofMinutes(5)));
        List<Transition> next = transitions(new QmrActionRule(), more.view(), open);
        assertThat(next).hasSize(2).allMatch(t -> t instanceof Transition.Refreshed);
    }

    @Test
    void aSnapshotWithoutRuleActionsJudgesNothing() {
        Map<String, Finding> open = open(transitions(new QmrActionRule(), actions(0).view(), Map.of()));
        assertThat(transitions(new QmrActionRule(), WorkloadSnapshot.serverless().view(), open)).isEmpty();
    }
}
