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
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadErrorRuleTest {

    static final long EVENTS = 200_100;
    static final Instant FAILED_LOAD = NOW.minus(Duration.ofMinutes(30));

    /** Two COPYs into public.events rejected lines: the first completed under MAXERROR, the second aborted. */
    static WorkloadSnapshot failing() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(EVENTS, "events", null, 5_000_000);
        w.builder().source(SnapshotData.LOADS, SnapshotBuilder.LOADS)
                .row(5001, 9501, 45020, "dev", "completed", "events", NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(2)), 9_999, 1)
                .row(5002, 9502, 45020, "dev", "aborted", "events", FAILED_LOAD, FAILED_LOAD.plusSeconds(20), 0, 3);
        w.builder().source(SnapshotData.LOAD_ERRORS, SnapshotBuilder.LOAD_ERRORS)
                .row(5001, EVENTS, NOW.minus(Duration.ofHours(2)), "s3://bucket/events/part-0001.gz", 17, "event_time", 1206,
                        "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]", 0)
                .row(5002, EVENTS, FAILED_LOAD, "s3://bucket/events/part-0002.gz", 4, "amount", 1207, "Invalid digit, Value 'x', Pos 0", 0)
                .row(5002, EVENTS, FAILED_LOAD, "s3://bucket/events/part-0002.gz", 9, "amount", 1207, "Invalid digit, Value 'x', Pos 0", 0)
                .row(5002, EVENTS, FAILED_LOAD, "s3://bucket/events/part-0002.gz", 11, "event_time", 1206,
                        "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]", 0);
        return w;
    }

    @Test
    void rejectedLinesOfATableAreAWarningWithTheirReasonsAndASample() {
        FindingDraft d = run(new LoadErrorRule(), failing().view()).get(0);
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(d.subject().name()).isEqualTo("events");
        assertThat(d.subject().id()).isEqualTo(EVENTS);
        assertThat(value(d, "rejected_lines")).isEqualTo(4);
        assertThat(value(d, "loads_with_errors")).isEqualTo(2);
        assertThat(value(d, "failed_copies")).isEqualTo(1);
        assertThat(detail(d, "top_reasons")).isEqualTo("1206 Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS] (x2); "
                + "1207 Invalid digit, Value 'x', Pos 0 (x2)");
        assertThat(detail(d, "sample")).isEqualTo("file s3://bucket/events/part-0002.gz, line 4, column amount, position 0, query 5002");
        assertThat(d.title()).isEqualTo("COPY into public.events rejected 4 lines in 2 loads (1 failed)");
        assertThat(run(new LoadErrorRule(), failing().view(TestThresholds.with(Map.of("load-errors.top-reasons", "1"))))
                .get(0).evidence()).anyMatch(e -> e.name().equals("top_reasons") && !e.detail().contains(";"));
        assertThat(run(new LoadErrorRule(), failing().view(TestThresholds.with(Map.of("load-errors.min-errors", "5"))))).isEmpty();
    }

    @Test
    void aCleanCopyAfterTheLastErrorResolvesIt() {
        Map<String, Finding> open = open(transitions(new LoadErrorRule(), failing().view(), Map.of()));
        assertThat(open).hasSize(1);

        WorkloadSnapshot fixed = failing();
        fixed.builder().source(SnapshotData.LOADS).row(5003, 9503, 45020, "dev", "completed", "events", FAILED_LOAD.plusSeconds(120),
                FAILED_LOAD.plusSeconds(150), 10_000, 0);
        assertThat(transitions(new LoadErrorRule(), fixed.view(), open)).singleElement().isInstanceOf(Transition.Resolved.class);

        // A clean COPY into a table of the same name in another database is not this table's.
        WorkloadSnapshot elsewhere = failing();
        elsewhere.builder().source(SnapshotData.LOADS).row(5004, 9504, 45020, "analytics", "completed", "events",
                FAILED_LOAD.plusSeconds(120), FAILED_LOAD.plusSeconds(150), 10_000, 0);
        assertThat(transitions(new LoadErrorRule(), elsewhere.view(), open)).singleElement().isInstanceOf(Transition.Refreshed.class);
    }

    @Test
    void beforeTheClusterTablesAreKnownLoadErrorsWaitRatherThanNameATableById() {
        WorkloadSnapshot noCatalog = WorkloadSnapshot.provisioned();
        // The failing load's rows, but no table health known yet (a fresh analyzer's first workload snapshot).
        noCatalog.builder().source(SnapshotData.LOADS, SnapshotBuilder.LOADS)
                .row(5002, 9502, 45020, "dev", "aborted", "events", FAILED_LOAD, FAILED_LOAD.plusSeconds(20), 0, 1);
        noCatalog.builder().source(SnapshotData.LOAD_ERRORS, SnapshotBuilder.LOAD_ERRORS)
                .row(5002, EVENTS, FAILED_LOAD, "s3://bucket/events/part-0002.gz", 4, "amount", 1207, "Invalid digit, Value 'x', Pos 0", 0);
        Map<String, Finding> open = open(transitions(new LoadErrorRule(), failing().view(), Map.of()));
        assertThat(transitions(new LoadErrorRule(), noCatalog.view(), Map.of())).isEmpty();
        // Nor does such a snapshot resolve what is open.
        assertThat(transitions(new LoadErrorRule(), noCatalog.view(), open)).isEmpty();
    }

    @Test
    void errorsThatLeftTheLookbackResolveIt() {
        Map<String, Finding> open = open(transitions(new LoadErrorRule(), failing().view(), Map.of()));
        WorkloadSnapshot quiet = WorkloadSnapshot.provisioned().table(EVENTS, "events", null, 5_000_000);
        quiet.builder().source(SnapshotData.LOADS, SnapshotBuilder.LOADS);
        quiet.builder().source(SnapshotData.LOAD_ERRORS, SnapshotBuilder.LOAD_ERRORS);
        assertThat(transitions(new LoadErrorRule(), quiet.view(), open)).singleElement().isInstanceOf(Transition.Resolved.class);
    }
}
