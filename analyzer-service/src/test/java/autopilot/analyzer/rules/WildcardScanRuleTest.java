package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.detail;
import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.T0;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WildcardScanRuleTest {

    private static final int CLUSTER = 2;
    private static final int AQUA = WorkloadAggregator.AQUA_SCAN_TYPE;
    private static final long TICKETS = 42;

    private static Instant at(Duration ago) {
        return T0.plus(Duration.ofHours(5)).minus(ago);
    }

    private static long like(WorkloadSnapshot w, String word, Instant start, int type, double seconds, long rows) {
        long q = w.query("select count(*) from support_tickets where body like '%" + word + "%'", start, seconds * 1000 + 100);
        w.scan(q, TICKETS, "support_tickets", type, rows, start, seconds, false);
        return q;
    }

    /**
     * The redshift-sim aqua scenario's queries as the collector reads them back (STL_SCAN type and
     * times per query and table), all within the window here.
     */
    private static WorkloadSnapshot simAquaScenario() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(TICKETS, "support_tickets", "opened_at", 450_000_000);
        like(w, "refund", at(Duration.ofMinutes(30 * 10)), CLUSTER, 9.3, 1_200_000);
        like(w, "chargeback", at(Duration.ofMinutes(29 * 10)), CLUSTER, 9.25, 300_000);
        like(w, "outage", at(Duration.ofMinutes(28 * 10)), CLUSTER, 9.35, 80_000);
        like(w, "refund", at(Duration.ofHours(5)), AQUA, 41.0, 1);
        like(w, "invoice", at(Duration.ofMinutes(290)), AQUA, 1.7, 1);
        like(w, "login", at(Duration.ofMinutes(280)), AQUA, 1.68, 1);
        long similar = w.query("select max(opened_at) from support_tickets where subject similar to '%(outage|downtime)%'",
                at(Duration.ofMinutes(270)), 1800);
        w.scan(similar, TICKETS, "support_tickets", AQUA, 1, at(Duration.ofMinutes(270)), 1.72, false);
        long group = w.query("select subject, count(*) from support_tickets where body like '%refund%' group by subject",
                at(Duration.ofMinutes(260)), 1900);
        w.scan(group, TICKETS, "support_tickets", AQUA, 2500, at(Duration.ofMinutes(260)), 1.75, false);
        long distinct = w.query("select distinct subject from support_tickets where body like '%refund%'",
                at(Duration.ofMinutes(250)), 12500);
        w.scan(distinct, TICKETS, "support_tickets", AQUA, 1_200_000, at(Duration.ofMinutes(250)), 9.8, false);
        like(w, "cancel", at(Duration.ofMinutes(240)), AQUA, 1.7, 1);
        like(w, "upgrade", at(Duration.ofMinutes(230)), AQUA, 1.69, 1);
        long ranged = w.query("select count(*) from support_tickets where opened_at >= '2026-11-01'", at(Duration.ofHours(3)), 400);
        w.scan(ranged, TICKETS, "support_tickets", CLUSTER, 9_000_000, at(Duration.ofHours(3)), 0.35, true);
        return w;
    }

    @Test
    void simulatorAquaScenarioShowsFirstTouchBreakEvenAndUnpushedDistinct() {
        List<FindingDraft> drafts = run(new WildcardScanRule(), simAquaScenario().view());

        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.severity()).isEqualTo(Severity.INFO);
        assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.TABLE, "support_tickets", "dev", "public", TICKETS));
        assertThat(value(d, "wildcard_scans")).isEqualTo(11);
        assertThat(value(d, "aqua_scans")).isEqualTo(8);
        assertThat(value(d, "first_aqua_scan")).isCloseTo(41.0, within(1e-6));
        assertThat(value(d, "steady_aqua_scan")).isCloseTo(1.7, within(1e-6)); // median of 7: the slow DISTINCT scan does not move it
        assertThat(value(d, "cluster_scan")).isCloseTo(9.3, within(1e-6)); // the range-restricted scan is no baseline
        assertThat(value(d, "aqua_first_touch_cost")).isCloseTo(39.3, within(1e-6));
        assertThat(value(d, "aqua_break_even_queries")).isEqualTo(6); // ceil(39.3 / 7.6), as the scenario's comment says
        assertThat(d.explanation()).contains("the window had 8 AQUA scans, so AQUA came out ahead");
        assertThat(value(d, "aqua_distinct_rows")).isEqualTo(1_200_000);
        assertThat(d.title()).contains("DISTINCT not pushed down");
        assertThat(d.action().summary()).contains("sort key opened_at");
        assertThat(d.action().sql()).containsExactly(
                "SELECT query, type, starttime, endtime, rows, bytes FROM stl_scan WHERE tbl = 42 AND type IN (2, 35) ORDER BY starttime;");
    }

    @Test
    void wildcardScansWithoutAquaAreFullScansOnTheCluster() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 3; i++) like(w, "x" + i, T0.plusSeconds(60L * i), CLUSTER, 9 + i, 10);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(d.subject().name()).isEqualTo("support_tickets"); // no SVV_TABLE_INFO: STL_SCAN's name
        assertThat(value(d, "aqua_scans")).isZero();
        assertThat(value(d, "cluster_scan")).isEqualTo(10);
        assertThat(d.title()).isEqualTo("support_tickets: 3 wildcard scans read the whole table");
        assertThat(d.evidence()).noneMatch(e -> e.name().startsWith("aqua_first") || e.name().startsWith("aqua_break"));
    }

    @Test
    void fewWildcardScansWithoutFirstTouchAreNotReported() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "a", T0, CLUSTER, 9, 10);
        like(w, "b", T0.plusSeconds(60), CLUSTER, 9, 10);

        assertThat(run(new WildcardScanRule(), w.view())).isEmpty();
    }

    @Test
    void aFirstTouchIsReportedEvenWithFewScans() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "a", T0, AQUA, 40, 1);
        like(w, "b", T0.plusSeconds(60), AQUA, 2, 1);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(value(d, "aqua_first_touch_cost")).isEqualTo(38);
        assertThat(d.explanation()).contains("cannot be compared");
        assertThat(d.evidence()).noneMatch(e -> e.name().equals("aqua_break_even_queries") || e.name().equals("cluster_scan"));
    }

    @Test
    void firstAquaScanNotMarkedlySlowerMakesNoFirstTouchClaim() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "a", T0, AQUA, 4.5, 1); // 2.6x the steady state: one slow slice, not a copy
        for (int i = 1; i < 4; i++) like(w, "b" + i, T0.plusSeconds(60L * i), AQUA, 1.7, 1);
        long q = w.query("select count(*) from support_tickets where subject = 'x'", T0.plusSeconds(600), 9000);
        w.scan(q, TICKETS, "support_tickets", CLUSTER, 10, T0.plusSeconds(600), 9.3, false);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(d.evidence()).noneMatch(e -> e.name().equals("aqua_first_touch_cost") || e.name().equals("aqua_break_even_queries"));
        assertThat(value(d, "aqua_saving_per_scan")).isCloseTo(7.6, within(1e-9));
        assertThat(detail(d, "cluster_scan")).isEqualTo("full scans of the table on the cluster (no wildcard)");
        assertThat(d.title()).contains("AQUA serves 4 wildcard scans in 1.7 s against 9.3 s on the cluster");
        assertThat(d.explanation()).contains("not markedly slower");
    }

    @Test
    void aSingleAquaScanHasNoSteadyStateYet() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "a", T0, AQUA, 40, 1);
        for (int i = 1; i < 3; i++) like(w, "b" + i, T0.plusSeconds(60L * i), CLUSTER, 9.3, 1);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(value(d, "aqua_scans")).isEqualTo(1);
        assertThat(d.explanation()).contains("only one AQUA scan");
        assertThat(d.evidence()).noneMatch(e -> e.name().equals("steady_aqua_scan"));
    }

    @Test
    void firstTouchSpreadOverTwoHoursIsStillTheEarliestScan() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "late", T0.plus(Duration.ofHours(2)), AQUA, 1.6, 1);
        like(w, "first", T0.minus(Duration.ofMinutes(1)), AQUA, 41, 1); // ends in the same hour, starts earlier
        like(w, "mid", T0.plus(Duration.ofHours(1)), AQUA, 1.8, 1);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(value(d, "first_aqua_scan")).isEqualTo(41);
        assertThat(value(d, "steady_aqua_scan")).isCloseTo(1.7, within(1e-9));
    }

    @Test
    void serverlessScansHaveNoScanTypeAndAreClusterScans() {
        WorkloadSnapshot w = WorkloadSnapshot.serverless();
        for (int i = 0; i < 3; i++) {
            long q = w.query("select count(*) from logs where line like '%timeout%'", null, null, T0.plusSeconds(60L * i), 0, 5000);
            w.scan(q, 7, "logs", 0, 100, T0.plusSeconds(60L * i), 4.5, false);
        }

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(value(d, "cluster_scan")).isEqualTo(4.5); // from SYS_QUERY_DETAIL.duration
        assertThat(d.action().sql().get(0)).startsWith("SELECT query_id, step_name").contains("sys_query_detail")
                .contains("table_id = 7");
    }

    @Test
    void aScanWithoutTableNameIsNamedByItsId() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 3; i++) {
            long q = w.query("select 1 from t where c like '%x%'", T0.plusSeconds(60L * i), 100);
            w.scan(q, 9, null, AQUA, 1, T0.plusSeconds(60L * i), 1, false);
        }
        List<FindingDraft> drafts = run(new WildcardScanRule(), w.view());
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).subject().name()).isEqualTo("table 9");
    }

    @Test
    void emptyWorkloadAndNonWildcardScansRaiseNothing() {
        assertThat(run(new WildcardScanRule(), WorkloadSnapshot.provisioned().view())).isEmpty();
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 5; i++) {
            long q = w.query("select count(*) from support_tickets where body like 'refund%'", T0.plusSeconds(60L * i), 100);
            w.scan(q, TICKETS, "support_tickets", CLUSTER, 1, T0.plusSeconds(60L * i), 0.1, true);
        }
        assertThat(run(new WildcardScanRule(), w.view())).isEmpty(); // a prefix pattern can use zone maps
    }

    @Test
    void aDistinctAquaCouldNotPushDownIsAFindingEvenWhenItRanOnce() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(TICKETS, "support_tickets", "opened_at", 450_000_000);
        long distinct = w.query("select distinct subject from support_tickets where body like '%refund%'", T0, 14_000);
        w.scan(distinct, TICKETS, "support_tickets", AQUA, 3_400_000, T0, 12.5, false);

        List<FindingDraft> drafts = run(new WildcardScanRule(), w.view());

        assertThat(drafts).hasSize(1); // one wildcard scan, far below the minimum of 3: hidden before
        FindingDraft d = drafts.get(0);
        assertThat(d.title()).isEqualTo("public.support_tickets: 1 wildcard scans served by AQUA; DISTINCT not pushed down");
        // The reason for the finding leads, so a resolve says what went away.
        assertThat(d.evidence().stream().filter(e -> e.threshold() != null).findFirst().orElseThrow().name())
                .isEqualTo("aqua_distinct_rows");
        assertThat(value(d, "aqua_distinct_rows")).isEqualTo(3_400_000);
        assertThat(d.evidence()).filteredOn(e -> e.name().equals("aqua_distinct_rows")).hasSize(1);
        assertThat(d.explanation()).contains("returned 3400000 rows to the cluster");
        assertThat(d.action().runbook()).contains("GROUP BY c");
    }

    @Test
    void aPushedDownDistinctRanOnceIsNoFinding() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        long distinct = w.query("select distinct subject from support_tickets where body like '%refund%'", T0, 2000);
        w.scan(distinct, TICKETS, "support_tickets", AQUA, 14, T0, 1.7, false); // a few rows per AQUA processor

        assertThat(run(new WildcardScanRule(), w.view())).isEmpty();
    }

    @Test
    void aFirstTouchTheDaysQueriesDidNotPayBackSaysAquaCostsMoreThanItSaves() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(TICKETS, "support_tickets", "opened_at", 450_000_000);
        like(w, "refund", T0, AQUA, 41, 1);
        like(w, "invoice", T0.plusSeconds(600), AQUA, 1.7, 1);
        long full = w.query("select count(*) from support_tickets where subject = 'x'", T0.plusSeconds(1200), 9400);
        w.scan(full, TICKETS, "support_tickets", CLUSTER, 10, T0.plusSeconds(1200), 9.3, false);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        // The investigation's figures: (41 - 1.7) / (9.3 - 1.7) = 5.2, so 6 queries; the day had 2.
        assertThat(d.title()).isEqualTo("public.support_tickets: AQUA costs more than it saves: 2 wildcard queries served by"
                + " AQUA in the last day, break-even 6, 24 s lost");
        assertThat(value(d, "aqua_break_even_queries")).isEqualTo(6);
        assertThat(value(d, "aqua_scans")).isEqualTo(2);
        assertThat(value(d, "aqua_seconds_lost")).isCloseTo(41 + 1.7 - 2 * 9.3, within(1e-9));
        assertThat(d.evidence().stream().filter(e -> e.threshold() != null).findFirst().orElseThrow().name())
                .isEqualTo("aqua_seconds_lost");
        assertThat(d.explanation()).contains("the window had only 2 AQUA scans, so AQUA made them slower overall");
    }

    @Test
    void aSingleAquaScanSlowerThanTheClusterIsAFindingWithItsFewestBreakEven() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "refund", T0, AQUA, 41, 1);
        like(w, "invoice", T0.plusSeconds(600), CLUSTER, 9.3, 1);

        List<FindingDraft> drafts = run(new WildcardScanRule(), w.view());

        assertThat(drafts).hasSize(1); // two wildcard scans and no steady state: hidden before
        FindingDraft d = drafts.get(0);
        assertThat(value(d, "aqua_seconds_lost")).isCloseTo(41 - 9.3, within(1e-9));
        assertThat(value(d, "aqua_break_even_queries_at_least")).isEqualTo(5); // 41 / 9.3 = 4.4
        assertThat(d.title()).contains("AQUA costs more than it saves: 1 wildcard queries served by AQUA in the last day,"
                + " break-even at least 5, 32 s lost");
        assertThat(d.explanation()).contains("at least 5 such queries to pay that back");
    }

    @Test
    void aFirstTouchPaidBackWithinTheDayIsNoLoss() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        like(w, "first", T0, AQUA, 41, 1);
        for (int i = 1; i < 7; i++) like(w, "b" + i, T0.plusSeconds(60L * i), AQUA, 1.7, 1);
        long full = w.query("select count(*) from support_tickets where subject = 'x'", T0.plusSeconds(1200), 9400);
        w.scan(full, TICKETS, "support_tickets", CLUSTER, 10, T0.plusSeconds(1200), 9.3, false);

        FindingDraft d = run(new WildcardScanRule(), w.view()).get(0);

        assertThat(d.title()).contains("paid back after 6 queries").doesNotContain("costs more");
        assertThat(d.evidence()).noneMatch(e -> e.name().equals("aqua_seconds_lost"));
    }
}
