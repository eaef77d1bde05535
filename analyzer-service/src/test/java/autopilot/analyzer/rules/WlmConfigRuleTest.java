package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.T0;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WlmConfigRuleTest {

    private static final String DASHBOARD = "select day, value from metrics_daily where account_id = 1";
    private static final String SCAN = "select account_id, count(*) from raw_events group by 1";

    /** Findings by subject name. */
    static Map<String, FindingDraft> advice(WorkloadSnapshot w) {
        List<FindingDraft> drafts = run(new WlmConfigRule(), w.view());
        assertThat(drafts).allMatch(d -> d.category() == FindingCategory.WLM_CONFIGURATION && d.severity() != Severity.CRITICAL);
        return drafts.stream().collect(Collectors.toMap(d -> d.subject().name(), Function.identity()));
    }

    /**
     * The saturated-wlm shape over 24 hours: in queue bi (5 slots, manual, scaling off) each hour 20 dashboards of 800 ms
     * wait 45 s behind one 4-minute scan; in the first hour six of those scans run at once.
     */
    static WorkloadSnapshot saturated(int slots, String scaling) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(7, "bi", slots, slots < 0 ? -1 : 1024, scaling);
        for (int h = 0; h < 24; h++) {
            Instant hour = T0.minusSeconds(3600L * 23).plusSeconds(3600L * h);
            for (int i = 0; i < 20; i++) w.query(DASHBOARD, 7, "bi", hour.plusSeconds(120L * i), 45_000, 800);
            w.query(SCAN, 7, "bi", hour.plusSeconds(60), 1_000, 240_000);
        }
        for (int i = 0; i < 5; i++) w.query(SCAN, 7, "bi", T0.minusSeconds(3600L * 23 - 70 - i), 0, 240_000);
        return w;
    }

    @Test
    void aLongTailGetsAMonitoringRuleAtARoundFigureAboveItsP99WithActionLog() {
        FindingDraft qmr = advice(saturated(5, "off")).get("bi:monitoring-rule");
        assertThat(qmr.severity()).isEqualTo(Severity.INFO);
        assertThat(value(qmr, "exec_p99")).isBetween(239.0, 241.0);
        assertThat(value(qmr, "rule_value")).isEqualTo(500);
        assertThat(value(qmr, "queries_over_rule")).isZero();
        String json = qmr.evidence().stream().filter(e -> e.name().equals("rule_json")).map(Evidence::detail).findFirst().orElseThrow();
        assertThat(json).isEqualTo("{\"rules\":[{\"rule_name\":\"long_bi\",\"predicate\":[{\"metric_name\":\"query_execution_time\","
                + "\"operator\":\">\",\"value\":500}],\"action\":\"log\"}]}");
        assertThat(qmr.action().runbook()).contains("Start with action log").contains("hop").contains("abort");
    }

    @Test
    void aQueueThatAlreadyHasARuleOnExecutionTimeGetsNoCandidate() {
        WorkloadSnapshot w = saturated(5, "off");
        w.builder().source(SnapshotData.QMR_CONFIG, SnapshotBuilder.QMR_CONFIG)
                .row(7, "bi_abort_long", "abort", "query_execution_time", ">", 120.0, "")
                .row(6, "etl_log_scan", "log", "scan_row_count", ">", 1e9, "");
        assertThat(advice(w)).doesNotContainKey("bi:monitoring-rule").containsKey("short-query-acceleration");

        // A rule on another metric, or on another queue, does not stand in for one.
        WorkloadSnapshot other = saturated(5, "off");
        other.builder().source(SnapshotData.QMR_CONFIG, SnapshotBuilder.QMR_CONFIG)
                .row(7, "bi_log_scan", "log", "scan_row_count", ">", 1e9, "")
                .row(6, "etl_abort_long", "abort", "query_execution_time", ">", 600.0, "");
        assertThat(advice(other)).containsKey("bi:monitoring-rule");
    }

    @Test
    void shortQueriesWaitingLongerThanTheyRunGetShortQueryAccelerationWithTheirShare() {
        FindingDraft sqa = advice(saturated(5, "off")).get("short-query-acceleration");
        assertThat(sqa.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(sqa, "short_queries_waiting_pct")).isEqualTo(100);
        assertThat(value(sqa, "short_queries_waiting")).isEqualTo(480);
        assertThat(value(sqa, "long_queries")).isEqualTo(29);
        assertThat(sqa.title()).contains("100% of queries under 5 s");
    }

    @Test
    void hoursOfWaitsWithScalingOffGetConcurrencyScalingAdvice() {
        FindingDraft scaling = advice(saturated(5, "off")).get("bi:concurrency-scaling");
        assertThat(value(scaling, "hours_waiting")).isEqualTo(24);
        assertThat(value(scaling, "queued_in_those_hours")).isEqualTo(504);
        assertThat(scaling.action().summary()).contains("\"concurrency_scaling\":\"auto\"");
        assertThat(advice(saturated(5, "auto"))).doesNotContainKey("bi:concurrency-scaling");
    }

    @Test
    void aManualQueueWhoseSlotsWereAllBusyWhileWaitingGetsSlotAdvice() {
        FindingDraft slots = advice(saturated(5, "off")).get("bi:slots");
        assertThat(value(slots, "peak_slots_in_use")).isEqualTo(7); // six scans and a dashboard at once in the first hour
        assertThat(slots.title()).contains("all 5 slots were busy");
    }

    @Test
    void automaticWlmGetsNoSlotAdvice() {
        assertThat(advice(saturated(-1, "off"))).doesNotContainKey("bi:slots").containsKey("bi:monitoring-rule");
    }

    @Test
    void idleSlotsOfAQueueThatSpillsGetAdvisorsReallocationAdvice() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(6, "etl", 8, 2048, "auto");
        for (int h = 0; h < 24; h++) {
            Instant hour = T0.minusSeconds(3600L * 23).plusSeconds(3600L * h);
            long a = w.query(SCAN, 6, "etl", hour, 0, 600_000);
            long b = w.query(SCAN, 6, "etl", hour.plusSeconds(60), 0, 600_000);
            w.diskStep(a, 1, "hjoin tbl=1", 1_000_000_000L).diskStep(b, 1, "hjoin tbl=1", 1_000_000_000L);
        }
        FindingDraft slots = advice(w).get("etl:slots");
        assertThat(value(slots, "peak_slots_in_use")).isEqualTo(2);
        assertThat(slots.action().summary()).isEqualTo("Lower queue etl from 8 to 3 slots (about 5461 MB per slot)");
    }

    @Test
    void slotsAreNotJudgedOnAFewHoursOfWorkload() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(6, "etl", 8, 2048, "auto").queue(7, "idle", 3, 512, "auto");
        long a = w.query(SCAN, 6, "etl", T0, 0, 600_000);
        w.diskStep(a, 1, "hjoin tbl=1", 1_000_000_000L);
        assertThat(advice(w)).isEmpty();
    }

    @Test
    void aQuietQueueOfShortQueriesGetsNothing() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(6, "Default queue", 5, 512, "off");
        for (int h = 0; h < 24; h++) {
            for (int i = 0; i < 10; i++) w.query(DASHBOARD, 6, "Default queue", T0.minusSeconds(3600L * h).plusSeconds(300L * i), 3, 120);
        }
        assertThat(advice(w)).isEmpty();
    }

    @Test
    void roundFiguresAndRuleNames() {
        assertThat(WlmConfigRule.roundAbove(240)).isEqualTo(500);
        assertThat(WlmConfigRule.roundAbove(100)).isEqualTo(200);
        assertThat(WlmConfigRule.roundAbove(0.4)).isEqualTo(1);
        assertThat(WlmConfigRule.roundAbove(1_700)).isEqualTo(2_000);
        assertThat(WlmConfigRule.ruleName("Default queue")).isEqualTo("long_default_queue");
        assertThat(WlmConfigRule.ruleName("x".repeat(40))).hasSize(32);
    }
}
