package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WorkloadSnapshot.T0;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.events.Attribution;
import autopilot.events.Evidence;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WlmQueueRuleTest {

    private static final String DASHBOARD = "select day, value from metrics_daily where account_id = 1";
    private static final String ETL = "insert into metrics_daily select ts::date, account_id, count(*) from raw_events group by 1, 2";

    /** The saturated-wlm scenario's shape: dashboards queue 45 s behind long ETL in a manual 5-slot queue. */
    private static WorkloadSnapshot saturated(String concurrencyScaling, int slots) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(7, "bi", slots, slots < 0 ? -1 : 1024, concurrencyScaling);
        Instant busy = T0;
        for (int i = 0; i < 15; i++) w.query(DASHBOARD, 7, "bi", busy.plusSeconds(60L * i), 45_000, 800);
        for (int i = 0; i < 3; i++) w.query(ETL, 7, "bi", busy.plusSeconds(100L * i), 0, 240_000);
        for (int i = 0; i < 12; i++) w.query(DASHBOARD, 7, "bi", busy.plusSeconds(3600 + 60L * i), i < 2 ? 500 : 0, 800);
        return w;
    }

    static double value(FindingDraft d, String name) {
        return d.evidence().stream().filter(e -> e.name().equals(name)).map(Evidence::value).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence " + name + " in " + d.evidence()));
    }

    static String detail(FindingDraft d, String name) {
        return d.evidence().stream().filter(e -> e.name().equals(name)).map(Evidence::detail).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence " + name + " in " + d.evidence()));
    }

    @Test
    void worstHourOfAManualQueueIsJudgedWithItsWaitsAndAdvice() {
        List<FindingDraft> drafts = run(new WlmQueueRule(), saturated("off", 5).view());

        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.QUEUE, "bi", null, null, 7L));
        double share = 100.0 * 15 * 45_000 / (15 * 45_000 + 15 * 800 + 3 * 240_000);
        assertThat(value(d, "worst_hour_queue_share")).isCloseTo(share, within(0.01));
        assertThat(detail(d, "worst_hour_queue_share")).isEqualTo(T0.toString());
        assertThat(d.severity()).isEqualTo(Severity.WARNING); // 48 %: over 20, under the critical 50
        assertThat(value(d, "worst_hour_wait_p50")).isCloseTo(45_000, within(450.0));
        assertThat(value(d, "worst_hour_wait_p95")).isCloseTo(45_000, within(450.0));
        assertThat(value(d, "worst_hour_queued")).isEqualTo(15);
        assertThat(value(d, "worst_hour_queries")).isEqualTo(18);
        assertThat(value(d, "hours_over_threshold")).isEqualTo(1); // the quiet second hour stays under
        assertThat(value(d, "window_queries")).isEqualTo(30);
        assertThat(value(d, "slots")).isEqualTo(5);
        assertThat(detail(d, "wlm_mode")).isEqualTo("manual");
        assertThat(d.action().summary()).contains("automatic WLM").contains("5 slots");
        assertThat(d.action().runbook()).contains("short query acceleration").contains("concurrency scaling to auto");
        assertThat(d.action().sql()).isEmpty();
        assertThat(d.benefit().value()).isCloseTo(15 * 45 + 2 * 0.5, within(0.5)); // s/day over a one-day window
    }

    @Test
    void theFindingNamesTheUserAndQueryGroupWhoseQueriesCauseMostOfTheQueueWait() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(7, "bi", 5, 1024, "off").user(100, "dashboard").user(101, "etl_user");
        for (int i = 0; i < 12; i++) w.query(ETL, 7, "bi", T0.plusSeconds(60L * i), 60_000, 1_000, 101, "etl_nightly");
        for (int i = 0; i < 6; i++) w.query(DASHBOARD, 7, "bi", T0.plusSeconds(60L * i), 10_000, 800, 100, "default");

        FindingDraft d = run(new WlmQueueRule(), w.view()).get(0);

        double etlShare = 100.0 * 12 * 60 / (12 * 60 + 6 * 10);
        assertThat(d.attribution()).hasSize(4);
        Attribution top = d.attribution().get(0);
        assertThat(top.by()).isEqualTo(Attribution.By.USER);
        assertThat(top.name()).isEqualTo("etl_user");
        assertThat(top.sharePct()).isCloseTo(etlShare, within(0.1));
        assertThat(top.value()).isEqualTo(720.0);
        assertThat(top.unit()).isEqualTo("s");
        assertThat(d.attribution().get(1)).extracting(Attribution::name, Attribution::by).containsExactly("dashboard", Attribution.By.USER);
        assertThat(d.attribution().get(2)).extracting(Attribution::name, Attribution::by)
                .containsExactly("etl_nightly", Attribution.By.QUERY_GROUP);
        assertThat(d.explanation()).endsWith(" etl_user causes 92 % of the queue wait (query group etl_nightly 92 %).");
        assertThat(detail(d, "top_users")).isEqualTo("etl_user 92 % (720 s), dashboard 7.7 % (60 s)");
    }

    @Test
    void aUserTheUsersSourceDoesNotNameIsNamedByItsId() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(7, "bi", 5, 1024, "off");
        for (int i = 0; i < 12; i++) w.query(ETL, 7, "bi", T0.plusSeconds(60L * i), 60_000, 1_000, 101, "default");

        FindingDraft d = run(new WlmQueueRule(), w.view()).get(0);

        assertThat(d.attribution().get(0).name()).isEqualTo("user 101");
        assertThat(d.explanation()).endsWith(" user 101 causes 100 % of the queue wait.");
    }

    @Test
    void automaticWlmWithScalingOnGetsNeitherSwitchNorScalingAdviceAndHalfWaitingIsCritical() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(100, "auto", -1, -1, "auto");
        for (int i = 0; i < 20; i++) w.query(DASHBOARD, 100, "auto", T0.plusSeconds(30L * i), 5_000, 1_000);

        FindingDraft d = run(new WlmQueueRule(), w.view()).get(0);

        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(detail(d, "wlm_mode")).isEqualTo("automatic");
        assertThat(d.action().summary()).doesNotContain("Switch to automatic WLM");
        assertThat(d.action().summary() + d.action().runbook()).contains("already auto").contains("query_priority")
                .doesNotContain("short query acceleration");
    }

    @Test
    void hoursWithFewQueuedQueriesAreNotJudged() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 9; i++) w.query(DASHBOARD, 7, "bi", T0.plusSeconds(60L * i), 600_000, 800);

        assertThat(run(new WlmQueueRule(), w.view())).isEmpty();
    }

    @Test
    void superuserAndSystemQueuesAreNotJudged() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 20; i++) w.query(DASHBOARD, 5, "Superuser", T0.plusSeconds(60L * i), 60_000, 800);

        assertThat(run(new WlmQueueRule(), w.view())).isEmpty();
    }

    @Test
    void withoutCollectedConfigurationTheAdviceSaysSoAndStillNamesTheQueue() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 12; i++) w.query(DASHBOARD, 6, "Default queue", T0.plusSeconds(60L * i), 10_000, 1_000);

        FindingDraft d = run(new WlmQueueRule(), w.view()).get(0);

        assertThat(d.subject().name()).isEqualTo("Default queue");
        assertThat(d.action().summary()).contains("its setting was not collected");
    }

    @Test
    void queriesWithoutServiceClassRaiseNothing() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 20; i++) w.query(DASHBOARD, null, null, T0.plusSeconds(60L * i), 60_000, 800);

        assertThat(run(new WlmQueueRule(), w.view())).isEmpty();
    }

    @Test
    void serverlessHasNoQueuesAndSoNoFinding() {
        // The same queued workload in service class 6 raises a finding on a provisioned cluster and
        // none on Serverless, whose queries source (SYS_QUERY_HISTORY) carries no service class:
        // only the cluster kind differs between the two.
        WorkloadSnapshot provisioned = WorkloadSnapshot.provisioned();
        WorkloadSnapshot serverless = WorkloadSnapshot.serverless();
        for (int i = 0; i < 20; i++) {
            provisioned.query(DASHBOARD, 6, "Default queue", T0.plusSeconds(60L * i), 60_000, 800);
            serverless.query(DASHBOARD, 6, "Default queue", T0.plusSeconds(60L * i), 60_000, 800);
        }

        assertThat(run(new WlmQueueRule(), provisioned.view())).hasSize(1);
        assertThat(run(new WlmQueueRule(), serverless.view())).isEmpty();
    }

    @Test
    void emptyWorkloadRaisesNothing() {
        assertThat(run(new WlmQueueRule(), WorkloadSnapshot.provisioned().view())).isEmpty();
    }

    @Test
    void aSingleQueryIsNotEnoughToJudge() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        w.query(DASHBOARD, 7, "bi", T0, Duration.ofMinutes(30).toMillis(), 800);

        assertThat(run(new WlmQueueRule(), w.view())).isEmpty();
    }
}
