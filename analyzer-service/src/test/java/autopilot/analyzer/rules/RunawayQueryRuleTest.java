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

class RunawayQueryRuleTest {

    private static final String NIGHTLY = "insert into sales_summary select day, sum(amount) from sales group by day";
    private static final String ADHOC = "select * from clicks c join sessions s on c.session_id = s.session_id";

    /** A query of analyst (pid 45010, queue bi) running for this many seconds, after {@code finished} runs of its pattern of 50 min. */
    static WorkloadSnapshot running(String text, String label, double seconds, int finished) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        w.builder().source(SnapshotData.WLM_CONFIG, SnapshotBuilder.WLM_CONFIG).row(7, "bi", 5, 5, 1024, 1_800_000, "off", "normal");
        w.query("select 1", 7, "bi", NOW.minus(Duration.ofHours(1)), 0, 5); // some workload, so the window knows the queues
        for (int i = 0; i < finished; i++) w.query(text, 7, "bi", NOW.minus(Duration.ofHours(5)).plusSeconds(i), 0, 3_000_000);
        w.builder().source(SnapshotData.INFLIGHT, SnapshotBuilder.INFLIGHT).row(8001, 104, "analyst", 45010, 9010, label,
                NOW.minusMillis((long) (seconds * 1000)), 4, 7, text.substring(0, Math.min(100, text.length())), text);
        return w;
    }

    @Test
    void aQueryOfNoKnownPatternIsARunawayFromTheAbsoluteLimitWithCancelToCopy() {
        assertThat(run(new RunawayQueryRule(), running(ADHOC, "", 3599, 0).view())).isEmpty();

        List<FindingDraft> drafts = run(new RunawayQueryRule(), running(ADHOC, "", 3600, 0).view());
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.QUERY, "query 8001", null, null, 8001L));
            assertThat(value(d, "runtime_in_limits")).isEqualTo(1);
            assertThat(value(d, "running_seconds")).isEqualTo(3600);
            assertThat(value(d, "limit_seconds")).isEqualTo(3600);
            assertThat(value(d, "pid")).isEqualTo(45010);
            assertThat(detail(d, "user")).isEqualTo("analyst");
            assertThat(detail(d, "queue")).isEqualTo("bi, service class 7");
            // The queue's WLM timeout (30 min) is in the evidence: this query is one it does not stop.
            assertThat(value(d, "wlm_timeout_seconds")).isEqualTo(1800);
            assertThat(d.action().sql()).containsExactly("CANCEL 45010;",
                    "-- inside a transaction block (BEGIN ... END) CANCEL cannot stop it: SELECT PG_TERMINATE_BACKEND(45010);");
            assertThat(d.work()).isNull();
        });
    }

    @Test
    void aPatternThatUsuallyRunsLongIsJudgedAgainstTwiceItsP99() {
        // 20 runs of 50 minutes: the p99 reads as the bucket's upper edge, 2^22 ms (69.9 min), so the limit is 139.8 min.
        assertThat(run(new RunawayQueryRule(), running(NIGHTLY, "", 2 * 3600, 20).view())).isEmpty();
        FindingDraft d = run(new RunawayQueryRule(), running(NIGHTLY, "", 8400, 20).view()).get(0);
        assertThat(value(d, "pattern_p99_seconds")).isEqualTo(4194.304);
        assertThat(value(d, "limit_seconds")).isEqualTo(8389);
        assertThat(value(d, "pattern_queries")).isEqualTo(20);

        // With one run fewer the p99 is the maximum of a few: the absolute hour decides.
        assertThat(run(new RunawayQueryRule(), running(NIGHTLY, "", 2 * 3600, 19).view())).singleElement()
                .satisfies(x -> assertThat(value(x, "limit_seconds")).isEqualTo(3600));
        assertThat(run(new RunawayQueryRule(), running(NIGHTLY, "", 2 * 3600, 20)
                .view(TestThresholds.with(Map.of("runaway.p99-factor", "1"))))).hasSize(1);
    }

    @Test
    void autopilotsOwnMaintenanceIsNeverARunaway() {
        // STV_INFLIGHT shows the query group cut to 15 characters.
        assertThat(run(new RunawayQueryRule(), running(ADHOC, "autopilot-maint", 5 * 3600, 0).view())).isEmpty();
        assertThat(run(new RunawayQueryRule(), running(ADHOC, "autopilot-maintenance", 5 * 3600, 0).view())).isEmpty();
        assertThat(run(new RunawayQueryRule(), running("VACUUM SORT ONLY public.sales TO 80 PERCENT", "", 5 * 3600, 0).view())).isEmpty();
        assertThat(run(new RunawayQueryRule(), running(ADHOC, "autopilot", 5 * 3600, 0).view())).hasSize(1);
    }

    @Test
    void aGrowingAgeUpdatesTheFindingOnlyWhenItDoublesAndTheEndResolvesIt() {
        Map<String, Finding> open = open(transitions(new RunawayQueryRule(), running(ADHOC, "", 3700, 0).view(), Map.of()));
        assertThat(open).hasSize(1);
        assertThat(transitions(new RunawayQueryRule(), running(ADHOC, "", 5000, 0).view(), open))
                .singleElement().isInstanceOf(Transition.Refreshed.class);
        assertThat(transitions(new RunawayQueryRule(), running(ADHOC, "", 7300, 0).view(), open))
                .singleElement().isInstanceOf(Transition.Updated.class);

        // The query ended: the in-flight source is there without it.
        WorkloadSnapshot ended = WorkloadSnapshot.provisioned();
        ended.builder().source(SnapshotData.INFLIGHT, SnapshotBuilder.INFLIGHT);
        assertThat(transitions(new RunawayQueryRule(), ended.view(), open)).singleElement().isInstanceOf(Transition.Resolved.class);
    }
}
